"""Serve a hall: N dashboard processes on loopback behind nginx with session affinity (`./dev.sh serve --replicas N`).

Every replica reads the same published warehouse read-only (the .duckdb file, or the Parquet folder and its
manifest). nginx's configuration is generated from serve/nginx.conf.template into a run folder (a temporary one
unless --run-dir is given), never into the project.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import streamlit

from app import local_server, warehouse

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "serve" / "nginx.conf.template"
DASHBOARD = ROOT / "dashboard.py"
# Streamlit's own JavaScript, CSS, fonts and images, as installed: what the pages load from /static/.
STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static" / "static"
COMPRESSED = frozenset({".js", ".css", ".svg", ".json"})


@dataclass
class Site:
    """A running set of replicas: the address viewers open, and the processes serving it."""

    url: str
    replica_urls: list[str]
    processes: list[subprocess.Popen] = field(default_factory=list)
    config: Path | None = None

    @property
    def pids(self) -> list[int]:
        """Every process serving, nginx included: their memory is the site's memory."""
        return [p.pid for p in self.processes]


def nginx_config(run: Path, ports: list[int], listen: str, static: Path) -> str:
    """nginx.conf for replicas on these loopback ports, listening on listen (host:port), files kept under run,
    Streamlit's static files served from static."""
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=0;" for port in ports)
    # Started by root, nginx would run its workers as nobody, who cannot read the run folder (a private temporary
    # folder) nor the installed files; they run as the user who started the replicas, as they do for anyone else.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    text = TEMPLATE.read_text(encoding="utf-8")
    return (text.replace("@RUN@", str(run)).replace("@SERVERS@", servers).replace("@LISTEN@", listen)
            .replace("@STATIC@", str(static)).replace("@USER@", user))


def static_files(run: Path, source: Path = STREAMLIT_STATIC) -> Path:
    """Streamlit's static files for nginx to serve itself: a link to each installed file, and beside each text file
    its gzip copy (nginx's gzip_static sends it to every browser that accepts gzip).

    A first visit then fetches about 2 MB of JavaScript instead of 7 MB (a hall's Wi-Fi carries it for every
    delegate at once), and no replica's single Python thread spends its time sending files while it runs pages.
    """
    target = run / "static"

    def place(path: Path) -> None:
        link = target / path.relative_to(source)
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.is_symlink():
            link.symlink_to(path)
        if path.suffix in COMPRESSED:
            packed = link.with_name(link.name + ".gz")
            if not packed.exists() or packed.stat().st_mtime < path.stat().st_mtime:
                packed.write_bytes(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))

    files = [path for path in source.rglob("*") if path.is_file()]
    with ThreadPoolExecutor() as pool:  # zlib lets go of the GIL: about 1 s for Streamlit's 23 MB on 2 cores
        list(pool.map(place, files))
    return target


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        raise RuntimeError("nginx is not installed: run `./dev.sh setup` (it installs Debian's nginx)")
    return found


def _wait_port(host: str, port: int, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nginx did not listen on {host}:{port}")


@contextlib.contextmanager
def running(replicas: int, run: Path, source: Path, *, proxy: bool = True, address: str = "127.0.0.1",
            port: int | None = None) -> Iterator[Site]:
    """Start `replicas` dashboards on source (and nginx in front when proxy); stop them all on exit."""
    run.mkdir(parents=True, exist_ok=True)
    processes: list[subprocess.Popen] = []
    try:
        ports = []
        for index in range(replicas):
            replica_port = local_server.free_port() if proxy or port is None else port
            processes.append(local_server.start_streamlit(
                DASHBOARD, replica_port, run / f"replica-{index}.log", env={"TA_WAREHOUSE": str(source)},
                extra=[] if proxy else ["--server.address", address]))
            ports.append(replica_port)
        replica_urls = [f"http://127.0.0.1:{p}" for p in ports]
        if not proxy:
            yield Site(replica_urls[0], replica_urls, processes)
            return
        listen_port = port or local_server.free_port()
        config = run / "nginx.conf"
        config.write_text(nginx_config(run, ports, f"{address}:{listen_port}", static_files(run)), encoding="utf-8")
        (run / "tmp").mkdir(exist_ok=True)
        nginx = nginx_binary()
        subprocess.run([nginx, "-t", "-q", "-p", str(run), "-c", str(config)], check=True)
        log = open(run / "nginx.log", "wb")  # noqa: SIM115 - handed to the child
        processes.append(subprocess.Popen([nginx, "-p", str(run), "-c", str(config), "-g", "daemon off;"],
                                          stdout=log, stderr=subprocess.STDOUT))
        log.close()
        _wait_port("127.0.0.1" if address in ("0.0.0.0", "") else address, listen_port, processes[-1])
        yield Site(f"http://127.0.0.1:{listen_port}", replica_urls, processes, config)
    finally:
        for process in reversed(processes):
            local_server.stop(process)


def lan_address() -> str | None:
    """This machine's address on the local network, for the delegates' link (no packet leaves the machine)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # UDP connect only picks a route; nothing is sent
            return s.getsockname()[0]
        except OSError:
            return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="dashboard processes (about one per core)")
    parser.add_argument("--port", type=int, default=8501, help="the port viewers open")
    parser.add_argument("--address", default="0.0.0.0", help="where nginx listens (0.0.0.0: the local network)")
    parser.add_argument("--warehouse", type=Path, default=None,
                        help="what to serve: a .duckdb file or a published Parquet folder (default: $TA_WAREHOUSE, "
                             "else data/warehouse.duckdb)")
    parser.add_argument("--run-dir", type=Path, default=None, help="folder for nginx.conf and logs (default: temp)")
    args = parser.parse_args(argv)
    source = (args.warehouse or warehouse.warehouse_path()).resolve()
    problem = warehouse.problem(source)
    if problem:
        print(problem)
        return 1
    run = args.run_dir or Path(tempfile.mkdtemp(prefix="ta-serve-"))
    stopping = False

    def _stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    with running(args.replicas, run, source, address=args.address, port=args.port) as site:
        print(f"Serving {source} with {args.replicas} replica(s): {', '.join(site.replica_urls)}")
        print(f"nginx configuration and logs: {run}")
        print(f"Open: http://127.0.0.1:{args.port}")
        lan = lan_address() if args.address == "0.0.0.0" else None
        if lan:
            print(f"Other machines on this network: http://{lan}:{args.port}")
        print("Ctrl-C stops every process.")
        try:
            while not stopping and all(p.poll() is None for p in site.processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        dead = [p.args for p in site.processes if p.poll() is not None]
        if dead and not stopping:
            print(f"A process stopped on its own ({dead[0][0]}); see the logs in {run}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
