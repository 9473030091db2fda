"""Dashboard servers on loopback for the serving tools (benchmark, load test, `dev.sh serve`): start, wait, measure."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# The flags every tool starts Chromium with: no background traffic, nothing but the page under test.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, process: subprocess.Popen | None = None, timeout: float = 90) -> None:
    """Return once base/_stcore/health answers 200; raise if the process died or the time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server for {base} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server for {base} did not become healthy within {timeout:.0f} s")


def start_streamlit(script: Path, port: int, log: Path, env: dict[str, str] | None = None,
                    extra: list[str] = (), launcher: list[str] = ("-m", "streamlit")) -> subprocess.Popen:
    """`streamlit run script` headless on 127.0.0.1:port, its output in log; waits until it is healthy.

    launcher replaces `-m streamlit` (e.g. with the benchmark's probe, which then runs Streamlit's command line).
    """
    out = open(log, "wb")  # noqa: SIM115 - handed to the child, which keeps it open while it lives
    process = subprocess.Popen(
        [sys.executable, *launcher, "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", *extra],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT,
    )
    out.close()
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process)
    except RuntimeError:
        stop(process)
        raise RuntimeError(f"{script} did not start: " + log.read_text(errors="replace")[-2000:]) from None
    return process


def stop(process: subprocess.Popen) -> None:
    """Terminate one process started here (by its own id), and wait for it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB (0 when it is gone), read from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0.0


def machine_load() -> str:
    """The load averages and cores, to print beside any timing."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"
