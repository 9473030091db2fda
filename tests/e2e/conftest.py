"""A real `streamlit run dashboard.py` on localhost, on a warehouse built for the module's tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.app_warehouse import ROOT, build_warehouse

CHROMIUM = "/usr/bin/chromium"
# Screenshots for a person to look at: in TA_TEST_ARTIFACTS when set, else under the system's temporary folder
# (ta-e2e-artifacts), never in the repository. Created by the first screenshot.
ARTIFACTS = Path(os.environ.get("TA_TEST_ARTIFACTS") or Path(tempfile.gettempdir()) / "ta-e2e-artifacts")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of a dashboard server; its log goes to a file so a chatty server never blocks on a full pipe."""
    folder = tmp_path_factory.mktemp("e2e")
    warehouse = build_warehouse(folder / "warehouse.duckdb")
    port = free_port()
    env = {**os.environ, "TA_WAREHOUSE": str(warehouse), "BROWSER_PATH": CHROMIUM}
    log = open(folder / "streamlit.log", "w+b")  # noqa: SIM115 - closed after the server stops
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        log.seek(0)
        pytest.fail("streamlit did not start: " + log.read().decode(errors="replace"))
    yield base
    process.terminate()
    process.wait(timeout=20)
    log.close()
