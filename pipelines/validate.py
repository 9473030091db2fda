"""Validation gate: run the expectation suites on a staged warehouse, record every result, decide if it may publish."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Callable

    from great_expectations import ExpectationSuite, ValidationDefinition
    from great_expectations.core import ExpectationValidationResult
    from great_expectations.data_context import AbstractDataContext

DATA_DOCS_SITE = "local"
DETAIL_ROWS = 5
TEXT_IN_DETAILS = 300

# Columns copied into validation_results.details for an offending row, per suite, besides the checked column.
DETAIL_COLUMNS = {
    "needs": ["need_id", "country", "cycle", "chapter", "text", "symbol", "source_file", "location"],
    "documents": ["document_id", "symbol", "country", "iso3", "cycle", "source_file"],
    "batch": ["check", "cycle", "chapter", "regional_group", "previous", "current"],
}
# Derived columns that explain a failure better than the boolean an expectation checks.
EXPLAINED_BY = {
    "articles_in_chapter": ["articles", "articles_outside"],
    "types_known": ["types", "types_unknown"],
    "matches_document": ["iso3", "document_iso3", "document_cycle"],
    "document_known": ["document_id"],
    "chapters_accounted": ["chapters_unaccounted"],
    "needs_count_matches": ["chapters_miscounted"],
}


@dataclass
class ExpectationOutcome:
    """The result of one expectation of one suite, as written to validation_results."""

    suite: str
    expectation: str
    column_name: str | None
    severity: str
    success: bool
    observed_value: str | None
    unexpected_count: int | None
    details: list[dict] = field(default_factory=list)
    scope: str = "batch"  # 'document': a critical failure quarantines the documents below; 'batch': blocks the load
    # document_id -> up to DETAIL_ROWS offending rows (same columns as details) of that document.
    documents: dict[str, list[dict]] = field(default_factory=dict)


@dataclass
class ValidationReport:
    """Every expectation outcome of one validation run."""

    run_id: str
    validated_at: datetime
    outcomes: list[ExpectationOutcome]
    data_docs_index: Path | None = None

    @property
    def critical_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity == "critical"]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity != "critical"]

    @property
    def passed(self) -> bool:
        return not self.critical_failures

    @property
    def blocks_batch(self) -> bool:
        """A critical failure that no quarantine of documents can cure: of the batch, or not traced to documents."""
        return any(o.scope != "document" or not o.documents for o in self.critical_failures)

    def quarantine(self) -> dict[str, list[tuple[ExpectationOutcome, list[dict]]]]:
        """document_id -> the critical document-scoped expectations its rows failed, with its offending rows.

        A failure of a batch-scoped expectation may be traced to documents too (a need id twice, a need of no document):
        it blocks the load, and taking those documents out is not what it asks for.
        """
        found: dict[str, list[tuple[ExpectationOutcome, list[dict]]]] = {}
        for outcome in self.critical_failures:
            if outcome.scope != "document":
                continue
            for document_id, rows in outcome.documents.items():
                found.setdefault(document_id, []).append((outcome, rows))
        return found

    def summary(self) -> str:
        """A short text table of the failed expectations with a few offending rows and their source files."""
        verdict = "PASSED" if self.passed else "BLOCKED"
        lines = [
            f"Validation {self.run_id}: {verdict} - {len(self.outcomes)} expectations, "
            f"{len(self.critical_failures)} critical failures, {len(self.warnings)} warnings"
        ]
        failed = self.critical_failures + self.warnings
        if failed:
            lines.append(f"  {'severity':<9} {'suite':<10} {'expectation':<34} {'unexpected':>10}  observed")
        for outcome in failed:
            count = "" if outcome.unexpected_count is None else str(outcome.unexpected_count)
            lines.append(
                f"  {outcome.severity:<9} {outcome.suite:<10} {outcome.expectation:<34} {count:>10}  "
                f"{_shorten(outcome.observed_value or '', 60)}"
            )
            for row in outcome.details[:3]:
                lines.append(f"      - {_describe_row(row)}")
        if self.data_docs_index:
            lines.append(f"Data Docs: {self.data_docs_index}")
        return "\n".join(lines)


def counts(con: duckdb.DuckDBPyConnection | None) -> dict | None:
    """Headline counts of a warehouse, to compare a load against (None when there is no warehouse)."""
    if con is None:
        return None
    by_chapter = con.execute(
        "SELECT chapter, count(*) FROM needs WHERE chapter IS NOT NULL GROUP BY chapter ORDER BY chapter"
    ).fetchall()
    return {
        "needs_total": con.execute("SELECT count(*) FROM needs").fetchone()[0],
        "needs_by_chapter": {int(chapter): int(n) for chapter, n in by_chapter},
        "documents_total": con.execute("SELECT count(*) FROM documents").fetchone()[0],
    }


def validate(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    previous: dict | None,
    allow_shrink: bool = False,
    data_docs_dir: Path | None = None,
) -> ValidationReport:
    """Run every suite on the warehouse behind con, append the outcomes to its validation_results, and report."""
    # Before the first import of great_expectations: it reads the setting at import time.
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    from expectations import suites

    # Load inputs.
    regional_groups = sorted(row[0] for row in con.execute("SELECT regional_group FROM regional_groups").fetchall())
    frames = {
        "needs": needs_frame(con),
        "documents": documents_frame(con),
        "batch": batch_frame(con, previous),
    }
    suite_specs = {
        "needs": (suites.needs_suite, (tuple(regional_groups),)),
        "documents": (suites.documents_suite, (tuple(regional_groups),)),
        "batch": (suites.batch_suite, (allow_shrink,)),
    }

    # Process data.
    context = _context()
    # The warehouse keeps the history; the context keeps only this run, so Data Docs show this run alone.
    for key in context.validation_results_store.list_keys():
        context.validation_results_store.remove_key(key)
    validated_at = datetime.now(UTC).replace(tzinfo=None)
    outcomes: list[ExpectationOutcome] = []
    for name, (build, arguments) in suite_specs.items():
        definition = _definition(context, name, build, arguments)
        outcomes += _run_suite(definition, name, frames[name], run_id, validated_at)
    index = _build_data_docs(context, Path(data_docs_dir)) if data_docs_dir else None

    # Save outputs.
    report = ValidationReport(run_id=run_id, validated_at=validated_at, outcomes=outcomes, data_docs_index=index)
    record_results(con, report)
    return report


def validate_published(warehouse: Path, data_docs_dir: Path | None) -> int:
    """Re-run the suites on the published warehouse, publish the new results, print the summary; 0 if it passes."""
    from pipelines.warehouse import staged

    warehouse = Path(warehouse)
    if not warehouse.exists():
        print(f"No warehouse at {warehouse}; run python -m pipelines load first.")
        return 1
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-validate"
    with staged(warehouse) as con:
        # The published warehouse is its own baseline: re-validating never counts as a shrink.
        report = validate(con, run_id, previous=counts(con), data_docs_dir=data_docs_dir)
    print(report.summary())
    return 0 if report.passed else 1


def needs_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The needs table plus the derived columns the needs suite checks."""
    return con.execute(
        """
        WITH taxonomy AS (SELECT coalesce(list(DISTINCT type), []) AS types FROM assistance_types)
        SELECT n.*,
               list_filter(n.articles,
                           lambda a: a NOT BETWEEN coalesce(c.first_article, 0) AND coalesce(c.last_article, -1))
                   AS articles_outside,
               len(articles_outside) = 0 AS articles_in_chapter,
               list_filter(n.types, lambda t: NOT list_contains(taxonomy.types, t)) AS types_unknown,
               len(n.types) > 0 AND len(types_unknown) = 0 AS types_known,
               d.iso3 AS document_iso3,
               d.cycle AS document_cycle,
               d.document_id IS NOT NULL AS document_known,
               d.document_id IS NULL OR (d.iso3 = n.iso3 AND d.cycle = n.cycle) AS matches_document
        FROM needs n
        CROSS JOIN taxonomy
        LEFT JOIN chapters c ON c.chapter = n.chapter
        LEFT JOIN (SELECT document_id, any_value(iso3) AS iso3, any_value(cycle) AS cycle
                   FROM documents GROUP BY document_id) d ON d.document_id = n.document_id
        ORDER BY n.document_id, n.chapter, n.ordinal
        """
    ).df()


def documents_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The documents table plus, per document, the chapters with neither needs nor a no-needs statement."""
    from expectations.suites import CYCLE_CHAPTERS

    cycle_chapters = pd.DataFrame(
        [(cycle, chapter) for cycle, chapters in CYCLE_CHAPTERS.items() for chapter in chapters],
        columns=["cycle", "chapter"],
    )
    con.register("_cycle_chapters", cycle_chapters)
    try:
        return con.execute(
            """
            WITH actual AS (SELECT document_id, chapter, count(*) AS n FROM needs GROUP BY ALL),
            stated AS (SELECT document_id, chapter, bool_or(status = 'no_needs') AS no_needs,
                              sum(needs_count) AS needs_count
                       FROM document_chapters GROUP BY ALL),
            covered AS (SELECT d.document_id, cc.chapter FROM documents d JOIN _cycle_chapters cc USING (cycle)
                        UNION SELECT document_id, chapter FROM stated
                        UNION SELECT document_id, chapter FROM actual),
            per_chapter AS (
                SELECT cv.document_id, cv.chapter,
                       coalesce(a.n, 0) > 0 OR coalesce(s.no_needs, false) AS accounted,
                       coalesce(s.needs_count, 0) = coalesce(a.n, 0) AS count_ok
                FROM covered cv
                LEFT JOIN actual a USING (document_id, chapter)
                LEFT JOIN stated s USING (document_id, chapter)),
            per_document AS (
                SELECT document_id,
                       list(chapter ORDER BY chapter) FILTER (WHERE NOT accounted) AS chapters_unaccounted,
                       list(chapter ORDER BY chapter) FILTER (WHERE NOT count_ok) AS chapters_miscounted
                FROM per_chapter GROUP BY document_id)
            SELECT d.document_id, d.symbol, d.country, d.iso3, d.regional_group, d.cycle, d.language,
                   d.source_file, d.is_sample,
                   coalesce(p.chapters_unaccounted, []) AS chapters_unaccounted,
                   coalesce(len(p.chapters_unaccounted), 0) = 0 AS chapters_accounted,
                   coalesce(p.chapters_miscounted, []) AS chapters_miscounted,
                   coalesce(len(p.chapters_miscounted), 0) = 0 AS needs_count_matches
            FROM documents d LEFT JOIN per_document p USING (document_id)
            ORDER BY d.iso3, d.cycle, d.document_id
            """
        ).df()
    finally:
        con.unregister("_cycle_chapters")


def batch_frame(con: duckdb.DuckDBPyConnection, previous: dict | None) -> pd.DataFrame:
    """One row per batch-level check: coverage of each chapter and group, and the shrink against the previous load."""
    from expectations.suites import CYCLE_CHAPTERS

    # A no-needs statement counts as coverage: the chapter or group is present, with zero needs.
    by_chapter = dict(
        ((cycle, chapter), n)
        for cycle, chapter, n in con.execute(
            """
            SELECT cycle, chapter, sum(n) FROM (
                SELECT cycle, chapter, count(*) AS n FROM needs GROUP BY ALL
                UNION ALL
                SELECT d.cycle, dc.chapter, count(*) FROM document_chapters dc JOIN documents d USING (document_id)
                WHERE dc.status = 'no_needs' GROUP BY ALL)
            GROUP BY ALL
            """
        ).fetchall()
    )
    by_group = con.execute(
        """
        SELECT d.regional_group,
               (SELECT count(*) FROM needs n WHERE n.regional_group = d.regional_group)
             + (SELECT count(*) FROM document_chapters dc JOIN documents d2 USING (document_id)
                WHERE d2.regional_group = d.regional_group AND dc.status = 'no_needs')
        FROM (SELECT DISTINCT regional_group FROM documents) d
        ORDER BY 1
        """
    ).fetchall()
    cycles = sorted(c for (c,) in con.execute("SELECT DISTINCT cycle FROM documents").fetchall())
    current = counts(con)

    rows: list[dict[str, Any]] = []
    for cycle in cycles:
        for chapter in CYCLE_CHAPTERS.get(cycle, ()):
            rows.append({"check": "chapter covered", "cycle": cycle, "chapter": chapter,
                         "chapter_records": by_chapter.get((cycle, chapter), 0)})
    for group, n in by_group:
        rows.append({"check": "group covered", "regional_group": group, "group_records": n})
    if previous:
        before = int(previous.get("needs_total") or 0)
        if before > 0:
            rows.append({"check": "needs total", "previous": before, "current": current["needs_total"],
                         "needs_total_ratio": current["needs_total"] / before})
        # Keys are ints from counts(), strings when previous went through JSON.
        chapters_before = sorted((int(k), int(v)) for k, v in (previous.get("needs_by_chapter") or {}).items())
        for chapter, before_chapter in chapters_before:
            if before_chapter > 0:
                now = current["needs_by_chapter"].get(chapter, 0)
                rows.append({"check": "chapter needs", "chapter": chapter, "previous": before_chapter,
                             "current": now, "chapter_needs_kept": now})
    columns = {"check": object, "cycle": object, "chapter": object, "regional_group": object, "previous": object,
               "current": object, "chapter_records": float, "group_records": float, "needs_total_ratio": float,
               "chapter_needs_kept": float}
    # Built column by column so that label columns keep their ints and Nones instead of turning into floats.
    return pd.DataFrame(
        {name: pd.Series([row.get(name) for row in rows], dtype=kind) for name, kind in columns.items()}
    )


@functools.cache
def _context() -> AbstractDataContext:
    """The process's one ephemeral Great Expectations context, with analytics and progress bars off."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    source = context.data_sources.add_pandas("warehouse")
    for name in DETAIL_COLUMNS:
        source.add_dataframe_asset(name=name).add_batch_definition_whole_dataframe(name)
    return context


# Suite arguments and validation definition currently stored in a context, per context and suite name.
_prepared: dict[tuple[int, str], tuple[tuple, ValidationDefinition]] = {}


def _definition(
    context: AbstractDataContext, name: str, build: Callable[..., ExpectationSuite], arguments: tuple
) -> ValidationDefinition:
    """The validation definition of a suite built with these arguments; stores it only when they changed."""
    import great_expectations as gx

    cached = _prepared.get((id(context), name))
    if cached and cached[0] == arguments:
        return cached[1]
    # Storing a suite costs a third of a validation; most runs reuse the same arguments.
    suite = context.suites.add_or_update(build(*arguments))
    batch_definition = context.data_sources.get("warehouse").get_asset(name).get_batch_definition(name)
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=name, data=batch_definition, suite=suite)
    )
    _prepared[(id(context), name)] = (arguments, definition)
    return definition


def _run_suite(
    definition: ValidationDefinition, name: str, frame: pd.DataFrame, run_id: str, validated_at: datetime
) -> list[ExpectationOutcome]:
    import great_expectations as gx

    result = definition.run(
        batch_parameters={"dataframe": frame},
        # COMPLETE: every offending row's index, so that each document holding one can be quarantined.
        result_format={"result_format": "COMPLETE", "partial_unexpected_count": DETAIL_ROWS},
        # Not the bare run id as run name: Data Docs parse it as a date, and "...Z-4821" reads as a UTC offset of
        # 48 hours, which breaks the page's rendering.
        run_id=gx.RunIdentifier(run_name=f"run-{run_id}", run_time=validated_at.replace(tzinfo=UTC)),
    )
    return [_outcome(name, item, frame) for item in result.results]


def _outcome(suite: str, item: ExpectationValidationResult, frame: pd.DataFrame) -> ExpectationOutcome:
    config = item.expectation_config
    kwargs = config.kwargs
    columns = (
        [kwargs["column"]] if "column" in kwargs
        else list(kwargs.get("column_list") or [])
        or [c for c in (kwargs.get("column_A"), kwargs.get("column_B")) if c]
    )
    result = item.result or {}
    # An expectation that could not be evaluated: Great Expectations 1.x keys exception_info by the metric that
    # raised (older versions gave one flat dict).
    info = item.exception_info or {}
    errors = [info] if "raised_exception" in info else [e for e in info.values() if isinstance(e, dict)]
    raised = [e for e in errors if e.get("raised_exception")]
    if raised:
        observed = f"error: {raised[0].get('exception_message')}"
    elif "observed_value" in result:
        observed = _plain(result["observed_value"])
    elif suite == "batch" and columns:
        observed = _batch_observed(frame, columns[0])
    elif "unexpected_count" in result:
        # Null cells are not checked (except by not-null expectations, which report no missing_count).
        checked = result.get("element_count", 0) - (result.get("missing_count") or 0)
        observed = f"{result['unexpected_count']} of {checked} rows unexpected"
        # The offending values say something for real columns, not for the True/False flags derived here.
        values = [_plain(v["value"]) for v in result.get("partial_unexpected_counts") or []]
        if columns and columns[0] not in EXPLAINED_BY and any(value is not None for value in values):
            observed += " (" + ", ".join(_shorten(str(value), 40) for value in values[:3]) + ")"
    else:
        observed = None
    wanted = DETAIL_COLUMNS[suite] + [c for col in columns for c in [col, *EXPLAINED_BY.get(col, [])]]
    wanted = [c for c in dict.fromkeys(wanted) if c in frame.columns]
    details = [
        {c: _plain(frame.at[index, c]) for c in wanted}
        for index in (result.get("partial_unexpected_index_list") or [])[:DETAIL_ROWS]
        if index in frame.index
    ]
    documents: dict[str, list[dict]] = {}
    if "document_id" in frame.columns and not item.success:
        for index in result.get("unexpected_index_list") or []:
            document_id = frame.at[index, "document_id"] if index in frame.index else None
            if isinstance(document_id, str):
                rows = documents.setdefault(document_id, [])
                if len(rows) < DETAIL_ROWS:
                    rows.append({c: _plain(frame.at[index, c]) for c in wanted})
    return ExpectationOutcome(
        suite=suite,
        expectation=config.meta.get("id", config.type),
        column_name=", ".join(columns) or None,
        severity=str(getattr(config.severity, "value", config.severity)),
        success=bool(item.success) and not raised,
        observed_value=None if observed is None else str(observed),
        unexpected_count=result.get("unexpected_count"),
        details=details,
        scope=config.meta.get("scope", "batch"),
        documents=documents,
    )


def _batch_observed(frame: pd.DataFrame, column: str) -> str:
    """The figures a batch check looked at, e.g. 'needs 296 of 327 (91%)' or 'cycle 2 chapter 5: 14; ...'."""
    rows = frame[frame[column].notna()]
    if rows.empty:
        return "nothing to compare"
    if column == "needs_total_ratio":
        row = rows.iloc[0]
        return f"needs {row['current']} of {row['previous']} published ({row[column]:.0%})"
    parts = []
    for _, row in rows.iterrows():
        if row["check"] == "group covered":
            label = row["regional_group"]
        elif row["check"] == "chapter covered":
            label = f"cycle {row['cycle']} chapter {row['chapter']}"
        else:
            label = f"chapter {row['chapter']} (was {row['previous']})"
        parts.append(f"{label}: {row[column]:.0f}")
    return "; ".join(parts)


def _plain(value: Any) -> Any:
    """A JSON-friendly version of a pandas, numpy or duckdb value."""
    if isinstance(value, str):
        return _shorten(value, TEXT_IN_DETAILS)
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (bool, int, float)):
        return value
    return str(value)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_row(row: dict) -> str:
    what = row.get("text") or row.get("symbol") or row.get("need_id") or row.get("document_id") or row.get("check")
    # The label already names the row; flags only repeat that the check failed.
    shown = {"text", "need_id", "source_file", "location", "check"} | ({"symbol"} if row.get("text") else set())
    if what == row.get("document_id"):
        shown.add("document_id")
    facts = ", ".join(
        f"{k}={v}" for k, v in row.items() if k not in shown and v not in ("", [], None) and not isinstance(v, bool)
    )
    where = ", ".join(str(row[k]) for k in ("source_file", "location") if row.get(k))
    label = _shorten(str(what), 70) if what else ""
    return f"{label!r} {_shorten(facts, 140)}" + (f" [{where}]" if where else "")


def record_results(con: duckdb.DuckDBPyConnection, report: ValidationReport) -> None:
    """Append the report's outcomes to con's validation_results (also: the published warehouse of a blocked load)."""
    rows = [
        (report.run_id, report.validated_at, o.suite, o.expectation, o.column_name, o.severity, o.success,
         o.observed_value, o.unexpected_count,
         json.dumps(o.details, ensure_ascii=False, default=str) if o.details else None)
        for o in report.outcomes
    ]  # fmt: skip
    if not rows:
        return  # DuckDB's executemany refuses an empty list; a report without outcomes records nothing
    con.executemany(
        "INSERT INTO validation_results (run_id, validated_at, suite, expectation, column_name, severity, success,"
        " observed_value, unexpected_count, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _build_data_docs(context: AbstractDataContext, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    # Pages of earlier runs would pile up unlinked: the index lists the latest run only.
    shutil.rmtree(directory / "validations", ignore_errors=True)
    site = f"{DATA_DOCS_SITE}-{hashlib.sha1(str(directory.resolve()).encode()).hexdigest()[:10]}"
    if site not in context.get_site_names():
        context.add_data_docs_site(
            site_name=site,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(directory)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    context.build_data_docs(site_names=[site])
    return directory / "index.html"
