"""Cached warehouse access for the Streamlit process: one read-only connection per published version, query
results keyed by query, filters and version."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import streamlit as st

from app import queries, warehouse
from app.filters import Filters

T = TypeVar("T")


def _close(con: duckdb.DuckDBPyConnection) -> None:
    con.close()


@st.cache_resource(max_entries=2, show_spinner=False, on_release=_close)
def _connection(path: str, version: warehouse.Version) -> duckdb.DuckDBPyConnection:
    # The version is part of the key: a file published by os.replace() gets a new connection, and the one to the
    # replaced file stays valid (read-only, on the old inode) for any query still running on it.
    return warehouse.connect(Path(path))


def connection() -> duckdb.DuckDBPyConnection:
    """A cursor on the current published warehouse (a cursor per use keeps threads apart)."""
    path = warehouse.warehouse_path()
    version = warehouse.version(path)
    if version is None:
        raise FileNotFoundError(path)
    return warehouse.use(_connection(str(path), version).cursor())


@st.cache_data(max_entries=1024, ttl=3600, show_spinner=False)
def _run(name: str, path: str, version: warehouse.Version, filters_key: str | None, kwargs: str) -> Any:
    con = warehouse.use(_connection(path, version).cursor())
    try:
        function = getattr(queries, name)
        args = () if filters_key is None else (Filters.from_key(filters_key),)
        return function(con, *args, **json.loads(kwargs))
    finally:
        con.close()


def run(function: Callable[..., T], filters: Filters | None = None, **kwargs: Any) -> T:
    """Call a queries function on the current warehouse, cached by its name, filters, arguments and version."""
    path = warehouse.warehouse_path()
    version = warehouse.version(path)
    if version is None:
        raise FileNotFoundError(path)
    key = None if filters is None else filters.key()
    return _run(function.__name__, str(path), version, key, json.dumps(kwargs, sort_keys=True))


@st.cache_data(max_entries=16, ttl=60, show_spinner=False)
def _problem(path: str, version: warehouse.Version | None) -> str | None:
    return warehouse.problem(Path(path))


def problem() -> str | None:
    """Why the current warehouse cannot be shown, or None (cached per version)."""
    path = warehouse.warehouse_path()
    return _problem(str(path), warehouse.version(path))
