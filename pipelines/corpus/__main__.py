"""CLI: write a seeded sample corpus and its labels.

python -m pipelines.corpus --out data/raw/sample --n 48 --seed 2026 --labels tests/fixtures/sample_labels.json
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .generate import generate, write_labels


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, write the documents and, when asked, their labels."""
    parser = argparse.ArgumentParser(prog="python -m pipelines.corpus", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the documents into")
    parser.add_argument("--n", type=int, default=48, help="number of documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", default="txt,docx,pdf", help="comma-separated: txt,docx,pdf")
    parser.add_argument("--languages", default="", help="comma-separated: en,fr,es (default: mostly English)")
    parser.add_argument("--labels", type=Path, help="where to write the ground-truth labels (JSON)")
    parser.add_argument("--workers", type=int, default=None, help="processes for large runs (default: all CPUs)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    labels = generate(args.out, args.n, args.seed, tuple(args.formats.split(",")),
                      tuple(args.languages.split(",")) if args.languages else None, args.workers)
    if args.labels:
        write_labels(labels, args.labels)
    needs = sum(len(c["needs"]) for entry in labels for c in entry["chapters"].values())
    print(f"wrote {len(labels)} documents ({needs} needs) to {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
