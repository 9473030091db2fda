"""The load run in the test's own process (so mutation testing sees it), and the rows it left in a warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.load import LoadOptions, LoadResult, run_load


def load(*paths: Path, warehouse: Path, **options) -> LoadResult:
    """run_load on the paths, one reader, no progress, Data Docs or Parquet: what the load decides, nothing beside."""
    return run_load(LoadOptions(paths=list(paths), warehouse=warehouse, workers=1, progress=False,
                                data_docs_dir=None, parquet_dir=None, **options))


def rows(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()
