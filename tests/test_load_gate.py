"""The load's gate, in process (so mutation testing sees it): a document whose rows fail a critical expectation is
quarantined alone and the rest of the batch is published; the rejection says which expectation, which values, where.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipelines.classify import load_taxonomy
from pipelines.errors import Rejection
from pipelines.load import EXIT_NOTHING_LOADED, EXIT_OK, EXIT_SOME_REJECTED, LoadResult
from pipelines.parse import FailedFile, parse_file
from pipelines.reference import Reference
from tests.in_process_load import load, rows
from tests.summaries import DEFAULT_NEEDS, write_corpus, write_summary

COUNTRIES = ["Kenya", "Brazil", "France"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "raw", COUNTRIES)


def test_a_document_failing_a_critical_need_expectation_is_quarantined_alone(corpus, tmp_path):
    # Four junk needs (two characters each) fail text_not_empty, a critical expectation of the needs suite.
    junk = ["IT", "HR", "PR", "QA"]
    write_summary(corpus, "Mongolia.txt", "Mongolia", number=12, needs={
        2: ["Capacity-building for the staff of the asset declaration unit (art. 8).", *junk], 5: None})
    warehouse = tmp_path / "wh.duckdb"
    result = load(corpus, warehouse=warehouse)
    assert (result.status, result.exit_code) == ("published_with_rejections", EXIT_SOME_REJECTED)
    [failed] = result.rejected
    assert (Path(failed.source_file).name, failed.rejection.reason) == ("Mongolia.txt", "validation")
    assert failed.sha256 == hashlib.sha256((corpus / "Mongolia.txt").read_bytes()).hexdigest()
    # The first three offending values of the needs' text, the expectation that failed, every place in the file.
    message = "failed critical validation and was kept out of the warehouse: text_not_empty ('IT', 'HR', 'PR')"
    assert failed.rejection.message == message
    assert failed.rejection.location == "line 20, line 21, line 22, line 23"
    assert failed.rejection.action.endswith("the rest of the batch was loaded")
    assert rows(warehouse, "SELECT source_file, reason, message, location FROM rejections") == [
        (failed.source_file, "validation", message, "line 20, line 21, line 22, line 23")]
    assert rows(warehouse, "SELECT DISTINCT iso3 FROM needs ORDER BY 1") == [("BRA",), ("FRA",), ("KEN",)]
    assert rows(warehouse, "SELECT count(*) FROM needs") == [(12,)]
    assert (len(result.loaded), result.needs_loaded) == (3, 12)
    assert rows(warehouse, "SELECT status, files_seen, files_loaded, files_rejected, needs_loaded FROM load_runs") == [
        ("published_with_rejections", 4, 3, 1, 12)]
    # The results recorded are those of the batch that was published, which passed.
    assert rows(warehouse, "SELECT count(*) FILTER (WHERE NOT success), count(DISTINCT run_id) FROM validation_results"
                ) == [(0, 1)]


def test_a_changed_file_failing_the_gate_keeps_its_published_version(corpus, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse).exit_code == 0
    before = rows(warehouse, "SELECT * FROM needs ORDER BY need_id")
    # As many needs as before, one of them junk (fewer would also trip the shrink guard, which blocks the batch).
    write_summary(corpus, "Kenya.txt", "Kenya", number=1, needs={2: [*DEFAULT_NEEDS[2][:3], "IT"], 5: None})
    alone = load(corpus, warehouse=warehouse)
    assert (alone.status, alone.exit_code, len(alone.unchanged), alone.loaded) == (
        "published_with_rejections", EXIT_SOME_REJECTED, 2, [])
    assert rows(warehouse, "SELECT * FROM needs ORDER BY need_id") == before
    write_summary(corpus, "Ghana.txt", "Ghana", number=4)
    result = load(corpus, warehouse=warehouse)
    assert (result.status, result.exit_code) == ("published_with_rejections", EXIT_SOME_REJECTED)
    assert [(Path(f.source_file).name, f.rejection.reason) for f in result.rejected] == [("Kenya.txt", "validation")]
    assert [Path(name).name for name in result.loaded] == ["Ghana.txt"]
    assert len(result.unchanged) == 2 and result.replaced == []
    # Kenya's earlier needs stay published; Ghana, which passed, is added.
    assert rows(warehouse, "SELECT * FROM needs WHERE iso3 <> 'GHA' ORDER BY need_id") == before
    assert rows(warehouse, "SELECT count(*) FROM needs WHERE iso3 = 'GHA'") == [(4,)]


def test_a_failure_of_the_batch_blocks_even_when_a_document_could_be_quarantined(corpus, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse).exit_code == 0
    before = rows(warehouse, "SELECT * FROM needs ORDER BY need_id")
    # A junk need (quarantinable) and a cycle-1 summary leaving chapter IV uncovered (a batch failure).
    write_summary(corpus, "Mongolia.txt", "Mongolia", number=12, needs={2: ["IT"], 5: None})
    write_summary(corpus, "Peru.txt", "Peru", cycle=1, number=7,
                  needs={3: ["Training of prosecutors on illicit enrichment (art. 20)."]})
    result = load(corpus, warehouse=warehouse)
    assert (result.status, result.exit_code, result.loaded, result.needs_loaded) == ("blocked", 2, [], 0)
    assert rows(warehouse, "SELECT * FROM needs ORDER BY need_id") == before
    failed = rows(warehouse, "SELECT DISTINCT suite, expectation FROM validation_results "
                             "WHERE run_id = ? AND NOT success ORDER BY 1, 2", [result.run_id])
    assert ("batch", "every_chapter_covered") in failed and ("needs", "text_not_empty") in failed


REJECTED = FailedFile("raw/junk.txt", "0" * 64, Rejection("validation", "failed", "read it"))


@pytest.mark.parametrize(("fields", "expected"), [
    ({"files_seen": 0}, EXIT_NOTHING_LOADED),
    ({"files_seen": 1, "loaded": ["a"]}, EXIT_OK),
    ({"files_seen": 1, "unchanged": ["a"]}, EXIT_OK),
    ({"files_seen": 1, "rejected": [REJECTED]}, EXIT_NOTHING_LOADED),
    # Some files rejected: 1 whichever way the rest was accepted.
    ({"files_seen": 2, "rejected": [REJECTED], "loaded": ["a"]}, EXIT_SOME_REJECTED),
    ({"files_seen": 2, "rejected": [REJECTED], "replaced": ["a"]}, EXIT_SOME_REJECTED),
    ({"files_seen": 2, "rejected": [REJECTED], "unchanged": ["a"]}, EXIT_SOME_REJECTED),
    ({"files_seen": 2, "rejected": [REJECTED], "reread": ["a"]}, EXIT_SOME_REJECTED),
    # Blocked: nothing was published, whatever the run had staged.
    ({"files_seen": 2, "status": "blocked", "loaded": ["a"]}, EXIT_NOTHING_LOADED),
    ({"files_seen": 2, "status": "blocked", "rejected": [REJECTED], "unchanged": ["a"]}, EXIT_NOTHING_LOADED),
])
def test_exit_codes(fields, expected):
    assert LoadResult(run_id="run", **fields).exit_code == expected


def test_the_rejection_of_a_quarantined_document_names_each_failure_its_values_and_places(tmp_path):
    from pipelines.load import _quarantined
    from pipelines.validate import counts, validate
    from tests.test_validation import _loosen, _warehouse

    con = _warehouse()
    _loosen(con, "documents", "needs")
    # d-gha: two needs failing two critical expectations of the needs suite; d-bra: two of the documents suite.
    con.execute("UPDATE needs SET text = 'IT', types = ['alchemy'] WHERE document_id = 'd-gha' AND ordinal = 1")
    con.execute("UPDATE needs SET text = 'HR' WHERE document_id = 'd-gha' AND ordinal = 2")
    con.execute("UPDATE documents SET symbol = 'not a symbol', regional_group = 'Atlantis' WHERE document_id = 'd-bra'")
    suspects = validate(con, "run-quarantine", previous=counts(con)).quarantine()
    assert sorted(suspects) == ["d-bra", "d-gha"]
    doc = parse_file(write_summary(tmp_path, "Ghana.txt", "Ghana"), "raw/Ghana.txt", Reference.load(), load_taxonomy())

    ghana = _quarantined(doc, suspects["d-gha"])
    assert (ghana.source_file, ghana.sha256, ghana.rejection.reason) == ("raw/Ghana.txt", doc.sha256, "validation")
    # Needs are named by their text, wherever the expectation looked; every place of every failure is given, once.
    assert ghana.rejection.message == ("failed critical validation and was kept out of the warehouse: "
                                       "text_not_empty ('IT', 'HR'); types_in_taxonomy ('IT')")
    assert ghana.rejection.location == "page 3, line 11, page 3, line 12"
    assert ghana.rejection.action == (
        "read the file at that place: if the file is right, the reading of it is wrong, so report it with the file; "
        "the rest of the batch was loaded")
    # Documents by the value of the column that failed; no place when the rows carry none.
    brazil = _quarantined(doc, suspects["d-bra"])
    assert brazil.rejection.message == ("failed critical validation and was kept out of the warehouse: "
                                        "symbol_well_formed ('not a symbol'); regional_group_known ('Atlantis')")
    assert brazil.rejection.location is None


def test_a_missing_path_is_named_and_the_others_are_loaded(corpus, tmp_path):
    nowhere = tmp_path / "nowhere"
    result = load(corpus, nowhere, warehouse=tmp_path / "wh.duckdb")
    assert (result.status, result.exit_code, len(result.loaded)) == ("published", EXIT_OK, 3)
    assert f"{nowhere} does not exist; nothing read from it" in result.warnings


def test_nothing_to_read_is_said_and_nothing_is_published(tmp_path):
    (tmp_path / "empty").mkdir()
    result = load(tmp_path / "empty", tmp_path / "nowhere", warehouse=tmp_path / "wh.duckdb")
    assert (result.status, result.exit_code, result.files_seen) == ("nothing_loaded", EXIT_NOTHING_LOADED, 0)
    assert result.warnings == [f"{tmp_path / 'nowhere'} does not exist; nothing read from it",
                               "no PDF, Word or text files found in the given paths"]
    assert not (tmp_path / "wh.duckdb").exists()


def test_a_batch_whose_every_document_fails_is_quarantined_whole_and_the_warehouse_kept(corpus, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse).exit_code == EXIT_OK
    before = rows(warehouse, "SELECT * FROM needs ORDER BY need_id")
    late = tmp_path / "late"
    late.mkdir()
    write_summary(late, "Mongolia.txt", "Mongolia", number=12, needs={2: ["Training of judges (art. 11).", "IT"],
                                                                      5: None})
    result = load(late, warehouse=warehouse)
    # Every document of the batch failed alone: each is rejected, nothing is blocked, the warehouse stays as it was.
    assert result.status != "blocked"
    assert [(Path(r.source_file).name, r.rejection.reason) for r in result.rejected] == [("Mongolia.txt",
                                                                                         "validation")]
    assert rows(warehouse, "SELECT * FROM needs ORDER BY need_id") == before
    assert rows(warehouse, "SELECT reason FROM rejections") == [("validation",)]
