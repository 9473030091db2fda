"""Promises the README makes about the load, each a test that fails when the promise is broken on purpose.

- article 71, the Convention's last, is accepted; 72 is refused (as are 0 and anything past the end of a range);
- a renamed or moved file is neither rejected as a duplicate nor loaded again;
- need ids come from the need's text, not its position: inserting, reordering or editing other needs keeps an id;
- the validation gate: a critical failure of the batch suite blocks the load and leaves the warehouse as it was.

The loads call run_load with every output (warehouse, Data Docs) under the test's temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.articles import ArticleOutOfRange, cited_articles, heading_articles
from pipelines.load import EXIT_NOTHING_LOADED, EXIT_OK, EXIT_SOME_REJECTED
from tests.in_process_load import load, rows
from tests.summaries import DEFAULT_NEEDS, write_corpus, write_summary

COUNTRIES = ["Kenya", "Brazil", "France", "Ukraine", "Ghana"]


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    return {name: rows(warehouse, f"SELECT * FROM {name} ORDER BY ALL")
            for name in ("documents", "document_chapters", "needs")}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "raw", COUNTRIES)


# --- articles -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Training on the final provisions (art. 71).", [71]),
    ("Support under arts. 70 and 71.", [70, 71]),
    ("Support under arts. 69-71.", [69, 70, 71]),
    ("Awareness of the general provisions (article 1).", [1]),
])
def test_article_71_and_article_1_are_accepted(text, expected):
    assert cited_articles(text) == expected


@pytest.mark.parametrize("line", ["Article 71", "Art. 71:", "Artículo 71"])
def test_article_71_is_a_heading(line):
    assert heading_articles(line) == [71]


@pytest.mark.parametrize(("text", "number"), [("Training (art. 72).", 72), ("Training (art. 0).", 0),
                                              ("Support under arts. 70-72.", 72), ("Article 72", 72)])
def test_article_72_and_0_are_refused(text, number):
    with pytest.raises(ArticleOutOfRange) as raised:
        (heading_articles if text.startswith("Article") else cited_articles)(text)
    assert raised.value.number == number


def test_a_need_citing_article_71_loads_and_one_citing_72_is_rejected(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    write_summary(folder, "Kenya.txt", "Kenya", number=1,
                  needs={2: ["Training of officials on the final provisions (art. 71)."], 5: None})
    write_summary(folder, "Chile.txt", "Chile", number=2,
                  needs={2: ["Training of officials on the final provisions (art. 72)."], 5: None})
    warehouse = tmp_path / "wh.duckdb"
    result = load(folder, warehouse=warehouse)
    assert result.exit_code == EXIT_SOME_REJECTED
    assert [(f.source_file.rsplit("/", 1)[-1], f.rejection.reason) for f in result.rejected] == [
        ("Chile.txt", "article_out_of_range")]
    assert rows(warehouse, "SELECT iso3, articles FROM needs") == [("KEN", [71])]


# --- renames and moves --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("new_name", ["Kenya-renamed.txt", "moved/deeper/Kenya.txt"])
def test_a_renamed_or_moved_file_is_not_a_duplicate_and_is_not_reloaded(corpus, tmp_path, new_name):
    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse).exit_code == EXIT_OK
    before = snapshot(warehouse)
    old = corpus / "Kenya.txt"
    new = corpus / new_name
    new.parent.mkdir(parents=True, exist_ok=True)
    old.rename(new)

    result = load(corpus, warehouse=warehouse)
    assert result.exit_code == EXIT_OK
    assert result.rejected == [] and result.loaded == [] and result.replaced == []
    assert result.needs_loaded == 0 and len(result.unchanged) == 5
    assert rows(warehouse, "SELECT count(*) FROM rejections") == [(0,)]
    # The same rows, only pointing to where the file is now.
    after = snapshot(warehouse)
    assert after["needs"] != before["needs"]
    kenya = rows(warehouse, "SELECT DISTINCT source_file FROM needs WHERE iso3 = 'KEN'")
    assert kenya == rows(warehouse, "SELECT source_file FROM documents WHERE iso3 = 'KEN'")
    assert len(kenya) == 1 and Path(kenya[0][0]).resolve() == new.resolve()

    def without_file(table: list[tuple], column: int) -> list[tuple]:
        return [row[:column] + row[column + 1:] for row in table]

    need_file = [r[0] for r in rows(warehouse, "SELECT name FROM pragma_table_info('needs')")].index("source_file")
    doc_file = [r[0] for r in rows(warehouse, "SELECT name FROM pragma_table_info('documents')")].index("source_file")
    assert sorted(without_file(after["needs"], need_file)) == sorted(without_file(before["needs"], need_file))
    assert sorted(without_file(after["documents"], doc_file)) == sorted(without_file(before["documents"], doc_file))
    assert after["document_chapters"] == before["document_chapters"]


# --- need ids -----------------------------------------------------------------------------------------------------

def _kenya_ids(warehouse: Path) -> dict[str, str]:
    """Kenya's need ids by text, without the final full stop (the parser drops it)."""
    return {text.rstrip("."): need_id
            for text, need_id in rows(warehouse, "SELECT text, need_id FROM needs WHERE iso3 = 'KEN'")}


def test_need_ids_stay_when_a_need_is_inserted_before_them_or_the_order_changes(corpus, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    load(corpus, warehouse=warehouse)
    before = _kenya_ids(warehouse)
    assert len(before) == 4
    inserted = "Technical assistance to set up a whistle-blower protection office (art. 8)."
    write_summary(corpus, "Kenya.txt", "Kenya", number=1,
                  needs={2: [inserted, *reversed(DEFAULT_NEEDS[2])], 5: None})
    assert load(corpus, warehouse=warehouse).exit_code == EXIT_OK
    after = _kenya_ids(warehouse)
    new = set(after) - set(before)
    assert len(after) == 5 and new == {inserted.rstrip(".")}
    assert {text: after[text] for text in before} == before
    assert len(set(after.values())) == 5


def test_editing_one_need_changes_its_id_only(corpus, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    load(corpus, warehouse=warehouse)
    before = _kenya_ids(warehouse)
    edited = list(DEFAULT_NEEDS[2])
    edited[1] = "Legislative assistance to regulate the funding of political parties and campaigns (art. 7)."
    write_summary(corpus, "Kenya.txt", "Kenya", number=1, needs={2: edited, 5: None})
    assert load(corpus, warehouse=warehouse).exit_code == EXIT_OK
    after = _kenya_ids(warehouse)
    unchanged = [text.rstrip(".") for text in DEFAULT_NEEDS[2] if text != DEFAULT_NEEDS[2][1]]
    assert {text: after[text] for text in unchanged} == {text: before[text] for text in unchanged}
    assert after[edited[1].rstrip(".")] not in before.values()
    # Another State's needs with the very same texts have ids of their own.
    assert not set(before.values()) & set(dict(rows(warehouse, "SELECT need_id, text FROM needs WHERE iso3 = 'BRA'")))


def test_need_ids_do_not_depend_on_spacing_case_or_punctuation(corpus, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    load(corpus, warehouse=warehouse)
    before = sorted(_kenya_ids(warehouse).values())
    reworded = [" ".join(text.upper().rstrip(".").split()) + " ;" for text in DEFAULT_NEEDS[2]]
    write_summary(corpus, "Kenya.txt", "Kenya", number=1, needs={2: reworded, 5: None})
    assert load(corpus, warehouse=warehouse).exit_code == EXIT_OK
    assert sorted(_kenya_ids(warehouse).values()) == before


# --- the validation gate ------------------------------------------------------------------------------------------

def test_a_critical_batch_failure_blocks_the_load_and_changes_no_data(corpus, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse).exit_code == EXIT_OK
    before = snapshot(warehouse)
    # The only cycle-1 summary reviews chapter III but says nothing of chapter IV: no cycle-1 summary covers
    # chapter IV, a critical failure of the batch suite (every_chapter_covered).
    second = tmp_path / "cycle1"
    second.mkdir()
    write_summary(second, "Peru.txt", "Peru", cycle=1, number=7,
                  needs={3: ["Training of prosecutors on illicit enrichment (art. 20)."]})
    result = load(second, warehouse=warehouse)
    assert result.status == "blocked"
    assert result.exit_code == EXIT_NOTHING_LOADED
    assert result.needs_loaded == 0 and result.loaded == []
    assert snapshot(warehouse) == before
    assert rows(warehouse, "SELECT status FROM load_runs WHERE run_id = ?", [result.run_id]) == [("blocked",)]
    failed = rows(warehouse, "SELECT suite, expectation, severity FROM validation_results "
                             "WHERE run_id = ? AND NOT success", [result.run_id])
    assert ("batch", "every_chapter_covered", "critical") in failed
    assert rows(warehouse, "SELECT value FROM warehouse_info WHERE key = 'last_run_status'") == [("blocked",)]


def test_the_shrink_guard_blocks_until_allowed(corpus, tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse).exit_code == EXIT_OK
    before = snapshot(warehouse)
    for name in ("Kenya.txt", "Brazil.txt"):
        (corpus / name).unlink()
    blocked = load(corpus, warehouse=warehouse, prune=True)
    assert (blocked.status, blocked.exit_code, blocked.removed) == ("blocked", EXIT_NOTHING_LOADED, [])
    assert snapshot(warehouse) == before
    published = load(corpus, warehouse=warehouse, prune=True, allow_shrink=True)
    assert (published.status, published.exit_code, len(published.removed)) == ("published", EXIT_OK, 2)
    assert rows(warehouse, "SELECT count(*) FROM needs") == [(12,)]
    assert rows(warehouse, "SELECT DISTINCT iso3 FROM needs ORDER BY 1") == [("FRA",), ("GHA",), ("UKR",)]


def test_without_validation_asked_the_same_batch_is_published(corpus, tmp_path):
    # The gate is what blocked the batch above: with validation off, the same batch goes through.
    second = tmp_path / "cycle1"
    second.mkdir()
    write_summary(second, "Peru.txt", "Peru", cycle=1, number=7,
                  needs={3: ["Training of prosecutors on illicit enrichment (art. 20)."]})
    warehouse = tmp_path / "wh.duckdb"
    result = load(second, warehouse=warehouse, validate=False)
    assert (result.status, result.exit_code, result.needs_loaded) == ("published", EXIT_OK, 1)
