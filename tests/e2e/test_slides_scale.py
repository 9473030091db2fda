"""End to end: every slide fits the screen at 1280x720, a maximised 1920x937 and 3840x2160, at browser zoom 100 and
200 per cent: nothing cut, names whole, controls on screen; a shared link's slide names its scope."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM, local_only

SCREENS = [(1280, 720), (1920, 937), (3840, 2160)]
ZOOMS = [1, 2]
MIN_FONT_PX = 18

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"), reason="needs Debian's /usr/bin/chromium (CI installs it)"
)]


def _open(browser, width: int, height: int, zoom: int):
    # Browser zoom at z per cent shows the page in a CSS viewport z times smaller, drawn at z device pixels per
    # CSS pixel: the same as this context.
    context = browser.new_context(viewport={"width": width // zoom, "height": height // zoom},
                                  device_scale_factor=zoom)
    context.route("**/*", local_only)
    return context, context.new_page()


def _wait_for_slide(tab, k: int) -> tuple[int, int]:
    counter = tab.get_by_text(re.compile(rf"^Slide {k} of \d+")).last
    counter.wait_for(timeout=60_000)
    tab.wait_for_url(re.compile(rf"slide={k}(&|$)"), timeout=30_000)
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
    tab.wait_for_timeout(700)  # plotly lays out its labels after the first paint
    return k, int(counter.inner_text().split(" of ")[1].split()[0])


def _check(tab, name: str) -> None:
    viewport = tab.viewport_size
    width, height = viewport["width"], viewport["height"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: scrolls sideways"
    for label in ("Next", "Previous"):
        box = tab.get_by_role("button", name=label).bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= height + 1, f"{name}: {label} off screen"
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"{name}: {label} off screen"
    texts = tab.eval_on_selector_all("h1, [data-testid=stMarkdownContainer] p, .main-svg text", """els => els
        .filter(e => e.textContent.trim()).map(e => [e.textContent, parseFloat(getComputedStyle(e).fontSize)])""")
    assert not [t for t, _ in texts if "…" in t or "..." in t], f"{name}: a name is cut"
    small = [(t, s) for t, s in texts if s < MIN_FONT_PX]
    assert not small, f"{name}: text below {MIN_FONT_PX} px: {small[:3]}"
    # Scrolled to the end, every bar name and value lies inside the window, above the pinned controls.
    tab.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 1e6)")
    tab.wait_for_timeout(200)
    controls = tab.get_by_role("button", name="Next").bounding_box()["y"]
    boxes = tab.eval_on_selector_all(".main-svg text", """els => els.filter(e => e.textContent.trim())
        .map(e => { const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.right, r.bottom]; })""")
    for text, left, right, bottom in boxes:
        assert left >= -1 and right <= width + 1, f"{name}: {text!r} cut at the side"
        assert bottom <= controls + 2, f"{name}: {text!r} hidden under the controls"
    tab.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")


@pytest.mark.parametrize("zoom", ZOOMS, ids=lambda z: f"zoom{100 * z}")
@pytest.mark.parametrize(("width", "height"), SCREENS, ids=lambda v: str(v))
def test_every_slide_fits_the_screen(browser, server, width, height, zoom, tmp_path):
    context, tab = _open(browser, width, height, zoom)
    try:
        tab.goto(f"{server}/presentation?slide=1")
        k, n = _wait_for_slide(tab, 1)
        assert n >= 4
        tab.locator("h1").first.click()
        for k in range(1, n + 1):
            if k > 1:
                tab.get_by_role("button", name="Next").click()
                _wait_for_slide(tab, k)
            _check(tab, f"{width}x{height} at {100 * zoom}%, slide {k}")
            tab.screenshot(path=str(tmp_path / f"slide-{k}.png"))
    finally:
        context.close()


def test_a_shared_link_opens_a_slide_that_names_its_scope(browser, server):
    context, tab = _open(browser, 1920, 1080, 1)
    try:
        tab.goto(f"{server}/presentation?group=African%20States&chapter=II&slide=2")
        _wait_for_slide(tab, 2)
        scope = tab.locator("p.slide-scope").first.inner_text()
        assert "African States; chapter II" in scope and "run 20261120T093000Z-ab12" in scope
        # One chapter in scope: the chapter slide is one sentence, not a chart with one bar.
        assert tab.locator("h1").first.inner_text() == "Needs by chapter"
        assert "All 6 needs in scope fall under chapter II" in tab.locator("p.slide-sentence").inner_text()
    finally:
        context.close()
