"""Read-only access to the published warehouse: where it is, which version it is, whether it holds data.

Two forms of the same published data: the DuckDB file (data/warehouse.duckdb), or the Parquet files and
manifest.json the load publishes beside it (data/published/). Point $TA_WAREHOUSE at the folder (or its
manifest.json) to serve from Parquet alone: DuckDB reads the files in place, so every replica of the dashboard, on
this machine or another one mounting the same storage, reads one copy without a .duckdb file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"
LOAD_COMMAND = "python -m pipelines load"
MANIFEST = "manifest.json"

Version = tuple[int, int]


def warehouse_path() -> Path:
    """The warehouse file the dashboard reads: $TA_WAREHOUSE, else data/warehouse.duckdb."""
    configured = os.environ.get("TA_WAREHOUSE")
    return Path(configured) if configured else DEFAULT_WAREHOUSE


def manifest_path(path: Path | str) -> Path | None:
    """The manifest.json when path names the published Parquet folder (or the manifest itself); else None."""
    path = Path(path)
    if path.name == MANIFEST:
        return path
    if path.is_dir():
        return path / MANIFEST
    return None


def version(path: Path | str) -> Version | None:
    """Identity of the published file, (inode, mtime in ns); None when there is no file.

    The write path publishes with os.replace() (the .duckdb file, or the whole Parquet folder with a new
    manifest.json in it), so a new load is a new inode: this key changes exactly when the data may have changed,
    and caches keyed by it never serve a stale load.
    """
    manifest = manifest_path(path)
    try:
        stat = (manifest or Path(path)).stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)


CATALOG = "warehouse"


def connect(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only, so the dashboard never takes the writer's lock.

    The file is attached to a private in-memory database: DuckDB shares one database per file path within a process,
    so a plain connect() made after a load replaced the file would still read the file it replaced for as long as any
    connection to it is open. A published folder (its manifest) is served as views over its Parquet files instead.
    Either way the warehouse is the catalog named CATALOG; cursors start elsewhere: call use() on them.
    """
    manifest = manifest_path(path)
    if manifest is not None:
        return use(connect_parquet(manifest))
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{_quoted(str(path))}' AS {CATALOG} (READ_ONLY)")
    return use(con)


def use(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The connection (or cursor) with the warehouse as its default catalog."""
    con.execute(f"USE {CATALOG}")
    return con


def connect_parquet(manifest: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per table the manifest lists, reading its Parquet file in place.

    Nothing is copied into memory: each query reads the files (DuckDB keeps their metadata), so a replica costs
    the same whatever the size of the data.
    """
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH ':memory:' AS {CATALOG}")
        for name, entry in listed["tables"].items():
            if not name.isidentifier():
                raise ValueError(f"{manifest}: unexpected table name {name!r}")
            file = (manifest.parent / entry["file"]).resolve()
            con.execute(f"CREATE VIEW {CATALOG}.{name} AS SELECT * FROM read_parquet('{_quoted(str(file))}')")
    except Exception:
        con.close()
        raise
    return con


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def problem(path: Path) -> str | None:
    """Why the warehouse cannot be shown (missing, unreadable, empty), with what to run; None when it is usable."""
    if version(path) is None:
        return f"No warehouse at {path}. Build it with `{LOAD_COMMAND}`."
    try:
        con = connect(path)
    except (duckdb.Error, OSError, ValueError, KeyError) as exc:
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
