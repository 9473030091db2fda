"""Need ids and warehouse rows from a parsed summary, without a load: ids follow the text, rows carry the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.classify import load_taxonomy
from pipelines.parse import ParsedDocument, parse_file
from pipelines.reference import Reference
from pipelines.rows import chapter_rows, document_rows, need_ids, need_rows, normalized_text
from tests.summaries import DEFAULT_NEEDS, write_summary


@pytest.fixture(scope="module")
def readers():
    return Reference.load(), load_taxonomy()


@pytest.fixture
def parse(tmp_path, readers):
    def parse_summary(country: str = "Kenya", **kwargs) -> ParsedDocument:
        path = write_summary(tmp_path, f"{country}-{len(list(tmp_path.iterdir()))}.txt", country, **kwargs)
        doc = parse_file(path, path.name, *readers)
        assert isinstance(doc, ParsedDocument), doc
        return doc

    return parse_summary


def ids_by_text(doc: ParsedDocument) -> dict[tuple[int, str], str]:
    return {(row["chapter"], row["text"]): row["need_id"] for row in need_rows(doc)}


def test_normalized_text_ignores_case_accents_punctuation_and_spacing():
    folded = normalized_text("  Élaboration d'un CODE  de conduite (art. 8). ")
    assert folded == "elaboration d un code de conduite art 8"
    assert normalized_text("Training;") == normalized_text("training") != normalized_text("trainings")


def test_ids_follow_the_text_not_the_position(parse):
    first = ids_by_text(parse())
    inserted = parse(needs={2: ["Support for a whistle-blower protection office (art. 8).", *DEFAULT_NEEDS[2]],
                            5: None})
    after = ids_by_text(inserted)
    assert {key: after[key] for key in first} == first
    assert len(set(after.values())) == len(after) == len(first) + 1


def test_ids_differ_by_state_cycle_and_chapter(parse):
    text = "Training of investigators on financial investigations (art. 9)."
    base = parse(needs={2: [text], 5: None})
    [kenya] = need_ids(base)[0]
    [ghana] = need_ids(parse("Ghana", needs={2: [text], 5: None}))[0]
    cycle_one = parse(cycle=1, needs={3: [text.replace("art. 9", "art. 23")], 4: None})
    [other_cycle] = need_ids(cycle_one)[0]
    assert len({kenya, ghana, other_cycle}) == 3
    assert len(kenya) == 20 and int(kenya, 16) >= 0


def test_the_same_text_twice_in_a_chapter_gets_two_ids(parse):
    text = "Training of judges on the codes of conduct (art. 8)."
    doc = parse(needs={2: [text, "Support for an e-procurement system (art. 9).", text], 5: None})
    ids = need_ids(doc)[0]
    assert len(ids) == 3 and len(set(ids)) == 3
    again = parse(needs={2: [text, text, "Support for an e-procurement system (art. 9)."], 5: None})
    assert sorted(need_ids(again)[0]) == sorted(ids)


def test_rows_carry_the_document_and_the_need(parse):
    doc = parse()
    rows = need_rows(doc)
    needs = [(part, need) for part in doc.parts for need in part.needs]
    assert len(rows) == len(needs) == 4
    info = doc.info
    for row, (part, need) in zip(rows, needs, strict=True):
        assert row == {
            "need_id": row["need_id"], "document_id": doc.sha256, "symbol": info.symbol, "country": "Kenya",
            "iso3": "KEN", "regional_group": info.regional_group, "cycle": 2, "chapter": part.chapter,
            "articles": list(need.articles), "article_source": need.article_source, "types": list(need.types),
            "subtypes": list(need.subtypes), "text": need.text, "heading": need.heading, "ordinal": need.ordinal,
            "language": info.language, "source_file": doc.source_file, "page": need.page,
            "paragraph": need.paragraph, "location": need.location, "flags": list(need.flags),
        }
    assert [row["articles"] for row in rows] == [[8], [7], [5], [9]]
    assert info.regional_group == "African States" and info.symbol == "CAC/COSP/IRG/II/2/1/Add.1"


def test_chapter_and_document_rows(parse, tmp_path):
    from datetime import datetime

    doc = parse()
    assert chapter_rows(doc) == [
        {"document_id": doc.sha256, "chapter": part.chapter, "status": part.status, "needs_count": len(part.needs),
         "statement": part.statement, "location": part.location} for part in doc.parts]
    assert [(row["chapter"], row["status"], row["needs_count"]) for row in chapter_rows(doc)] == [
        (2, "needs", 4), (5, "no_needs", 0)]
    now, first = datetime(2026, 12, 1, 9), datetime(2026, 11, 1, 9)
    row = document_rows(doc, "run-2", now, "run-1", first)
    assert row == {
        "document_id": doc.sha256, "symbol": doc.info.symbol, "country": "Kenya", "iso3": "KEN",
        "regional_group": "African States", "cycle": 2, "language": doc.info.language,
        "published_on": doc.info.published_on, "source_file": doc.source_file, "source_format": doc.format,
        "pages": doc.pages, "is_sample": doc.info.is_sample, "first_run_id": "run-1", "first_loaded_at": first,
        "run_id": "run-2", "loaded_at": now,
    }
    assert Path(row["source_file"]).name.startswith("Kenya")


def test_ids_are_the_ones_published_before(parse):
    # Ids already published (in warehouses, links and exports) must not change with the code: these two are pinned.
    doc = parse(needs={2: ["Training of judges (art. 8).", "Training of judges (art. 8)."], 5: None})
    assert need_ids(doc) == [["37d66dd22bc91a716bec", "f3244ff60fd0359ba266"], []]
