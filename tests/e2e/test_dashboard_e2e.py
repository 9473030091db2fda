"""End to end: `streamlit run dashboard.py` on localhost driven by Debian's Chromium, with the network blocked."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from openpyxl import load_workbook

from app import navigation
from tests.e2e.conftest import ARTIFACTS

CHROMIUM = Path("/usr/bin/chromium")
LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"), reason="needs Debian's /usr/bin/chromium (CI installs it)"
)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1400}, accept_downloads=True)
    context.blocked = []  # every request that tried to leave localhost, for every tab of this context

    def route(request_route):
        url = request_route.request.url
        if url.startswith(LOCAL):
            request_route.continue_()
        else:
            context.blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    yield context.new_page()
    context.close()


def wait_ready(tab, text: str) -> None:
    tab.get_by_text(text, exact=False).first.wait_for(timeout=60_000)
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    # Charts show as skeletons until plotly.js has loaded; a screenshot should show them drawn.
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]') && [...document"
                          ".querySelectorAll('[data-testid=\"stPlotlyChart\"]')].every(c => c.querySelector("
                          "'.js-plotly-plot'))", timeout=60_000)
    tab.wait_for_timeout(800)


def metric(tab, label: str) -> str:
    name = tab.locator("[data-testid='stMetricLabel']", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    box = tab.locator("[data-testid='stMetric']").filter(has=name).first
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_every_page_opens_offline(server, page):
    for index, spec in enumerate(navigation.PAGES):
        page.goto(f"{server}/{spec.url_path if index else ''}")  # the default page lives at the root
        wait_ready(page, "Illustrative sample data")
        assert page.locator("[data-testid='stException']").count() == 0, spec.path
        if spec.url_path == "regions":
            page.locator(".choroplethlocation").first.wait_for(timeout=30_000)
            page.locator(".js-plotly-plot").nth(1).scroll_into_view_if_needed()
        shot(page, f"page-{spec.url_path}")
    assert page.context.blocked == []


def test_filter_link_and_downloads(server, page, tmp_path):
    page.goto(f"{server}/")
    wait_ready(page, "Technical-assistance needs")
    assert metric(page, "Needs") == "32"
    page.get_by_label("Regional group").first.click()
    page.get_by_role("option", name="African States").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('group=African')", timeout=30_000)
    wait_ready(page, "Showing African States")
    assert metric(page, "Needs") == "13"
    shot(page, "filter-african-states")

    # Plotly's drag layer sits over the bars: click where the first bar is, as a person would.
    bar = page.locator(".js-plotly-plot .bars .point path").first.bounding_box()
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    page.get_by_text("6 needs", exact=True).first.wait_for(timeout=30_000)
    wait_ready(page, "Ch. II Preventive measures")
    page.get_by_text("6 needs", exact=True).first.scroll_into_view_if_needed()
    shot(page, "drill-down-click")

    query = urlparse(page.url).query
    link = f"{server}/explorer?{query}&chapter=II&type=capacity-building"
    fresh = page.context.new_page()
    fresh.goto(link)
    wait_ready(fresh, "needs")
    wait_ready(fresh, "4 needs")
    assert parse_qs(urlparse(fresh.url).query)["group"] == ["African States"]
    shot(fresh, "explorer-from-link")

    with fresh.expect_download() as got:
        fresh.get_by_role("button", name="Download CSV").click()
    data = Path(got.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 4 and {r["Regional group"] for r in rows} == {"African States"}
    with fresh.expect_download() as got:
        fresh.get_by_role("button", name="Download Excel (.xlsx)").click()
    assert got.value.suggested_filename.endswith(".xlsx")
    # The file's name says which needs it holds; its About sheet says the same and where they come from.
    assert got.value.suggested_filename.startswith("ta-needs_african-states_chapter-ii_capacity-building_")
    got.value.save_as(tmp_path / "needs.xlsx")
    book = load_workbook(tmp_path / "needs.xlsx")
    assert book["Needs"].max_row == 5
    assert page.context.blocked == []
