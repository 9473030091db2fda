"""End to end: every chart of every chart page is drawn once. plotly.js widens a margin that its labels, colour bar
or legend spill over and then draws the chart again; app/chart_margins.py sets margins that already fit, measured
in the page's own font. Checked on the real server in Chromium, on a laptop screen and on the hall display."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM, local_only

PAGES = ["overview", "chapters", "regions", "types", "country?state=KEN"]
SCREENS = {"laptop": ({"width": 1400, "height": 900}, ""), "hall": ({"width": 1920, "height": 1080}, "display=hall")}

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"), reason="needs Debian's /usr/bin/chromium (CI installs it)"
)]

# Per chart: its title, the margins it was given and the room plotly.js found it needed (_size: after any push).
MARGINS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(g => {
  const L = g._fullLayout;
  return {title: L.title.text, given: L.margin, drawn: L._size}; })"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", PAGES)
def test_no_chart_needs_its_margins_widened(browser, server, path, screen):
    viewport, display = SCREENS[screen]
    page = browser.new_page(viewport=viewport)
    try:
        page.route("**/*", local_only)
        page.goto(f"{server}/{path}" + (("&" if "?" in path else "?") + display if display else ""))
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0",
                               timeout=60_000, polling=100)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
        page.wait_for_timeout(1000)  # every chart of the page drawn, and redrawn had it needed to be
        drawn = page.evaluate(MARGINS)
    finally:
        page.close()
    assert drawn, f"{path}: no chart drawn"
    widened = [(c["title"], side, c["given"][side], c["drawn"][side]) for c in drawn for side in "lrtb"
               if c["drawn"][side] > c["given"][side]]
    assert not widened, f"{path} ({screen}): plotly.js widened margins and drew again: {widened}"
