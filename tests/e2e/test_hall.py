"""End to end: the hall display (display=hall) at 1920x1080 sets every page's text and chart text to 24 px or more
with the sidebar folded; /overview opens the Overview without a "Page not found" notice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import navigation

CHROMIUM = Path("/usr/bin/chromium")
LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
MIN_PX = 24
HALL_PAGES = [spec.url_path for spec in navigation.PAGES if spec.url_path not in ("presentation", "oral_update")]

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"), reason="needs Debian's /usr/bin/chromium (CI installs it)"
)]
sync_api = pytest.importorskip("playwright.sync_api")

# Every element on screen that holds text of its own, with its font size (canvas tables are checked apart).
OWN_TEXT = """() => [...document.querySelectorAll('[data-testid=stAppViewContainer] *')].filter(e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    // Off-screen helpers (the skip link shown on keyboard focus) lie above or left of the page.
    return r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && s.visibility !== 'hidden' &&
           s.display !== 'none' &&
           [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  }).map(e => [e.tagName, e.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])"""


@pytest.fixture(scope="module")
def tab():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL) else route.abort())
        yield page
        browser.close()


def _ready(tab) -> None:
    tab.locator("h1").first.wait_for(timeout=60_000)
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && "
                          "!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
    tab.wait_for_timeout(800)


def test_overview_by_name_is_not_a_missing_page(tab, server):
    tab.goto(f"{server}/overview")
    _ready(tab)
    assert tab.locator("h1").first.inner_text() == "Technical-assistance needs"
    tab.wait_for_timeout(1500)
    assert tab.get_by_text("Page not found").count() == 0


@pytest.mark.parametrize("path", HALL_PAGES)
def test_hall_display_makes_every_text_large(tab, server, path, tmp_path):
    tab.goto(f"{server}/{path}?display=hall&group=African%20States")
    _ready(tab)
    tab.screenshot(path=str(tmp_path / f"{path}.png"), full_page=True)
    sidebar = tab.locator("[data-testid=stSidebar]")
    assert sidebar.get_attribute("aria-expanded") == "false" or not sidebar.is_visible()
    small = [t for t in tab.evaluate(OWN_TEXT) if t[2] < MIN_PX]
    assert not small, f"{path}: text below {MIN_PX} px: {small[:5]}"
    charts = tab.eval_on_selector_all(".main-svg text", """els => els.filter(e => e.textContent.trim())
        .map(e => [e.textContent.slice(0, 30), parseFloat(getComputedStyle(e).fontSize)])""")
    assert not [c for c in charts if c[1] < MIN_PX], f"{path}: chart text below {MIN_PX} px"
    families = tab.eval_on_selector_all(".main-svg text", "els => [...new Set(els.map(e => e.style.fontFamily))]")
    assert all("Source Sans" in f and "Arial" not in f for f in families if f), families
    # Tables are drawn on a canvas at 14 px; the hall display enlarges them as a whole.
    zooms = tab.eval_on_selector_all("[data-testid=stDataFrame]", "els => els.map(e => getComputedStyle(e).zoom)")
    assert all(float(z) * 14 >= MIN_PX for z in zooms)
    assert "display=hall" in tab.url
