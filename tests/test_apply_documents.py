"""apply_documents, the step of the load that decides which documents are inserted, replaced, kept or rejected.

Called directly on real parses of small text summaries and a warehouse in memory (schema and reference tables as a
load writes them), without reader processes or the validation suites: fast enough for mutation testing
(tests/mutation/run.py). test_load.py and test_promises.py check the same rules through whole loads.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.classify import load_taxonomy
from pipelines.load import LoadResult, apply_documents
from pipelines.parse import ParsedDocument, parse_file
from pipelines.reference import Reference
from pipelines.warehouse import create_schema, replace_reference_tables
from tests.summaries import DEFAULT_NEEDS, write_summary

FIRST, SECOND = datetime(2026, 11, 1, 8, 0), datetime(2026, 12, 1, 9, 0)


@pytest.fixture(scope="module")
def reading():
    return Reference.load(), load_taxonomy()


@pytest.fixture
def con(reading):
    con = duckdb.connect()
    create_schema(con)
    replace_reference_tables(con, reading[0].tables())
    yield con
    con.close()


@pytest.fixture
def parse(reading):
    def parse_one(path: Path) -> ParsedDocument:
        parsed = parse_file(path, str(path), *reading)
        assert isinstance(parsed, ParsedDocument), parsed
        return parsed

    return parse_one


def apply(con, docs: list[ParsedDocument], run_id: str, now: datetime) -> LoadResult:
    result = LoadResult(run_id=run_id)
    apply_documents(con, docs, run_id, now, result)
    return result


def documents(con) -> list[tuple]:
    return con.execute("SELECT iso3, source_file, first_run_id, first_loaded_at, run_id, loaded_at FROM documents "
                       "ORDER BY iso3").fetchall()


def counts(con) -> tuple[int, int, int]:
    return tuple(con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                 for name in ("documents", "document_chapters", "needs"))


def rejections(result: LoadResult) -> list[tuple[str, str, str, str]]:
    return [(Path(f.source_file).name, f.rejection.reason, f.rejection.message, f.rejection.action)
            for f in result.rejected]


def test_new_documents_are_inserted_with_their_first_run(con, parse, tmp_path):
    kenya = parse(write_summary(tmp_path, "Kenya.txt", "Kenya", number=1))
    ghana = parse(write_summary(tmp_path, "Ghana.txt", "Ghana", number=2, needs={2: DEFAULT_NEEDS[2][:1], 5: None}))
    result = apply(con, [kenya, ghana], "run-1", FIRST)
    assert (result.loaded, result.replaced, result.unchanged, result.reread, result.rejected) == (
        [kenya.source_file, ghana.source_file], [], [], [], [])
    assert result.needs_loaded == 5
    assert documents(con) == [("GHA", ghana.source_file, "run-1", FIRST, "run-1", FIRST),
                              ("KEN", kenya.source_file, "run-1", FIRST, "run-1", FIRST)]
    assert counts(con) == (2, 4, 5)
    assert con.execute("SELECT DISTINCT document_id FROM needs WHERE iso3 = 'KEN'").fetchall() == [(kenya.sha256,)]


def test_applying_the_same_files_again_changes_nothing(con, parse, tmp_path):
    docs = [parse(write_summary(tmp_path, f"{c}.txt", c, number=n)) for n, c in enumerate(["Kenya", "Ghana"], 1)]
    apply(con, docs, "run-1", FIRST)
    before = {name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
              for name in ("documents", "document_chapters", "needs")}
    result = apply(con, docs, "run-2", SECOND)
    assert (result.unchanged, result.loaded, result.replaced, result.reread, result.needs_loaded) == (
        [d.source_file for d in docs], [], [], [], 0)
    assert {name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for name in before} == before


def test_the_same_content_twice_in_a_batch_is_loaded_once(con, parse, tmp_path):
    first = parse(write_summary(tmp_path, "Kenya.txt", "Kenya", number=1))
    (tmp_path / "copy").mkdir()
    copy = parse(write_summary(tmp_path / "copy", "Kenya.txt", "Kenya", number=1))
    ghana = parse(write_summary(tmp_path, "Ghana.txt", "Ghana", number=2, needs={2: DEFAULT_NEEDS[2][:1], 5: None}))
    result = apply(con, [first, copy, ghana], "run-1", FIRST)
    assert result.loaded == [first.source_file, ghana.source_file]
    assert rejections(result) == [("Kenya.txt", "duplicate_content", f"has the same content as {first.source_file}",
                                   "remove one of the two copies")]
    assert result.rejected[0].sha256 == first.sha256 and result.rejected[0].source_file == copy.source_file
    assert counts(con) == (2, 4, 5) and result.needs_loaded == 5


def test_a_second_summary_of_a_review_in_the_same_batch_is_rejected(con, parse, tmp_path):
    first = parse(write_summary(tmp_path, "Kenya.txt", "Kenya", number=1))
    second = parse(write_summary(tmp_path, "Kenya-v2.txt", "Kenya", number=1, needs={2: DEFAULT_NEEDS[2][:2]}))
    other_cycle = parse(write_summary(tmp_path, "Kenya-1.txt", "Kenya", cycle=1, number=1,
                                      needs={3: ["Training of judges (art. 15)."], 4: None}))
    result = apply(con, [first, second, other_cycle], "run-1", FIRST)
    assert result.loaded == [first.source_file, other_cycle.source_file]
    assert rejections(result) == [(
        "Kenya-v2.txt", "duplicate_review",
        f"is a second executive summary for Kenya, cycle 2; {first.source_file} is the first",
        "keep only the current version of the summary in the folder and run the load again")]
    assert counts(con) == (2, 4, 5)


def test_a_renamed_file_keeps_its_document_and_points_to_its_new_name(con, parse, tmp_path):
    old = write_summary(tmp_path, "Kenya.txt", "Kenya", number=1)
    apply(con, [parse(old)], "run-1", FIRST)
    new = tmp_path / "moved" / "Kenya 2022.txt"
    new.parent.mkdir()
    old.rename(new)
    renamed = parse(new)
    result = apply(con, [renamed], "run-2", SECOND)
    assert (result.unchanged, result.loaded, result.replaced, result.rejected) == ([str(new)], [], [], [])
    assert documents(con) == [("KEN", str(new), "run-1", FIRST, "run-1", FIRST)]
    assert con.execute("SELECT DISTINCT source_file FROM needs").fetchall() == [(str(new),)]


def test_a_copy_of_a_loaded_file_that_is_still_there_is_rejected(con, parse, tmp_path):
    old = write_summary(tmp_path, "Kenya.txt", "Kenya", number=1)
    apply(con, [parse(old)], "run-1", FIRST)
    copy = parse(write_summary(tmp_path, "Kenya copy.txt", "Kenya", number=1))
    result = apply(con, [copy], "run-2", SECOND)
    assert rejections(result) == [("Kenya copy.txt", "duplicate_content",
                                   f"has the same content as {old}, already loaded",
                                   "remove the copy; the document is loaded once")]
    assert (result.unchanged, result.loaded) == ([], [])
    assert documents(con) == [("KEN", str(old), "run-1", FIRST, "run-1", FIRST)]
    assert con.execute("SELECT DISTINCT source_file FROM needs").fetchall() == [(str(old),)]


def test_an_unchanged_file_read_differently_now_gets_new_rows_and_keeps_its_history(con, parse, tmp_path):
    kenya = parse(write_summary(tmp_path, "Kenya.txt", "Kenya", number=1))
    ghana = parse(write_summary(tmp_path, "Ghana.txt", "Ghana", number=2))
    apply(con, [kenya, ghana], "run-1", FIRST)
    fresh = con.execute("SELECT need_id, heading, text FROM needs WHERE iso3 = 'KEN' ORDER BY ALL").fetchall()
    # As an earlier version of the parser would have stored them.
    con.execute("UPDATE needs SET heading = 'an older reading' WHERE iso3 = 'KEN'")
    con.execute("UPDATE document_chapters SET location = 'line 1' WHERE document_id = ?", [ghana.sha256])
    result = apply(con, [kenya, ghana], "run-2", SECOND)
    assert (result.reread, result.unchanged, result.loaded, result.replaced) == (
        [kenya.source_file, ghana.source_file], [], [], [])
    assert result.needs_loaded == 8
    assert documents(con) == [("GHA", ghana.source_file, "run-1", FIRST, "run-2", SECOND),
                              ("KEN", kenya.source_file, "run-1", FIRST, "run-2", SECOND)]
    assert con.execute("SELECT need_id, heading, text FROM needs WHERE iso3 = 'KEN' ORDER BY ALL"
                       ).fetchall() == fresh
    assert counts(con) == (2, 4, 8)


@pytest.mark.parametrize("column", ["documents.pages", "document_chapters.needs_count", "needs.ordinal"])
def test_each_table_of_a_reading_is_compared(con, parse, tmp_path, column):
    kenya = parse(write_summary(tmp_path, "Kenya.txt", "Kenya", number=1))
    apply(con, [kenya], "run-1", FIRST)
    table, name = column.split(".")
    con.execute(f"UPDATE {table} SET {name} = 99")
    assert apply(con, [kenya], "run-2", SECOND).reread == [kenya.source_file]


def test_a_changed_file_replaces_its_document_and_keeps_its_first_run(con, parse, tmp_path):
    path = write_summary(tmp_path, "Kenya.txt", "Kenya", number=1)
    old = parse(path)
    ghana = parse(write_summary(tmp_path, "Ghana.txt", "Ghana", number=2))
    apply(con, [old, ghana], "run-1", FIRST)
    new = parse(write_summary(tmp_path, "Kenya.txt", "Kenya", number=1, needs={2: DEFAULT_NEEDS[2][:2], 5: None}))
    result = apply(con, [new, ghana], "run-2", SECOND)
    assert (result.replaced, result.unchanged, result.loaded, result.needs_loaded) == (
        [str(path)], [ghana.source_file], [], 2)
    assert documents(con) == [("GHA", ghana.source_file, "run-1", FIRST, "run-1", FIRST),
                              ("KEN", str(path), "run-1", FIRST, "run-2", SECOND)]
    assert con.execute("SELECT count(*) FROM needs WHERE document_id = ?", [old.sha256]).fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM document_chapters WHERE document_id = ?", [old.sha256]).fetchone() == (0,)
    assert counts(con) == (2, 4, 6)


def test_a_file_now_holding_another_review_replaces_the_old_one_as_a_new_review(con, parse, tmp_path):
    path = write_summary(tmp_path, "summary.txt", "Kenya", number=1)
    old = parse(path)
    apply(con, [old], "run-1", FIRST)
    new = parse(write_summary(tmp_path, "summary.txt", "Ghana", number=2))
    result = apply(con, [new], "run-2", SECOND)
    assert (result.replaced, result.loaded) == ([str(path)], [])
    assert documents(con) == [("GHA", str(path), "run-2", SECOND, "run-2", SECOND)]
    assert counts(con) == (1, 2, 4)


def test_a_second_summary_of_a_loaded_review_is_rejected_while_the_first_file_is_there(con, parse, tmp_path):
    first = write_summary(tmp_path, "Kenya.txt", "Kenya", number=1)
    apply(con, [parse(first)], "run-1", FIRST)
    second = parse(write_summary(tmp_path, "Kenya-v2.txt", "Kenya", number=1, needs={2: DEFAULT_NEEDS[2][:2]}))
    ghana = parse(write_summary(tmp_path, "Ghana.txt", "Ghana", number=2, needs={2: DEFAULT_NEEDS[2][:1], 5: None}))
    result = apply(con, [second, ghana], "run-2", SECOND)
    assert rejections(result) == [(
        "Kenya-v2.txt", "duplicate_review",
        f"is a second executive summary for Kenya, cycle 2, already loaded from {first}",
        f"if this is the newer version, replace {first} with it (same file name) and run again")]
    assert result.loaded == [ghana.source_file]
    assert documents(con) == [("GHA", ghana.source_file, "run-2", SECOND, "run-2", SECOND),
                              ("KEN", str(first), "run-1", FIRST, "run-1", FIRST)]
    assert counts(con) == (2, 4, 5)


def test_a_changed_summary_under_a_new_name_replaces_the_review_when_the_old_file_is_gone(con, parse, tmp_path):
    first = write_summary(tmp_path, "Kenya.txt", "Kenya", number=1)
    old = parse(first)
    apply(con, [old], "run-1", FIRST)
    first.unlink()
    new = parse(write_summary(tmp_path, "Kenya-v2.txt", "Kenya", number=1, needs={2: DEFAULT_NEEDS[2][:2]}))
    result = apply(con, [new], "run-2", SECOND)
    assert (result.replaced, result.loaded, result.rejected) == ([new.source_file], [], [])
    assert documents(con) == [("KEN", new.source_file, "run-1", FIRST, "run-2", SECOND)]
    assert con.execute("SELECT count(*) FROM needs WHERE document_id = ?", [old.sha256]).fetchone() == (0,)
    assert counts(con) == (1, 2, 2)


def test_a_changed_file_and_a_rival_review_both_superseded(con, parse, tmp_path):
    # summary.txt held Ghana; Kenya.txt (gone now) held Kenya; summary.txt now holds Kenya: both old rows go.
    summary = write_summary(tmp_path, "summary.txt", "Ghana", number=2)
    kenya = write_summary(tmp_path, "Kenya.txt", "Kenya", number=1)
    apply(con, [parse(summary), parse(kenya)], "run-1", FIRST)
    kenya.unlink()
    new = parse(write_summary(tmp_path, "summary.txt", "Kenya", number=1, needs={2: DEFAULT_NEEDS[2][:2]}))
    result = apply(con, [new], "run-2", SECOND)
    assert (result.replaced, result.loaded) == ([str(summary)], [])
    # The Kenya review's history is kept, from the row of the same review.
    assert documents(con) == [("KEN", str(summary), "run-1", FIRST, "run-2", SECOND)]
    assert counts(con) == (1, 2, 2)
