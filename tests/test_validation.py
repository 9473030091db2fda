"""Tests of the validation gate: a clean warehouse passes, each kind of breakage is caught with its severity."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines import validate as v
from pipelines.warehouse import create_schema

ROOT = Path(__file__).resolve().parent.parent
LOADED = datetime(2026, 11, 23, 10, 0)

CHAPTERS = [(1, "I", 1, 4), (2, "II", 5, 14), (3, "III", 15, 42), (4, "IV", 43, 50), (5, "V", 51, 59),
            (6, "VI", 60, 62), (7, "VII", 63, 64), (8, "VIII", 65, 71)]  # fmt: skip
GROUPS = ["African States", "Asia-Pacific States", "Eastern European States",
          "Latin American and Caribbean States", "Western European and other States", "Other"]  # fmt: skip
TYPES = ["capacity-building", "legislative", "institution-building", "policymaking", "other"]

# document_id, symbol, country, iso3, group, cycle, {chapter: needs (text, articles, types) or "no_needs"}
DOCUMENTS = [
    ("d-gha", "CAC/COSP/IRG/II/1/1/Add.1", "Ghana", "GHA", GROUPS[0], 2, {
        2: [("Capacity-building for the asset declaration unit", [8], ["capacity-building"]),
            ("Legislative assistance on public procurement", [9], ["legislative"])],
        5: "no_needs"}),
    ("d-fra", "CAC/COSP/IRG/I/2/1/Add.3/Corr.1", "France", "FRA", GROUPS[4], 1, {
        3: [("Training of investigators on illicit enrichment", [20], ["capacity-building"]),
            ("Model legislation", [], ["legislative"])],
        4: [("Case-management system for mutual legal assistance", [46], ["institution-building", "other"])]}),
    ("d-bra", "CAC/COSP/IRG/II/2/1/Add.7", "Brazil", "BRA", GROUPS[3], 2, {
        2: [("National anti-corruption strategy", [5], ["policymaking"])],
        5: [("Training on asset tracing", [51, 52], ["capacity-building"])]}),
    ("d-vnm", "CAC/COSP/IRG/II/3/1/Add.12", "Viet Nam", "VNM", GROUPS[1], 2, {
        2: [("Strengthening the anti-corruption body", [6], ["institution-building"])],
        5: [("Legal advice on non-conviction-based forfeiture", [54], ["legislative"])]}),
    ("d-pol", "CAC/COSP/IRG/I/1/1/Add.4", "Poland", "POL", GROUPS[2], 1, {
        3: [("Training of judges", [], ["capacity-building"])],
        4: "no_needs"}),
    ("d-euu", "CAC/COSP/IRG/II/4/1/Add.2/Rev.1", "European Union", "EUU", GROUPS[5], 2, {
        2: "no_needs",
        5: [("Research on asset recovery cases", [57], ["other"])]}),
]  # fmt: skip


def _need_id(iso3: str, chapter: int, ordinal: int) -> str:
    return f"n-{iso3.lower()}-{chapter}-{ordinal}"


def _reference(con: duckdb.DuckDBPyConnection) -> None:
    con.executemany("INSERT INTO chapters VALUES (?, ?, 'title', ?, ?)", CHAPTERS)
    groups = [(group, group.split()[0], n) for n, group in enumerate(GROUPS)]
    con.executemany("INSERT INTO regional_groups VALUES (?, ?, ?)", groups)
    con.executemany(
        "INSERT INTO assistance_types VALUES (?, ?, ?, 'description', ?)", [(t, t, t, i) for i, t in enumerate(TYPES)]
    )


def _rows(doc: tuple) -> tuple[list, list, list]:
    """Rows of documents, document_chapters and needs for one document of the DOCUMENTS shape."""
    document_id, symbol, country, iso3, group, cycle, parts = doc
    source = f"data/raw/{iso3.lower()}.pdf"
    documents = [(document_id, symbol, country, iso3, group, cycle, "en", None, source, "pdf", 4, True, "r0", LOADED,
                  "r0", LOADED)]  # fmt: skip
    chapters, needs = [], []
    for chapter, listed in parts.items():
        status, count = ("no_needs", 0) if listed == "no_needs" else ("needs", len(listed))
        statement = "No technical assistance needs were identified." if status == "no_needs" else None
        chapters.append((document_id, chapter, status, count, statement, "page 3, line 1"))
        for ordinal, (text, articles, types) in enumerate([] if status == "no_needs" else listed, start=1):
            needs.append(
                (_need_id(iso3, chapter, ordinal), document_id, symbol, country, iso3, group, cycle, chapter, articles,
                 "cited" if articles else "none", types, [], text, None, ordinal, "en", source, 3, 10 + ordinal,
                 f"page 3, line {10 + ordinal}", [], [])
            )  # fmt: skip
    return documents, chapters, needs


def _warehouse(documents: list[tuple] = DOCUMENTS) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    create_schema(con)
    _reference(con)
    rows: dict[str, list] = {"documents": [], "document_chapters": [], "needs": []}
    for doc in documents:
        for table, table_rows in zip(rows, _rows(doc), strict=True):
            rows[table] += table_rows
    for table, table_rows in rows.items():
        if table_rows:
            columns = [name for (name,) in con.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall()]
            con.register("_rows", pd.DataFrame(table_rows, columns=columns))
            con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
            con.unregister("_rows")
    return con


def _loosen(con: duckdb.DuckDBPyConnection, *tables: str) -> None:
    """Recreate tables without their constraints, so a test can store what the schema would refuse."""
    for table in tables:
        con.execute(f"CREATE TABLE loose AS SELECT * FROM {table}")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE loose RENAME TO {table}")


def _outcome(report: v.ValidationReport, suite: str, expectation: str) -> v.ExpectationOutcome:
    matches = [o for o in report.outcomes if o.suite == suite and o.expectation == expectation]
    assert len(matches) == 1, f"{suite}.{expectation} ran {len(matches)} times"
    return matches[0]


@pytest.fixture(scope="module", autouse=True)
def gx_context():
    """Build the Great Expectations context once for the whole module: it is what makes the first call slow."""
    return v._context()


def test_clean_warehouse_passes_every_expectation():
    con = _warehouse()
    report = v.validate(con, "run-clean", previous=None)
    failed = [(o.suite, o.expectation, o.observed_value) for o in report.outcomes if not o.success]
    assert failed == []
    assert report.passed and not report.critical_failures and not report.warnings
    assert {o.suite for o in report.outcomes} == {"needs", "documents", "batch"}
    assert "PASSED" in report.summary()


FIRST = _need_id("GHA", 2, 1)
SECOND = _need_id("GHA", 2, 2)

NEEDS_COLUMNS = ["need_id", "document_id", "country", "iso3", "regional_group", "cycle", "chapter", "articles",
                 "types", "text", "source_file", "location"]  # fmt: skip

BREAKAGES = [
    pytest.param("needs", "need_id_unique", "critical",
                 ["__loosen_needs__", f"UPDATE needs SET need_id = '{FIRST}' WHERE need_id = '{SECOND}'"],
                 id="duplicate_need_id"),
    pytest.param("needs", "chapter_in_cycle", "critical",
                 ["UPDATE needs SET chapter = 3, articles = [15] WHERE need_id = '" + FIRST + "'",
                  "UPDATE document_chapters SET needs_count = 1 WHERE document_id = 'd-gha' AND chapter = 2",
                  "INSERT INTO document_chapters VALUES ('d-gha', 3, 'needs', 1, NULL, NULL)"],
                 id="chapter_not_in_cycle"),
    pytest.param("needs", "articles_in_chapter", "warning",
                 [f"UPDATE needs SET articles = [8, 51] WHERE need_id = '{FIRST}'"], id="article_outside_chapter"),
    pytest.param("needs", "types_in_taxonomy", "critical",
                 [f"UPDATE needs SET types = ['teleportation'] WHERE need_id = '{FIRST}'"], id="unknown_type"),
    pytest.param("needs", "types_in_taxonomy", "critical",
                 [f"UPDATE needs SET types = [] WHERE need_id = '{FIRST}'"], id="no_type"),
    pytest.param("needs", "text_not_empty", "critical",
                 [f"UPDATE needs SET text = '' WHERE need_id = '{FIRST}'"], id="empty_text"),
    pytest.param("needs", "text_not_empty", "critical",
                 [f"UPDATE needs SET text = 'ab' WHERE need_id = '{FIRST}'"], id="two_char_text"),
    pytest.param("needs", "text_not_too_long", "warning",
                 [f"UPDATE needs SET text = repeat('swallowed page ', 120) WHERE need_id = '{FIRST}'"],
                 id="long_text"),
    pytest.param("needs", "regional_group_known", "critical",
                 [f"UPDATE needs SET regional_group = 'Atlantis' WHERE need_id = '{FIRST}'"], id="need_group"),
    pytest.param("needs", "document_exists", "critical",
                 [f"UPDATE needs SET document_id = 'd-nowhere' WHERE need_id = '{FIRST}'"], id="orphan_need"),
    pytest.param("needs", "same_state_and_cycle", "critical",
                 [f"UPDATE needs SET iso3 = 'FRA' WHERE need_id = '{FIRST}'"], id="need_other_state"),
    pytest.param("documents", "symbol_well_formed", "critical",
                 ["UPDATE documents SET symbol = 'CAC/COSP/IRG/III/1/1/Add.1' WHERE document_id = 'd-gha'"],
                 id="bad_symbol"),
    pytest.param("documents", "symbol_well_formed", "critical",
                 ["UPDATE documents SET symbol = 'V.19-01234' WHERE document_id = 'd-gha'"], id="page_header_symbol"),
    pytest.param("documents", "symbol_present", "warning",
                 ["UPDATE documents SET symbol = NULL WHERE document_id = 'd-gha'"], id="missing_symbol"),
    pytest.param("documents", "document_id_unique", "critical",
                 ["__loosen_documents__",
                  "INSERT INTO documents SELECT * REPLACE ('GHB' AS iso3) FROM documents WHERE document_id = 'd-gha'"],
                 id="duplicate_document"),
    pytest.param("documents", "one_document_per_state_and_cycle", "critical",
                 ["UPDATE documents SET document_id = 'd-gha-2' WHERE document_id = 'd-bra'",
                  "UPDATE documents SET iso3 = 'GHA' WHERE document_id = 'd-gha-2'"],
                 id="two_documents_same_review"),
    pytest.param("documents", "cycle_known", "critical",
                 ["UPDATE documents SET cycle = 3 WHERE document_id = 'd-gha'"], id="cycle_3"),
    pytest.param("documents", "regional_group_known", "critical",
                 ["UPDATE documents SET regional_group = 'Atlantis' WHERE document_id = 'd-gha'"], id="document_group"),
    pytest.param("documents", "chapters_accounted", "warning",
                 ["UPDATE document_chapters SET status = 'no_section' WHERE document_id = 'd-gha' AND chapter = 5"],
                 id="chapter_without_section"),
    pytest.param("documents", "chapters_accounted", "warning",
                 ["DELETE FROM document_chapters WHERE document_id = 'd-gha' AND chapter = 5"],
                 id="chapter_missing"),
    pytest.param("documents", "needs_count_matches", "critical",
                 ["UPDATE document_chapters SET needs_count = 7 WHERE document_id = 'd-gha' AND chapter = 2"],
                 id="needs_count_wrong"),
    pytest.param("documents", "needs_count_matches", "critical",
                 [f"DELETE FROM needs WHERE need_id = '{FIRST}'"], id="need_lost"),
    pytest.param("batch", "every_chapter_covered", "critical",
                 ["DELETE FROM needs WHERE chapter = 4",
                  "UPDATE document_chapters SET status = 'no_section', needs_count = 0 WHERE chapter = 4"],
                 id="chapter_4_empty"),
    pytest.param("batch", "every_group_covered", "warning",
                 ["DELETE FROM needs WHERE iso3 = 'EUU'",
                  "UPDATE document_chapters SET status = 'no_section', needs_count = 0 WHERE document_id = 'd-euu'"],
                 id="group_empty"),
]  # fmt: skip


@pytest.mark.parametrize(("suite", "expectation", "severity", "statements"), BREAKAGES)
def test_each_breakage_is_caught_with_its_severity(suite, expectation, severity, statements):
    con = _warehouse()
    for statement in statements:
        if statement.startswith("__loosen_"):
            _loosen(con, statement.removeprefix("__loosen_").removesuffix("__"))
        else:
            con.execute(statement)
    report = v.validate(con, "run-broken", previous=None)
    outcome = _outcome(report, suite, expectation)
    assert not outcome.success
    assert outcome.severity == severity
    # A warning publishes: the breakage must not trip any critical expectation on the side.
    assert report.passed == (severity == "warning"), report.summary()
    listed = report.critical_failures if severity == "critical" else report.warnings
    assert outcome in listed
    assert expectation in report.summary()


def test_each_required_column_null_is_caught():
    con = _warehouse()
    _loosen(con, "needs")
    rows = con.execute("SELECT count(*) FROM needs").fetchone()[0]
    # One null per column, each in its own row while rows last: every expectation must count exactly one.
    for n, column in enumerate(NEEDS_COLUMNS):
        con.execute(f"UPDATE needs SET {column} = NULL WHERE rowid = {n % rows}")
    report = v.validate(con, "run-nulls", previous=None)
    for column in NEEDS_COLUMNS:
        outcome = _outcome(report, "needs", f"{column}_not_null")
        assert (outcome.success, outcome.severity, outcome.unexpected_count) == (False, "critical", 1), column
        assert outcome.column_name == column and len(outcome.details) == 1
    assert not report.passed


def test_an_expectation_that_cannot_be_evaluated_fails_with_its_error_as_observed_value():
    from expectations import suites

    con = _warehouse()
    frame = v.needs_frame(con).drop(columns=["text"])  # the column three expectations check is missing
    groups = tuple(sorted(row[0] for row in con.execute("SELECT regional_group FROM regional_groups").fetchall()))
    definition = v._definition(v._context(), "needs", suites.needs_suite, (groups,))
    outcomes = {o.expectation: o for o in v._run_suite(definition, "needs", frame, "run-error", datetime(2026, 12, 1))}
    for expectation in ("text_not_null", "text_not_empty", "text_not_too_long"):
        errored = outcomes[expectation]
        assert not errored.success and errored.observed_value.startswith("error: "), errored
        assert "text" in errored.observed_value
    assert outcomes["need_id_not_null"].success and outcomes["need_id_not_null"].observed_value is not None


def test_observed_values_count_the_checked_rows_and_show_the_offending_values():
    con = _warehouse()
    _loosen(con, "needs")
    con.execute("UPDATE needs SET text = 'IT' WHERE document_id = 'd-gha' AND ordinal = 1")
    con.execute("UPDATE needs SET text = NULL WHERE need_id = 'n-bra-5-1'")  # not checked by text_not_empty
    observed = {o.expectation: o.observed_value for o in v.validate(con, "run-observed", previous=None).outcomes
                if o.suite == "needs"}
    assert observed["text_not_empty"] == "1 of 10 rows unexpected (IT)"
    assert observed["text_not_null"] == "1 of 11 rows unexpected"
    assert observed["need_id_not_null"] == "0 of 11 rows unexpected"


def test_offending_rows_name_their_source():
    con = _warehouse()
    con.execute(f"UPDATE needs SET articles = [8, 51] WHERE need_id = '{FIRST}'")
    report = v.validate(con, "run-details", previous=None)
    outcome = _outcome(report, "needs", "articles_in_chapter")
    assert outcome.unexpected_count == 1 and outcome.observed_value == "1 of 11 rows unexpected"
    (row,) = outcome.details
    assert row["need_id"] == FIRST
    assert row["articles_outside"] == [51]
    assert row["source_file"] == "data/raw/gha.pdf" and row["location"] == "page 3, line 11"
    assert row["text"].startswith("Capacity-building")
    assert "data/raw/gha.pdf" in report.summary()


def _shrunk_warehouse(kind: str) -> tuple[duckdb.DuckDBPyConnection, dict]:
    """A warehouse and the counts of the published one it would replace, shrunk in one way."""
    con = _warehouse()
    previous = v.counts(con)
    if kind == "total":
        previous["needs_total"] = 2 * previous["needs_total"]
    else:
        con.execute("DELETE FROM needs WHERE chapter = 4")
        con.execute("UPDATE document_chapters SET status = 'no_needs', needs_count = 0 WHERE chapter = 4")
    return con, previous


@pytest.mark.parametrize("allow_shrink", [False, True])
@pytest.mark.parametrize(("kind", "expectation"), [("total", "needs_total_not_shrunk"),
                                                   ("chapter", "chapter_needs_not_lost")])  # fmt: skip
def test_shrink_blocks_unless_allowed(kind, expectation, allow_shrink):
    con, previous = _shrunk_warehouse(kind)
    report = v.validate(con, "run-shrink", previous=previous, allow_shrink=allow_shrink)
    outcome = _outcome(report, "batch", expectation)
    assert not outcome.success
    assert outcome.severity == ("warning" if allow_shrink else "critical")
    assert report.passed == allow_shrink, report.summary()
    assert outcome.details and outcome.details[0]["previous"] > outcome.details[0]["current"]
    expected = "needs 11 of 22 published (50%)" if kind == "total" else "chapter 4 (was 1): 0"
    assert expected in outcome.observed_value


def test_small_shrink_and_growth_pass():
    con = _warehouse()
    previous = v.counts(con)
    previous["needs_total"] += 1  # 11 of 12: above the 90% floor
    previous["needs_by_chapter"] = {str(k): n for k, n in previous["needs_by_chapter"].items()}  # as read from JSON
    assert v.validate(con, "run-ok", previous=previous).passed
    previous["needs_total"] = 1
    assert v.validate(con, "run-grown", previous=previous).passed


def test_counts():
    assert v.counts(None) is None
    con = _warehouse()
    assert v.counts(con) == {"needs_total": 11, "needs_by_chapter": {2: 4, 3: 3, 4: 1, 5: 3}, "documents_total": 6}


def test_results_are_written_to_the_warehouse():
    con = _warehouse()
    con.execute("UPDATE documents SET symbol = NULL WHERE document_id = 'd-pol'")
    report = v.validate(con, "run-rows", previous=None)
    rows = con.execute(
        "SELECT suite, expectation, severity, success, unexpected_count, details, column_name, validated_at"
        " FROM validation_results WHERE run_id = 'run-rows'"
    ).df()
    assert len(rows) == len(report.outcomes) > 30
    assert not rows.duplicated(["suite", "expectation"]).any()
    assert set(rows["severity"]) == {"critical", "warning"}
    failed = rows[~rows["success"]]
    assert list(failed["expectation"]) == ["symbol_present"]
    details = json.loads(failed["details"].iloc[0])
    assert details[0]["source_file"] == "data/raw/pol.pdf" and details[0]["document_id"] == "d-pol"
    assert rows.loc[rows["expectation"] == "chapter_in_cycle", "column_name"].item() == "cycle, chapter"
    # The columns of a compound-unique expectation (a column list, not a column or a pair) are named too.
    assert rows.loc[rows["expectation"] == "one_document_per_state_and_cycle", "column_name"].item() == "iso3, cycle"
    v.validate(con, "run-rows-2", previous=None)
    assert con.execute("SELECT count(DISTINCT run_id) FROM validation_results").fetchone()[0] == 2


def test_results_of_a_blocked_load_can_be_recorded_elsewhere():
    staged_copy = _warehouse()
    staged_copy.execute("UPDATE needs SET text = ''")
    report = v.validate(staged_copy, "run-blocked", previous=None)
    assert not report.passed
    published = _warehouse()
    v.record_results(published, report)
    failed = published.execute(
        "SELECT expectation, unexpected_count FROM validation_results WHERE run_id = 'run-blocked' AND NOT success"
    ).fetchall()
    assert failed == [("text_not_empty", 11)]


def test_empty_warehouse_passes():
    con = _warehouse(documents=[])
    assert v.validate(con, "run-empty", previous=None).passed


def test_data_docs_are_built(tmp_path):
    con = _warehouse()
    # Run ids as loads make them; a token of digits reads as a UTC offset to a date parser ("-4821": 48 hours).
    old, new = "20261123T180000Z-0001", "20261123T180512Z-4821"
    v.validate(con, old, previous=None, data_docs_dir=tmp_path / "docs")
    con.execute(f"UPDATE needs SET articles = [8, 51] WHERE need_id = '{FIRST}'")
    report = v.validate(con, new, previous=None, data_docs_dir=tmp_path / "docs")
    assert report.data_docs_index == tmp_path / "docs" / "index.html"
    index = report.data_docs_index.read_text(encoding="utf-8")
    pages = sorted((tmp_path / "docs" / "validations").rglob("*.html"))
    assert [page.parent.parent.parent.name for page in pages] == ["batch", "documents", "needs"]
    assert all(new in str(page) and old not in str(page) for page in pages)
    assert all(str(page.relative_to(tmp_path / "docs")) in index for page in pages)
    needs_page = pages[2].read_text(encoding="utf-8")
    assert "articles_in_chapter" in needs_page and "[warning] Every article" in needs_page
    assert "[warning] A need longer than" in needs_page


def test_validate_published_publishes_new_results(tmp_path, capsys):
    published = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(published))
    con.close()
    source = _warehouse()
    source.execute(f"ATTACH '{published}' AS target")
    source.execute("COPY FROM DATABASE memory TO target")
    source.execute("DETACH target")
    assert v.validate_published(published, None) == 0
    assert "PASSED" in capsys.readouterr().out
    with duckdb.connect(str(published), read_only=True) as reader:
        assert reader.execute("SELECT count(*) FROM validation_results WHERE success").fetchone()[0] > 30
        reader_runs = reader.execute("SELECT DISTINCT run_id FROM validation_results").fetchall()
    assert len(reader_runs) == 1 and reader_runs[0][0].endswith("-validate")
    with duckdb.connect(str(published)) as writer:
        writer.execute("UPDATE needs SET text = '' WHERE ordinal = 1")
    assert v.validate_published(published, None) == 1
    assert "BLOCKED" in capsys.readouterr().out
    assert v.validate_published(tmp_path / "missing.duckdb", None) == 1


def test_readme_documents_every_expectation():
    from expectations import suites

    readme = (ROOT / "expectations" / "README.md").read_text(encoding="utf-8")
    built = [suites.needs_suite(GROUPS), suites.documents_suite(GROUPS), suites.batch_suite(False)]
    for suite in built:
        for expectation in suite.expectations:
            identifier = expectation.meta["id"]
            assert re.search(rf"`{re.escape(identifier)}`.*\b{expectation.severity.value}\b", readme), identifier
            if expectation.severity.value == "critical":
                scope = expectation.meta["scope"]
                assert re.search(rf"`{re.escape(identifier)}`.*\| {scope} \|$", readme, re.M), (identifier, scope)


def test_critical_failures_of_a_document_quarantine_it_and_batch_failures_block():
    con = _warehouse()
    con.execute("UPDATE needs SET text = 'IT' WHERE document_id = 'd-gha' AND ordinal = 1")
    con.execute("UPDATE documents SET symbol = 'not a symbol' WHERE document_id = 'd-bra'")
    report = v.validate(con, "run-quarantine", previous=v.counts(con))
    assert not report.passed and not report.blocks_batch
    quarantine = report.quarantine()
    assert sorted(quarantine) == ["d-bra", "d-gha"]
    [(outcome, rows)] = quarantine["d-gha"]
    assert outcome.expectation == "text_not_empty" and rows[0]["text"] == "IT" and rows[0]["location"]
    con.execute("DELETE FROM documents WHERE document_id = 'd-fra'")  # its needs now point at no document
    orphans = v.validate(con, "run-orphans", previous=v.counts(con))
    assert orphans.blocks_batch
    # document_exists is of the batch: its failure is traced to d-fra's needs, but does not quarantine d-fra.
    assert any(o.expectation == "document_exists" and "d-fra" in o.documents for o in orphans.critical_failures)
    assert sorted(orphans.quarantine()) == ["d-bra", "d-gha"]


@pytest.mark.slow
def test_validate_passes_two_thousand_needs_from_two_hundred_documents():
    # How long it takes is measured by `python -m pipelines.bench` (loads with validation), never asserted here.
    rng = range(200)
    documents = [
        (f"d-{i}", f"CAC/COSP/IRG/II/{i % 5 + 1}/1/Add.{i}", f"State {i}", f"S{i:02d}", GROUPS[i % 6], 2, {
            2: [(f"Capacity-building need number {i}-{k} (art. {5 + k})", [5 + k], ["capacity-building"])
                for k in range(5)],
            5: [(f"Legislative assistance number {i}-{k}", [51 + k], ["legislative", "other"]) for k in range(5)]})
        for i in rng
    ]  # fmt: skip
    con = _warehouse(documents)
    assert con.execute("SELECT count(*) FROM needs").fetchone()[0] == 2000
    report = v.validate(con, "run-bench", previous=v.counts(con))
    assert report.passed, report.summary()
    assert len(report.outcomes) > 30 and all(outcome.success for outcome in report.outcomes)


def test_importing_the_module_does_not_import_great_expectations():
    import subprocess
    import sys

    code = "import sys, pipelines.validate; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_frames_expose_the_derived_columns():
    con = _warehouse()
    needs = v.needs_frame(con)
    assert {"articles_in_chapter", "types_known", "matches_document"} <= set(needs.columns)
    assert needs["articles_in_chapter"].all() and needs["types_known"].all()
    documents = v.documents_frame(con)
    assert documents["chapters_accounted"].all() and documents["needs_count_matches"].all()
    batch = v.batch_frame(con, None)
    assert isinstance(batch, pd.DataFrame) and set(batch["check"]) == {"chapter covered", "group covered"}
