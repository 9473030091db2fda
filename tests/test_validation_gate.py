"""The gate's decisions and inputs, without running the suites: what blocks, what is quarantined, the batch checks'
figures, the counts a load is compared against, and the results as recorded. Fast, so mutation testing can afford
them (tests/mutation/run.py); test_validation.py runs the suites themselves on the same hand-built warehouse.
"""

from __future__ import annotations

import json
import math
from datetime import datetime

import pandas as pd
import pytest

# Imported here, at collection, rather than by the first batch_frame call: Great Expectations takes seconds to import
# (minutes under mutmut's tracing), and a test that pays for it looks slow enough for mutmut to run it last.
import expectations.suites  # noqa: F401
from pipelines import validate as v
from tests.test_validation import GROUPS, _loosen, _warehouse

VALIDATED = datetime(2026, 12, 1, 9, 30)


def outcome(expectation: str, *, success: bool = False, severity: str = "critical", scope: str = "batch",
            documents: dict | None = None, suite: str = "needs", details: list | None = None) -> v.ExpectationOutcome:
    return v.ExpectationOutcome(suite=suite, expectation=expectation, column_name="text", severity=severity,
                                success=success, observed_value="1 of 3 rows unexpected", unexpected_count=1,
                                details=details or [], scope=scope, documents=documents or {})


def report(*outcomes: v.ExpectationOutcome) -> v.ValidationReport:
    return v.ValidationReport(run_id="run-gate", validated_at=VALIDATED, outcomes=list(outcomes))


# --- what blocks the load, what is quarantined -----------------------------------------------------------------------

def test_only_failed_critical_expectations_are_critical_failures_and_only_failed_warnings_are_warnings():
    passed_critical = outcome("a", success=True)
    failed_critical = outcome("b")
    passed_warning = outcome("c", success=True, severity="warning")
    failed_warning = outcome("d", severity="warning")
    checked = report(passed_critical, failed_critical, passed_warning, failed_warning)
    assert checked.critical_failures == [failed_critical]
    assert checked.warnings == [failed_warning]
    assert not checked.passed
    assert report(passed_critical, passed_warning, failed_warning).passed
    assert report().passed and not report().blocks_batch and report().quarantine() == {}


def test_a_failure_of_the_batch_blocks_and_a_failure_traced_to_documents_does_not():
    rows = [{"need_id": "n-1", "text": "IT"}]
    of_documents = outcome("text_not_empty", scope="document", documents={"d-1": rows})
    assert not report(of_documents).blocks_batch
    # Of the batch, even beside a quarantinable one.
    assert report(of_documents, outcome("every_chapter_covered", suite="batch")).blocks_batch
    # Document-scoped but traced to no document (e.g. needs pointing at no document): nothing to quarantine.
    assert report(outcome("document_known", scope="document")).blocks_batch
    # Warnings never block, whatever their scope.
    assert not report(of_documents, outcome("needs_total_not_shrunk", severity="warning", suite="batch")).blocks_batch
    assert not report(outcome("w", severity="warning", scope="document")).blocks_batch


def test_quarantine_lists_per_document_every_critical_failure_with_its_rows():
    text_rows = {"d-1": [{"text": "IT"}], "d-2": [{"text": "HR"}, {"text": "QA"}]}
    symbol_rows = {"d-1": [{"symbol": "not a symbol"}]}
    text = outcome("text_not_empty", scope="document", documents=text_rows)
    symbol = outcome("symbol_format", scope="document", documents=symbol_rows, suite="documents")
    warning = outcome("heading_present", severity="warning", scope="document", documents={"d-3": [{"text": "x"}]})
    passed = outcome("types_known", success=True, scope="document", documents={"d-4": [{"text": "y"}]})
    of_batch = outcome("need_id_unique", documents={"d-5": [{"need_id": "n-1"}]})  # blocks; quarantines nothing
    found = report(text, warning, symbol, passed, of_batch).quarantine()
    assert found == {"d-1": [(text, text_rows["d-1"]), (symbol, symbol_rows["d-1"])],
                     "d-2": [(text, text_rows["d-2"])]}
    assert list(found) == ["d-1", "d-2"]


# --- the counts a load is compared against ---------------------------------------------------------------------------

def test_counts_are_plain_ints_and_needs_without_a_chapter_count_in_the_total_only():
    assert v.counts(None) is None
    con = _warehouse()
    _loosen(con, "needs")
    con.execute("UPDATE needs SET chapter = NULL WHERE need_id = 'n-bra-5-1'")
    found = v.counts(con)
    assert found == {"needs_total": 11, "needs_by_chapter": {2: 4, 3: 3, 4: 1, 5: 2}, "documents_total": 6}
    assert all(type(k) is int and type(n) is int for k, n in found["needs_by_chapter"].items())
    assert list(found["needs_by_chapter"]) == [2, 3, 4, 5]
    empty = v.counts(_warehouse(documents=[]))
    assert empty == {"needs_total": 0, "needs_by_chapter": {}, "documents_total": 0}


# --- the batch frame: one row per batch-level check ------------------------------------------------------------------

COVERAGE = [
    # A no-needs statement counts as coverage: cycle 1 chapter IV is France's one need plus Poland's statement.
    {"check": "chapter covered", "cycle": 1, "chapter": 3, "chapter_records": 3.0},
    {"check": "chapter covered", "cycle": 1, "chapter": 4, "chapter_records": 2.0},
    {"check": "chapter covered", "cycle": 2, "chapter": 2, "chapter_records": 5.0},
    {"check": "chapter covered", "cycle": 2, "chapter": 5, "chapter_records": 4.0},
] + [{"check": "group covered", "regional_group": group, "group_records": n} for group, n in sorted(
    [(GROUPS[0], 3.0), (GROUPS[1], 2.0), (GROUPS[2], 2.0), (GROUPS[3], 2.0), (GROUPS[5], 2.0), (GROUPS[4], 3.0)])]

COLUMNS = {"check": "object", "cycle": "object", "chapter": "object", "regional_group": "object",
           "previous": "object", "current": "object", "chapter_records": "float64", "group_records": "float64",
           "needs_total_ratio": "float64", "chapter_needs_kept": "float64"}


def records(frame: pd.DataFrame) -> list[dict]:
    """The frame's rows without their empty cells (None or NaN)."""
    def empty(value) -> bool:
        return value is None or isinstance(value, float) and math.isnan(value)

    return [{k: value for k, value in row.items() if not empty(value)} for row in frame.to_dict("records")]


def test_without_a_previous_load_the_batch_frame_holds_coverage_only():
    frame = v.batch_frame(_warehouse(), None)
    assert {k: str(t) for k, t in frame.dtypes.items()} == COLUMNS
    assert records(frame) == COVERAGE
    # Labels stay ints (a float chapter 3.0 would print and compare as such in the recorded details).
    assert [type(c) for c in frame["chapter"].dropna()] == [int] * 4
    assert [type(c) for c in frame["cycle"].dropna()] == [int] * 4


def test_coverage_counts_only_the_chapters_of_a_documents_cycle_and_zero_when_none():
    con = _warehouse()
    con.execute("DELETE FROM needs WHERE cycle = 1 AND chapter = 4")
    con.execute("DELETE FROM document_chapters WHERE chapter = 4")
    con.execute("DELETE FROM needs WHERE regional_group = ?", [GROUPS[2]])
    con.execute("DELETE FROM document_chapters WHERE document_id = 'd-pol'")
    found = {(r["check"], r.get("cycle"), r.get("chapter"), r.get("regional_group")): r.get("chapter_records",
             r.get("group_records")) for r in records(v.batch_frame(con, None))}
    assert found[("chapter covered", 1, 4, None)] == 0.0
    assert found[("group covered", None, None, GROUPS[2])] == 0.0
    assert found[("chapter covered", 1, 3, None)] == 2.0


@pytest.mark.parametrize("as_json", [False, True])
def test_the_shrink_checks_compare_with_the_previous_load(as_json):
    previous = {"needs_total": 20, "needs_by_chapter": {4: 2, 2: 4, 3: 0, 6: 1}, "documents_total": 6}
    if as_json:  # keys become strings when the previous counts went through JSON
        previous = json.loads(json.dumps(previous))
    frame = v.batch_frame(_warehouse(), previous)
    assert {k: str(t) for k, t in frame.dtypes.items()} == COLUMNS
    assert records(frame) == COVERAGE + [
        {"check": "needs total", "previous": 20, "current": 11, "needs_total_ratio": 0.55},
        # Chapters in order; one that had no needs is not checked; one gone entirely keeps 0.
        {"check": "chapter needs", "chapter": 2, "previous": 4, "current": 4, "chapter_needs_kept": 4.0},
        {"check": "chapter needs", "chapter": 4, "previous": 2, "current": 1, "chapter_needs_kept": 1.0},
        {"check": "chapter needs", "chapter": 6, "previous": 1, "current": 0, "chapter_needs_kept": 0.0},
    ]
    assert [type(x) for x in frame["previous"].dropna()] == [int] * 4


@pytest.mark.parametrize(("previous", "expected"), [
    # The smallest published total is compared; an empty one is not (no ratio to take).
    ({"needs_total": 1}, [{"check": "needs total", "previous": 1, "current": 11, "needs_total_ratio": 11.0}]),
    ({"needs_total": 0, "needs_by_chapter": {}}, []),
    ({"needs_total": None, "needs_by_chapter": None}, []),
    ({"documents_total": 3}, []),
    ({"needs_by_chapter": {"5": 1}},
     [{"check": "chapter needs", "chapter": 5, "previous": 1, "current": 3, "chapter_needs_kept": 3.0}]),
])
def test_the_shrink_checks_skip_what_was_not_published(previous, expected):
    assert records(v.batch_frame(_warehouse(), previous)) == COVERAGE + expected


def test_an_empty_warehouse_has_an_empty_batch_frame_with_every_column():
    frame = v.batch_frame(_warehouse(documents=[]), None)
    assert frame.empty and {k: str(t) for k, t in frame.dtypes.items()} == COLUMNS


# --- the results as recorded -----------------------------------------------------------------------------------------

def test_every_outcome_is_recorded_with_its_details_as_json():
    con = _warehouse()
    details = [{"need_id": "n-civ-2-1", "country": "Côte d'Ivoire", "loaded": datetime(2026, 11, 23, 10, 0)}]
    failed = outcome("text_not_empty", details=details)
    failed.column_name, failed.observed_value, failed.unexpected_count = "text", "1 of 11 rows unexpected", 1
    passed = outcome("symbol_present", success=True, severity="warning", suite="documents")
    passed.column_name, passed.observed_value, passed.unexpected_count = None, None, None
    v.record_results(con, report(failed, passed))
    rows = con.execute("SELECT * FROM validation_results ORDER BY expectation").fetchall()
    assert rows == [
        ("run-gate", VALIDATED, "documents", "symbol_present", None, "warning", True, None, None, None),
        ("run-gate", VALIDATED, "needs", "text_not_empty", "text", "critical", False, "1 of 11 rows unexpected", 1,
         '[{"need_id": "n-civ-2-1", "country": "Côte d\'Ivoire", "loaded": "2026-11-23 10:00:00"}]'),
    ]


def test_a_report_without_outcomes_records_nothing_and_does_not_fail():
    con = _warehouse()
    before = con.execute("SELECT count(*) FROM validation_results").fetchone()[0]
    v.record_results(con, report())
    assert con.execute("SELECT count(*) FROM validation_results").fetchone()[0] == before


def test_a_document_of_an_unknown_cycle_adds_no_coverage_check_and_does_not_stop_the_frame():
    # The documents suite refuses the cycle (cycle_known); the batch frame must still be built for it to run.
    con = _warehouse()
    _loosen(con, "documents")
    con.execute("UPDATE documents SET cycle = 3 WHERE document_id = 'd-fra'")
    checks = [(r["check"], r.get("cycle"), r.get("chapter")) for r in records(v.batch_frame(con, None))]
    assert [c for c in checks if c[0] == "chapter covered"] == [
        ("chapter covered", 1, 3), ("chapter covered", 1, 4), ("chapter covered", 2, 2), ("chapter covered", 2, 5)]
