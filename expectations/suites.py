"""The Great Expectations suites that gate every load: needs, documents and batch, each expectation critical or warning.

Every expectation carries meta["id"] (its name in validation_results.expectation and expectations/README.md) and a
severity: critical blocks publishing, warning is published, recorded and shown. The suites run on the pandas frames
that pipelines/validate.py derives from the staged warehouse; columns named in the docstrings below are derived there.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

CRITICAL = "critical"
WARNING = "warning"

# The chapters each review cycle covers: cycle 1 chapters III and IV, cycle 2 chapters II and V (DOMAIN.md).
CYCLE_CHAPTERS: dict[int, tuple[int, ...]] = {1: (3, 4), 2: (2, 5)}

NEEDS_REQUIRED_COLUMNS = (
    "need_id", "document_id", "country", "iso3", "regional_group", "cycle", "chapter",
    "articles", "types", "text", "source_file", "location",
)  # fmt: skip

# A real need is at least a word ("ICT"); one much longer than a long paragraph has swallowed a page or a heading.
MIN_NEED_CHARS = 3
MAX_NEED_CHARS = 1500

SYMBOL_PATTERN = r"^CAC/COSP/IRG/(?:I|II)/\d+/\d+/Add\.\d+(?:/(?:Rev|Corr)\.\d+)*$"

# A load may not publish fewer than this share of the needs the published warehouse holds (unless allowed).
SHRINK_RATIO = 0.9


# What a critical failure stops: the documents holding the offending rows are quarantined (rejected alone, the rest
# of the batch published), or the batch as a whole is blocked (schema, cross-table integrity, shrink).
DOCUMENT = "document"
BATCH = "batch"


def _meta(expectation_id: str, scope: str = DOCUMENT) -> dict:
    return {"id": expectation_id, "scope": scope}


def _suite(name: str, expectations: list) -> gx.ExpectationSuite:
    # Data Docs show the description but not the severity: put the severity where a reader of the page sees it.
    for expectation in expectations:
        expectation.description = f"[{expectation.severity.value}] {expectation.description}"
    return gx.ExpectationSuite(name=name, expectations=expectations)


def needs_suite(regional_groups: list[str]) -> gx.ExpectationSuite:
    """Expectations on the needs frame (the needs table plus the derived columns pipelines/validate.py adds)."""
    pairs = [(cycle, chapter) for cycle, chapters in CYCLE_CHAPTERS.items() for chapter in chapters]
    expectations = [
        gxe.ExpectColumnValuesToNotBeNull(
            column=column, severity=CRITICAL, meta=_meta(f"{column}_not_null"),
            description=f"{column} is never null.",
        )
        for column in NEEDS_REQUIRED_COLUMNS
    ]
    expectations += [
        gxe.ExpectColumnValuesToBeUnique(
            column="need_id", severity=CRITICAL, meta=_meta("need_id_unique", BATCH),
            description="need_id identifies one need.",
        ),
        gxe.ExpectColumnPairValuesToBeInSet(
            column_A="cycle", column_B="chapter", value_pairs_set=pairs, severity=CRITICAL,
            meta=_meta("chapter_in_cycle"),
            description="The chapter is one the document's cycle reviews (cycle 1: III, IV; cycle 2: II, V).",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="articles_in_chapter", value_set=[True], severity=WARNING, meta=_meta("articles_in_chapter"),
            description="Every article of the need lies in its chapter's range (articles_outside lists the others).",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="types_known", value_set=[True], severity=CRITICAL, meta=_meta("types_in_taxonomy"),
            description="The need has a type and every type is in assistance_types (types_unknown lists the others).",
        ),
        gxe.ExpectColumnValueLengthsToBeBetween(
            column="text", min_value=MIN_NEED_CHARS, severity=CRITICAL, meta=_meta("text_not_empty"),
            description=f"A need has at least {MIN_NEED_CHARS} characters.",
        ),
        gxe.ExpectColumnValueLengthsToBeBetween(
            column="text", max_value=MAX_NEED_CHARS, severity=WARNING, meta=_meta("text_not_too_long"),
            description=f"A need longer than {MAX_NEED_CHARS} characters has probably swallowed a page.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="regional_group", value_set=regional_groups, severity=CRITICAL, meta=_meta("regional_group_known"),
            description="The regional group is one of the five United Nations groups or Other (regional_groups).",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="document_known", value_set=[True], severity=CRITICAL, meta=_meta("document_exists", BATCH),
            description="The need's document is in documents.",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="matches_document", value_set=[True], severity=CRITICAL, meta=_meta("same_state_and_cycle", BATCH),
            description="The need has the State and cycle of its document.",
        ),
    ]
    return _suite("needs", expectations)


def documents_suite(regional_groups: list[str]) -> gx.ExpectationSuite:
    """Expectations on the documents frame (documents table plus chapters_accounted, chapters_unaccounted)."""
    return _suite(
        "documents",
        [
            gxe.ExpectColumnValuesToMatchRegex(
                column="symbol", regex=SYMBOL_PATTERN, severity=CRITICAL, meta=_meta("symbol_well_formed"),
                description="A symbol, where present, is an IRG executive-summary symbol (CAC/COSP/IRG/II/3/1/Add.12).",
            ),
            gxe.ExpectColumnValuesToNotBeNull(
                column="symbol", severity=WARNING, meta=_meta("symbol_present"),
                description="The document carries its United Nations symbol.",
            ),
            gxe.ExpectColumnValuesToBeUnique(
                column="document_id", severity=CRITICAL, meta=_meta("document_id_unique", BATCH),
                description="One row per document.",
            ),
            gxe.ExpectCompoundColumnsToBeUnique(
                column_list=["iso3", "cycle"], severity=CRITICAL, meta=_meta("one_document_per_state_and_cycle", BATCH),
                description="One executive summary per State and cycle.",
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="cycle", value_set=sorted(CYCLE_CHAPTERS), severity=CRITICAL, meta=_meta("cycle_known"),
                description="The cycle is 1 or 2.",
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="regional_group", value_set=regional_groups, severity=CRITICAL,
                meta=_meta("regional_group_known"),
                description="The regional group is one of the five United Nations groups or Other (regional_groups).",
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="chapters_accounted", value_set=[True], severity=WARNING, meta=_meta("chapters_accounted"),
                description="For each chapter of its cycle the document has needs or states that none were identified.",
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="needs_count_matches", value_set=[True], severity=CRITICAL, meta=_meta("needs_count_matches"),
                description="document_chapters.needs_count equals the needs loaded for each chapter.",
            ),
        ],
    )


def batch_suite(allow_shrink: bool) -> gx.ExpectationSuite:
    """Expectations on the batch frame: one row per coverage or shrink check, null where a check does not apply."""
    shrink_severity = WARNING if allow_shrink else CRITICAL
    return _suite(
        "batch",
        [
            gxe.ExpectColumnValuesToBeBetween(
                column="chapter_records", min_value=1, severity=CRITICAL, meta=_meta("every_chapter_covered", BATCH),
                description="Each chapter of each cycle with documents has at least one need or no-needs statement.",
            ),
            gxe.ExpectColumnValuesToBeBetween(
                column="group_records", min_value=1, severity=WARNING, meta=_meta("every_group_covered", BATCH),
                description="Each regional group of the loaded States has at least one need or no-needs statement.",
            ),
            gxe.ExpectColumnValuesToBeBetween(
                column="needs_total_ratio", min_value=SHRINK_RATIO, severity=shrink_severity,
                meta=_meta("needs_total_not_shrunk", BATCH),
                description=f"The load keeps at least {SHRINK_RATIO:.0%} of the needs already published.",
            ),
            gxe.ExpectColumnValuesToBeBetween(
                column="chapter_needs_kept", min_value=1, severity=shrink_severity,
                meta=_meta("chapter_needs_not_lost", BATCH),
                description="A chapter that had needs in the published warehouse still has some.",
            ),
        ],
    )
