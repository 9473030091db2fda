"""End to end: the presentation page at 1920x1080 in Debian's Chromium, stepped by keyboard and buttons."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ARTIFACTS / "presentation"
LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WIDTH, HEIGHT = 1920, 1080
MIN_FONT_PX = 18

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"), reason="needs Debian's /usr/bin/chromium (CI installs it)"
)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def page(server):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        blocked: list[str] = []

        def only_local(route):
            if route.request.url.startswith(LOCAL):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        tab.route("**/*", only_local)
        tab.blocked = blocked
        yield tab
        browser.close()


def counter(tab) -> str:
    locator = tab.get_by_text(re.compile(r"^Slide \d+ of \d+")).last
    locator.wait_for(timeout=30_000)
    return locator.inner_text()


def wait_for_slide(tab, k: int, n: int) -> None:
    tab.get_by_text(f"Slide {k} of {n}", exact=False).last.wait_for(timeout=30_000)
    tab.wait_for_url(re.compile(rf"slide={k}(&|$)"), timeout=30_000)
    tab.locator(".main-svg text").first.wait_for(timeout=30_000)
    tab.wait_for_timeout(600)  # let plotly finish laying out its labels


def check_screen(tab, name: str) -> None:
    sizes = tab.eval_on_selector_all(
        ".main-svg text",
        "els => els.filter(e => e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes, "no chart text on the slide"
    assert min(sizes) >= MIN_FONT_PX, f"{name}: chart text at {min(sizes)} px"
    width, height = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert width <= WIDTH and height <= HEIGHT, f"{name}: page is {width}x{height}"
    box = tab.locator(".main-svg").first.bounding_box()
    assert box["y"] + box["height"] <= HEIGHT and box["x"] + box["width"] <= WIDTH
    for label in ("Next", "Previous"):
        button = tab.get_by_role("button", name=label).bounding_box()
        assert button["y"] + button["height"] <= HEIGHT, f"{name}: the {label} button is off screen"
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"))


def test_steps_through_the_slides_by_keyboard_and_buttons(page, server):
    page.goto(f"{server}/presentation")
    text = counter(page)
    n = int(text.split(" of ")[1].split()[0])
    assert n >= 4
    # The first request can run the page once on its own before the rerun through dashboard.py; let that settle.
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=30_000)
    page.wait_for_url(re.compile(r"slide=1"), timeout=30_000)
    page.wait_for_timeout(1500)
    wait_for_slide(page, 1, n)
    page.locator("h1").first.click()  # keyboard focus on the document, as after a presenter's first click
    check_screen(page, "filters-1")
    keys = ["ArrowRight", "Space", "PageDown"]
    for k in range(2, n + 1):
        page.keyboard.press(keys[(k - 2) % len(keys)])
        wait_for_slide(page, k, n)
        assert f"slide={k}" in page.url
        check_screen(page, f"filters-{k}")
    page.keyboard.press("PageUp")
    wait_for_slide(page, n - 1, n)
    page.keyboard.press("ArrowLeft")
    wait_for_slide(page, n - 2, n)
    page.get_by_role("button", name="Next").click()
    wait_for_slide(page, n - 1, n)
    page.get_by_role("button", name="Previous").click()
    wait_for_slide(page, n - 2, n)
    assert not page.blocked, page.blocked


def test_presents_the_oral_update(page, server):
    page.goto(f"{server}/presentation?cycle=2")
    counter(page)
    page.wait_for_timeout(1500)
    page.locator("[data-testid=stSelectbox]").click()
    page.get_by_role("option", name="Oral update").click()
    page.get_by_role("heading", name="Executive summaries").wait_for(timeout=30_000)
    page.wait_for_timeout(1500)  # the old deck's counter can linger for a moment after the new title
    n = int(counter(page).split(" of ")[1].split()[0])
    for k in range(1, n + 1):
        wait_for_slide(page, k, n)
        check_screen(page, f"update-{k}")
        if k < n:
            page.get_by_role("button", name="Next").click()
    assert not page.blocked, page.blocked
