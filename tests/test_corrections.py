"""Editors' corrections: each action on the extracted needs, stale detection, concurrent appends, and the load path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from app import queries
from app import warehouse as app_warehouse
from app.filters import Filters
from pipelines import corrections as C
from pipelines.__main__ import main
from tests.summaries import write_summary

ROOT = Path(__file__).resolve().parent.parent
DOC = "d" * 64
CHAPTER_ARTICLES = {2: set(range(5, 15)), 5: set(range(51, 60))}
TEXTS = ["Training of prosecutors on asset recovery", "Legislative assistance on beneficial ownership",
         "A case-management system", "for the anti-corruption agency"]


def fake_classify(text: str, language: str) -> tuple[list[str], list[str]]:
    if "Training" in text:
        return ["capacity-building"], ["training"]
    if "Legislative" in text:
        return ["legislative"], ["legal-advice"]
    return ["other"], ["other"]


def need(i: int, text: str, chapter: int = 5) -> dict:
    types, subtypes = fake_classify(text, "en")
    return {"need_id": f"n{i}", "document_id": DOC, "symbol": "CAC/COSP/IRG/II/1/1/Add.1", "country": "Kenya",
            "iso3": "KEN", "regional_group": "African States", "cycle": 2, "chapter": chapter, "articles": [52],
            "article_source": "cited", "types": types, "subtypes": subtypes, "text": text, "heading": None,
            "ordinal": i, "language": "en", "source_file": "k.txt", "page": None, "paragraph": 10 + i,
            "location": f"line {10 + i}", "flags": []}


NEEDS = [need(i, text) for i, text in enumerate(TEXTS, start=1)]
FACTS = {DOC: {"document_id": DOC, "symbol": "CAC/COSP/IRG/II/1/1/Add.1", "country": "Kenya", "iso3": "KEN",
               "regional_group": "African States", "cycle": 2, "language": "en", "source_file": "k.txt"}}


def fix(action: str, target: dict | None = None, value: str = "", text: str = "") -> C.Correction:
    return C.Correction.new(editor="Ana", document_id=DOC, action=action, need_id=target["need_id"] if target else "",
                            text=target["text"] if target else text, value=value, reason="checked the PDF")


def applied(*fixes: C.Correction, needs: list[dict] = NEEDS) -> C.Applied:
    return C.apply(needs, list(fixes), fake_classify, CHAPTER_ARTICLES, FACTS)


def texts(result: C.Applied) -> list[str]:
    return [n["text"] for n in result.needs]


def test_no_corrections_gives_the_extracted_needs_marked_uncorrected():
    result = applied()
    assert texts(result) == TEXTS
    assert all(n["corrected"] == [] for n in result.needs)


def test_not_a_need_removes_it_and_renumbers():
    result = applied(fix(C.NOT_A_NEED, NEEDS[0]))
    assert texts(result) == TEXTS[1:]
    assert [n["ordinal"] for n in result.needs] == [1, 2, 3]
    assert result.outcomes[0].status == "applied"


def test_merge_with_previous_joins_the_texts_under_the_previous_id():
    result = applied(fix(C.MERGE_PREVIOUS, NEEDS[3], value=NEEDS[2]["need_id"]))
    assert texts(result)[-1] == "A case-management system for the anti-corruption agency"
    assert result.needs[-1]["need_id"] == "n3" and result.needs[-1]["corrected"] == [C.MERGE_PREVIOUS]
    assert len(result.needs) == 3


def test_merge_of_the_first_need_is_stale():
    assert applied(fix(C.MERGE_PREVIOUS, NEEDS[0])).outcomes[0].status == "stale"


def test_split_makes_two_needs_each_classified():
    text = "Training of prosecutors; Legislative assistance on confiscation"
    source = [need(1, text)]
    result = applied(fix(C.SPLIT, source[0], value=str(text.index("Legislative"))), needs=source)
    assert texts(result) == ["Training of prosecutors;", "Legislative assistance on confiscation"]
    assert [n["types"] for n in result.needs] == [["capacity-building"], ["legislative"]]
    assert result.needs[0]["need_id"] == "n1" and result.needs[1]["need_id"] != "n1"
    assert [n["ordinal"] for n in result.needs] == [1, 2]


def test_edit_text_reclassifies():
    result = applied(fix(C.EDIT_TEXT, NEEDS[2], value="Training on case management"))
    assert result.needs[2]["text"] == "Training on case management"
    assert result.needs[2]["types"] == ["capacity-building"] and result.needs[2]["corrected"] == [C.EDIT_TEXT]


def test_set_types_articles_and_chapter():
    result = applied(fix(C.SET_TYPES, NEEDS[2], value="institution-building;capacity-building"),
                     fix(C.SET_ARTICLES, NEEDS[1], value="52; 53"),
                     fix(C.SET_CHAPTER, NEEDS[0], value="2"))
    by_id = {n["need_id"]: n for n in result.needs}
    assert by_id["n3"]["types"] == ["institution-building", "capacity-building"]
    assert by_id["n2"]["articles"] == [52, 53]
    assert by_id["n1"]["chapter"] == 2 and by_id["n1"]["articles"] == []  # article 52 is not in chapter II
    assert [(n["chapter"], n["ordinal"]) for n in result.needs][0] == (2, 1)


def test_add_need_after_a_given_need():
    text = "Training of judges on non-conviction-based confiscation"
    value = json.dumps({"text": text, "chapter": 5, "after": "n1", "paragraph": 12})
    result = applied(fix(C.ADD_NEED, value=value, text=text))
    assert texts(result)[1] == text
    added = result.needs[1]
    assert added["corrected"] == [C.ADD_NEED] and added["country"] == "Kenya"
    assert added["types"] == ["capacity-building"]
    assert added["location"] == "line 12"


def test_add_need_to_a_document_without_needs_takes_its_facts():
    text = "Training of judges"
    result = applied(fix(C.ADD_NEED, value=json.dumps({"text": text, "chapter": 5, "paragraph": 3}), text=text),
                     needs=[])
    assert texts(result) == [text] and result.needs[0]["iso3"] == "KEN"


def test_reviewed_changes_nothing_but_the_mark():
    result = applied(fix(C.REVIEWED, NEEDS[0]))
    assert texts(result) == TEXTS and result.needs[0]["corrected"] == [C.REVIEWED]


def test_corrections_chain_on_the_text_each_was_made_on():
    first = fix(C.EDIT_TEXT, NEEDS[0], value="Training of judges")
    second = C.Correction.new(editor="Ben", document_id=DOC, action=C.SET_ARTICLES, need_id="n1",
                              text="Training of judges", value="53")
    result = applied(first, second)
    assert [o.status for o in result.outcomes] == ["applied", "applied"]
    assert result.needs[0]["corrected"] == [C.EDIT_TEXT, C.SET_ARTICLES]


def test_a_correction_on_changed_text_is_stale_and_not_applied():
    changed = [dict(NEEDS[0], text="Training of prosecutors on asset recovery and return"), *NEEDS[1:]]
    result = applied(fix(C.NOT_A_NEED, NEEDS[0]), needs=changed)
    assert len(result.needs) == 4
    assert result.outcomes[0].status == "stale" and "text" in result.outcomes[0].detail


def test_a_correction_on_a_vanished_need_or_replaced_document_is_stale():
    result = applied(fix(C.NOT_A_NEED, NEEDS[0]), needs=NEEDS[1:])
    assert result.outcomes[0].status == "stale"
    other = C.Correction.new(editor="Ana", document_id="e" * 64, action=C.NOT_A_NEED, need_id="n2",
                             text=NEEDS[1]["text"])
    result = applied(other)
    assert result.outcomes[0].status == "stale" and "no longer loaded" in result.outcomes[0].detail
    assert len(result.needs) == 4


def test_a_dropped_correction_is_not_applied():
    wrong = fix(C.NOT_A_NEED, NEEDS[0])
    drop = C.Correction.new(editor="Ana", document_id=DOC, action=C.DROP, value=wrong.correction_id)
    result = applied(wrong, drop)
    assert texts(result) == TEXTS
    assert [o.status for o in result.outcomes] == ["dropped", "drop"]


def test_unknown_action_and_missing_editor_are_refused():
    with pytest.raises(ValueError):
        C.Correction.new(editor="Ana", document_id=DOC, action="delete")
    with pytest.raises(ValueError):
        C.Correction.new(editor=" ", document_id=DOC, action=C.REVIEWED)


def test_rows_round_trip_through_the_csv(tmp_path: Path):
    awkward = 'Text with "quotes", commas;\nand a line break'
    rows = [fix(C.EDIT_TEXT, NEEDS[0], value=awkward), fix(C.REVIEWED, NEEDS[1])]
    path = C.append(rows, tmp_path)
    assert C.read(tmp_path) == rows
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(C.COLUMNS)


APPENDER = """
import sys
from pathlib import Path
from app import queries
from app import warehouse as app_warehouse
from app.filters import Filters
from pipelines import corrections as C
folder, editor = Path(sys.argv[1]), sys.argv[2]
for i in range(150):
    C.append([C.Correction.new(editor=editor, document_id='d', action=C.REVIEWED, need_id=f'n{i}', text='t',
                               reason='x' * 2000)], folder)
"""


def test_two_editors_appending_at_once_both_keep_every_row(tmp_path: Path):
    processes = [subprocess.Popen([sys.executable, "-c", APPENDER, str(tmp_path), editor], cwd=ROOT)
                 for editor in ("Ana", "Ben")]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    rows = C.read(tmp_path)
    assert len(rows) == 300
    assert {(r.editor, r.need_id) for r in rows} == {(e, f"n{i}") for e in ("Ana", "Ben") for i in range(150)}
    assert all(r.reason == "x" * 2000 for r in rows)


def _load(folder: Path, warehouse: Path, corrections: Path) -> int:
    return main(["load", str(folder), "--warehouse", str(warehouse), "--no-progress", "--workers", "1",
                 "--corrections", str(corrections)])


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_corrections_survive_a_reload_from_scratch_and_turn_stale_when_the_document_is_replaced(tmp_path: Path):
    raw, fixes = tmp_path / "raw", tmp_path / "corrections"
    raw.mkdir()
    for country in ("Kenya", "Brazil", "France"):
        write_summary(raw, f"{country}.txt", country)
    warehouse = tmp_path / "first.duckdb"
    assert _load(raw, warehouse, fixes) == 0
    before = _rows(warehouse, "SELECT count(*) FROM needs")[0][0]
    kenya = _rows(warehouse, "SELECT need_id, document_id, text FROM needs WHERE iso3 = 'KEN' "
                             "ORDER BY chapter, ordinal")
    C.append([C.Correction.new(editor="Ana", document_id=kenya[0][1], action=C.NOT_A_NEED, need_id=kenya[0][0],
                               text=kenya[0][2], reason="a heading"),
              C.Correction.new(editor="Ana", document_id=kenya[1][1], action=C.REVIEWED, need_id=kenya[1][0],
                               text=kenya[1][2], reason="checked")], fixes)
    from pipelines.republish import republish

    outcome = republish(warehouse, fixes, validate=False)
    assert outcome.status == "published" and outcome.needs_total == before - 1
    with app_warehouse.connect(warehouse) as con:  # what the explorer and its downloads show
        table = queries.needs_table(con, Filters(), limit=None)
    assert table.loc[table["Need id"] == kenya[1][0], "Corrected"].tolist() == ["reviewed"]
    assert (table["Corrected"] == "").sum() == before - 2

    fresh = tmp_path / "fresh.duckdb"
    assert _load(raw, fresh, fixes) == 0
    assert _rows(fresh, "SELECT count(*) FROM needs")[0][0] == before - 1
    assert _rows(fresh, "SELECT status FROM corrections") == [("applied",), ("applied",)]
    assert _rows(fresh, "SELECT needs_count FROM document_chapters ORDER BY ALL") == _rows(
        warehouse, "SELECT needs_count FROM document_chapters ORDER BY ALL")

    # The same warehouse loaded again: unchanged documents keep their extracted needs and the correction.
    assert _load(raw, fresh, fixes) == 0
    assert _rows(fresh, "SELECT count(*) FROM needs_extracted")[0][0] == before
    assert _rows(fresh, "SELECT count(*) FROM needs")[0][0] == before - 1

    write_summary(raw, "Kenya.txt", "Kenya", number=7)  # a new version of the same summary
    assert _load(raw, fresh, fixes) == 0
    assert _rows(fresh, "SELECT count(*) FROM needs")[0][0] == before
    assert _rows(fresh, "SELECT status FROM corrections") == [("stale",), ("stale",)]


def test_a_republish_from_the_command_line_reaches_the_parquet_files_replicas_serve(tmp_path: Path):
    raw, fixes = tmp_path / "raw", tmp_path / "corrections"
    raw.mkdir()
    for country in ("Kenya", "Brazil"):
        write_summary(raw, f"{country}.txt", country)
    warehouse = tmp_path / "warehouse.duckdb"
    assert _load(raw, warehouse, fixes) == 0
    published = tmp_path / "published"  # beside the warehouse, where the load put it
    loaded = json.loads((published / "manifest.json").read_text())
    kenya = _rows(warehouse, "SELECT need_id, document_id, text FROM needs WHERE iso3 = 'KEN' ORDER BY ordinal")[0]
    C.append([C.Correction.new(editor="Ana", document_id=kenya[1], action=C.NOT_A_NEED, need_id=kenya[0],
                               text=kenya[2], reason="a heading")], fixes)

    assert main(["republish", "--warehouse", str(warehouse), "--corrections", str(fixes)]) == 0
    manifest = json.loads((published / "manifest.json").read_text())
    run_id = _rows(warehouse, "SELECT value FROM warehouse_info WHERE key = 'last_run_id'")[0][0]
    assert manifest["run_id"] == run_id != loaded["run_id"]
    assert manifest["tables"]["needs"]["rows"] == loaded["tables"]["needs"]["rows"] - 1
    with app_warehouse.use(app_warehouse.connect_parquet(published / "manifest.json")) as con:  # a Parquet replica
        assert con.execute("SELECT count(*) FROM needs WHERE need_id = ?", [kenya[0]]).fetchone()[0] == 0
        assert con.execute("SELECT status FROM corrections").fetchall() == [("applied",)]
    assert not list(tmp_path.glob(".published.*")), "the staged export is swapped in, not left beside it"
