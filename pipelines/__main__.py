"""Command line: python -m pipelines load|validate|bench ..."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.warehouse import DEFAULT_WAREHOUSE, ROOT, WarehouseBusy

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    load = commands.add_parser("load", help="load executive summaries into the warehouse")
    load.add_argument("paths", nargs="*", type=Path, help="files or folders (default: data/raw/)")
    load.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="DuckDB file to publish")
    load.add_argument("--allow-shrink", action="store_true",
                      help="publish even when the load holds markedly fewer needs than the current warehouse")
    load.add_argument("--prune", action="store_true",
                      help="remove documents loaded from these paths whose files have since been deleted")
    load.add_argument("--workers", type=int, default=0, help="parallel readers (default: one per core)")
    load.add_argument("--max-mb", type=float, default=25.0, help="largest file accepted, in MB (default 25)")
    load.add_argument("--no-progress", action="store_true", help="no progress bar")

    validate = commands.add_parser("validate", help="re-run the expectation suites on the current warehouse")
    validate.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    return parser


def _published_dir(warehouse: Path) -> Path:
    return warehouse.parent / "published"


def _docs_dir() -> Path:
    return ROOT / "expectations" / "data_docs"


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else 0

    if args.command == "load":
        from pipelines.load import LoadOptions, default_paths, run_load

        options = LoadOptions(
            paths=args.paths or default_paths(),
            warehouse=args.warehouse,
            allow_shrink=args.allow_shrink,
            prune=args.prune,
            workers=args.workers,
            max_bytes=int(args.max_mb * 2**20),
            progress=not args.no_progress,
            data_docs_dir=_docs_dir(),
            parquet_dir=_published_dir(args.warehouse),
        )
        try:
            result = run_load(options)
        except WarehouseBusy as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(result.summary())
        return result.exit_code

    from pipelines.validate import validate_published

    return validate_published(args.warehouse, _docs_dir())


if __name__ == "__main__":
    sys.exit(main())
