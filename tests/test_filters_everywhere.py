"""Every shared filter is applied by every query: a filtered query on the whole warehouse equals the same query,
unfiltered, on a copy of the warehouse holding only what the filter keeps (the needs matching it, the documents
matching its document-level part, and in the by-type and by-article breakdowns only the chosen types and articles).

What the filter keeps is worked out here in Python from the rows, independently of the SQL in app/queries.py.
"""

from __future__ import annotations

import inspect
import shutil
from dataclasses import fields
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from app import queries, search
from app.filters import PARAMS, Filters
from tests.app_warehouse import build_warehouse

# query -> the lists it trims to the chosen values ("types", "articles"), besides keeping the matching needs.
QUERIES = {
    "headline": (),
    "count_needs": (),
    "type_breakdown": ("types",),
    "needs_by_type": ("types",),
    "needs_by_chapter": (),
    "needs_by_article": ("articles",),
    "article_type": ("articles", "types"),
    "needs_by_group": (),
    "group_type": ("types",),
    "group_chapter": (),
    "chapter_type": ("types",),
    "needs_by_state": (),
    "needs_by_subtype": ("types",),
    "needs_documents": (),
    "states_overview": (),
    "needs_table": (),
    "needs_export": (),
    "state_status": (),
}
FILTERS = {
    "cycle": Filters(cycles=(1,)),
    "group": Filters(groups=("African States",)),
    "states": Filters(states=("PER", "KEN")),
    "chapter": Filters(chapters=(5,)),
    "article": Filters(articles=(46,)),
    "articles": Filters(articles=(8, 9)),
    "type": Filters(types=("legislative",)),
    "types": Filters(types=("policymaking", "other")),
    "search": Filters(search="training"),
    "search_words": Filters(search="Training PROCUREMENT"),
    "combined": Filters(cycles=(2,), groups=("African States", "Asia-Pacific States"), chapters=(2,),
                        types=("capacity-building",), search="a"),
}


def test_the_cases_cover_every_filter_and_every_query():
    used = {f.name for case in FILTERS.values() for f in fields(Filters) if getattr(case, f.name)}
    assert used == {f.name for f in fields(Filters)} == set(PARAMS.values())
    # (x_... functions are mutmut's copies of the functions when the module is mutated: not queries of their own)
    takes_filters = {name for name, fn in vars(queries).items() if inspect.isfunction(fn)
                     and not name.startswith(("_", "x_")) and fn.__module__ == queries.__name__
                     and list(inspect.signature(fn).parameters)[:2] == ["con", "f"]}
    assert takes_filters == set(QUERIES)


def _matches(f: Filters, need: dict) -> bool:
    """The filter's meaning, written out: every non-empty field restricts, lists match on any shared value."""
    return ((not f.cycles or need["cycle"] in f.cycles)
            and (not f.groups or need["regional_group"] in f.groups)
            and (not f.states or need["iso3"] in f.states)
            and (not f.chapters or need["chapter"] in f.chapters)
            and (not f.articles or bool(set(need["articles"]) & set(f.articles)))
            and (not f.types or bool(set(need["types"]) & set(f.types)))
            and (not f.search or bool(search.matched_term(f.search, need["text"], need["language"]))))


def _document_matches(f: Filters, doc: dict) -> bool:
    return (not f.cycles or doc["cycle"] in f.cycles) and _party_matches(f, doc)


def _party_matches(f: Filters, party: dict) -> bool:
    return (not f.groups or party["regional_group"] in f.groups) and (not f.states or party["iso3"] in f.states)


def _chapter_in_scope(f: Filters, chapter: int, chapter_of: dict[int, int]) -> bool:
    """A chapter part the chapter and article filters point at (a summary 'reviewed' on it)."""
    return ((not f.chapters or chapter in f.chapters)
            and (not f.articles or chapter in {chapter_of[a] for a in f.articles}))


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("full") / "warehouse.duckdb")


@pytest.fixture(scope="module")
def kept_copies(full, tmp_path_factory):
    """The copy holding what a filter keeps, made once per filter and trimming."""
    folder = tmp_path_factory.mktemp("kept")
    made: dict[tuple[str, tuple[str, ...]], Path] = {}

    def kept(case: str, trims: tuple[str, ...]) -> Path:
        if (case, trims) not in made:
            target = folder / f"{case}-{'-'.join(trims) or 'rows'}.duckdb"
            made[case, trims] = _only_what_the_filter_keeps(full, target, FILTERS[case], trims)
        return made[case, trims]

    return kept


def _records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _only_what_the_filter_keeps(full: Path, into: Path, f: Filters, trims: tuple[str, ...]) -> Path:
    shutil.copy(full, into)
    with duckdb.connect(str(into)) as con:
        type_of = dict(con.execute("SELECT DISTINCT subtype, type FROM assistance_types").fetchall())
        chapter_of = dict(con.execute("SELECT article, chapter FROM articles").fetchall())
        for doc in _records(con, "SELECT document_id, cycle, regional_group, iso3 FROM documents"):
            if not _document_matches(f, doc):
                con.execute("DELETE FROM documents WHERE document_id = ?", [doc["document_id"]])
        for party in _records(con, "SELECT iso3, regional_group FROM countries"):
            if not _party_matches(f, party):
                con.execute("DELETE FROM countries WHERE iso3 = ?", [party["iso3"]])
        for part in _records(con, "SELECT document_id, chapter FROM document_chapters"):
            if not _chapter_in_scope(f, part["chapter"], chapter_of):
                con.execute("DELETE FROM document_chapters WHERE document_id = ? AND chapter = ?",
                            [part["document_id"], part["chapter"]])
        for need in _records(con, "SELECT * FROM needs"):
            if not _matches(f, need):
                con.execute("DELETE FROM needs WHERE need_id = ?", [need["need_id"]])
                continue
            if "types" in trims and f.types:
                con.execute("UPDATE needs SET types = ?, subtypes = ? WHERE need_id = ?",
                            [[t for t in need["types"] if t in f.types],
                             [s for s in need["subtypes"] if type_of.get(s) in f.types], need["need_id"]])
            if "articles" in trims and f.articles:
                con.execute("UPDATE needs SET articles = ? WHERE need_id = ?",
                            [[a for a in need["articles"] if a in f.articles], need["need_id"]])
    return into


_OPEN: dict[Path, duckdb.DuckDBPyConnection] = {}


@pytest.fixture(scope="module", autouse=True)
def _close_connections():
    yield
    while _OPEN:
        _OPEN.popitem()[1].close()


def _run(path: Path, query: str, f: Filters):
    if path not in _OPEN:
        _OPEN[path] = duckdb.connect(str(path), read_only=True)
    result = getattr(queries, query)(_OPEN[path], f)
    return result.reset_index(drop=True) if isinstance(result, pd.DataFrame) else result


def _same(a, b) -> bool:
    if isinstance(a, pd.DataFrame):
        try:
            pd.testing.assert_frame_equal(a, b, check_dtype=False)
        except AssertionError:
            return False
        return True
    return a == b


@pytest.mark.parametrize("case", FILTERS)
@pytest.mark.parametrize("query", QUERIES)
def test_every_filter_is_applied_by_every_query(full, kept_copies, query, case):
    f = FILTERS[case]
    kept = kept_copies(case, QUERIES[query])
    filtered = _run(full, query, f)
    if isinstance(filtered, pd.DataFrame) and "Matched" in filtered:
        # With a keyword search the need tables say which term matched; the rest is compared below.
        assert f.search and filtered["Matched"].str.len().gt(0).all()
        filtered = filtered.drop(columns="Matched")
    assert not _same(filtered, _run(full, query, Filters())), f"{query} ignores the {case} filter"
    expected = _run(kept, query, Filters())
    if isinstance(filtered, pd.DataFrame):
        pd.testing.assert_frame_equal(filtered, expected, check_dtype=False)
    else:
        assert filtered == expected


@pytest.mark.parametrize("query", [q for q, trims in QUERIES.items() if "types" in trims])
def test_type_filter_leaves_no_other_type_in_the_by_type_breakdowns(full, query):
    # A need typed legislative and capacity-building matches the legislative filter, but the by-type charts then
    # show its legislative count only: a chart filtered to legislative shows no other type.
    df = _run(full, query, Filters(types=("legislative",)))
    shown = set(df["type"].dropna())
    assert shown == {"legislative"}, f"{query} shows {shown} under the legislative filter"
