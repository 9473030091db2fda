"""The hall display setting (display=hall in the link): every page's text and chart text at 24 px or more at
1920x1080, for a wall screen read from the back of a room, with the sidebar folded away."""

from __future__ import annotations

import streamlit as st

PARAM, HALL = "display", "hall"
KEY = "display_mode"
MIN_PX = 24
# Streamlit draws text from rem sizes of 14-16 px; in the hall every text is at least MIN_PX, headings above it.
# Tables are drawn on a canvas that CSS fonts do not reach, so they are enlarged as a whole (CSS zoom).
CSS = f"""<style>
[data-testid="stAppViewContainer"] *:not(h1):not(h2):not(h3):not(h1 *):not(h2 *):not(h3 *):not(svg *)
  :not([data-testid="stMetricValue"] *) {{
  font-size: max({MIN_PX}px, 1em) !important;}}
[data-testid="stAppViewContainer"] h1, [data-testid="stAppViewContainer"] h1 * {{font-size: 52px !important;}}
[data-testid="stAppViewContainer"] h2, [data-testid="stAppViewContainer"] h2 * {{font-size: 40px !important;}}
[data-testid="stAppViewContainer"] h3, [data-testid="stAppViewContainer"] h3 * {{font-size: 32px !important;}}
[data-testid="stDataFrame"] {{zoom: 1.75;}}
[data-testid="stMetricValue"] * {{font-size: 56px !important;}}
</style>"""


def mode() -> str:
    """'hall' when the link (or an earlier run of this session) asked for the hall display, else ''."""
    asked = st.query_params.get(PARAM)
    if asked is not None:
        st.session_state[KEY] = HALL if asked.strip().casefold() == HALL else ""
    return st.session_state.get(KEY, "")


def is_hall() -> bool:
    """Whether this run shows the hall display."""
    return mode() == HALL


def apply() -> None:
    """Fold the sidebar and enlarge every text when in hall mode; keep the setting in the link across pages."""
    if not is_hall():
        return
    st.set_page_config(initial_sidebar_state="collapsed")
    st.query_params[PARAM] = HALL
    st.html(CSS)
