"""Shared test set-up: the network is closed, Great Expectations stays quiet, and one sample warehouse is built."""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.repo_tree import left_behind, untracked_files

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "raw" / "sample"

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
_REPO_FILES = pytest.StashKey[dict | None]()
_LEFT_BEHIND = pytest.StashKey[list]()

_real_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None:
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host == "localhost"
        if not allowed:
            raise OSError(f"tests run with the network closed: refused a connection to {host}")
    return _real_connect(self, address)


def pytest_sessionstart(session):
    session.config.stash[_REPO_FILES] = untracked_files(ROOT)


def pytest_sessionfinish(session, exitstatus):
    """Every test writes into its temporary folder: a run that leaves files in the repository fails."""
    before = session.config.stash.get(_REPO_FILES, None)
    after = untracked_files(ROOT) if before is not None else None
    left = left_behind(before, after) if after is not None else []
    session.config.stash[_LEFT_BEHIND] = left
    if left and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    left = config.stash.get(_LEFT_BEHIND, [])
    if left:
        terminalreporter.section("files left in the repository by this run", red=True)
        for name in left[:20]:
            terminalreporter.write_line(f"  {name}")
        if len(left) > 20:
            terminalreporter.write_line(f"  ... and {len(left) - 20} more")
        terminalreporter.write_line("A test wrote outside its tmp_path: make it write there (the run fails on this).")


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e drives a browser: marked e2e, so `-m "not e2e"` leaves them all out."""
    e2e = ROOT / "tests" / "e2e"
    for item in items:
        if e2e in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True, scope="session")
def closed_network():
    """Refuse every connection that leaves this machine, so nothing can quietly depend on the internet."""
    socket.socket.connect = _loopback_only
    yield
    socket.socket.connect = _real_connect


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The bundled sample corpus loaded by the real command line (parallel readers, validation gate) into a fresh
    warehouse: the dashboard tests' warehouse built by the pipeline, beside the hand-built tests/app_warehouse.py."""
    warehouse = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    completed = subprocess.run(
        [sys.executable, "-m", "pipelines", "load", str(SAMPLE_DIR), "--warehouse", str(warehouse), "--no-progress",
         "--workers", "2"],  # two readers even on a one-core machine: the parallel path is the one under test
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return warehouse
