"""The shared filters in the sidebar: restored from the link on a session's first run, written back to the URL."""

from __future__ import annotations

import streamlit as st

from app.filters import CYCLE_LABELS, PAGE_PARAMS, PARAMS, TYPE_LABELS, FilterOptions, Filters, from_params

WIDGETS = {attr: f"filter_{attr}" for attr in PARAMS.values()}
RESTORED = "filters_restored"
NOTES = "filter_notes"
CURRENT = "filters"


def _url_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _restore(options: FilterOptions) -> None:
    filters, notes = from_params(_url_params(), options)
    for attr, key in WIDGETS.items():
        value = getattr(filters, attr)
        st.session_state[key] = value if attr == "search" else list(value)
    st.session_state[NOTES] = notes
    st.session_state[RESTORED] = True


def _keep_known(options: FilterOptions) -> None:
    # A newly published load may no longer hold a value chosen earlier; a widget given an unknown value would fail.
    known = {"cycles": set(options.cycles), "groups": {g for g, _ in options.groups},
             "states": {s for s, _ in options.states}, "chapters": {c for c, _ in options.chapters},
             "articles": {a for a, _ in options.articles}, "types": set(options.types)}
    for attr, allowed in known.items():
        key = WIDGETS[attr]
        if key in st.session_state:
            st.session_state[key] = [v for v in st.session_state[key] if v in allowed]


def clear_filters() -> None:
    """Reset every shared filter (a button callback)."""
    for attr, key in WIDGETS.items():
        st.session_state[key] = "" if attr == "search" else []
    st.session_state[NOTES] = []


def choose_state(iso3: str | None) -> None:
    """Make the State filter exactly this State (used by the Country profile)."""
    st.session_state[WIDGETS["states"]] = [iso3] if iso3 else []


def shared_filters(options: FilterOptions) -> Filters:
    """The filters of this run, from the link on a session's first run and from the widgets after; the URL mirrors
    them. The widgets themselves are drawn by draw_filters, after the page (see there)."""
    if not st.session_state.get(RESTORED):
        _restore(options)
    _keep_known(options)
    state = st.session_state

    def value(attr: str) -> list:
        # A value the browser did not send (a client that sends only the widget it changed) is the widget's
        # default, as drawing the widget would make it.
        return list(state.get(WIDGETS[attr], []))

    filters = Filters(
        cycles=tuple(sorted(value("cycles"))), groups=tuple(value("groups")), states=tuple(value("states")),
        chapters=tuple(sorted(value("chapters"))), articles=tuple(sorted(value("articles"))),
        types=tuple(value("types")), search=" ".join(str(state.get(WIDGETS["search"], "")).split()),
    )
    own = {name: st.query_params.get_all(name) for name in st.query_params if name in PAGE_PARAMS}
    st.query_params.from_dict({**own, **filters.to_params()})
    state[CURRENT] = filters
    return filters


def draw_filters(options: FilterOptions) -> None:
    """The filter widgets, in the current container (dashboard.py: a box at the top of the sidebar), holding the
    values shared_filters read at the start of the run.

    Drawn after the page's content: a first visit then asks for the charts' JavaScript (plotly.js, 4.7 MB) before
    the thirty small files of the widgets, instead of queueing it behind them (app/bench_first_paint.py). A widget's
    new value is in the session state before the run starts, so reading it before drawing it is the same value.
    """
    groups, states = dict(options.groups), dict(options.states)
    chapters, articles = dict(options.chapters), dict(options.articles)
    st.header("Filters")
    st.multiselect("Review cycle", list(options.cycles), key=WIDGETS["cycles"],
                   format_func=lambda c: CYCLE_LABELS.get(c, f"Cycle {c}"), placeholder="All cycles")
    st.multiselect("Regional group", list(groups), key=WIDGETS["groups"], placeholder="All groups")
    st.multiselect("State", list(states), key=WIDGETS["states"], format_func=lambda s: states.get(s, s),
                   placeholder="All States")
    st.multiselect("Chapter", list(chapters), key=WIDGETS["chapters"],
                   format_func=lambda c: chapters.get(c, str(c)), placeholder="All chapters")
    st.multiselect("Article", list(articles), key=WIDGETS["articles"],
                   format_func=lambda a: f"Art. {a} {articles.get(a, '')}"[:70], placeholder="All articles")
    st.multiselect("Type of assistance", list(options.types), key=WIDGETS["types"],
                   format_func=lambda t: TYPE_LABELS.get(t, t), placeholder="All types")
    st.text_input("Search the needs", key=WIDGETS["search"], max_chars=200, placeholder="e.g. training",
                  help="In English, French and Spanish at once: accents, case and word endings do not matter, "
                       "and a term of the glossary also finds its translations (training finds formation and "
                       "capacitación). The Matched column says which term was found.")
    st.button("Clear filters", on_click=clear_filters, width="stretch")
    st.caption("The filters apply to every page and are part of the link: copy the address to share this view.")


def keep_hidden_filters() -> None:
    """On a page that sets its own scope: show no filters, but keep their values for the other pages.

    Streamlit forgets the value of a widget that is not drawn in a run; re-assigning the key keeps it.
    """
    for key in WIDGETS.values():
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    with st.sidebar:
        st.caption("This page sets its own scope; the shared filters apply to the other pages and are kept.")


def current_filters() -> Filters:
    """The filters set in the sidebar on this run."""
    return st.session_state.get(CURRENT, Filters())


def link_notes() -> list[str]:
    """Notes about link values that were ignored, shown once and then dropped."""
    return st.session_state.pop(NOTES, [])
