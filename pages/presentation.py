"""Presentation mode: one chart per screen for a session room, stepped with buttons or the keyboard."""

from __future__ import annotations

import html
from datetime import date

import streamlit as st

from app import cached, navigation, queries, slides
from app.oral_update import Point, Scope, build_update
from app.sidebar import current_filters

navigation.through_entrypoint()

NEXT, PREVIOUS = "Next ›", "‹ Previous"
SLIDE, WRITTEN, OWN = "presentation_slide", "presentation_slide_in_url", "presentation_param_"
SOURCES = {"filters": "Filtered needs", "update": "Oral update"}
KEYS_FRAME = "Slide keys"  # title of the hidden frame whose script adds the keys; the CSS below hides it by this
OWN_PARAMS = ("source", "as_of")  # cycle is also a shared filter, which the sidebar keeps

# No Streamlit chrome: the room sees only the slide. Banners from dashboard.py are hidden too. The slide is a column
# as tall as the window: title, scope, takeaway, then the chart takes what is left, down to the height its bars need
# (below that the page scrolls); the controls stay pinned to the bottom edge, so they are on screen at any size and
# zoom. Sizes are in CSS pixels, which browser zoom enlarges, so the layout follows zoom as it follows the window.
st.html("""<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"], [data-testid="stAlert"],
[data-testid="stSidebarNav"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 0.5rem 2rem 0 2rem !important; max-width: 100% !important; height: 100vh;}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {
  height: max(100%, var(--slide-min, 0px)); display: flex; flex-direction: column; flex-wrap: nowrap;
  gap: 0.4rem;}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > * {flex-shrink: 0;}
h1 {font-size: clamp(32px, 4.2vh, 88px) !important; padding: 0 !important; line-height: 1.15 !important;}
[data-testid="stMarkdownContainer"] p {font-size: clamp(24px, 2.8vh, 60px) !important; line-height: 1.3;}
[data-testid="stMarkdownContainer"] p.slide-scope {font-size: clamp(24px, 2.2vh, 44px) !important; color: #3E4C59;}
[data-testid="stMarkdownContainer"] p.slide-sentence {font-size: clamp(36px, 6vh, 120px) !important;
  line-height: 1.25; padding: 6vh 0;}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > :has(> .st-key-slide-chart) {
  flex: 1 1 0; min-height: var(--slide-chart-min, 320px);}
.st-key-slide-chart, .st-key-slide-chart > [data-testid="stElementContainer"],
.st-key-slide-chart [data-testid="stPlotlyChart"] {height: 100% !important;}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > :has(> .st-key-slide-controls) {
  position: sticky; bottom: 0; background: #FFFFFF; z-index: 10; padding: 0.2rem 0;}
.st-key-slide-controls button p, .st-key-slide-controls [data-baseweb="select"] div {font-size: 24px !important;
  white-space: nowrap !important; overflow: visible !important;}
.st-key-slide-controls [data-testid="stColumn"]:has(button) {min-width: max-content;}
.st-key-slide-controls [data-testid="stColumn"]:has([data-baseweb="select"]) {min-width: 11em;}
[data-testid="stElementContainer"]:has(iframe[title="Slide keys"]) {display: none;}
</style>""")

# Space, PageDown and PageUp click the buttons too (Left/Right are the buttons' own shortcuts).
st.iframe(f"""<script>
const doc = window.parent.document;
if (!doc.__slideKeys) {{
  doc.__slideKeys = true;
  doc.addEventListener("keydown", (e) => {{
    const label = {{"PageDown": "{NEXT}", " ": "{NEXT}", "PageUp": "{PREVIOUS}"}}[e.key];
    if (!label) return;
    const button = [...doc.querySelectorAll("button")].find((b) => b.innerText.includes(label));
    if (button) {{ e.preventDefault(); button.click(); }}
  }});
}}
</script>""", height=1, alt=KEYS_FRAME)


def _param(name: str) -> str | None:
    # The page writes its own parameters back to the URL; a value there that differs from what it last wrote comes
    # from a pasted link and wins, otherwise the choice made on the page (kept in the session) stands.
    value = st.query_params.get(name)
    if value and value != st.session_state.get(f"{WRITTEN}{name}"):
        st.session_state[f"{OWN}{name}"] = value.strip()
    return st.session_state.get(f"{OWN}{name}")


def _update_slides() -> list[slides.Slide]:
    cycle = _param("cycle")
    as_of = _param("as_of")
    try:
        scope = Scope(int(cycle) if cycle else 2)
        point = Point(on=date.fromisoformat(as_of)) if as_of else Point()
    except ValueError:
        return [slides.empty_slide("The link's cycle or as_of date is not valid (use cycle=2&as_of=2024-06-30).")]
    return slides.slides_for_update(build_update(cached.connection(), scope, point))


def _slides() -> list[slides.Slide]:
    if cached.problem():
        return [slides.empty_slide("No warehouse loaded yet.")]
    if _param("source") not in SOURCES:
        st.session_state[f"{OWN}source"] = "filters"
    deck = _update_slides() if _param("source") == "update" else slides.slides_for_filters(
        cached.connection(), current_filters())
    return deck or [slides.empty_slide("No needs match the filters.")]


def _index(count: int) -> int:
    # A slide number in the URL that differs from what this page last wrote is a pasted link: it wins.
    raw = st.query_params.get("slide")
    if raw and raw != st.session_state.get(WRITTEN):
        try:
            st.session_state[SLIDE] = int(raw)
        except ValueError:
            st.session_state[SLIDE] = 1
    k = min(max(int(st.session_state.get(SLIDE, 1)), 1), count)
    st.session_state[SLIDE] = k
    st.session_state[WRITTEN] = str(k)
    return k


def _keep_in_url(k: int) -> None:
    for name in OWN_PARAMS:
        if st.session_state.get(f"{OWN}{name}"):
            st.query_params[name] = st.session_state[f"{WRITTEN}{name}"] = st.session_state[f"{OWN}{name}"]
    st.query_params["slide"] = str(k)


def _restart() -> None:
    st.session_state[SLIDE] = 1


def _go(step: int) -> None:
    st.session_state[SLIDE] = int(st.session_state.get(SLIDE, 1)) + step


def _chart_min_height(slide: slides.Slide) -> int:
    # The height below which the bars and their wrapped names would no longer fit: a line of 24-pixel text per
    # name line plus the gap between bars, and room for the axis.
    if slide.figure is None:
        return 0
    lines = 0
    for trace in slide.figure.data:
        names = getattr(trace, "y", None) if getattr(trace, "orientation", None) == "h" else None
        lines += sum(str(name).count("<br>") + 1 for name in names) if names is not None else 6
    return 60 + 32 * max(lines, 3)


deck = _slides()
k = _index(len(deck))
_keep_in_url(k)
slide = deck[k - 1]
st.title(slide.title)
if slide.subtitle:
    st.markdown(f"<p class='slide-scope'>{html.escape(slide.subtitle)}</p>", unsafe_allow_html=True)
if slide.figure is None:
    # One category: the sentence says it all, larger than a chart's one bar would.
    st.markdown(f"<p class='slide-sentence'>{html.escape(slide.takeaway)}</p>", unsafe_allow_html=True)
else:
    st.markdown(slide.takeaway)
    # The column is as tall as the window or as the slide's least height, whichever is more: title, scope and
    # takeaway (about 40 pixels a line), the chart's least height and the controls.
    least = _chart_min_height(slide)
    text_lines = 3 + len(slide.takeaway) // 90 + len(slide.subtitle) // 110
    st.html(f"<style>:root {{--slide-chart-min: {least}px; --slide-min: {least + 44 * text_lines + 80}px;}}</style>")
    figure = slide.figure.update_layout(height=None, autosize=True)
    with st.container(key="slide-chart"):
        st.plotly_chart(figure, config={"displayModeBar": False, "staticPlot": True, "responsive": True},
                        theme=None, key=f"slide-{k}", height="stretch")
if slide.note:
    st.markdown(f"<p class='slide-scope'>{html.escape(slide.note)}</p>", unsafe_allow_html=True)
with st.container(key="slide-controls"):
    previous, counter, source, following = st.columns([1, 4, 1.4, 1], vertical_alignment="center")
previous.button(PREVIOUS, on_click=_go, args=(-1,), disabled=k == 1, shortcut="Left", key="slide-previous")
sample = "" if cached.problem() or not cached.run(queries.warehouse_facts)["is_sample"] else \
    " · Illustrative sample data — not official"
counter.markdown(f"<p style='text-align:center'>Slide {k} of {len(deck)}{sample}</p>", unsafe_allow_html=True)
# The presenter may switch decks here: the sidebar, hidden on this page, drops source= from a link on arrival.
source.selectbox("Slides from", list(SOURCES), key=f"{OWN}source", label_visibility="collapsed",
                 format_func=SOURCES.get, on_change=_restart)
following.button(NEXT, on_click=_go, args=(1,), disabled=k == len(deck), shortcut="Right", key="slide-next")
