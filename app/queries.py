"""Read-side queries: plain functions (connection, filters) -> DataFrame, aggregated in DuckDB, counted from needs.

Counting rules: every figure counts needs (rows of the needs table) once, except the breakdowns by type, subtype and
article, where a need counts once under each of its types (subtypes, articles); those totals can exceed the needs.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from app.filters import TYPE_LABELS, TYPES, FilterOptions, Filters

Con = duckdb.DuckDBPyConnection
TYPE_ORDER_SQL = "CASE t.type " + " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(TYPES)) + " ELSE 99 END"
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
        for word in f.search.split():
            clauses.append(f"contains(lower({alias}.text), ?)")
            params.append(word.lower())
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


def headline(con: Con, f: Filters) -> dict[str, int]:
    """Documents and States matching the cycle/group/State filters, and needs matching all filters."""
    where_d, params_d = _where(f, "d", need_level=False)
    docs, states = con.execute(f"SELECT count(*), count(DISTINCT iso3) FROM documents d WHERE {where_d}",
                               params_d).fetchone()
    where, params = _where(f)
    needs, need_states = con.execute(f"SELECT count(*), count(DISTINCT iso3) FROM needs n WHERE {where}",
                                     params).fetchone()
    return {"documents": docs, "states": states, "needs": needs, "states_with_needs": need_states}


def count_needs(con: Con, f: Filters, *, subtype: str | None = None) -> int:
    """Needs matching the filters (and having the subtype, when given)."""
    where, params = _where(f)
    if subtype:
        where += " AND list_contains(n.subtypes, ?)"
        params.append(subtype)
    return con.execute(f"SELECT count(*) FROM needs n WHERE {where}", params).fetchone()[0]


def _types_kept(f: Filters) -> str:
    return "TRUE" if not f.types else "t.type IN (SELECT unnest(?::VARCHAR[]))"


def _type_params(f: Filters) -> list[object]:
    return [list(f.types)] if f.types else []


def needs_by_type(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per type (a need counts under each of its types) and its share of all matching needs."""
    where, params = _where(f)
    sql = f"""
        WITH m AS (SELECT need_id, types FROM needs n WHERE {where}),
        t AS (SELECT DISTINCT need_id, unnest(types) AS type FROM m)
        SELECT t.type, count(*) AS needs,
               count(*) / greatest((SELECT count(*) FROM m), 1) AS share
        FROM t WHERE {_types_kept(f)} GROUP BY t.type ORDER BY {TYPE_ORDER_SQL}"""
    df = _df(con, sql, params + _type_params(f))
    df.insert(1, "label", df["type"].map(TYPE_LABELS).fillna(df["type"]))
    return df


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
    sql = f"""
        WITH a AS (SELECT DISTINCT need_id, unnest(articles) AS article FROM needs n WHERE {where})
        SELECT r.chapter, a.article, r.title, 'Art. ' || a.article AS label, count(*) AS needs
        FROM a JOIN articles r USING (article) WHERE {kept}
        GROUP BY ALL ORDER BY a.article"""
    return _df(con, sql, params + kept_params)


def article_type(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per article and type: the article x type heatmap."""
    where, params = _where(f)
    kept, kept_params = _articles_kept(f)
    sql = f"""
        WITH a AS (SELECT DISTINCT need_id, unnest(articles) AS article, types FROM needs n WHERE {where}),
        t AS (SELECT DISTINCT need_id, article, unnest(types) AS type FROM a)
        SELECT t.article, 'Art. ' || t.article AS label, t.type, count(*) AS needs
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
    where, params = _where(f)
    sql = f"""
        WITH t AS (SELECT DISTINCT need_id, regional_group, unnest(types) AS type FROM needs n WHERE {where})
        SELECT t.regional_group, coalesce(g.short_name, t.regional_group) AS label, t.type, count(*) AS needs
        FROM t LEFT JOIN regional_groups g USING (regional_group) WHERE {_types_kept(f)}
        GROUP BY t.regional_group, g.short_name, t.type ORDER BY min(g.sort_order), {TYPE_ORDER_SQL}"""
    return _df(con, sql, params + _type_params(f))


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
    where, params = _where(f)
    sql = f"""
        WITH t AS (SELECT DISTINCT need_id, chapter, unnest(types) AS type FROM needs n WHERE {where})
        SELECT t.chapter, 'Ch. ' || c.numeral AS label, t.type, count(*) AS needs
        FROM t JOIN chapters c USING (chapter) WHERE {_types_kept(f)}
        GROUP BY t.chapter, c.numeral, t.type ORDER BY t.chapter, {TYPE_ORDER_SQL}"""
    return _df(con, sql, params + _type_params(f))


def needs_by_state(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per State (ISO3), each need once: the world map."""
    where, params = _where(f)
    sql = f"""
        SELECT n.iso3, n.country, n.regional_group, count(*) AS needs
        FROM needs n WHERE {where} GROUP BY ALL ORDER BY needs DESC, n.country"""
    return _df(con, sql, params)


def needs_by_subtype(con: Con, f: Filters) -> pd.DataFrame:
    """Needs per subtype with its type and label (a need counts under each of its subtypes)."""
    where, params = _where(f)
    sql = f"""
        WITH s AS (SELECT DISTINCT need_id, unnest(subtypes) AS subtype FROM needs n WHERE {where})
        SELECT t.type, s.subtype, coalesce(t.label, s.subtype) AS label, count(*) AS needs
        FROM s LEFT JOIN (SELECT DISTINCT type, subtype, label, sort_order FROM assistance_types) t USING (subtype)
        WHERE {_types_kept(f)} GROUP BY ALL ORDER BY needs DESC, label"""
    return _df(con, sql, params + _type_params(f))


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


NEEDS_COLUMNS = ["State", "Regional group", "Cycle", "Chapter", "Articles", "Types", "Need", "Symbol", "Location",
                 "Subtypes", "Source file", "Need id"]


def needs_table(con: Con, f: Filters, *, subtype: str | None = None, limit: int | None = EXPLORER_LIMIT
                ) -> pd.DataFrame:
    """The need statements matching the filters, in a stable order, at most limit rows."""
    where, params = _where(f)
    if subtype:
        where += " AND list_contains(n.subtypes, ?)"
        params.append(subtype)
    limit_sql = ""
    if limit is not None:
        limit_sql = "LIMIT ?"
        params.append(limit)
    sql = f"""
        SELECT n.country AS "State", n.regional_group AS "Regional group", n.cycle AS "Cycle",
               c.numeral AS "Chapter", array_to_string(n.articles, ', ') AS "Articles",
               array_to_string(n.types, ', ') AS "Types", n.text AS "Need", n.symbol AS "Symbol",
               n.location AS "Location", array_to_string(n.subtypes, ', ') AS "Subtypes",
               n.source_file AS "Source file", n.need_id AS "Need id"
        FROM needs n JOIN chapters c USING (chapter) WHERE {where}
        ORDER BY n.country, n.cycle, n.chapter, n.ordinal, n.need_id {limit_sql}"""
    return _df(con, sql, params)


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
