"""Serving a hall: the load test against a real server, replicas behind nginx, a hall arriving at once."""

from __future__ import annotations

import asyncio
import shutil
import urllib.request
from pathlib import Path

import pytest

from app import loadtest, serve
from tests.app_warehouse import build_warehouse
from tests.e2e.conftest import local_only
from tests.e2e.test_dashboard_e2e import wait_ready

pytestmark = [pytest.mark.e2e]
needs_nginx = pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
                                 reason="nginx is installed by ./dev.sh setup")


@pytest.fixture(scope="module")
def warehouse_file(tmp_path_factory):
    return build_warehouse(tmp_path_factory.mktemp("serving") / "warehouse.duckdb")


def test_load_test_with_two_viewers_reports_no_errors(warehouse_file, tmp_path):
    with serve.running(1, tmp_path / "run", warehouse_file, proxy=False) as site:
        row = loadtest.run_round(site.url, viewers=2, duration=6, interval=1, pids=site.pids)
    assert row["errors"] == []
    assert row["changes"] >= 2  # each viewer changed its filter and got new figures at least once
    assert row["rss_max"] > 0


def test_a_hall_opening_a_fresh_server_at_once_gets_the_filters_everywhere(warehouse_file, tmp_path):
    # The first sessions of a fresh server start in Streamlit's legacy pages mode; each must still get the sidebar.
    async def open_all(url: str) -> list[bool]:
        viewers = [loadtest.Viewer(url, page) for page in loadtest.PAGES * 2]
        runs = await asyncio.gather(*(v.open() for v in viewers))
        await asyncio.gather(*(v.close() for v in viewers))
        return [v.filter_id is not None and run.charts > 0 for v, run in zip(viewers, runs, strict=True)]

    with serve.running(1, tmp_path / "run", warehouse_file, proxy=False) as site:
        assert asyncio.run(open_all(site.url)) == [True] * 2 * len(loadtest.PAGES)


def _replica(url: str, cookie: str | None = None) -> tuple[str, str]:
    request = urllib.request.Request(url, headers={"Cookie": f"ta_replica={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.headers["X-Dashboard-Replica"], response.headers["Set-Cookie"]


@needs_nginx
def test_two_replicas_behind_nginx_keep_each_viewer_on_one_replica(warehouse_file, tmp_path):
    with serve.running(2, tmp_path / "run", warehouse_file) as site:
        replicas = {p.split(":")[-1] for p in (u.rsplit(":", 1)[1] for u in site.replica_urls)}
        first_seen = {_replica(site.url + "/")[0].rsplit(":", 1)[1] for _ in range(20)}
        assert first_seen == replicas  # new viewers are spread over both
        where, cookie = _replica(site.url + "/")
        key = cookie.split(";")[0].split("=", 1)[1]
        assert {_replica(site.url + "/overview", key)[0] for _ in range(10)} == {where}  # and each one stays put
        row = loadtest.run_round(site.url, viewers=4, duration=6, interval=1, pids=site.pids)
    assert row["errors"] == []
    assert row["changes"] >= 4


@needs_nginx
def test_behind_nginx_a_browser_gets_streamlit_files_compressed_from_nginx_and_draws_the_charts(
        warehouse_file, tmp_path, browser):
    with serve.running(1, tmp_path / "run", warehouse_file) as site:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", local_only)
        tab = context.new_page()
        static = []
        tab.on("response", lambda r: static.append(r) if "/static/js/" in r.url else None)
        try:
            tab.goto(site.url + "/overview")
            wait_ready(tab, "Technical-assistance needs")
            drawn = tab.locator("[data-testid='stPlotlyChart'] .js-plotly-plot .trace").count()
            sizes = tab.evaluate("""() => performance.getEntriesByType('resource')
                .filter(r => r.name.includes('/static/js/'))
                .map(r => [r.name.split('/').pop(), r.encodedBodySize, r.decodedBodySize])""")
        finally:
            context.close()
    assert drawn > 0
    plotly = [s for s in sizes if s[0].startswith("PlotlyChart.")]
    assert plotly and plotly[0][1] < plotly[0][2] / 2  # sent gzipped: 4.7 MB as about 1.4 MB
    assert all(r.headers.get("x-dashboard-replica") is None for r in static)  # nginx answered, not a replica
    assert all(r.headers["content-type"].startswith("application/javascript") for r in static)
