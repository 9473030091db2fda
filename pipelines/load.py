"""The load run: discover files, parse them, apply them to a staged warehouse, validate, publish, report."""

from __future__ import annotations

import secrets
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from tqdm import tqdm

from pipelines import parquet
from pipelines.classify import Taxonomy, load_taxonomy
from pipelines.discover import discover, display_path, resolve_display_path
from pipelines.errors import Rejection
from pipelines.parse import MAX_BYTES, FailedFile, ParsedDocument, parse_file
from pipelines.readers import DEFAULT_FILE_TIMEOUT, default_workers, read_files
from pipelines.reference import Reference
from pipelines.republish import apply_corrections
from pipelines.rows import chapter_rows, document_rows, need_rows, table
from pipelines.warehouse import ROOT, SCHEMA_VERSION, replace_reference_tables, staged

EXIT_OK, EXIT_SOME_REJECTED, EXIT_NOTHING_LOADED = 0, 1, 2


@dataclass
class LoadOptions:
    """What one run of `python -m pipelines load` was asked to do."""

    paths: list[Path]
    warehouse: Path
    allow_shrink: bool = False
    validate: bool = True
    workers: int = 0  # reader processes; 0: one per core
    file_timeout: float = DEFAULT_FILE_TIMEOUT  # seconds one file may take to read before it is rejected
    max_bytes: int = MAX_BYTES
    progress: bool = True
    data_docs_dir: Path | None = None
    parquet_dir: Path | None = None
    prune: bool = False  # remove documents loaded from these paths whose files are gone
    corrections_dir: Path | None = None  # editors' corrections (pipelines/corrections.py); None: none applied


@dataclass
class LoadResult:
    """What a run did, for the closing summary, the exit code and the tests."""

    run_id: str
    status: str = "published"
    files_seen: int = 0
    loaded: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    reread: list[str] = field(default_factory=list)  # same content, read differently by this parser or reference
    removed: list[str] = field(default_factory=list)
    rejected: list[FailedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    needs_loaded: int = 0
    documents_total: int = 0
    needs_total: int = 0
    validation_summary: str = ""
    step: str = ""  # what the run is doing now, named in the message of an unexpected error

    @property
    def exit_code(self) -> int:
        if self.status == "blocked":
            return EXIT_NOTHING_LOADED
        if self.rejected:
            accepted = self.loaded or self.replaced or self.unchanged or self.reread
            return EXIT_SOME_REJECTED if accepted else EXIT_NOTHING_LOADED
        return EXIT_OK if self.files_seen else EXIT_NOTHING_LOADED

    def summary(self) -> str:
        lines = [
            f"Run {self.run_id}: {self.status}.",
            f"  files read: {self.files_seen}  new: {len(self.loaded)}  replaced: {len(self.replaced)}  "
            f"unchanged: {len(self.unchanged)}  rejected: {len(self.rejected)}"
            + (f"  re-read: {len(self.reread)}" if self.reread else "")
            + (f"  removed: {len(self.removed)}" if self.removed else ""),
            f"  needs loaded by this run: {self.needs_loaded}",
            f"  warehouse now holds {self.documents_total} documents and {self.needs_total} needs",
        ]
        for warning in self.warnings:
            lines.append(f"  note: {warning}")
        if self.reread:
            lines.append(f"  re-read: {len(self.reread)} unchanged file(s) read differently by this version of the "
                         "parser or of the reference data; their rows were updated")
        if self.removed:
            lines.append("Removed, their files being gone (--prune):")
            lines.extend(f"  - {source_file}" for source_file in self.removed)
        if self.rejected:
            lines.append("Rejected files (nothing of them was loaded; the rest of the batch was):")
            for failed in self.rejected:
                where = f" ({failed.rejection.location})" if failed.rejection.location else ""
                lines.append(f"  - {failed.source_file}{where}: {failed.rejection.message}")
                lines.append(f"      what to do: {failed.rejection.action}")
        if self.validation_summary:
            lines.append(self.validation_summary)
        return "\n".join(lines)


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def code_version() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None


def parse_all(
    files: list[Path], reference: Reference, taxonomy: Taxonomy, options: LoadOptions
) -> list[ParsedDocument | FailedFile]:
    """Parse every file in reader processes, whatever the batch size: one path, the one every real folder takes."""
    bar = tqdm(total=len(files), desc="Reading", unit="file", disable=not options.progress)

    def parse_one(path: Path) -> ParsedDocument | FailedFile:
        return parse_file(path, display_path(path), reference, taxonomy, options.max_bytes)

    try:
        return read_files(
            files, parse_one, display_path, workers=options.workers or default_workers(),
            file_timeout=options.file_timeout, on_result=bar.update,
        )
    finally:
        bar.close()


def _counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    needs = con.execute("SELECT count(*) FROM needs").fetchone()[0]
    return documents, needs


def _reject(result: LoadResult, doc: ParsedDocument, reason: str, message: str, action: str) -> None:
    result.rejected.append(FailedFile(doc.source_file, doc.sha256, Rejection(reason, message, action)))


def _delete_document(con: duckdb.DuckDBPyConnection, document_id: str) -> None:
    for name in ("needs", "document_chapters", "documents"):
        con.execute(f"DELETE FROM {name} WHERE document_id = ?", [document_id])


def apply_documents(
    con: duckdb.DuckDBPyConnection, parsed: list[ParsedDocument], run_id: str, now: datetime, result: LoadResult
) -> None:
    """Insert new documents, replace changed ones, skip unchanged ones, reject duplicates; nothing else is touched."""
    existing = {
        row[0]: row
        for row in con.execute(
            "SELECT document_id, source_file, iso3, cycle, first_run_id, first_loaded_at, country FROM documents"
        ).fetchall()
    }
    by_file = {row[1]: row for row in existing.values()}
    by_review = {(row[2], row[3]): row for row in existing.values()}
    batch_hashes: dict[str, str] = {}
    batch_reviews: dict[tuple[str, int], str] = {}
    documents, chapters, needs = [], [], []

    for doc in parsed:
        result.step = f"applying {doc.source_file}"
        review = (doc.info.iso3, doc.info.cycle)
        label = f"{doc.info.country}, cycle {doc.info.cycle}"
        if doc.sha256 in batch_hashes:
            _reject(result, doc, "duplicate_content", f"has the same content as {batch_hashes[doc.sha256]}",
                    "remove one of the two copies")
            continue
        if review in batch_reviews:
            _reject(result, doc, "duplicate_review",
                    f"is a second executive summary for {label}; {batch_reviews[review]} is the first",
                    "keep only the current version of the summary in the folder and run the load again")
            continue
        batch_hashes[doc.sha256] = doc.source_file
        batch_reviews[review] = doc.source_file

        same = existing.get(doc.sha256)
        if same is not None:
            if same[1] == doc.source_file or not resolve_display_path(same[1]).exists():
                # Identical content, even when the file was only renamed or moved.
                if same[1] != doc.source_file:
                    for name in ("documents", "needs"):
                        con.execute(f"UPDATE {name} SET source_file = ? WHERE document_id = ?",
                                    [doc.source_file, same[0]])
                if _stored_reading(con, same[0]) == _fresh_reading(doc):
                    result.unchanged.append(doc.source_file)
                    continue
                # Read differently now (a parser fix, a corrected reference row): new rows, the same history.
                _delete_document(con, same[0])
                result.reread.append(doc.source_file)
                _add(doc, run_id, now, (same[4], same[5]), documents, chapters, needs, result)
            else:
                _reject(result, doc, "duplicate_content", f"has the same content as {same[1]}, already loaded",
                        "remove the copy; the document is loaded once")
            continue

        previous = by_file.get(doc.source_file)
        rival = by_review.get(review)
        if rival is not None and (previous is None or rival[0] != previous[0]):
            if resolve_display_path(rival[1]).exists():
                _reject(result, doc, "duplicate_review",
                        f"is a second executive summary for {label}, already loaded from {rival[1]}",
                        f"if this is the newer version, replace {rival[1]} with it (same file name) and run again")
                continue
        # A changed file replaces its earlier version; so does a file whose predecessor was renamed away.
        superseded = {row[0]: row for row in (previous, rival) if row is not None}
        same_review = [row for row in superseded.values() if (row[2], row[3]) == review]
        first_run_id, first_loaded_at = (same_review[0][4], same_review[0][5]) if same_review else (run_id, now)
        for document_id in superseded:
            _delete_document(con, document_id)
        (result.replaced if superseded else result.loaded).append(doc.source_file)
        _add(doc, run_id, now, (first_run_id, first_loaded_at), documents, chapters, needs, result)

    for name, rows in (("documents", documents), ("document_chapters", chapters), ("needs", needs)):
        if rows:
            arrow_rows = table(con, name, rows)  # noqa: F841 - read by DuckDB through its replacement scan
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM arrow_rows")


def _add(doc: ParsedDocument, run_id: str, now: datetime, first: tuple, documents: list, chapters: list,
         needs: list, result: LoadResult) -> None:
    documents.append(document_rows(doc, run_id, now, *first))
    chapters.extend(chapter_rows(doc))
    doc_needs = need_rows(doc)
    needs.extend(doc_needs)
    result.needs_loaded += len(doc_needs)


# What a reading of a file decides: compared between the stored rows and a fresh parse of the same content.
READING = {
    "documents": ["symbol", "country", "iso3", "regional_group", "cycle", "language", "published_on", "source_format",
                  "pages", "is_sample"],
    "document_chapters": ["chapter", "status", "needs_count", "statement", "location"],
    "needs": ["need_id", "symbol", "country", "iso3", "regional_group", "cycle", "chapter", "articles",
              "article_source", "types", "subtypes", "text", "heading", "ordinal", "language", "page", "paragraph",
              "location", "flags"],
}


def _stored_reading(con: duckdb.DuckDBPyConnection, document_id: str) -> dict[str, list[tuple]]:
    return {
        name: sorted(con.execute(f"SELECT {', '.join(columns)} FROM {name} WHERE document_id = ?",
                                 [document_id]).fetchall(), key=repr)
        for name, columns in READING.items()
    }


def _fresh_reading(doc: ParsedDocument) -> dict[str, list[tuple]]:
    rows = {"documents": [document_rows(doc, "", None, "", None)], "document_chapters": chapter_rows(doc),
            "needs": need_rows(doc)}
    return {name: sorted((tuple(row[c] for c in columns) for row in rows[name]), key=repr)
            for name, columns in READING.items()}


def prune_documents(con: duckdb.DuckDBPyConnection, paths: list[Path], result: LoadResult) -> None:
    """Remove the documents loaded from under these paths whose files no longer exist, with their needs.

    Only paths that exist count: a mistyped folder must not empty the warehouse. Files that moved elsewhere under
    the paths were already matched by content in apply_documents and point to their new place.
    """
    roots = [path.resolve() for path in paths if path.exists()]
    loaded = con.execute("SELECT document_id, source_file FROM documents ORDER BY source_file").fetchall()
    for document_id, source_file in loaded:
        path = resolve_display_path(source_file).resolve()
        if path.exists() or not any(path == root or root in path.parents for root in roots):
            continue
        _delete_document(con, document_id)
        result.removed.append(source_file)


def _record_run(
    con: duckdb.DuckDBPyConnection, result: LoadResult, options: LoadOptions, started: datetime
) -> None:
    result.documents_total, result.needs_total = _counts(con)
    finished = datetime.now(UTC).replace(tzinfo=None)
    con.execute(
        "INSERT INTO load_runs (run_id, started_at, finished_at, status, paths, files_seen, files_loaded, "
        "files_unchanged, files_replaced, files_rejected, needs_loaded, documents_total, needs_total, code_version, "
        "message, files_reread) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.run_id, started, finished, result.status, "; ".join(str(p) for p in options.paths),
            result.files_seen, len(result.loaded), len(result.unchanged), len(result.replaced),
            len(result.rejected), result.needs_loaded, result.documents_total, result.needs_total,
            code_version(), result.summary(), len(result.reread),
        ],
    )
    for failed in result.rejected:
        con.execute(
            "INSERT INTO rejections (run_id, source_file, file_sha256, location, reason, message, action, rejected_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                result.run_id, failed.source_file, failed.sha256, failed.rejection.location,
                failed.rejection.reason, failed.rejection.message, failed.rejection.action, finished,
            ],
        )
    for key, value in (
        ("schema_version", SCHEMA_VERSION),
        ("last_run_id", result.run_id),
        ("last_run_status", result.status),
        ("published_at", finished.isoformat(timespec="seconds") + "Z"),
    ):
        con.execute("INSERT OR REPLACE INTO warehouse_info VALUES (?, ?)", [key, value])


def _validate(con: duckdb.DuckDBPyConnection, result: LoadResult, options: LoadOptions, previous: dict):
    """Run the expectation suites on the staged batch and return the report."""
    from pipelines.validate import validate  # Great Expectations is slow to import: only when validating.

    report = validate(
        con, result.run_id, previous=previous, allow_shrink=options.allow_shrink, data_docs_dir=options.data_docs_dir
    )
    result.validation_summary = report.summary()
    return report


def _quarantined(doc: ParsedDocument, failures: list) -> FailedFile:
    """The rejection of a document whose rows failed critical expectations: which, with what values, and where."""
    named, places = [], []
    for outcome, rows in failures:
        column = "text" if outcome.suite == "needs" else (outcome.column_name or "symbol")
        values = ", ".join(repr(row.get(column)) for row in rows[:3])
        named.append(f"{outcome.expectation} ({values})")
        places += [str(row["location"]) for row in rows if row.get("location")]
    rejection = Rejection(
        "validation",
        "failed critical validation and was kept out of the warehouse: " + "; ".join(named),
        "read the file at that place: if the file is right, the reading of it is wrong, so report it with the file; "
        "the rest of the batch was validated without it",
        ", ".join(dict.fromkeys(places)) or None,
    )
    return FailedFile(doc.source_file, doc.sha256, rejection)


def _not_quarantinable(document_id: str, failures: list) -> str:
    """Why a failing document blocks the load: its failing rows are in the warehouse, not in this load's files."""
    rows = [row for _, found in failures for row in found]
    source = next((row["source_file"] for row in rows if row.get("source_file")), document_id)
    names = ", ".join(dict.fromkeys(outcome.expectation for outcome, _ in failures))
    return (f"{source}: its rows in the warehouse fail critical validation ({names}) and this load cannot take them "
            "out (the file is not in this load, or its published rows fail too, e.g. after a correction); the load "
            "was blocked: correct the rows or load the file again")


def _stage_batch(
    con: duckdb.DuckDBPyConnection, parsed: list[ParsedDocument], reference: Reference, result: LoadResult,
    options: LoadOptions, started: datetime,
) -> None:
    con.execute("BEGIN TRANSACTION")
    replace_reference_tables(con, reference.tables())
    apply_documents(con, parsed, result.run_id, started, result)
    if options.prune:
        result.step = "removing the documents whose files are gone (--prune)"
        prune_documents(con, options.paths, result)
    result.step = "applying the editors' corrections" + (f" in {options.corrections_dir}" if options.corrections_dir
                                                          else "")
    result.warnings.extend(apply_corrections(con, options.corrections_dir).warnings)


def run_load(options: LoadOptions) -> LoadResult:
    """Load the given files into the warehouse; an unexpected error carries `load_step`, what the run was doing."""
    result = LoadResult(run_id="")
    try:
        return _run_load(options, result)
    except Exception as exc:
        exc.load_step = result.step or "loading"
        raise


def _run_load(options: LoadOptions, result: LoadResult) -> LoadResult:
    started = datetime.now(UTC).replace(tzinfo=None)
    result.run_id = new_run_id(started)
    files, missing = discover(options.paths)
    for path in missing:
        result.warnings.append(f"{path} does not exist; nothing read from it")
    result.files_seen = len(files)
    if not files:
        result.status = "nothing_loaded"
        result.warnings.append("no PDF, Word or text files found in the given paths")
        return result

    result.step = "reading the reference data in data/reference/"
    reference = Reference.load()
    taxonomy = load_taxonomy()
    result.step = f"reading {len(files)} files"
    outcomes = parse_all(files, reference, taxonomy, options)
    parsed = [o for o in outcomes if isinstance(o, ParsedDocument)]
    unreadable = [o for o in outcomes if isinstance(o, FailedFile)]
    for doc in parsed:
        result.warnings.extend(f"{doc.source_file}: {w}" for w in doc.warnings)

    result.step = f"opening the warehouse {options.warehouse}"
    with staged(options.warehouse) as con:
        from pipelines.validate import counts  # cheap: Great Expectations is imported inside validate() only

        previous = counts(con)
        batch, quarantined = list(parsed), []
        while True:
            # Each pass stages the batch less the documents quarantined so far: a document whose rows fail a
            # critical expectation is rejected alone, and the rest is validated again before it is published. The
            # batch's own checks (coverage, shrink) are judged only once no document is left to take out: a changed
            # file failing alone must not look like a shrink of the batch, its published version being kept.
            result.loaded, result.replaced, result.unchanged, result.reread, result.removed = [], [], [], [], []
            result.rejected, result.needs_loaded = unreadable + quarantined, 0
            _stage_batch(con, batch, reference, result, options, started)
            result.step = "validating the batch"
            report = _validate(con, result, options, previous) if options.validate else None
            if report is None or report.passed:
                break
            suspects = report.quarantine()
            staged_now = {doc.sha256: doc for doc in batch}
            stuck = {document_id: failures for document_id, failures in suspects.items()
                     if document_id not in staged_now}
            remaining = [doc for doc in batch if doc.sha256 not in suspects]
            # Every pass must take at least one document of this batch out, or it would stage the same batch again:
            # with nothing to take out (a failure of the batch alone) or a failing document this load cannot take
            # out, the load is blocked.
            if stuck or len(remaining) == len(batch):
                result.warnings.extend(_not_quarantinable(document_id, failures)
                                       for document_id, failures in stuck.items())
                break
            con.execute("ROLLBACK")
            quarantined += [_quarantined(staged_now[document_id], failures)
                            for document_id, failures in suspects.items()]
            batch = remaining
        result.step = "publishing the warehouse"
        if report is None or report.passed:
            if result.rejected:
                result.status = "published_with_rejections"
            _record_run(con, result, options, started)
            con.execute("COMMIT")
            if options.parquet_dir is not None:
                parquet.export(con, options.parquet_dir, result.run_id)
        else:
            kept = con.sql("SELECT * FROM validation_results WHERE run_id = ?", params=[result.run_id]).to_arrow_table()
            con.execute("ROLLBACK")
            if kept.num_rows:
                con.execute("INSERT INTO validation_results SELECT * FROM kept")
            result.status = "blocked"
            result.needs_loaded = 0
            result.loaded, result.replaced, result.reread, result.removed = [], [], [], []
            _record_run(con, result, options, started)
    if options.parquet_dir is not None and result.status != "blocked":
        parquet.publish(options.parquet_dir)
    return result


def default_paths() -> list[Path]:
    return [ROOT / "data" / "raw"]
