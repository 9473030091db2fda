"""Every hand-labelled summary is read exactly as labelled: each chapter's status, and its needs' texts and articles.

The extraction-quality tests score the same summaries through the whole load, rendered to Word and PDF, with a text
similarity; this is the fast, exact check of the reading itself on the files as they are kept (text files of the
holdout sets; the sample's text, Word and PDF files), run without the warehouse. A change that reads one need of one
summary differently fails here with the file and chapter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.classify import load_taxonomy
from pipelines.parse import ParsedDocument, parse_file
from pipelines.reference import Reference

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SETS = {"holdout": FIXTURES / "holdout", "holdout2": FIXTURES / "holdout2", "holdout3": FIXTURES / "holdout3",
        "sample": ROOT / "data" / "raw" / "sample"}
DOCUMENTS = [(folder / doc["file"], doc) for name, folder in SETS.items()
             for doc in json.loads((FIXTURES / f"{name}_labels.json").read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def tools() -> tuple[Reference, object]:
    return Reference.load(), load_taxonomy()


@pytest.mark.parametrize(("path", "labels"), DOCUMENTS, ids=[f"{p.parent.name}/{p.name}" for p, _ in DOCUMENTS])
def test_each_chapter_is_read_as_labelled(path: Path, labels: dict, tools) -> None:
    parsed = parse_file(path, path.name, *tools)
    assert isinstance(parsed, ParsedDocument), parsed
    read = {str(part.chapter): part for part in parsed.parts}
    assert sorted(read) == sorted(labels["chapters"])
    for chapter, label in labels["chapters"].items():
        part = read[chapter]
        assert (chapter, part.status) == (chapter, label["status"])
        assert [(need.text, need.articles) for need in part.needs] == [
            (need["text"], need["articles"]) for need in label.get("needs", [])], f"chapter {chapter}"
