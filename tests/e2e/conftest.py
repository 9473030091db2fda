"""A real `streamlit run dashboard.py` on localhost, on a warehouse built for the module's tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from app.local_server import CHROMIUM, CHROMIUM_ARGS, free_port, start_streamlit, stop
from tests.app_warehouse import ROOT, build_warehouse

# Screenshots for a person to look at: in TA_TEST_ARTIFACTS when set, else under the system's temporary folder
# (ta-e2e-artifacts), never in the repository. Created by the first screenshot.
ARTIFACTS = Path(os.environ.get("TA_TEST_ARTIFACTS") or Path(tempfile.gettempdir()) / "ta-e2e-artifacts")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of a dashboard server; its log goes to a file so a chatty server never blocks on a full pipe."""
    folder = tmp_path_factory.mktemp("e2e")
    warehouse = build_warehouse(folder / "warehouse.duckdb")
    port = free_port()
    try:
        process = start_streamlit(ROOT / "dashboard.py", port, folder / "streamlit.log",
                                  env={"TA_WAREHOUSE": str(warehouse), "BROWSER_PATH": CHROMIUM})
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield f"http://127.0.0.1:{port}"
    stop(process)


# What a page in the tests may reach: the server under test and the page's own data; anything else is aborted.
LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")


def local_only(route) -> None:
    """A Playwright route handler: requests beyond LOCAL are aborted, as in a hall with no network."""
    if route.request.url.startswith(LOCAL):
        route.continue_()
    else:
        route.abort()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, started once for the module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
