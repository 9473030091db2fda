"""Read-side queries: plain functions (connection, filters) -> DataFrame, aggregated in DuckDB, counted from needs.

Counting rules: every figure counts needs (rows of the needs table) once, except the breakdowns by type, subtype and
article, where a need counts once under each of its types (subtypes, articles); those totals can exceed the needs.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from app import search
from app.filters import TYPE_LABELS, TYPES, FilterOptions, Filters

Con = duckdb.DuckDBPyConnection


def _type_order(column: str) -> str:
    return f"CASE {column} " + " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(TYPES)) + " ELSE 99 END"


TYPE_ORDER_SQL = _type_order("t.type")
EXPLORER_LIMIT = 1000


def _where(f: Filters, alias: str = "n", *, need_level: bool = True) -> tuple[str, list[object]]:
    """SQL predicate and parameters for the filters; need_level=False keeps only the document-level ones."""
    clauses: list[str] = ["TRUE"]
    params: list[object] = []
    if f.cycles:
        clauses.append(f"{alias}.cycle IN (SELECT unnest(?::INTEGER[]))")
        params.append(list(f.cycles))
    if f.groups:
        clauses.append(f"{alias}.regional_group IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(f.groups))
    if f.states:
        clauses.append(f"{alias}.iso3 IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(f.states))
    if need_level:
        if f.chapters:
            clauses.append(f"{alias}.chapter IN (SELECT unnest(?::INTEGER[]))")
            params.append(list(f.chapters))
        if f.articles:
            clauses.append(f"list_has_any({alias}.articles, ?::INTEGER[])")
            params.append(list(f.articles))
        if f.types:
            clauses.append(f"list_has_any({alias}.types, ?::VARCHAR[])")
            params.append(list(f.types))
        if f.search:
            found, patterns = search.where_sql(f.search, f"{alias}.text")
            clauses += found
            params += patterns
    return " AND ".join(clauses), params


def _df(con: Con, sql: str, params: list[object]) -> pd.DataFrame:
    return con.execute(sql, params).df()


def filter_options(con: Con) -> FilterOptions:
    """The values each shared filter can take, from the reference tables and the loaded documents."""
    cycles = tuple(r[0] for r in con.execute("SELECT DISTINCT cycle FROM documents ORDER BY 1").fetchall()) or (1, 2)
    groups = con.execute("SELECT regional_group, short_name FROM regional_groups ORDER BY sort_order").fetchall()
    states = con.execute(
        "SELECT DISTINCT iso3, country FROM documents ORDER BY country"
    ).fetchall()
    chapters = con.execute("SELECT chapter, numeral || ' ' || title FROM chapters ORDER BY chapter").fetchall()
    articles = con.execute("SELECT article, title FROM articles ORDER BY article").fetchall()
    return FilterOptions(
        cycles=cycles, groups=tuple(map(tuple, groups)), states=tuple(map(tuple, states)),
        chapters=tuple(map(tuple, chapters)), articles=tuple(map(tuple, articles)), types=TYPES,
    )


def warehouse_facts(con: Con) -> dict[str, object]:
    """What data this is: sample or not, when it was published, by which run, and its totals."""
    info = dict(con.execute("SELECT key, value FROM warehouse_info").fetchall())
    sample, docs, last_loaded = con.execute(
        "SELECT coalesce(bool_or(is_sample), false), count(*), max(loaded_at) FROM documents"
    ).fetchone()
    needs = con.execute("SELECT count(*) FROM needs").fetchone()[0]
    return {"is_sample": bool(sample), "documents": docs, "needs": needs, "last_loaded": last_loaded,
            "published_at": info.get("published_at"), "last_run_id": info.get("last_run_id"),
            "schema_version": info.get("schema_version")}


def _chapters_in_scope(f: Filters, alias: str = "dc") -> tuple[str, list[object]]:
    """Predicate on document_chapters: the chapter parts the chapter and article filters point at."""
    clauses, params = ["TRUE"], []
    if f.chapters:
        clauses.append(f"{alias}.chapter IN (SELECT unnest(?::INTEGER[]))")
        params.append(list(f.chapters))
    if f.articles:
        clauses.append(f"{alias}.chapter IN (SELECT chapter FROM articles "
                       "WHERE article IN (SELECT unnest(?::INTEGER[])))")
        params.append(list(f.articles))
    return " AND ".join(clauses), params


def _reviewed_sql(f: Filters) -> tuple[str, list[object]]:
    """Documents matching the document filters that reviewed a chapter in scope: (document_id, iso3)."""
    where_d, params_d = _where(f, "d", need_level=False)
    chapters, params_c = _chapters_in_scope(f)
    sql = f"""SELECT d.document_id, d.iso3 FROM documents d WHERE {where_d} AND EXISTS (
                  SELECT 1 FROM document_chapters dc WHERE dc.document_id = d.document_id AND {chapters})"""
    return sql, params_d + params_c


def headline(con: Con, f: Filters) -> dict[str, int]:
    """Needs matching all filters, the summaries and States they come from, and those reviewed without any.

    documents and states count only the summaries and States holding needs in scope; documents_without and
    states_without count those that reviewed a chapter in scope (matching the cycle, group and State filters) but
    hold no need matching the filters.
    """
    where, params = _where(f)
    reviewed, params_r = _reviewed_sql(f)
    sql = f"""
        WITH hit AS MATERIALIZED (SELECT document_id, iso3, count(*) AS k FROM needs n WHERE {where} GROUP BY ALL),
        reviewed AS MATERIALIZED ({reviewed})
        SELECT (SELECT count(*) FROM hit), (SELECT count(DISTINCT iso3) FROM hit),
               (SELECT coalesce(sum(k), 0) FROM hit),
               (SELECT count(*) FROM reviewed WHERE document_id NOT IN (SELECT document_id FROM hit)),
               (SELECT count(DISTINCT iso3) FROM reviewed WHERE iso3 NOT IN (SELECT iso3 FROM hit))"""
    docs, states, needs, docs_without, states_without = con.execute(sql, params + params_r).fetchone()
    return {"documents": docs, "states": states, "needs": int(needs), "states_with_needs": states,
            "documents_without": docs_without, "states_without": states_without}


STATUS_NEEDS, STATUS_NONE, STATUS_NOT_REVIEWED = "needs", "reviewed, no needs", "not reviewed or not loaded"
STATUS_LABELS = {STATUS_NEEDS: "Needs in scope", STATUS_NONE: "Reviewed on these chapters, no needs in scope",
                 STATUS_NOT_REVIEWED: "Not reviewed on these chapters, or no summary loaded"}


def state_status(con: Con, f: Filters) -> pd.DataFrame:
    """Every State party in the group and State filters with its needs in scope and one of three statuses.

    status is 'needs' (needs match the filters), 'reviewed, no needs' (a summary matching the cycle filter reviewed
    a chapter in scope and none of its needs match) or 'not reviewed or not loaded'; summaries counts the summaries
    that reviewed a chapter in scope.
    """
    where, params = _where(f)
    reviewed, params_r = _reviewed_sql(f)
    where_c, params_c = _where(f.narrow(cycles=()), "c", need_level=False)
    sql = f"""
        WITH hit AS (SELECT iso3, count(*) AS needs FROM needs n WHERE {where} GROUP BY iso3),
        reviewed AS (SELECT iso3, count(*) AS summaries FROM ({reviewed}) GROUP BY iso3),
        c AS (SELECT c.iso3, c.name AS country, c.regional_group FROM countries c WHERE {where_c})
        SELECT c.iso3, c.country, c.regional_group, coalesce(r.summaries, 0) AS summaries,
               coalesce(h.needs, 0) AS needs,
               CASE WHEN h.needs > 0 THEN '{STATUS_NEEDS}' WHEN r.summaries > 0 THEN '{STATUS_NONE}'
                    ELSE '{STATUS_NOT_REVIEWED}' END AS status
        FROM c LEFT JOIN hit h USING (iso3) LEFT JOIN reviewed r USING (iso3)
        ORDER BY c.country"""
    return _df(con, sql, params + params_r + params_c)


def count_needs(con: Con, f: Filters, *, subtype: str | None = None) -> int:
    """Needs matching the filters (and having the subtype, when given)."""
    where, params = _where(f)
    if subtype:
        where += " AND list_contains(n.subtypes, ?)"
        params.append(subtype)
    return con.execute(f"SELECT count(*) FROM needs n WHERE {where}", params).fetchone()[0]


def _types_kept(f: Filters, column: str = "t.type") -> str:
    return "TRUE" if not f.types else f"{column} IN (SELECT unnest(?::VARCHAR[]))"


def _type_params(f: Filters) -> list[object]:
    return [list(f.types)] if f.types else []


def type_breakdown(con: Con, f: Filters) -> pd.DataFrame:
    """Every breakdown by type and subtype of the matching needs, from one scan of the needs table.

    Rows by part: 'all' (the matching needs), 'type', 'chapter' (chapter x type), 'group' (group x type) and
    'subtype'; a need counts under each of its types (subtypes). The needs are first counted per distinct
    (chapter, group, types, subtypes) combination, a few hundred rows even for a million needs, so the lists are
    unnested there rather than per need. types_of(), chapter_types_of(), group_types_of() and subtypes_of() cut
    the frame into the tables the charts draw; a page fetches it once for all of them.
    """
    where, params = _where(f)
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT chapter, regional_group, types, subtypes, count(*) AS k FROM needs n WHERE {where} GROUP BY ALL
        ), t AS (
            SELECT chapter, regional_group, unnest(list_distinct(types)) AS type, k FROM m
        ), s AS (
            SELECT unnest(list_distinct(subtypes)) AS subtype, k FROM m
        ), p AS (
            SELECT CASE WHEN grouping(chapter) = 0 THEN 'chapter' WHEN grouping(regional_group) = 0 THEN 'group'
                        ELSE 'type' END AS part, chapter, regional_group, type, NULL::VARCHAR AS subtype, sum(k) AS k
            FROM t WHERE {_types_kept(f)} GROUP BY GROUPING SETS ((type), (chapter, type), (regional_group, type))
            UNION ALL
            SELECT 'subtype', NULL, NULL, a.type, s.subtype, sum(k)
            FROM s LEFT JOIN (SELECT DISTINCT type, subtype FROM assistance_types) a USING (subtype)
            WHERE {_types_kept(f, "a.type")} GROUP BY ALL
            UNION ALL
            SELECT 'all', NULL, NULL, NULL, NULL, coalesce(sum(k), 0) FROM m
        )
        SELECT p.part, p.chapter, p.regional_group, p.type, p.subtype,
               CASE p.part WHEN 'chapter' THEN 'Ch. ' || c.numeral
                           WHEN 'group' THEN coalesce(g.short_name, p.regional_group)
                           WHEN 'subtype' THEN coalesce(a.label, p.subtype) END AS label,
               p.k::BIGINT AS needs
        FROM p
        LEFT JOIN chapters c ON p.part = 'chapter' AND c.chapter = p.chapter
        LEFT JOIN regional_groups g ON p.part = 'group' AND g.regional_group = p.regional_group
        LEFT JOIN (SELECT DISTINCT subtype, label FROM assistance_types) a
               ON p.part = 'subtype' AND a.subtype = p.subtype
        ORDER BY p.part, g.sort_order, p.regional_group, p.chapter,
                 CASE WHEN p.part = 'subtype' THEN -p.k END, CASE WHEN p.part = 'subtype' THEN label END,
                 {_type_order("p.type")}"""
    return _df(con, sql, params + _type_params(f) + _type_params(f))


def _part(breakdown: pd.DataFrame, part: str, columns: list[str]) -> pd.DataFrame:
    return breakdown.loc[breakdown["part"] == part, columns].reset_index(drop=True)


def types_of(breakdown: pd.DataFrame) -> pd.DataFrame:
    """Needs per type and its share of all matching needs (type, label, needs, share), from type_breakdown()."""
    df = _part(breakdown, "type", ["type", "needs"])
    total = int(breakdown.loc[breakdown["part"] == "all", "needs"].sum())
    df.insert(1, "label", df["type"].map(TYPE_LABELS).fillna(df["type"]))
    df["share"] = df["needs"] / max(total, 1)
    return df


def chapter_types_of(breakdown: pd.DataFrame) -> pd.DataFrame:
    """Needs per chapter and type (chapter, label, type, needs), from type_breakdown()."""
    df = _part(breakdown, "chapter", ["chapter", "label", "type", "needs"])
    df["chapter"] = df["chapter"].astype("int32")  # as the needs table stores it
    return df


def group_types_of(breakdown: pd.DataFrame) -> pd.DataFrame:
    """Needs per regional group and type (regional_group, label, type, needs), from type_breakdown()."""
    return _part(breakdown, "group", ["regional_group", "label", "type", "needs"])


def subtypes_of(breakdown: pd.DataFrame) -> pd.DataFrame:
    """Needs per subtype with the type it rolls up to (type, subtype, label, needs), from type_breakdown()."""
    return _part(breakdown, "subtype", ["type", "subtype", "label", "needs"])


def needs_by_type(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per type (a need counts under each of its types) and its share of all matching needs."""
    return types_of(type_breakdown(con, f))


def needs_by_chapter(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per chapter, each need once."""
    where, params = _where(f)
    sql = f"""
        SELECT n.chapter, c.numeral, c.title, 'Ch. ' || c.numeral AS label, count(*) AS needs
        FROM needs n JOIN chapters c USING (chapter) WHERE {where}
        GROUP BY ALL ORDER BY n.chapter"""
    return _df(con, sql, params)


def _articles_kept(f: Filters) -> tuple[str, list[object]]:
    if not f.articles:
        return "TRUE", []
    return "a.article IN (SELECT unnest(?::INTEGER[]))", [list(f.articles)]


def needs_by_article(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per article with its title (a need citing two articles counts under each); needs without one left out."""
    where, params = _where(f)
    kept, kept_params = _articles_kept(f)
    # Counted per distinct article list first, so the lists are unnested once per combination, not per need.
    sql = f"""
        WITH m AS (SELECT articles, count(*) AS k FROM needs n WHERE {where} GROUP BY ALL),
        a AS (SELECT unnest(list_distinct(articles)) AS article, k FROM m)
        SELECT r.chapter, a.article, r.title, 'Art. ' || a.article AS label, sum(a.k)::BIGINT AS needs
        FROM a JOIN articles r USING (article) WHERE {kept}
        GROUP BY ALL ORDER BY a.article"""
    return _df(con, sql, params + kept_params)


def article_type(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per article and type: the article x type heatmap."""
    where, params = _where(f)
    kept, kept_params = _articles_kept(f)
    sql = f"""
        WITH m AS (SELECT articles, types, count(*) AS k FROM needs n WHERE {where} GROUP BY ALL),
        a AS (SELECT unnest(list_distinct(articles)) AS article, types, k FROM m),
        t AS (SELECT article, unnest(list_distinct(types)) AS type, k FROM a)
        SELECT t.article, 'Art. ' || t.article AS label, t.type, sum(t.k)::BIGINT AS needs
        FROM t JOIN articles r ON r.article = t.article WHERE {kept.replace("a.article", "t.article")}
        AND {_types_kept(f)} GROUP BY t.article, t.type ORDER BY t.article, {TYPE_ORDER_SQL}"""
    return _df(con, sql, params + kept_params + _type_params(f))


def needs_by_group(con: Con, f: Filters) -> pd.DataFrame:
    """Needs, States and documents with needs per regional group, each need once."""
    where, params = _where(f)
    sql = f"""
        SELECT n.regional_group, coalesce(g.short_name, n.regional_group) AS label, count(*) AS needs,
               count(DISTINCT n.iso3) AS states, count(DISTINCT n.document_id) AS documents
        FROM needs n LEFT JOIN regional_groups g USING (regional_group) WHERE {where}
        GROUP BY ALL ORDER BY min(g.sort_order), n.regional_group"""
    return _df(con, sql, params)


def group_type(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per regional group and type (a need counts under each of its types)."""
    return group_types_of(type_breakdown(con, f))



def group_chapter(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per regional group and chapter, each need once."""
    where, params = _where(f)
    sql = f"""
        SELECT n.regional_group, coalesce(g.short_name, n.regional_group) AS label, n.chapter,
               'Ch. ' || c.numeral AS chapter_label, count(*) AS needs
        FROM needs n JOIN chapters c USING (chapter) LEFT JOIN regional_groups g USING (regional_group)
        WHERE {where} GROUP BY ALL ORDER BY min(g.sort_order), n.chapter"""
    return _df(con, sql, params)


def chapter_type(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per chapter and type (a need counts under each of its types)."""
    return chapter_types_of(type_breakdown(con, f))



def needs_by_state(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per State (ISO3), each need once: the world map."""
    where, params = _where(f)
    sql = f"""
        SELECT n.iso3, n.country, n.regional_group, count(*) AS needs
        FROM needs n WHERE {where} GROUP BY ALL ORDER BY needs DESC, n.country"""
    return _df(con, sql, params)


def needs_by_subtype(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per subtype with its type and label (a need counts under each of its subtypes)."""
    return subtypes_of(type_breakdown(con, f))



def needs_documents(con: Con, f: Filters) -> pd.DataFrame:
    """The documents the matching needs come from, with how many of those needs each holds."""
    where, params = _where(f)
    sql = f"""
        SELECT coalesce(d.symbol, '(no symbol)') AS "Symbol", d.country AS "State",
               d.regional_group AS "Regional group", d.cycle AS "Cycle", d.language AS "Language",
               d.published_on AS "Published", count(*) AS "Needs",
               d.source_file AS "Source file"
        FROM needs n JOIN documents d USING (document_id) WHERE {where}
        GROUP BY ALL ORDER BY d.country, d.cycle, 1"""
    return _df(con, sql, params)


def states_overview(con: Con, f: Filters) -> pd.DataFrame:
    """Every State with a summary matching the document filters: its group, summaries, needs in scope and status."""
    where_d, params_d = _where(f, "d", need_level=False)
    loaded = _df(con, f"""
        SELECT d.iso3, d.country AS "State", d.regional_group AS "Regional group", count(*) AS "Executive summaries"
        FROM documents d WHERE {where_d} GROUP BY ALL ORDER BY d.country""", params_d)
    status = state_status(con, f).set_index("iso3")
    loaded["Needs"] = loaded["iso3"].map(status["needs"]).fillna(0).astype("int64")
    loaded["Status"] = loaded["iso3"].map(status["status"]).fillna(STATUS_NOT_REVIEWED).map(STATUS_LABELS)
    return loaded


def state_documents(con: Con, iso3: str) -> pd.DataFrame:
    """The documents of one State, with their symbols, and what each chapter part says."""
    sql = """
        SELECT d.cycle, d.symbol, d.language, d.published_on, d.source_file,
               string_agg('Ch. ' || c.numeral || ': ' || replace(dc.status, '_', ' ')
                          || CASE WHEN dc.status = 'needs' THEN ' (' || dc.needs_count || ')' ELSE '' END,
                          '; ' ORDER BY dc.chapter) AS chapters,
               d.loaded_at
        FROM documents d LEFT JOIN document_chapters dc USING (document_id) LEFT JOIN chapters c USING (chapter)
        WHERE d.iso3 = ? GROUP BY ALL ORDER BY d.cycle"""
    return _df(con, sql, [iso3])


def state_no_needs(con: Con, iso3: str) -> pd.DataFrame:
    """Chapters of one State's documents that say no needs were identified, with the sentence."""
    sql = """
        SELECT d.cycle, 'Ch. ' || c.numeral AS chapter, dc.statement, dc.location, d.symbol
        FROM document_chapters dc JOIN documents d USING (document_id) JOIN chapters c USING (chapter)
        WHERE d.iso3 = ? AND dc.status = 'no_needs' ORDER BY d.cycle, dc.chapter"""
    return _df(con, sql, [iso3])


# The statement comes right after the State, and the symbol within the first screen width, so both are read
# without scrolling sideways; the same order on screen and in the downloads.
NEEDS_COLUMNS = ["State", "Need", "Types", "Chapter", "Articles", "Symbol", "Cycle", "Regional group", "Location",
                 "Subtypes", "Source file", "Need id", "Corrected"]


_LABELS = """labels AS (
            SELECT (SELECT map_from_entries(list({'key': subtype, 'value': label}))
                    FROM (SELECT DISTINCT subtype, label FROM assistance_types)) AS subtype_label,
                   MAP {""" + ", ".join(f"'{t}': '{label}'" for t, label in TYPE_LABELS.items()) + """} AS type_label
        )"""


def _labelled(column: str, labels: str) -> str:
    return f"array_to_string(list_transform({column}, lambda x: coalesce(l.{labels}[x], x)), ', ')"


def needs_table(con: Con, f: Filters, *, subtype: str | None = None, limit: int | None = EXPLORER_LIMIT
                ) -> pd.DataFrame:
    """The need statements matching the filters, in a stable order, at most limit rows; types and subtypes by
    label, and with a keyword search, the term that matched in which language (column Matched)."""
    where, params = _where(f)
    if subtype:
        where += " AND list_contains(n.subtypes, ?)"
        params.append(subtype)
    matched, matched_params = search.matched_sql(f.search, "n.text", "n.language")
    limit_sql = ""
    if limit is not None:
        limit_sql = "LIMIT ?"
        params.append(limit)
    sql = f"""
        WITH {_LABELS}
        SELECT n.country AS "State", n.text AS "Need", {matched} AS "Matched",
               {_labelled("n.types", "type_label")} AS "Types",
               c.numeral AS "Chapter", array_to_string(n.articles, ', ') AS "Articles", n.symbol AS "Symbol",
               n.cycle AS "Cycle", n.regional_group AS "Regional group",
               n.location AS "Location", {_labelled("n.subtypes", "subtype_label")} AS "Subtypes",
               n.source_file AS "Source file", n.need_id AS "Need id",
               array_to_string(coalesce(n.corrected, []), ', ') AS "Corrected"
        FROM needs n JOIN chapters c USING (chapter) CROSS JOIN labels l WHERE {where}
        ORDER BY n.country, n.cycle, n.chapter, n.ordinal, n.need_id {limit_sql}"""
    df = _df(con, sql, matched_params + params)
    return df if f.search else df.drop(columns="Matched")


LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}


def needs_export(con: Con, f: Filters) -> pd.DataFrame:
    """The matching needs for a download, in words rather than codes: chapter and article titles, type and subtype
    labels, language and publication date; Articles holds the article numbers as a list."""
    where, params = _where(f)
    matched, matched_params = search.matched_sql(f.search, "n.text", "n.language")
    language = "CASE n.language " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in LANGUAGE_NAMES.items()) + \
        " ELSE n.language END"
    sql = f"""
        WITH {_LABELS}
        SELECT n.country AS "State", n.regional_group AS "Regional group", n.cycle AS "Cycle",
               c.numeral AS "Chapter", c.title AS "Chapter title", n.articles AS "Articles",
               (SELECT string_agg('Art. ' || a.article || ' ' || a.title, '; ' ORDER BY a.article)
                FROM articles a WHERE list_contains(n.articles, a.article)) AS "Article titles",
               n.text AS "Need", {matched} AS "Matched",
               {_labelled("n.types", "type_label")} AS "Types",
               {_labelled("n.subtypes", "subtype_label")} AS "Subtypes",
               {language} AS "Language", d.published_on AS "Published", n.symbol AS "Symbol",
               n.location AS "Location", n.source_file AS "Source file", n.need_id AS "Need id",
               array_to_string(coalesce(n.corrected, []), ', ') AS "Corrected"
        FROM needs n JOIN chapters c USING (chapter) JOIN documents d USING (document_id) CROSS JOIN labels l
        WHERE {where}
        ORDER BY n.country, n.cycle, n.chapter, n.ordinal, n.need_id"""
    df = _df(con, sql, matched_params + params)
    df["Published"] = pd.to_datetime(df["Published"]).dt.date  # a date, without a time of day
    return df if f.search else df.drop(columns="Matched")


def load_runs(con: Con) -> pd.DataFrame:
    """Every load run, newest first."""
    return _df(con, "SELECT * FROM load_runs ORDER BY started_at DESC", [])


def rejections(con: Con) -> pd.DataFrame:
    """Every rejected file and why, newest first."""
    return _df(con, "SELECT * FROM rejections ORDER BY rejected_at DESC, source_file", [])


def validation_results(con: Con) -> pd.DataFrame:
    """Validation results of the latest validated run, failures first."""
    sql = """
        SELECT * FROM validation_results
        WHERE run_id = (SELECT run_id FROM validation_results ORDER BY validated_at DESC LIMIT 1)
        ORDER BY success, CASE severity WHEN 'critical' THEN 0 ELSE 1 END, suite, expectation"""
    return _df(con, sql, [])
