"""Read-side views of editors' corrections: counts by action, stale ones, a need's history, and the review queue."""

from __future__ import annotations

import duckdb
import pandas as pd

Con = duckdb.DuckDBPyConnection

ACTION_LABELS = {
    "not_a_need": "Not a need (removed)",
    "merge_previous": "Merged with the previous need",
    "split": "Split in two",
    "edit_text": "Text edited",
    "set_types": "Types set",
    "set_articles": "Articles set",
    "set_chapter": "Chapter set",
    "add_need": "Added (missed by the parser)",
    "reviewed": "Reviewed: right as extracted",
}


def has_corrections(con: Con) -> bool:
    """Whether the warehouse was built by a load that knows corrections (older ones have no corrections table)."""
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'corrections'").fetchone()[0] > 0


def counts_by_action(con: Con) -> pd.DataFrame:
    """Applied corrections by action, with how many needs each touched; stale and dropped ones counted apart."""
    if not has_corrections(con):
        return pd.DataFrame(columns=["Action", "Applied", "Stale (not applied)"])
    df = con.execute("""
        SELECT action, count(*) FILTER (WHERE status = 'applied') AS applied,
               count(*) FILTER (WHERE status = 'stale') AS stale
        FROM corrections WHERE action <> 'drop' GROUP BY action ORDER BY applied DESC, action""").df()
    df["action"] = df["action"].map(lambda a: ACTION_LABELS.get(a, a))
    return df.rename(columns={"action": "Action", "applied": "Applied", "stale": "Stale (not applied)"})


def need_marks(con: Con) -> dict[str, int]:
    """How many needs are now corrected (any action but reviewed) and how many were reviewed as right."""
    corrected, reviewed = con.execute("""
        SELECT count(*) FILTER (WHERE len(list_filter(coalesce(corrected, []), lambda a: a <> 'reviewed')) > 0),
               count(*) FILTER (WHERE list_contains(coalesce(corrected, []), 'reviewed')
                                AND len(corrected) = 1)
        FROM needs""").fetchone()
    removed = 0
    if has_corrections(con):
        removed = con.execute("SELECT count(*) FROM corrections WHERE status = 'applied' "
                              "AND action IN ('not_a_need', 'merge_previous')").fetchone()[0]
    return {"corrected": int(corrected), "reviewed": int(reviewed), "removed": int(removed)}


def stale(con: Con) -> pd.DataFrame:
    """Corrections not applied because their need or document changed since, oldest first."""
    if not has_corrections(con):
        return pd.DataFrame()
    return con.execute("""
        SELECT c.*, d.country, d.cycle FROM corrections c
        LEFT JOIN (SELECT DISTINCT document_id, country, cycle FROM needs_extracted) d USING (document_id)
        WHERE c.status = 'stale' ORDER BY c.recorded_at""").df()


def history(con: Con, need_id: str) -> pd.DataFrame:
    """Every correction made on a need, or that produced it (split, merge, add), oldest first."""
    if not has_corrections(con):
        return pd.DataFrame()
    return con.execute("""
        SELECT recorded_at AS "When", editor AS "Editor", action AS "Action", value AS "Value", reason AS "Reason",
               status AS "Status", detail AS "Detail"
        FROM corrections
        WHERE need_id = ? OR detail LIKE '%' || ? || '%'
           OR need_id IN (SELECT need_id FROM corrections WHERE detail = 'merged into ' || ?)
        ORDER BY recorded_at""", [need_id, need_id, need_id]).df()


def queue_documents(con: Con, run_id: str | None = None, iso3: str | None = None) -> pd.DataFrame:
    """Documents to review: those loaded by the latest runs first, with their need and flag counts."""
    where, params = ["TRUE"], []
    if run_id:
        where.append("d.run_id = ?")
        params.append(run_id)
    if iso3:
        where.append("d.iso3 = ?")
        params.append(iso3)
    return con.execute(f"""
        SELECT d.document_id, d.symbol, d.country, d.iso3, d.cycle, d.source_file, d.source_format, d.run_id,
               d.loaded_at, count(n.need_id) AS needs,
               count(n.need_id) FILTER (WHERE len(coalesce(n.flags, [])) > 0) AS flagged,
               count(n.need_id) FILTER (WHERE len(coalesce(n.corrected, [])) > 0) AS done
        FROM documents d LEFT JOIN needs n USING (document_id)
        WHERE {' AND '.join(where)}
        GROUP BY ALL ORDER BY d.loaded_at DESC, flagged DESC, d.country, d.cycle""", params).df()


def queue_needs(con: Con, document_id: str, chapters: list[int] | None = None, flag: str | None = None,
                hide_done: bool = False) -> pd.DataFrame:
    """The needs of one document to review: flagged first, then the rest, each in document order."""
    where, params = ["document_id = ?"], [document_id]
    if chapters:
        where.append(f"chapter IN ({', '.join('?' for _ in chapters)})")
        params.extend(chapters)
    if flag == "*":
        where.append("len(coalesce(flags, [])) > 0")
    elif flag:
        where.append("list_contains(coalesce(flags, []), ?)")
        params.append(flag)
    if hide_done:
        where.append("len(coalesce(corrected, [])) = 0")
    return con.execute(f"""
        SELECT * FROM needs WHERE {' AND '.join(where)}
        ORDER BY len(coalesce(flags, [])) = 0, chapter, ordinal""", params).df()


def document_needs(con: Con, document_id: str) -> pd.DataFrame:
    """Every need of a document in document order (to find the previous need of a merge)."""
    return con.execute("SELECT need_id, chapter, ordinal, text, page, paragraph FROM needs WHERE document_id = ? "
                       "ORDER BY chapter, ordinal", [document_id]).df()


def flags(con: Con) -> list[str]:
    """Every doubt signal present on some need."""
    return [r[0] for r in con.execute(
        "SELECT DISTINCT unnest(flags) AS f FROM needs WHERE flags IS NOT NULL ORDER BY f").fetchall()]
