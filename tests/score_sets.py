"""Score the parser on every labelled set, by format and language: python -m tests.score_sets [SET ...] [--misses N].

Sets: blind, blind2 and blind3 (tests/fixtures/blind*, as written), holdout, holdout2, holdout3 (text files, also
rendered to Word and PDF the way test_extraction_quality.py renders them), realistic (laid out like UN documents)
and sample (data/raw). Each set is loaded through the real load into a warehouse under a temporary folder and
scored by pipelines.evaluate; the tables printed are what SCORES.md and the issue's closing note record.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import duckdb

from pipelines.evaluate import Evaluation, Score, evaluate
from pipelines.load import LoadOptions, run_load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
HOLDOUTS = ("holdout", "holdout2", "holdout3")
BLIND_SETS = ("blind", "blind2", "blind3")
SETS = (*BLIND_SETS, *HOLDOUTS, "realistic", "sample")


def _holdout_labels(name: str) -> list[dict]:
    return json.loads((FIXTURES / f"{name}_labels.json").read_text(encoding="utf-8"))


def _prepare(name: str, work: Path) -> list[tuple[list[Path], list[dict]]]:
    """The loads of one set, each its files and labels; a holdout's texts rendered to Word and PDF load apart, since
    one warehouse keeps one document per State and cycle."""
    if name in BLIND_SETS:
        folder = FIXTURES / name
        return [([folder], json.loads((folder / "labels.json").read_text(encoding="utf-8")))]
    if name == "sample":
        return [([ROOT / "data" / "raw" / "sample"], json.loads(
            (FIXTURES / "sample_labels.json").read_text(encoding="utf-8")))]
    if name == "realistic":
        folder = FIXTURES / "realistic"
        by_stem = {doc["file"].rsplit(".", 1)[0]: doc for h in HOLDOUTS for doc in _holdout_labels(h)}
        files = sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".docx"))
        return [(files, [dict(by_stem[p.stem], file=p.name) for p in files])]
    from tests.test_extraction_quality import to_docx, to_pdf

    source, labels = FIXTURES / name, _holdout_labels(name)
    loads = [([source], labels)]
    for suffix in (".docx", ".pdf"):
        folder = work / suffix[1:]
        folder.mkdir()
        for doc in labels:
            text = (source / doc["file"]).read_text(encoding="utf-8")
            target = folder / (doc["file"].rsplit(".", 1)[0] + suffix)
            to_docx(text, target) if suffix == ".docx" else to_pdf(text, target, doc["symbol"])
        loads.append(([folder], [dict(doc, file=doc["file"].rsplit(".", 1)[0] + suffix) for doc in labels]))
    return loads


def score_set(name: str, work: Path) -> Evaluation:
    """Load one set into a fresh warehouse in work and score it."""
    total = Evaluation(Score(), {})
    for index, (paths, labels) in enumerate(_prepare(name, work)):
        warehouse = work / f"{name}{index}.duckdb"
        run_load(LoadOptions(paths=paths, warehouse=warehouse, progress=False, workers=1, validate=False))
        with duckdb.connect(str(warehouse), read_only=True) as con:
            total.add(evaluate(labels, con))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.score_sets", description=__doc__)
    parser.add_argument("sets", nargs="*", default=list(SETS))
    parser.add_argument("--misses", type=int, default=0, help="misses to list per set")
    parser.add_argument("--flags", action="store_true", help="count the needs and errors carrying each flag")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            if name in BLIND_SETS and not (FIXTURES / name / "labels.json").is_file():
                print(f"{name}: not here yet\n")
                continue
            work = Path(tmp) / name
            work.mkdir()
            result = score_set(name, work)
            print(f"## {name}\n{result.table()}")
            if args.flags:
                print(result.flag_table())
            for miss in result.overall.misses[: args.misses]:
                print("  " + miss)
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
