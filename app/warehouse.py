"""Read-only access to the published warehouse: where it is, which version it is, whether it holds data."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"
LOAD_COMMAND = "python -m pipelines load"

Version = tuple[int, int]


def warehouse_path() -> Path:
    """The warehouse file the dashboard reads: $TA_WAREHOUSE, else data/warehouse.duckdb."""
    configured = os.environ.get("TA_WAREHOUSE")
    return Path(configured) if configured else DEFAULT_WAREHOUSE


def version(path: Path) -> Version | None:
    """Identity of the published file, (inode, mtime in ns); None when there is no file.

    The write path publishes with os.replace(), so a new load is a new inode: this key changes exactly when the
    data may have changed, and caches keyed by it never serve a stale load.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)


CATALOG = "warehouse"


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only, so the dashboard never takes the writer's lock.

    The file is attached to a private in-memory database: DuckDB shares one database per file path within a process,
    so a plain connect() made after a load replaced the file would still read the file it replaced for as long as any
    connection to it is open. Cursors start in the in-memory catalog: call use() on them.
    """
    con = duckdb.connect(":memory:")
    escaped = str(path).replace("'", "''")
    con.execute(f"ATTACH '{escaped}' AS {CATALOG} (READ_ONLY)")
    return use(con)


def use(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The connection (or cursor) with the warehouse as its default catalog."""
    con.execute(f"USE {CATALOG}")
    return con


def problem(path: Path) -> str | None:
    """Why the warehouse cannot be shown (missing, unreadable, empty), with what to run; None when it is usable."""
    if version(path) is None:
        return f"No warehouse at {path}. Build it with `{LOAD_COMMAND}`."
    try:
        con = connect(path)
    except duckdb.Error as exc:
        return f"The warehouse at {path} cannot be opened ({exc}). Rebuild it with `{LOAD_COMMAND}`."
    try:
        tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if not {"documents", "needs"} <= tables:
            return f"The warehouse at {path} has no documents table yet. Build it with `{LOAD_COMMAND}`."
        if con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0:
            return f"The warehouse at {path} holds no documents yet. Load some with `{LOAD_COMMAND}`."
    finally:
        con.close()
    return None
