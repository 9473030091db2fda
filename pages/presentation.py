"""Presentation mode: one chart per screen for a session room, stepped with buttons or the keyboard."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app import cached, navigation, queries, slides
from app.oral_update import Point, Scope, build_update
from app.sidebar import current_filters

navigation.through_entrypoint()

NEXT, PREVIOUS = "Next ›", "‹ Previous"
SLIDE, WRITTEN, OWN = "presentation_slide", "presentation_slide_in_url", "presentation_param_"
CHARS_PER_LINE, LINE_HEIGHT, MIN_CHART_HEIGHT = 100, 45, 380  # takeaway at 30 px on a 1920-pixel screen
SOURCES = {"filters": "Filtered needs", "update": "Oral update"}
KEYS_FRAME = "Slide keys"  # title of the hidden frame whose script adds the keys; the CSS below hides it by this
OWN_PARAMS = ("source", "as_of")  # cycle is also a shared filter, which the sidebar keeps

# No Streamlit chrome: the room sees only the slide. Banners from dashboard.py are hidden too.
st.html("""<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"], [data-testid="stAlert"],
[data-testid="stSidebarNav"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 1rem 2rem 0 2rem !important; max-width: 100% !important;}
html, body {overflow: hidden;}
h1 {font-size: 44px !important; padding: 0 !important;}
[data-testid="stMarkdownContainer"] p {font-size: 30px !important;}
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


deck = _slides()
k = _index(len(deck))
_keep_in_url(k)
slide = deck[k - 1]

st.title(slide.title)
st.markdown(slide.takeaway)
# A long oral-update sentence wraps; the chart gives up the room so the buttons stay on screen.
lines = -(-len(slide.takeaway) // CHARS_PER_LINE)
slide.figure.update_layout(height=max(MIN_CHART_HEIGHT, slides.HEIGHT - LINE_HEIGHT * (lines - 1)))
st.plotly_chart(slide.figure, config={"displayModeBar": False, "staticPlot": True}, theme=None, key=f"slide-{k}")
previous, counter, source, following = st.columns([1, 4, 1, 1], vertical_alignment="center")
previous.button(PREVIOUS, on_click=_go, args=(-1,), disabled=k == 1, shortcut="Left", key="slide-previous")
sample = "" if cached.problem() or not cached.run(queries.warehouse_facts)["is_sample"] else \
    " · Illustrative sample data — not official"
counter.markdown(f"<p style='text-align:center;font-size:28px'>Slide {k} of {len(deck)}{sample}</p>",
                 unsafe_allow_html=True)
# The presenter may switch decks here: the sidebar, hidden on this page, drops source= from a link on arrival.
source.selectbox("Slides from", list(SOURCES), key=f"{OWN}source", label_visibility="collapsed",
                 format_func=SOURCES.get, on_change=_restart)
following.button(NEXT, on_click=_go, args=(1,), disabled=k == len(deck), shortcut="Right", key="slide-next")
