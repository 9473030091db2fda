"""Shared test set-up: the network is closed, Great Expectations stays quiet, and one sample warehouse is built."""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "raw" / "sample"

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

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


@pytest.fixture(autouse=True, scope="session")
def closed_network():
    """Refuse every connection that leaves this machine, so nothing can quietly depend on the internet."""
    socket.socket.connect = _loopback_only
    yield
    socket.socket.connect = _real_connect


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The bundled sample corpus loaded by the real command line into a fresh warehouse."""
    warehouse = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    completed = subprocess.run(
        [sys.executable, "-m", "pipelines", "load", str(SAMPLE_DIR), "--warehouse", str(warehouse), "--no-progress"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return warehouse
