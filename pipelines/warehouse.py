"""The warehouse file: schema, one-writer lock, and build-aside-then-publish so readers never see a half load."""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"
SCHEMA_FILE = Path(__file__).resolve().parent / "schema.sql"
SCHEMA_VERSION = "1"
STAGING_DIR_NAME = ".building"


class WarehouseBusy(RuntimeError):
    """Another process is writing this warehouse."""


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of the contract that does not exist yet, and add the columns it has gained since."""
    contract = SCHEMA_FILE.read_text(encoding="utf-8")
    _add_new_columns(con, contract)
    con.execute(contract)


def _add_new_columns(con: duckdb.DuckDBPyConnection, contract: str) -> None:
    # A warehouse built before a column joined the contract gets it as a nullable column, so no load is refused;
    # the contract's own COMMENT statements then document it.
    columns = "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main'"
    with duckdb.connect() as wanted:
        wanted.execute(contract)
        expected = wanted.execute(columns + " ORDER BY table_name, column_index").fetchall()
    present = {(table, column) for table, column, _ in con.execute(columns).fetchall()}
    tables = {table for table, _ in present}
    for table, column, data_type in expected:
        if table in tables and (table, column) not in present:
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {data_type}')


def published_dir(warehouse: Path) -> Path:
    """Where a load writes the Parquet copies and manifest of a warehouse: beside it, never in the project tree."""
    return Path(warehouse).parent / "published"


def data_docs_dir(warehouse: Path) -> Path:
    """Where a load writes the Great Expectations Data Docs of a warehouse: beside it."""
    return Path(warehouse).parent / "data_docs"


def staging_dir(published: Path) -> Path:
    return published.parent / STAGING_DIR_NAME


@contextmanager
def writer_lock(published: Path) -> Iterator[None]:
    """Hold the one-writer lock of a warehouse; fail at once if another load holds it."""
    published.parent.mkdir(parents=True, exist_ok=True)
    lock_path = published.with_name(published.name + ".lock")
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise WarehouseBusy(
                f"another load is writing {published} right now; wait for it to finish and run again"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_staging(published: Path) -> None:
    # Left behind by a load that was killed; the published file was never touched by it.
    directory = staging_dir(published)
    if not directory.exists():
        return
    for leftover in directory.glob(f"{published.stem}.*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def staged(published: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-write connection on a private copy of the warehouse; publish it atomically on clean exit.

    The published file is never opened for writing, so dashboards reading it never meet a lock, and a run killed
    half-way leaves it exactly as it was. On an exception the copy is discarded and the exception propagates.
    """
    published = Path(published)
    with writer_lock(published):
        _remove_stale_staging(published)
        directory = staging_dir(published)
        directory.mkdir(parents=True, exist_ok=True)
        work = directory / f"{published.stem}.{uuid.uuid4().hex[:12]}.duckdb"
        if published.exists():
            shutil.copyfile(published, work)
        con = duckdb.connect(str(work))
        try:
            create_schema(con)
            yield con
            con.execute("CHECKPOINT")
            con.close()
        except BaseException:
            con.close()
            work.unlink(missing_ok=True)
            Path(str(work) + ".wal").unlink(missing_ok=True)
            raise
        _fsync_path(work)
        os.replace(work, published)
        _fsync_path(published.parent)


def connect_read_only(published: Path) -> duckdb.DuckDBPyConnection | None:
    """Open the published warehouse read-only, or None when there is none yet."""
    if not Path(published).exists():
        return None
    return duckdb.connect(str(published), read_only=True)


def replace_reference_tables(con: duckdb.DuckDBPyConnection, tables: dict) -> None:
    """Reload every reference table from its DataFrame: reference CSVs are the source of truth on every run."""
    for name, frame in tables.items():
        con.execute(f"DELETE FROM {name}")
        if len(frame):
            con.register("_reference_frame", frame)
            columns = ", ".join(frame.columns)
            con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM _reference_frame")
            con.unregister("_reference_frame")
