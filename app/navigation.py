"""The dashboard's pages, in menu order: the config dashboard.py hands to st.navigation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from app.sidebar import CURRENT

ROOT = Path(__file__).resolve().parent.parent
RERAN = "through_entrypoint_reran"


@dataclass(frozen=True)
class PageSpec:
    """One page: its file under the project folder, menu title and URL path.

    No icons: a page icon becomes the browser tab's favicon, and Material icons are fetched from Google's servers.
    """

    path: str
    title: str
    url_path: str  # the file's name without .py: what Streamlit's legacy pages/ mode serves (see through_entrypoint)


PAGES = [
    PageSpec("pages/overview.py", "Overview", "overview"),
    PageSpec("pages/chapters.py", "Chapters and articles", "chapters"),
    PageSpec("pages/regions.py", "Regions", "regions"),
    PageSpec("pages/types.py", "Types of assistance", "types"),
    PageSpec("pages/country.py", "Country profile", "country"),
    PageSpec("pages/explorer.py", "Needs explorer", "explorer"),
    PageSpec("pages/quality.py", "Data quality and provenance", "quality"),
    PageSpec("pages/oral_update.py", "Oral update", "oral_update"),
    PageSpec("pages/presentation.py", "Presentation", "presentation"),
]
# Pages with scope controls of their own: the sidebar filters are hidden there (and kept for the other pages). The
# review page works on one document at a time, chosen by its own selectors.
OWN_SCOPE = frozenset({"oral_update", "review"})
# Outside pages/ on purpose: Streamlit's legacy pages/ mode could otherwise serve it in the ordinary dashboard.
REVIEW_PAGE = PageSpec("editor/review.py", "Review and correct", "review")


def specs(*, editor: bool = False) -> list[PageSpec]:
    """The pages of the menu: the review page only in editor mode."""
    return PAGES + [REVIEW_PAGE] if editor else PAGES


def pages(root: Path = ROOT, *, editor: bool = False) -> list[st.Page]:
    """st.Page objects for st.navigation, the first one the default."""
    return [st.Page(str(root / spec.path), title=spec.title, url_path=spec.url_path,
                    default=index == 0) for index, spec in enumerate(specs(editor=editor))]


class PageEnd(Exception):
    """A page ending early: the rest of it is not drawn, but dashboard.py still draws what comes after the page."""


def end_page() -> NoReturn:
    """End the page here. Unlike st.stop(), the run goes on after the page: the sidebar filters are drawn after
    it (sidebar.draw_filters), and a run that does not draw them forgets their values."""
    raise PageEnd


def through_entrypoint() -> None:
    """Rerun through dashboard.py when Streamlit ran this page file on its own.

    With a pages/ folder beside the entry script, a fresh server runs the first request for /regions in Streamlit's
    legacy multipage mode, i.e. pages/regions.py alone, without the sidebar filters, until some run has called
    st.navigation. Leaving legacy mode and rerunning sends the request through dashboard.py, which opens the same page.
    When a hall opens the link at once, several sessions start in legacy mode and only the first sees the flag still
    set: the others are recognised by not having been through the sidebar filters yet (once per session, so a page
    run on its own cannot loop).
    """
    came_through = CURRENT in st.session_state  # set by dashboard.py's shared_filters() before page.run()
    if PagesManager.uses_pages_directory or not (came_through or st.session_state.get(RERAN)):
        PagesManager.uses_pages_directory = False
        st.session_state[RERAN] = True
        st.rerun()


def default_by_name() -> None:
    """Let /overview open the Overview instead of showing "Page not found".

    Streamlit serves the default page at the root only: a typed or bookmarked /overview names no page it knows and
    gets the not-found notice before the main page. Asking for it by name is turned into asking for the default.
    """
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.pages_manager.intended_page_name == PAGES[0].url_path:
        ctx.pages_manager.set_script_intent(ctx.pages_manager.intended_page_script_hash or "", "")
