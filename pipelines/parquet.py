"""Publish the warehouse as Parquet with a manifest, so the same data can be served from object storage."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipelines.warehouse import SCHEMA_VERSION


def tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table of the warehouse: a dashboard serves from these files alone (app.warehouse's Parquet mode)."""
    return [row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' "
        "ORDER BY table_name").fetchall()]


def _staging(target: Path) -> Path:
    return target.with_name(f".{target.name}.next")


def export(con: duckdb.DuckDBPyConnection, target: Path, run_id: str) -> Path:
    """Write the Parquet files and manifest.json beside the target folder, ready for publish()."""
    staging = _staging(target)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    files = {}
    for name in tables(con):
        path = staging / f"{name}.parquet"
        con.execute(f"COPY (SELECT * FROM {name} ORDER BY ALL) TO '{path}' (FORMAT parquet, COMPRESSION zstd)")
        files[name] = {"file": path.name, "rows": con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]}
    manifest = {
        "run_id": run_id,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_version": SCHEMA_VERSION,
        "tables": files,
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return staging


def publish(target: Path) -> None:
    """Swap the exported folder into place once the warehouse itself is published."""
    staging = _staging(target)
    if not staging.exists():
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
