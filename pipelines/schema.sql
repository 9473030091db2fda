-- The warehouse contract: the only thing the write path (pipelines/) and the read path (app/, pages/) share.
-- Every column carries a COMMENT; tests/test_schema.py checks that a built warehouse matches this file.
-- Bump schema_version in pipelines/warehouse.py whenever a table or column changes here.

CREATE TABLE IF NOT EXISTS warehouse_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
COMMENT ON TABLE warehouse_info IS 'Key/value facts about the published warehouse: schema_version, last_run_id, published_at.';
COMMENT ON COLUMN warehouse_info.key IS 'Name of the fact.';
COMMENT ON COLUMN warehouse_info.value IS 'Value of the fact, as text.';

-- Reference tables, loaded from data/reference/*.csv on every run.
CREATE TABLE IF NOT EXISTS chapters (
    chapter       INTEGER PRIMARY KEY,
    numeral       VARCHAR NOT NULL,
    title         VARCHAR NOT NULL,
    first_article INTEGER NOT NULL,
    last_article  INTEGER NOT NULL
);
COMMENT ON TABLE chapters IS 'Chapters I-VIII of the Convention (data/reference/chapters.csv).';
COMMENT ON COLUMN chapters.chapter IS 'Chapter number, 1-8.';
COMMENT ON COLUMN chapters.numeral IS 'Chapter number as a Roman numeral, as documents write it (II).';
COMMENT ON COLUMN chapters.title IS 'English title of the chapter (Preventive measures).';
COMMENT ON COLUMN chapters.first_article IS 'First article of the chapter.';
COMMENT ON COLUMN chapters.last_article IS 'Last article of the chapter.';

CREATE TABLE IF NOT EXISTS articles (
    article INTEGER PRIMARY KEY,
    chapter INTEGER NOT NULL,
    title   VARCHAR NOT NULL
);
COMMENT ON TABLE articles IS 'Articles 1-71 of the Convention with their chapter (data/reference/articles.csv).';
COMMENT ON COLUMN articles.article IS 'Article number, 1-71.';
COMMENT ON COLUMN articles.chapter IS 'Chapter the article belongs to, 1-8.';
COMMENT ON COLUMN articles.title IS 'English title of the article (Public procurement and management of public finances).';

CREATE TABLE IF NOT EXISTS regional_groups (
    regional_group VARCHAR PRIMARY KEY,
    short_name     VARCHAR NOT NULL,
    sort_order     INTEGER NOT NULL
);
COMMENT ON TABLE regional_groups IS 'The five United Nations regional groups, plus Other for parties outside them.';
COMMENT ON COLUMN regional_groups.regional_group IS 'Full name (African States).';
COMMENT ON COLUMN regional_groups.short_name IS 'Short label for charts (African).';
COMMENT ON COLUMN regional_groups.sort_order IS 'Display order, 1 first.';

CREATE TABLE IF NOT EXISTS countries (
    iso3           VARCHAR PRIMARY KEY,
    name           VARCHAR NOT NULL,
    regional_group VARCHAR NOT NULL
);
COMMENT ON TABLE countries IS 'States parties to the Convention (data/reference/countries.csv).';
COMMENT ON COLUMN countries.iso3 IS 'ISO 3166-1 alpha-3 code; EUU for the European Union.';
COMMENT ON COLUMN countries.name IS 'Short English name as United Nations documents write it.';
COMMENT ON COLUMN countries.regional_group IS 'United Nations regional group, a regional_groups.regional_group.';

CREATE TABLE IF NOT EXISTS country_names (
    iso3     VARCHAR NOT NULL,
    name     VARCHAR NOT NULL,
    language VARCHAR NOT NULL
);
COMMENT ON TABLE country_names IS 'Every name under which a State appears in English, French and Spanish documents.';
COMMENT ON COLUMN country_names.iso3 IS 'The State, a countries.iso3.';
COMMENT ON COLUMN country_names.name IS 'One spelling of its name (Côte d''Ivoire, Cote d''Ivoire).';
COMMENT ON COLUMN country_names.language IS 'Language of that spelling: en, fr or es.';

CREATE TABLE IF NOT EXISTS assistance_types (
    type        VARCHAR NOT NULL,
    subtype     VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    sort_order  INTEGER NOT NULL
);
COMMENT ON TABLE assistance_types IS 'Taxonomy of assistance: each subtype rolls up to one of the five types (data/reference/assistance_types.csv).';
COMMENT ON COLUMN assistance_types.type IS 'Top-level type: capacity-building, legislative, institution-building, policymaking or other.';
COMMENT ON COLUMN assistance_types.subtype IS 'Finer subtype (training, legal-advice, ...).';
COMMENT ON COLUMN assistance_types.label IS 'Human label of the subtype.';
COMMENT ON COLUMN assistance_types.description IS 'What the subtype covers.';
COMMENT ON COLUMN assistance_types.sort_order IS 'Display order of the subtype.';

-- Provenance of every run.
CREATE TABLE IF NOT EXISTS load_runs (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    status          VARCHAR NOT NULL,
    paths           VARCHAR NOT NULL,
    files_seen      INTEGER NOT NULL,
    files_loaded    INTEGER NOT NULL,
    files_unchanged INTEGER NOT NULL,
    files_replaced  INTEGER NOT NULL,
    files_rejected  INTEGER NOT NULL,
    needs_loaded    INTEGER NOT NULL,
    documents_total INTEGER NOT NULL,
    needs_total     INTEGER NOT NULL,
    code_version    VARCHAR,
    message         VARCHAR,
    files_reread    INTEGER
);
COMMENT ON TABLE load_runs IS 'One row per run of python -m pipelines load, published or not. Append-only.';
COMMENT ON COLUMN load_runs.files_reread IS 'Files whose content was already loaded but which this version of the parser or of the reference data reads differently: their rows were replaced, their history (first_run_id) kept. NULL for runs before the column existed.';
COMMENT ON COLUMN load_runs.run_id IS 'Run identifier, UTC time of start plus a random suffix (20261123T101500Z-3fa2).';
COMMENT ON COLUMN load_runs.started_at IS 'UTC time the run started.';
COMMENT ON COLUMN load_runs.finished_at IS 'UTC time the run finished.';
COMMENT ON COLUMN load_runs.status IS 'published (data changed or not), published_with_rejections, blocked (validation failed; data unchanged), nothing_loaded.';
COMMENT ON COLUMN load_runs.paths IS 'Files and folders the run was given, separated by ; .';
COMMENT ON COLUMN load_runs.files_seen IS 'Candidate files found (pdf, docx, txt and unsupported document types).';
COMMENT ON COLUMN load_runs.files_loaded IS 'Files whose document was added for the first time.';
COMMENT ON COLUMN load_runs.files_unchanged IS 'Files already loaded with identical content; nothing changed.';
COMMENT ON COLUMN load_runs.files_replaced IS 'Files whose earlier version was replaced by a changed version.';
COMMENT ON COLUMN load_runs.files_rejected IS 'Files rejected; see rejections.';
COMMENT ON COLUMN load_runs.needs_loaded IS 'Needs inserted by this run (new and replaced documents).';
COMMENT ON COLUMN load_runs.documents_total IS 'Documents in the warehouse after the run.';
COMMENT ON COLUMN load_runs.needs_total IS 'Needs in the warehouse after the run.';
COMMENT ON COLUMN load_runs.code_version IS 'git commit of the pipeline code, when known.';
COMMENT ON COLUMN load_runs.message IS 'Closing summary of the run.';

CREATE TABLE IF NOT EXISTS rejections (
    run_id      VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    file_sha256 VARCHAR,
    location    VARCHAR,
    reason      VARCHAR NOT NULL,
    message     VARCHAR NOT NULL,
    action      VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE rejections IS 'Files a run could not load, and why. Append-only; nothing of a rejected file is loaded.';
COMMENT ON COLUMN rejections.run_id IS 'The run, a load_runs.run_id.';
COMMENT ON COLUMN rejections.source_file IS 'Path of the file as given to the run.';
COMMENT ON COLUMN rejections.file_sha256 IS 'SHA-256 of the file bytes, when the file could be read.';
COMMENT ON COLUMN rejections.location IS 'Where in the file the problem is (page 3, line 41), when known.';
COMMENT ON COLUMN rejections.reason IS 'Machine-readable reason: empty_file, corrupt_pdf, encrypted_pdf, no_text_layer, corrupt_docx, undecodable_text, too_large, unsupported_type, unknown_country, ambiguous_country, not_executive_summary, article_out_of_range, duplicate_content, duplicate_review, no_cycle, unreadable (the reader process died or the file could not be read), too_slow (reading took longer than --file-timeout), validation (a critical expectation failed on rows of this document: quarantined, the rest of the batch published).';
COMMENT ON COLUMN rejections.message IS 'What is wrong, in words.';
COMMENT ON COLUMN rejections.action IS 'What to do about it.';
COMMENT ON COLUMN rejections.rejected_at IS 'UTC time of the rejection.';

-- The data.
CREATE TABLE IF NOT EXISTS documents (
    document_id     VARCHAR PRIMARY KEY,
    symbol          VARCHAR,
    country         VARCHAR NOT NULL,
    iso3            VARCHAR NOT NULL,
    regional_group  VARCHAR NOT NULL,
    cycle           INTEGER NOT NULL,
    language        VARCHAR NOT NULL,
    published_on    DATE,
    source_file     VARCHAR NOT NULL,
    source_format   VARCHAR NOT NULL,
    pages           INTEGER,
    is_sample       BOOLEAN NOT NULL,
    first_run_id    VARCHAR NOT NULL,
    first_loaded_at TIMESTAMP NOT NULL,
    run_id          VARCHAR NOT NULL,
    loaded_at       TIMESTAMP NOT NULL
);
COMMENT ON TABLE documents IS 'One row per executive summary currently in the warehouse (one per State and cycle).';
COMMENT ON COLUMN documents.document_id IS 'SHA-256 of the file bytes: a changed file is a new document_id.';
COMMENT ON COLUMN documents.symbol IS 'United Nations document symbol (CAC/COSP/IRG/II/3/1/Add.12); NULL when the file carries none.';
COMMENT ON COLUMN documents.country IS 'State under review, short English name (countries.name).';
COMMENT ON COLUMN documents.iso3 IS 'ISO3 code of the State under review.';
COMMENT ON COLUMN documents.regional_group IS 'United Nations regional group of the State.';
COMMENT ON COLUMN documents.cycle IS 'Review cycle: 1 (chapters III and IV) or 2 (chapters II and V).';
COMMENT ON COLUMN documents.language IS 'Language of the document: en, fr or es.';
COMMENT ON COLUMN documents.published_on IS 'Distribution date printed on the cover, when there is one.';
COMMENT ON COLUMN documents.source_file IS 'Path of the file, relative to the project folder when inside it.';
COMMENT ON COLUMN documents.source_format IS 'pdf, docx or txt.';
COMMENT ON COLUMN documents.pages IS 'Number of pages (PDF only).';
COMMENT ON COLUMN documents.is_sample IS 'True for the illustrative sample corpus shipped with the project: not official data.';
COMMENT ON COLUMN documents.first_run_id IS 'Run that first loaded this State and cycle (kept when the file is replaced).';
COMMENT ON COLUMN documents.first_loaded_at IS 'UTC time this State and cycle was first loaded (kept when the file is replaced).';
COMMENT ON COLUMN documents.run_id IS 'Run that loaded the current version of the file.';
COMMENT ON COLUMN documents.loaded_at IS 'UTC time the current version was loaded.';

CREATE TABLE IF NOT EXISTS document_chapters (
    document_id VARCHAR NOT NULL,
    chapter     INTEGER NOT NULL,
    status      VARCHAR NOT NULL,
    needs_count INTEGER NOT NULL,
    statement   VARCHAR,
    location    VARCHAR
);
COMMENT ON TABLE document_chapters IS 'Per document and chapter reviewed: whether it states needs, states that there are none, or has no needs part.';
COMMENT ON COLUMN document_chapters.document_id IS 'The document, a documents.document_id.';
COMMENT ON COLUMN document_chapters.chapter IS 'Chapter number, 1-8.';
COMMENT ON COLUMN document_chapters.status IS 'needs (needs listed), no_needs (the part says none were identified) or no_section (no technical-assistance part found).';
COMMENT ON COLUMN document_chapters.needs_count IS 'Needs extracted for this chapter.';
COMMENT ON COLUMN document_chapters.statement IS 'For no_needs: the sentence saying so, as written.';
COMMENT ON COLUMN document_chapters.location IS 'Where the technical-assistance part starts (page 4, paragraph 31).';

CREATE TABLE IF NOT EXISTS needs (
    need_id        VARCHAR PRIMARY KEY,
    document_id    VARCHAR NOT NULL,
    symbol         VARCHAR,
    country        VARCHAR NOT NULL,
    iso3           VARCHAR NOT NULL,
    regional_group VARCHAR NOT NULL,
    cycle          INTEGER NOT NULL,
    chapter        INTEGER NOT NULL,
    articles       INTEGER[] NOT NULL,
    article_source VARCHAR NOT NULL,
    types          VARCHAR[] NOT NULL,
    subtypes       VARCHAR[] NOT NULL,
    text           VARCHAR NOT NULL,
    heading        VARCHAR,
    ordinal        INTEGER NOT NULL,
    language       VARCHAR NOT NULL,
    source_file    VARCHAR NOT NULL,
    page           INTEGER,
    paragraph      INTEGER,
    location       VARCHAR NOT NULL,
    flags          VARCHAR[],
    corrected      VARCHAR[]
);
COMMENT ON TABLE needs IS 'One row per technical-assistance need: one bullet, one numbered or lettered item, or one element of a semicolon-separated list.';
COMMENT ON COLUMN needs.need_id IS 'Stable identifier: hash of State, cycle, chapter, normalised text and occurrence; the same across runs and file formats.';
COMMENT ON COLUMN needs.document_id IS 'The document it comes from, a documents.document_id.';
COMMENT ON COLUMN needs.symbol IS 'Symbol of that document (copied for traceability).';
COMMENT ON COLUMN needs.country IS 'State under review.';
COMMENT ON COLUMN needs.iso3 IS 'ISO3 code of the State.';
COMMENT ON COLUMN needs.regional_group IS 'United Nations regional group of the State.';
COMMENT ON COLUMN needs.cycle IS 'Review cycle, 1 or 2.';
COMMENT ON COLUMN needs.chapter IS 'Chapter of the technical-assistance part the need sits in, 1-8.';
COMMENT ON COLUMN needs.articles IS 'Convention articles: those the need cites, else those of the article sub-heading it sits under, else empty.';
COMMENT ON COLUMN needs.article_source IS 'cited, heading or none: where articles came from.';
COMMENT ON COLUMN needs.types IS 'Types of assistance (multi-label), each one of the five top-level types; never empty (other when nothing matched).';
COMMENT ON COLUMN needs.subtypes IS 'Finer subtypes matched (assistance_types.subtype); [other] when no keyword matched.';
COMMENT ON COLUMN needs.text IS 'The need statement as written, with line breaks, hyphenation and footnote marks removed.';
COMMENT ON COLUMN needs.heading IS 'Article sub-heading the need sits under, when any.';
COMMENT ON COLUMN needs.ordinal IS 'Position of the need within its chapter part, from 1.';
COMMENT ON COLUMN needs.language IS 'Language of the document: en, fr or es.';
COMMENT ON COLUMN needs.source_file IS 'File the need was read from.';
COMMENT ON COLUMN needs.page IS 'PDF page the need starts on (1-based); NULL for Word and text files.';
COMMENT ON COLUMN needs.paragraph IS 'Word paragraph (1-based) or text line (1-based) the need starts on; for PDF the line on its page.';
COMMENT ON COLUMN needs.location IS 'Human-readable place of the need in its source (page 3, line 12).';
COMMENT ON COLUMN needs.flags IS 'Doubt signals: reasons the extraction of this need may be wrong (empty when none); the review queue shows flagged needs first. NULL in rows loaded before the column existed.';
COMMENT ON COLUMN needs.corrected IS 'Editors'' corrections applied to this need, in order (split, edit_text, set_types, add_need, merge_previous, set_articles, set_chapter, reviewed = checked and right as extracted); empty when none. See the corrections table.';

CREATE TABLE IF NOT EXISTS needs_extracted (
    need_id        VARCHAR PRIMARY KEY,
    document_id    VARCHAR NOT NULL,
    symbol         VARCHAR,
    country        VARCHAR NOT NULL,
    iso3           VARCHAR NOT NULL,
    regional_group VARCHAR NOT NULL,
    cycle          INTEGER NOT NULL,
    chapter        INTEGER NOT NULL,
    articles       INTEGER[] NOT NULL,
    article_source VARCHAR NOT NULL,
    types          VARCHAR[] NOT NULL,
    subtypes       VARCHAR[] NOT NULL,
    text           VARCHAR NOT NULL,
    heading        VARCHAR,
    ordinal        INTEGER NOT NULL,
    language       VARCHAR NOT NULL,
    source_file    VARCHAR NOT NULL,
    page           INTEGER,
    paragraph      INTEGER,
    location       VARCHAR NOT NULL,
    flags          VARCHAR[]
);
COMMENT ON TABLE needs_extracted IS 'The needs exactly as the parser extracted them, before editors'' corrections: needs is this table with the corrections applied, so a saved correction republishes without reading any file again. Same columns and meaning as needs.';
COMMENT ON COLUMN needs_extracted.need_id IS 'As needs.need_id.';
COMMENT ON COLUMN needs_extracted.document_id IS 'As needs.document_id.';
COMMENT ON COLUMN needs_extracted.symbol IS 'As needs.symbol.';
COMMENT ON COLUMN needs_extracted.country IS 'As needs.country.';
COMMENT ON COLUMN needs_extracted.iso3 IS 'As needs.iso3.';
COMMENT ON COLUMN needs_extracted.regional_group IS 'As needs.regional_group.';
COMMENT ON COLUMN needs_extracted.cycle IS 'As needs.cycle.';
COMMENT ON COLUMN needs_extracted.chapter IS 'As needs.chapter, as extracted.';
COMMENT ON COLUMN needs_extracted.articles IS 'As needs.articles, as extracted.';
COMMENT ON COLUMN needs_extracted.article_source IS 'As needs.article_source.';
COMMENT ON COLUMN needs_extracted.types IS 'As needs.types, as classified from the extracted text.';
COMMENT ON COLUMN needs_extracted.subtypes IS 'As needs.subtypes.';
COMMENT ON COLUMN needs_extracted.text IS 'As needs.text, as extracted.';
COMMENT ON COLUMN needs_extracted.heading IS 'As needs.heading.';
COMMENT ON COLUMN needs_extracted.ordinal IS 'As needs.ordinal, as extracted.';
COMMENT ON COLUMN needs_extracted.language IS 'As needs.language.';
COMMENT ON COLUMN needs_extracted.source_file IS 'As needs.source_file.';
COMMENT ON COLUMN needs_extracted.page IS 'As needs.page.';
COMMENT ON COLUMN needs_extracted.paragraph IS 'As needs.paragraph.';
COMMENT ON COLUMN needs_extracted.location IS 'As needs.location.';
COMMENT ON COLUMN needs_extracted.flags IS 'As needs.flags.';

CREATE TABLE IF NOT EXISTS corrections (
    correction_id VARCHAR NOT NULL,
    recorded_at   VARCHAR NOT NULL,
    editor        VARCHAR NOT NULL,
    symbol        VARCHAR,
    document_id   VARCHAR NOT NULL,
    need_id       VARCHAR,
    text_hash     VARCHAR,
    action        VARCHAR NOT NULL,
    value         VARCHAR,
    reason        VARCHAR,
    status        VARCHAR NOT NULL,
    detail        VARCHAR
);
COMMENT ON TABLE corrections IS 'Every editor correction read from the corrections files (data/corrections/*.csv) by the latest load or republish, and what became of it.';
COMMENT ON COLUMN corrections.correction_id IS 'Identifier of the row in its corrections file.';
COMMENT ON COLUMN corrections.recorded_at IS 'UTC time the editor saved it (ISO 8601).';
COMMENT ON COLUMN corrections.editor IS 'Name the editor gave.';
COMMENT ON COLUMN corrections.symbol IS 'Symbol of the document it was made on.';
COMMENT ON COLUMN corrections.document_id IS 'SHA-256 of the document file it was made on.';
COMMENT ON COLUMN corrections.need_id IS 'The need it was made on (empty for add_need).';
COMMENT ON COLUMN corrections.text_hash IS 'Hash of the need text the editor saw (for add_need: of the added text).';
COMMENT ON COLUMN corrections.action IS 'not_a_need, merge_previous, split, edit_text, set_types, set_articles, set_chapter, add_need, reviewed or drop.';
COMMENT ON COLUMN corrections.value IS 'The action''s value: new text, types or articles separated by ;, chapter, character offset of a split, previous need id of a merge, JSON of an added need, or the correction_id a drop withdraws.';
COMMENT ON COLUMN corrections.reason IS 'Why, in the editor''s words.';
COMMENT ON COLUMN corrections.status IS 'applied, stale (not applied: the need or document changed since; confirm or drop it), dropped (withdrawn by a drop row) or drop (a drop row itself).';
COMMENT ON COLUMN corrections.detail IS 'Why a correction is stale, or what it did (merged into, added as).';

CREATE TABLE IF NOT EXISTS validation_results (
    run_id           VARCHAR NOT NULL,
    validated_at     TIMESTAMP NOT NULL,
    suite            VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    column_name      VARCHAR,
    severity         VARCHAR NOT NULL,
    success          BOOLEAN NOT NULL,
    observed_value   VARCHAR,
    unexpected_count BIGINT,
    details          VARCHAR
);
COMMENT ON TABLE validation_results IS 'Result of every expectation of every validation run, published or blocked. Append-only.';
COMMENT ON COLUMN validation_results.run_id IS 'The load run (or validate run) that produced it.';
COMMENT ON COLUMN validation_results.validated_at IS 'UTC time of the validation.';
COMMENT ON COLUMN validation_results.suite IS 'Expectation suite name (needs, documents, batch).';
COMMENT ON COLUMN validation_results.expectation IS 'Expectation identifier, unique within its suite.';
COMMENT ON COLUMN validation_results.column_name IS 'Column checked, when the expectation is about one.';
COMMENT ON COLUMN validation_results.severity IS 'critical (blocks publishing) or warning (published, recorded and shown).';
COMMENT ON COLUMN validation_results.success IS 'Whether the expectation held.';
COMMENT ON COLUMN validation_results.observed_value IS 'Observed value reported by Great Expectations, as text.';
COMMENT ON COLUMN validation_results.unexpected_count IS 'Rows that broke the expectation, when it counts rows.';
COMMENT ON COLUMN validation_results.details IS 'A few offending rows with their source files, as JSON.';
