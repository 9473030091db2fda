"""Corrections in the warehouse: the load stage that applies them to the extracted needs, and the republish that
runs that stage, the validation and the atomic publish again after an editor saves one (no file is read again)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipelines import corrections, parquet
from pipelines.classify import load_taxonomy
from pipelines.rows import table
from pipelines.warehouse import SCHEMA_VERSION, staged

DOCUMENT_FACTS = ["document_id", "symbol", "country", "iso3", "regional_group", "cycle", "language", "source_file"]


@dataclass
class CorrectionsSummary:
    """What the corrections stage did, for the run summary."""

    applied: int = 0
    stale: int = 0
    dropped: int = 0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"corrections: {self.applied} applied, {self.stale} stale (not applied), {self.dropped} dropped"


def _extracted_columns(con: duckdb.DuckDBPyConnection) -> str:
    names = [row[0] for row in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'needs_extracted' "
        "ORDER BY column_index").fetchall()]
    return ", ".join(f'"{name}"' for name in names)


def keep_extracted(con: duckdb.DuckDBPyConnection) -> None:
    """Bring needs_extracted in line with the documents: fresh parser rows in, rows of documents gone out.

    Rows the load inserted from the parser have corrected NULL (the parser never sets it; this stage always does),
    which tells them apart from rows of unchanged documents, already corrected by an earlier run.
    """
    columns = _extracted_columns(con)
    con.execute("DELETE FROM needs_extracted WHERE document_id NOT IN (SELECT document_id FROM documents)")
    con.execute("DELETE FROM needs_extracted WHERE document_id IN "
                "(SELECT document_id FROM needs WHERE corrected IS NULL)")
    con.execute(f"INSERT INTO needs_extracted ({columns}) SELECT {columns} FROM needs WHERE corrected IS NULL")
    # A renamed file keeps its document_id; its new path is on the documents row.
    con.execute("UPDATE needs_extracted e SET source_file = d.source_file FROM documents d "
                "WHERE e.document_id = d.document_id AND e.source_file <> d.source_file")


def apply_corrections(con: duckdb.DuckDBPyConnection, directory: Path | None) -> CorrectionsSummary:
    """The corrections stage of a load: needs := needs_extracted with every correction in directory applied.

    Runs inside the load's transaction, after the documents are applied and before validation; also keeps the
    corrections table and document_chapters.needs_count in line with the corrected needs.
    """
    # Load inputs.
    keep_extracted(con)
    rows = con.sql("SELECT * FROM needs_extracted").to_arrow_table().to_pylist()
    documents = {row[0]: dict(zip(DOCUMENT_FACTS, row, strict=True)) for row in con.execute(
        f"SELECT {', '.join(DOCUMENT_FACTS)} FROM documents").fetchall()}
    chapter_articles: dict[int, set] = {}
    for article, chapter in con.execute("SELECT article, chapter FROM articles").fetchall():
        chapter_articles.setdefault(chapter, set()).add(article)
    listed = corrections.read(directory)
    taxonomy = load_taxonomy()

    # Process data.
    from pipelines.classify import classify

    applied = corrections.apply(rows, listed, lambda text, language: classify(text, language, taxonomy),
                                chapter_articles, documents)

    # Save outputs.
    con.execute("DELETE FROM needs")
    corrected_rows = table(con, "needs", applied.needs)  # noqa: F841 - read by DuckDB through its replacement scan
    con.execute("INSERT INTO needs BY NAME SELECT * FROM corrected_rows")
    con.execute("""
        UPDATE document_chapters dc SET needs_count = coalesce(
            (SELECT count(*) FROM needs n WHERE n.document_id = dc.document_id AND n.chapter = dc.chapter), 0)""")
    # A need moved to, or added in, a chapter the parser found no part for gets that chapter's row.
    con.execute("""
        INSERT INTO document_chapters (document_id, chapter, status, needs_count)
        SELECT document_id, chapter, 'needs', count(*) FROM needs n
        WHERE NOT EXISTS (SELECT 1 FROM document_chapters dc
                          WHERE dc.document_id = n.document_id AND dc.chapter = n.chapter)
        GROUP BY ALL""")
    con.execute("DELETE FROM corrections")
    outcome_rows = [dict(vars(o.correction), status=o.status, detail=o.detail) for o in applied.outcomes]
    if outcome_rows:
        outcome_table = table(con, "corrections", outcome_rows)  # noqa: F841 - read through the replacement scan
        con.execute("INSERT INTO corrections BY NAME SELECT * FROM outcome_table")
    summary = CorrectionsSummary(applied.count("applied"), applied.count("stale"), applied.count("dropped"))
    if summary.stale:
        summary.warnings.append(f"{summary.stale} correction(s) are stale and were not applied: confirm or drop "
                                "them in the review page (./dev.sh review)")
    return summary


@dataclass
class RepublishResult:
    """What a republish did."""

    run_id: str
    status: str
    corrections: CorrectionsSummary
    validation_summary: str = ""
    needs_total: int = 0


def republish(warehouse: Path, directory: Path | None, *, validate: bool = True,
              data_docs_dir: Path | None = None, parquet_dir: Path | None = None) -> RepublishResult:
    """Apply the corrections to the published warehouse's extracted needs, validate, and publish atomically.

    The same stages as a load after parsing, on a staged copy: the published file changes only if validation passes.
    With parquet_dir, the Parquet files and manifest that replicas serve from are published too, as a load does, so a
    correction reaches every dashboard reading them.
    """
    from pipelines.load import new_run_id
    from pipelines.validate import counts

    started = datetime.now(UTC).replace(tzinfo=None)
    run_id = new_run_id(started)
    with staged(warehouse) as con:
        previous = counts(con)
        con.execute("BEGIN TRANSACTION")
        summary = apply_corrections(con, directory)
        passed, report = True, ""
        if validate:
            from pipelines.validate import validate as run_validation

            outcome = run_validation(con, run_id, previous=previous, allow_shrink=True, data_docs_dir=data_docs_dir)
            passed, report = outcome.passed, outcome.summary()
        status = "published" if passed else "blocked"
        if passed:
            _record(con, run_id, started, status, directory, summary, report)
            con.execute("COMMIT")
            if parquet_dir is not None:
                parquet.export(con, parquet_dir, run_id)
        else:
            kept = con.sql("SELECT * FROM validation_results WHERE run_id = ?", params=[run_id]).to_arrow_table()
            con.execute("ROLLBACK")
            if kept.num_rows:
                con.execute("INSERT INTO validation_results SELECT * FROM kept")
            _record(con, run_id, started, status, directory, summary, report)
        needs_total = con.execute("SELECT count(*) FROM needs").fetchone()[0]
    if parquet_dir is not None and status == "published":
        parquet.publish(parquet_dir)  # once the warehouse file itself is in place, as after a load
    return RepublishResult(run_id, status, summary, report, needs_total)


def _record(con: duckdb.DuckDBPyConnection, run_id: str, started: datetime, status: str, directory: Path | None,
            summary: CorrectionsSummary, report: str) -> None:
    documents, needs = (con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in ("documents", "needs"))
    finished = datetime.now(UTC).replace(tzinfo=None)
    message = "\n".join([f"Republish {run_id} after corrections: {status}.", "  " + summary.line(), report])
    con.execute("INSERT INTO load_runs (run_id, started_at, finished_at, status, paths, files_seen, files_loaded, "
                "files_unchanged, files_replaced, files_rejected, needs_loaded, documents_total, needs_total, "
                "message) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, ?, ?, ?)",
                [run_id, started, finished, status, f"corrections: {directory}", documents, needs, message])
    if status == "blocked":
        return
    for key, value in (("schema_version", SCHEMA_VERSION), ("last_run_id", run_id), ("last_run_status", status),
                       ("published_at", finished.isoformat(timespec="seconds") + "Z")):
        con.execute("INSERT OR REPLACE INTO warehouse_info VALUES (?, ?)", [key, value])
