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
    # The version is part of the key: a file published by os.replace() gets a new connection; the one to the
    # replaced file is closed first (_forget_replaced), else DuckDB would serve the old file again.
    return warehouse.connect(Path(path))


_opened: dict[str, warehouse.Version] = {}


def _forget_replaced(path: str, version: warehouse.Version) -> None:
    # DuckDB hands every connect() of a path the database instance already open on that path, even after
    # os.replace() put a new file there: the old connection must be closed before the new file can be read.
    if _opened.get(path, version) != version:
        _connection.clear()
    _opened[path] = version


def connection() -> duckdb.DuckDBPyConnection:
    """A cursor on the current published warehouse (a cursor per use keeps threads apart)."""
    path = warehouse.warehouse_path()
    version = warehouse.version(path)
    if version is None:
        raise FileNotFoundError(path)
    _forget_replaced(str(path), version)
    return _connection(str(path), version).cursor()


@st.cache_data(max_entries=1024, ttl=3600, show_spinner=False)
def _run(name: str, path: str, version: warehouse.Version, filters_key: str | None, kwargs: str) -> Any:
    con = _connection(path, version).cursor()
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
    _forget_replaced(str(path), version)
    return _run(function.__name__, str(path), version, key, json.dumps(kwargs, sort_keys=True))


@st.cache_data(max_entries=16, ttl=60, show_spinner=False)
def _problem(path: str, version: warehouse.Version | None) -> str | None:
    return warehouse.problem(Path(path))


def problem() -> str | None:
    """Why the current warehouse cannot be shown, or None (cached per version)."""
    path = warehouse.warehouse_path()
    return _problem(str(path), warehouse.version(path))
