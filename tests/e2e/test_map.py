"""End to end: the Regions map zooms to the selected group, shows three states, and a click on a State sets the
State filter and the link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"), reason="needs Debian's /usr/bin/chromium (CI installs it)"
)]
sync_api = pytest.importorskip("playwright.sync_api")


def test_a_click_on_the_map_sets_the_state_filter_and_the_link(server, tmp_path):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(viewport={"width": 1500, "height": 1400})
        blocked: list[str] = []
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL)
                  else (blocked.append(route.request.url), route.abort()))
        try:
            tab.goto(f"{server}/regions?group=African%20States&chapter=III")
            tab.get_by_role("heading", name="Regions").wait_for(timeout=60_000)
            plot = tab.locator(".js-plotly-plot", has=tab.locator(".choroplethlayer"))
            plot.locator(".choroplethlocation").first.wait_for(timeout=60_000)
            plot.scroll_into_view_if_needed()
            tab.wait_for_timeout(1500)
            # Zoomed to the group: Nigeria spans more than a few pixels.
            states = plot.locator(".choroplethlayer .trace").first.locator(".choroplethlocation")
            boxes = [states.nth(i).bounding_box() for i in range(states.count())]
            assert len(boxes) == 2  # Kenya and Nigeria have chapter III needs; Côte d'Ivoire was not reviewed on it
            nigeria = boxes[1]  # in the order of the trace: Kenya, Nigeria
            assert nigeria["width"] > 60, nigeria
            tab.screenshot(path=str(tmp_path / "map.png"))
            tab.mouse.click(nigeria["x"] + nigeria["width"] / 2, nigeria["y"] + nigeria["height"] / 2)
            tab.wait_for_url("**state=NGA**", timeout=30_000)
            tab.get_by_text("needs behind", exact=False).first.wait_for(timeout=30_000)
            assert "group=African" in tab.url and "chapter=3" in tab.url.replace("chapter=III", "chapter=3")
        finally:
            browser.close()
    assert not blocked, blocked
