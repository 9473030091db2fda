"""Command line: python -m pipelines load|republish|validate ..."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.warehouse import DEFAULT_WAREHOUSE, ROOT, WarehouseBusy, data_docs_dir, published_dir

DEFAULT_CORRECTIONS = ROOT / "data" / "corrections"

EXIT_USAGE = 2
EXIT_UNEXPECTED = 3  # a fault of the program, not of the input: never confused with "some files rejected"


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
    load.add_argument("--workers", type=int, default=0, help="reader processes (default: one per core)")
    load.add_argument("--file-timeout", type=float, default=60.0,
                      help="seconds one file may take to read before it is rejected as too slow (default 60)")
    load.add_argument("--max-mb", type=float, default=25.0, help="largest file accepted, in MB (default 25)")
    load.add_argument("--no-progress", action="store_true", help="no progress bar")
    load.add_argument("--corrections", type=Path, default=DEFAULT_CORRECTIONS, metavar="DIR",
                      help="folder of editors' corrections files to apply (default: data/corrections/)")

    republish = commands.add_parser("republish", help="apply the corrections again and publish (no file is read)")
    republish.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    republish.add_argument("--corrections", type=Path, default=DEFAULT_CORRECTIONS, metavar="DIR")

    validate = commands.add_parser("validate", help="re-run the expectation suites on the current warehouse")
    validate.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    return parser


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
            file_timeout=args.file_timeout,
            max_bytes=int(args.max_mb * 2**20),
            progress=not args.no_progress,
            data_docs_dir=data_docs_dir(args.warehouse),
            parquet_dir=published_dir(args.warehouse),
            corrections_dir=args.corrections,
        )
        try:
            result = run_load(options)
        except WarehouseBusy as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except Exception as exc:  # noqa: BLE001 - one line naming the file, not a traceback, and its own exit code
            doing = getattr(exc, "load_step", None) or "loading"
            print(f"error: unexpected {type(exc).__name__} while {doing}: {exc}. Nothing was published; the "
                  "warehouse is as it was. Report this message.", file=sys.stderr)
            return EXIT_UNEXPECTED
        print(result.summary())
        return result.exit_code

    if args.command == "republish":
        from pipelines.republish import republish

        try:
            outcome = republish(args.warehouse, args.corrections, data_docs_dir=data_docs_dir(args.warehouse),
                                parquet_dir=published_dir(args.warehouse))
        except WarehouseBusy as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"Republish {outcome.run_id}: {outcome.status}; {outcome.corrections.line()}; "
              f"{outcome.needs_total} needs\n{outcome.validation_summary}")
        return 0 if outcome.status == "published" else 2

    from pipelines.validate import validate_published

    return validate_published(args.warehouse, data_docs_dir(args.warehouse))


if __name__ == "__main__":
    sys.exit(main())
