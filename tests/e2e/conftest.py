"""A real `streamlit run dashboard.py` on localhost, on a warehouse built for the module's tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from app.local_server import CHROMIUM, free_port, start_streamlit, stop
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
