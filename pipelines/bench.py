"""Load benchmark: python -m pipelines.bench [--sizes 400 2000] [--runs 3].

Generates executive summaries in the three formats, times the whole load (extraction to published warehouse,
validation included) as the median of several runs, and compares PDF text extraction through pdfium with
pdfminer.six on the same files in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from pipelines.corpus import generate
from pipelines.extract import extract, pdf_pages_pdfium, pdf_pages_pdfminer
from pipelines.load import LoadOptions, run_load

# One executive summary per State and cycle is the real-world limit, so a larger batch is loaded as several
# warehouses of at most this many documents, one after the other, and timed as a whole.
MAX_PER_WAREHOUSE = 380


def _load_once(folders: list[Path], work: Path, validate: bool) -> float:
    shutil.rmtree(work / "warehouses", ignore_errors=True)
    start = time.perf_counter()
    for index, folder in enumerate(folders):
        result = run_load(
            LoadOptions(
                paths=[folder],
                warehouse=work / "warehouses" / f"w{index}" / "warehouse.duckdb",
                progress=False,
                validate=validate,
                parquet_dir=work / "warehouses" / f"w{index}" / "published",
            )
        )
        if result.exit_code != 0:
            raise SystemExit(f"benchmark load failed:\n{result.summary()}")
    return time.perf_counter() - start


def _corpus(work: Path, size: int) -> list[Path]:
    folders = []
    for index, start in enumerate(range(0, size, MAX_PER_WAREHOUSE)):
        folder = work / f"docs{index}"
        generate(folder, n=min(MAX_PER_WAREHOUSE, size - start), seed=1000 + index)
        folders.append(folder)
    return folders


def _time_pdf(pdfs: list[Path], extractor) -> float:
    start = time.perf_counter()
    for pdf in pdfs:
        extractor(pdf)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pipelines.bench", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf-files", type=int, default=40, help="PDFs timed with each extractor")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ta-bench-") as tmp:
        work = Path(tmp)
        for size in args.sizes:
            folders = _corpus(work / f"n{size}", size)
            files = [f for folder in folders for f in folder.iterdir() if f.is_file()]
            times = [_load_once(folders, work / f"n{size}", validate=True) for _ in range(args.runs)]
            median = statistics.median(times)
            print(
                f"load N={size:>5} ({len(files)} files, {len(folders)} warehouse(s)): median {median:6.2f} s "
                f"over {args.runs} runs ({', '.join(f'{t:.2f}' for t in times)}), {size / median:6.1f} documents/s"
            )
        pdfs = sorted((work / f"n{args.sizes[0]}").rglob("*.pdf"))[: args.pdf_files]
        pdfium = statistics.median(_time_pdf(pdfs, pdf_pages_pdfium) for _ in range(args.runs))
        ours = statistics.median(_time_pdf(pdfs, extract) for _ in range(args.runs))
        pdfminer = statistics.median(_time_pdf(pdfs, pdf_pages_pdfminer) for _ in range(args.runs))
        print(
            f"PDF text extraction, {len(pdfs)} files, median of {args.runs}: pdfminer.six {pdfminer:.3f} s; "
            f"pdfium plain text {pdfium:.3f} s ({pdfminer / pdfium:.1f}x faster); the pipeline's extract() with "
            f"line layout and font sizes {ours:.3f} s ({pdfminer / ours:.1f}x faster)"
        )


if __name__ == "__main__":
    main()
