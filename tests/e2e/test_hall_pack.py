"""The hall pack opens in Chromium with the network blocked: no request beyond the file, every chart drawn."""

from __future__ import annotations

import pytest

from app import hall_pack, warehouse
from tests.app_warehouse import build_warehouse
from tests.e2e.conftest import CHROMIUM

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hall")
    source = build_warehouse(folder / "warehouse.duckdb")
    out = folder / "hall.html"
    assert hall_pack.main(["--warehouse", str(source), "--out", str(out), "--link", "group=African"]) == 0
    return out


def test_pack_is_one_file_with_its_scope(pack):
    text = pack.read_text(encoding="utf-8")
    assert "Showing African States." in text
    assert "<script src" not in text and "<link" not in text and "@import" not in text and "url(http" not in text


def test_pack_opens_offline_and_draws_every_chart(pack):
    from playwright.sync_api import sync_playwright

    attempted: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(offline=True)

            def route(r):
                if r.request.url == pack.as_uri():
                    r.continue_()
                else:
                    attempted.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(pack.as_uri())
            sections = page.locator("section").count()
            specs = page.locator('script[type="application/json"]').count()
            page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot').length === {specs}")
            drawn = page.evaluate("() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
                                  ".filter(p => p.querySelector('.trace')).length")
            scope = page.locator(".scope").first.inner_text()
        finally:
            browser.close()
    assert attempted == [], attempted
    assert errors == []
    assert sections >= 6 and specs >= 4  # the slides and the key charts
    assert drawn == specs
    assert scope == "Showing African States."


def test_pack_reads_the_published_parquet_too(tmp_path):
    source = build_warehouse(tmp_path / "warehouse.duckdb")
    from pipelines import parquet

    con = warehouse.connect(source)
    try:
        parquet.export(con, tmp_path / "published", "test")
    finally:
        con.close()
    parquet.publish(tmp_path / "published")
    source.unlink()
    out = tmp_path / "hall.html"
    assert hall_pack.main(["--warehouse", str(tmp_path / "published"), "--out", str(out)]) == 0
    assert "Showing all needs." in out.read_text(encoding="utf-8")
