"""The load's gate, in process (so mutation testing sees it): a document whose rows fail a critical expectation is
quarantined alone and the rest of the batch is published; the rejection says which expectation, which values, where.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from pipelines import corrections
from pipelines.classify import load_taxonomy
from pipelines.errors import Rejection
from pipelines.load import EXIT_NOTHING_LOADED, EXIT_OK, EXIT_SOME_REJECTED, LoadOptions, LoadResult, run_load
from pipelines.parse import FailedFile, parse_file
from pipelines.reference import REFERENCE_DIR, Reference
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
    assert failed.rejection.action.endswith("the rest of the batch was validated without it")
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
    # The junk document is taken out first; the batch without it still fails, so nothing is published. The results
    # recorded are those of that batch; the quarantined document is recorded with its failure as a rejection.
    failed = rows(warehouse, "SELECT DISTINCT suite, expectation FROM validation_results "
                             "WHERE run_id = ? AND NOT success AND severity = 'critical' ORDER BY 1, 2",
                  [result.run_id])
    assert failed == [("batch", "every_chapter_covered")]
    assert rows(warehouse, "SELECT source_file, reason, message FROM rejections WHERE run_id = ?", [result.run_id]) == [
        (result.rejected[0].source_file, "validation",
         "failed critical validation and was kept out of the warehouse: text_not_empty ('IT')")]
    assert Path(result.rejected[0].source_file).name == "Mongolia.txt"


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
        "the rest of the batch was validated without it")
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


def test_a_changed_file_failing_the_gate_with_fewer_needs_is_quarantined_before_the_shrink_is_judged(corpus, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse).exit_code == EXIT_OK
    before = rows(warehouse, "SELECT * FROM needs ORDER BY need_id")
    # Kenya's new version: one good need and a junk one instead of four. Staged, the batch holds 10 needs of 12 (83%),
    # a shrink; with the new version quarantined and the published one kept, nothing shrinks.
    write_summary(corpus, "Kenya.txt", "Kenya", number=1, needs={2: [DEFAULT_NEEDS[2][0], "IT"], 5: None})
    result = load(corpus, warehouse=warehouse)
    assert (result.status, result.exit_code) == ("published_with_rejections", EXIT_SOME_REJECTED)
    assert [(Path(f.source_file).name, f.rejection.reason) for f in result.rejected] == [("Kenya.txt", "validation")]
    assert (len(result.unchanged), result.replaced) == (2, [])
    assert rows(warehouse, "SELECT * FROM needs ORDER BY need_id") == before
    assert rows(warehouse, "SELECT count(*) FILTER (WHERE NOT success) FROM validation_results WHERE run_id = ?",
                [result.run_id]) == [(0,)]


def test_a_second_summary_of_a_review_is_quarantined_in_a_second_pass_and_the_first_stays_rejected(corpus, tmp_path):
    # Two versions of Mongolia's summary, both with a junk need. The first read is staged and quarantined; only then is
    # the second no longer a second summary of the review: it is staged in the next pass and quarantined in its turn.
    write_summary(corpus, "Mongolia.txt", "Mongolia", number=12, needs={2: ["Training of judges (art. 11).", "IT"],
                                                                        5: None})
    write_summary(corpus, "Mongolia_v2.txt", "Mongolia", number=13, needs={2: ["Training of judges (art. 11).", "HR"],
                                                                           5: None})
    warehouse = tmp_path / "wh.duckdb"
    result = load(corpus, warehouse=warehouse)
    assert (result.status, result.exit_code, len(result.loaded)) == ("published_with_rejections",
                                                                     EXIT_SOME_REJECTED, 3)
    assert [(Path(f.source_file).name, f.rejection.reason, f.rejection.message.rsplit(": ", 1)[1])
            for f in result.rejected] == [("Mongolia.txt", "validation", "text_not_empty ('IT')"),
                                          ("Mongolia_v2.txt", "validation", "text_not_empty ('HR')")]
    assert rows(warehouse, "SELECT count(*) FROM documents WHERE iso3 = 'MNG'") == [(0,)]
    assert [(Path(name).name, reason) for name, reason in rows(
        warehouse, "SELECT source_file, reason FROM rejections ORDER BY source_file")] == [
        ("Mongolia.txt", "validation"), ("Mongolia_v2.txt", "validation")]


def test_a_failing_document_the_load_cannot_take_out_blocks_it_with_a_note_naming_its_file(corpus, tmp_path):
    # An editor's correction turns a published need of Kenya into junk. Kenya is in the load, unchanged: taking it out
    # of the batch keeps its published rows, which the correction still turns into junk, so no pass can cure it.
    warehouse, fixes = tmp_path / "wh.duckdb", tmp_path / "corrections"
    assert load(corpus, warehouse=warehouse, corrections_dir=fixes).exit_code == EXIT_OK
    before = rows(warehouse, "SELECT * FROM needs ORDER BY need_id")
    [(document_id, need_id, text, source_file)] = rows(
        warehouse, "SELECT document_id, need_id, text, source_file FROM needs WHERE iso3 = 'KEN' AND ordinal = 1")
    corrections.append([corrections.Correction.new(editor="Ana", document_id=document_id, action=corrections.EDIT_TEXT,
                                                   need_id=need_id, text=text, value="IT")], fixes)
    result = load(corpus, warehouse=warehouse, corrections_dir=fixes)
    assert (result.status, result.exit_code) == ("blocked", EXIT_NOTHING_LOADED)
    assert (f"{source_file}: its rows in the warehouse fail critical validation (text_not_empty) and this load cannot "
            "take them out (the file is not in this load, or its published rows fail too, e.g. after a correction); "
            "the load was blocked: correct the rows or load the file again") in result.warnings
    assert rows(warehouse, "SELECT * FROM needs ORDER BY need_id") == before
    # Another folder alone: Kenya is not in the load at all, and blocks it the same way.
    late = tmp_path / "late"
    late.mkdir()
    write_summary(late, "Ghana.txt", "Ghana", number=4)
    other = load(late, warehouse=warehouse, corrections_dir=fixes)
    assert (other.status, other.rejected) == ("blocked", [])
    assert [w for w in other.warnings if "fail critical validation" in w] == [
        w for w in result.warnings if "fail critical validation" in w]


@pytest.fixture
def kathmandu(monkeypatch):
    """Local time 5 h 45 ahead of UTC (a POSIX zone, no time zone database needed), restored afterwards."""
    monkeypatch.setenv("TZ", "NPT-5:45")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_run_is_dated_in_utc_whatever_the_local_time_zone(corpus, tmp_path, kathmandu):
    assert datetime.now().hour != datetime.now(UTC).hour or datetime.now().minute != datetime.now(UTC).minute
    before = datetime.now(UTC).replace(tzinfo=None)
    result = load(corpus, warehouse=tmp_path / "wh.duckdb")
    after = datetime.now(UTC).replace(tzinfo=None)
    [(started, finished)] = rows(tmp_path / "wh.duckdb", "SELECT started_at, finished_at FROM load_runs")
    assert before <= started <= finished <= after
    assert result.run_id.startswith(f"{started:%Y%m%dT%H%M%SZ}-")
    [(first_loaded,)] = rows(tmp_path / "wh.duckdb", "SELECT DISTINCT first_loaded_at FROM documents")
    assert first_loaded == started


# --- an unexpected error names what the run was doing (exit code 3, one line, nothing published) ---------------------

def _broken_reference(tmp_path: Path, monkeypatch) -> str:
    """The reference data read from a copy in which one State's regional group is misspelt."""
    broken = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, broken)
    countries = broken / "countries.csv"
    countries.write_text(countries.read_text(encoding="utf-8").replace(
        "KEN,Kenya,African States", "KEN,Kenya,Africa States"), encoding="utf-8")
    monkeypatch.setattr(Reference.load.__func__, "__defaults__", (broken,))
    return "while reading the reference data in data/reference/: "


def _warehouse_not_a_database(tmp_path: Path, monkeypatch) -> str:
    (tmp_path / "wh.duckdb").write_text("not a DuckDB file\n", encoding="utf-8")
    return f"while opening the warehouse {tmp_path / 'wh.duckdb'}: "


def _corrections_not_utf8(tmp_path: Path, monkeypatch) -> str:
    (tmp_path / "corrections").mkdir()
    (tmp_path / "corrections" / "corrections.csv").write_bytes("correction_id,editor\n1,Jos\xe9\n".encode("latin-1"))
    return f"while applying the editors' corrections in {tmp_path / 'corrections'}: "


def _data_docs_folder_is_a_file(tmp_path: Path, monkeypatch) -> str:
    (tmp_path / "data_docs").write_text("", encoding="utf-8")
    return "while validating the batch: "


def _parquet_staging_is_a_file(tmp_path: Path, monkeypatch) -> str:
    (tmp_path / ".published.next").write_text("", encoding="utf-8")  # where the Parquet copies are written first
    return "while publishing the warehouse: "


def _a_fault_while_applying_the_first_file(tmp_path: Path, monkeypatch) -> str:
    def broken(*args, **kwargs):
        raise KeyError("needs")

    monkeypatch.setattr("pipelines.load.need_rows", broken)
    return f"while applying {tmp_path / 'raw' / 'Brazil.txt'}: "


@pytest.mark.parametrize("fault", [_broken_reference, _warehouse_not_a_database, _corrections_not_utf8,
                                   _data_docs_folder_is_a_file, _parquet_staging_is_a_file,
                                   _a_fault_while_applying_the_first_file])
def test_an_unexpected_error_exits_3_with_one_line_naming_the_step(fault, corpus, tmp_path, monkeypatch, capsys):
    from pipelines.__main__ import EXIT_UNEXPECTED, main

    warehouse = tmp_path / "wh.duckdb"
    doing = fault(tmp_path, monkeypatch)
    before = warehouse.read_bytes() if warehouse.exists() else None
    code = main(["load", str(corpus), "--warehouse", str(warehouse), "--workers", "1", "--no-progress",
                 "--corrections", str(tmp_path / "corrections")])
    err = capsys.readouterr().err
    assert code == EXIT_UNEXPECTED, err
    [line] = err.splitlines()
    assert line.startswith("error: unexpected ") and doing in line, line
    assert line.endswith("Nothing was published; the warehouse is as it was. Report this message.")
    assert (warehouse.read_bytes() if warehouse.exists() else None) == before


def test_the_parquet_copies_follow_the_published_warehouse_and_not_a_blocked_load(corpus, tmp_path):
    warehouse, published = tmp_path / "wh.duckdb", tmp_path / "published"
    options = LoadOptions(paths=[corpus], warehouse=warehouse, workers=1, progress=False, parquet_dir=published)
    first = run_load(options)
    assert first.status == "published"
    manifest = json.loads((published / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["run_id"], manifest["tables"]["needs"]["rows"]) == (first.run_id, 12)
    with duckdb.connect() as con:
        assert con.execute(f"SELECT count(*) FROM '{published / 'needs.parquet'}'").fetchone() == (12,)
    # Kenya's new version keeps one need of four: 9 of 12 is a shrink, so the load is blocked. A blocked load swaps in
    # no Parquet folder, not even one a run killed between its export and its publish left staged.
    write_summary(corpus, "Kenya.txt", "Kenya", number=1, needs={2: DEFAULT_NEEDS[2][:1], 5: None})
    (tmp_path / ".published.next").mkdir()
    (tmp_path / ".published.next" / "manifest.json").write_text('{"run_id": "killed"}', encoding="utf-8")
    assert run_load(options).status == "blocked"
    assert json.loads((published / "manifest.json").read_text(encoding="utf-8"))["run_id"] == first.run_id
