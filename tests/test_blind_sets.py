"""The blind evaluation sets (tests/fixtures/blind, blind2, blind3): frozen, and scored through the real load
against the targets of the extraction issue.

Each was written by someone who had seen neither the parser nor the other sets, from the public format and the
counting rule alone; its first score (the independent figure) is in SCORES.md beside it. The parser was then fixed
against blind and blind2, so only blind3's score is still independent. A set must never be edited: a change to any
file or label, or to its list of hashes, fails its frozen test.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from pipelines.evaluate import evaluate
from pipelines.load import LoadOptions, run_load

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The hash of each set's SHA256SUMS as committed with the set, so the list of hashes cannot change unnoticed either.
SUMS_SHA256 = {
    "blind": "77e2ccefa5b7ccae08989e168f2928dfcdcd4ca6831c908ad178a6eafcd5efb3",  # bef93ed, 24 summaries
    "blind2": "a8721323c4b8c3990efcee03a2d92d93639e637d3a8d31356f4b90d1ab013f0b",  # 8431e06, 18 summaries
    "blind3": "34e214e6170ac86b22b35240cefb352345e1cd3e5cddbbcd6ad47349e85e1cf6",  # 815eab8, 12 summaries
}
# Files written beside a set after it was frozen, not part of it.
NOT_FROZEN = {"SHA256SUMS", "SCORES.md"}
# Targets still missed on an untuned set, said here rather than lowered (see its SCORES.md); strict, so the mark
# must go once they are met.
SHORTFALL = {
    ("blind3", "extraction"): "precision 144/147 = 0.9796, just under 0.98: three reports and remarks read as needs",
    ("blind3", "flags"): "flags catch 6 of its 7 errors (0.857) and mark 22 of 147 needs (0.150)",
}


def _shortfall(request, name: str, targets: str) -> None:
    if (name, targets) in SHORTFALL:
        request.applymarker(pytest.mark.xfail(reason=SHORTFALL[(name, targets)], strict=True))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(SUMS_SHA256))
def test_blind_set_is_frozen(name: str) -> None:
    folder = FIXTURES / name
    sums = folder / "SHA256SUMS"
    assert sha256(sums) == SUMS_SHA256[name], f"SHA256SUMS changed: the {name} set must never be edited"
    listed = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, file_name = line.split(maxsplit=1)
        listed[file_name.lstrip("*")] = digest
    present = {path.name for path in folder.iterdir() if path.is_file() and path.name not in NOT_FROZEN}
    assert present == set(listed), f"files added to or removed from the {name} set"
    changed = [file_name for file_name, digest in listed.items() if sha256(folder / file_name) != digest]
    assert not changed, f"{name} set files edited: {changed}"


@pytest.fixture(scope="module", params=sorted(SUMS_SHA256))
def scored(request, tmp_path_factory):
    """(set name, labels, evaluation) of one blind set loaded through the real load, gate included."""
    folder = FIXTURES / request.param
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    warehouse = tmp_path_factory.mktemp(request.param) / "warehouse.duckdb"
    result = run_load(LoadOptions(paths=[folder], warehouse=warehouse, progress=False,
                                  data_docs_dir=warehouse.parent / "data_docs"))
    assert result.status == "published" and not result.rejected, result.summary()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return request.param, labels, evaluate(labels, con)


@pytest.mark.slow
def test_blind_set_meets_the_extraction_targets(scored, request) -> None:
    name, labels, evaluation = scored
    _shortfall(request, name, "extraction")
    score = evaluation.overall
    detail = evaluation.table() + "\n" + "\n".join(score.misses)
    assert {doc["format"] for doc in labels} == {"txt", "docx", "pdf"}
    assert {doc["language"] for doc in labels} == {"en", "fr", "es"}
    assert score.recall >= 0.98, detail
    assert score.precision >= 0.98, detail
    assert score.type_f1 >= 0.93, detail
    assert score.articles_accuracy >= 0.97, detail
    assert score.chapter_accuracy == 1.0, detail
    assert score.no_needs_kept == score.no_needs_labelled, detail


@pytest.mark.slow
def test_blind_set_meets_the_flag_targets(scored, request) -> None:
    name, _, evaluation = scored
    _shortfall(request, name, "flags")
    score = evaluation.overall
    # Flag recall is over the errors that remain: with none left it is 1.0 by definition (Score.ratio).
    assert score.flag_recall >= 0.9, evaluation.table()
    assert score.flag_share < 0.15, evaluation.table()
