"""Scope-true headlines: the Overview's counts and the three statuses of a State against SQL written by hand."""

from __future__ import annotations

import pytest

from app import queries, warehouse
from app.filters import Filters
from tests.app_warehouse import build_warehouse

COMBINATIONS = [
    Filters(),
    Filters(chapters=(2,), types=("capacity-building",), groups=("African States",)),
    Filters(cycles=(1,), chapters=(3,)),
    Filters(groups=("Western European and other States",), chapters=(3, 4)),
    Filters(articles=(46,), search="training"),
    Filters(states=("FRA", "KEN"), types=("policymaking",)),
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = warehouse.connect(build_warehouse(tmp_path_factory.mktemp("wh") / "warehouse.duckdb"))
    yield connection
    connection.close()


def _direct(con, f: Filters) -> dict[str, int]:
    """The headline figures by plain SQL over the needs and document_chapters tables."""
    need = ["TRUE"]
    doc = ["TRUE"]
    if f.cycles:
        need.append(f"cycle IN ({', '.join(map(str, f.cycles))})")
        doc.append(f"d.cycle IN ({', '.join(map(str, f.cycles))})")
    if f.groups:
        names = ", ".join(f"'{g}'" for g in f.groups)
        need.append(f"regional_group IN ({names})")
        doc.append(f"d.regional_group IN ({names})")
    if f.states:
        names = ", ".join(f"'{s}'" for s in f.states)
        need.append(f"iso3 IN ({names})")
        doc.append(f"d.iso3 IN ({names})")
    chapters = ["TRUE"]
    if f.chapters:
        need.append(f"chapter IN ({', '.join(map(str, f.chapters))})")
        chapters.append(f"dc.chapter IN ({', '.join(map(str, f.chapters))})")
    if f.articles:
        need.append(" OR ".join(f"list_contains(articles, {a})" for a in f.articles))
        chapters.append(f"dc.chapter IN (SELECT chapter FROM articles WHERE article IN "
                        f"({', '.join(map(str, f.articles))}))")
    if f.types:
        need.append("(" + " OR ".join(f"list_contains(types, '{t}')" for t in f.types) + ")")
    for word in f.search.split():
        need.append(f"lower(text) LIKE '%{word.lower()}%'")
    where = " AND ".join(f"({c})" for c in need)
    needs, docs, states = con.execute(
        f"SELECT count(*), count(DISTINCT document_id), count(DISTINCT iso3) FROM needs WHERE {where}").fetchone()
    reviewed = (f"SELECT DISTINCT d.document_id, d.iso3 FROM documents d JOIN document_chapters dc USING "
                f"(document_id) WHERE {' AND '.join(doc)} AND {' AND '.join(chapters)}")
    docs_without = con.execute(f"SELECT count(*) FROM ({reviewed}) r WHERE document_id NOT IN "
                               f"(SELECT document_id FROM needs WHERE {where})").fetchone()[0]
    states_without = con.execute(f"SELECT count(DISTINCT iso3) FROM ({reviewed}) r WHERE iso3 NOT IN "
                                 f"(SELECT iso3 FROM needs WHERE {where})").fetchone()[0]
    return {"documents": docs, "states": states, "needs": needs, "states_with_needs": states,
            "documents_without": docs_without, "states_without": states_without}


@pytest.mark.parametrize("f", COMBINATIONS, ids=lambda f: f.key())
def test_headline_equals_direct_sql(con, f):
    assert queries.headline(con, f) == _direct(con, f)


def test_headline_counts_only_summaries_holding_needs_in_scope(con):
    head = queries.headline(con, Filters(chapters=(2,), types=("capacity-building",), groups=("African States",)))
    # KEN and CIV, cycle 2, have capacity-building needs under chapter II; NGA's cycle-2 summary too.
    assert (head["needs"], head["documents"], head["states"]) == (4, 3, 3)
    head = queries.headline(con, Filters(groups=("Western European and other States",), chapters=(3, 4)))
    # France's first-cycle summary reviewed chapters III and IV and says no needs were identified.
    assert (head["needs"], head["documents"], head["documents_without"], head["states_without"]) == (0, 0, 1, 1)


def test_state_status_separates_no_needs_from_not_reviewed(con):
    f = Filters(chapters=(3,))
    status = queries.state_status(con, f).set_index("iso3")
    assert status.loc["FRA", "status"] == queries.STATUS_NONE  # reviewed chapter III, none identified
    assert status.loc["KEN", "status"] == queries.STATUS_NEEDS
    assert status.loc["VNM", "status"] == queries.STATUS_NOT_REVIEWED  # only a cycle-2 summary loaded
    assert status.loc["EUU", "status"] == queries.STATUS_NOT_REVIEWED
    for row in status.itertuples():
        assert row.needs == queries.count_needs(con, f.narrow(states=(row.Index,)))
    overview = queries.states_overview(con, f).set_index("iso3")
    assert overview.loc["FRA", "Status"] == queries.STATUS_LABELS[queries.STATUS_NONE]
    assert overview["Needs"].sum() == queries.count_needs(con, f)
    # Counts of needs, shown as whole numbers in the Country profile's table (not 4.0).
    assert str(overview["Needs"].dtype) == "int64" and overview.loc["FRA", "Needs"] == 0
