"""Parsed documents turned into Arrow tables shaped exactly like the warehouse tables."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from datetime import datetime

import duckdb
import pyarrow as pa

from pipelines.parse import ParsedDocument


def normalized_text(text: str) -> str:
    """Text reduced to what identifies a need: case, accents, punctuation and spacing do not matter."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", folded))


def need_ids(doc: ParsedDocument) -> list[list[str]]:
    """Stable need ids: the same State, cycle, chapter and text give the same id in every run and file format."""
    seen: Counter[tuple[int, str]] = Counter()
    ids = []
    for part in doc.parts:
        part_ids = []
        for need in part.needs:
            key = (part.chapter, normalized_text(need.text))
            seen[key] += 1
            raw = f"{doc.info.iso3}|{doc.info.cycle}|{part.chapter}|{key[1]}|{seen[key]}"
            part_ids.append(hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20])
        ids.append(part_ids)
    return ids


def document_rows(
    doc: ParsedDocument, run_id: str, loaded_at: datetime, first_run_id: str, first_loaded_at: datetime
) -> dict:
    info = doc.info
    return {
        "document_id": doc.sha256,
        "symbol": info.symbol,
        "country": info.country,
        "iso3": info.iso3,
        "regional_group": info.regional_group,
        "cycle": info.cycle,
        "language": info.language,
        "published_on": info.published_on,
        "source_file": doc.source_file,
        "source_format": doc.format,
        "pages": doc.pages,
        "is_sample": info.is_sample,
        "first_run_id": first_run_id,
        "first_loaded_at": first_loaded_at,
        "run_id": run_id,
        "loaded_at": loaded_at,
    }


def chapter_rows(doc: ParsedDocument) -> list[dict]:
    return [
        {
            "document_id": doc.sha256,
            "chapter": part.chapter,
            "status": part.status,
            "needs_count": len(part.needs),
            "statement": part.statement,
            "location": part.location,
        }
        for part in doc.parts
    ]


def need_rows(doc: ParsedDocument) -> list[dict]:
    info = doc.info
    rows = []
    for part, ids in zip(doc.parts, need_ids(doc), strict=True):
        for need, need_id in zip(part.needs, ids, strict=True):
            rows.append(
                {
                    "need_id": need_id,
                    "document_id": doc.sha256,
                    "symbol": info.symbol,
                    "country": info.country,
                    "iso3": info.iso3,
                    "regional_group": info.regional_group,
                    "cycle": info.cycle,
                    "chapter": part.chapter,
                    "articles": list(need.articles),
                    "article_source": need.article_source,
                    "types": list(need.types),
                    "subtypes": list(need.subtypes),
                    "text": need.text,
                    "heading": need.heading,
                    "ordinal": need.ordinal,
                    "language": info.language,
                    "source_file": doc.source_file,
                    "page": need.page,
                    "paragraph": need.paragraph,
                    "location": need.location,
                    "flags": list(need.flags),
                }
            )
    return rows


def table(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict]) -> pa.Table:
    """Rows as an Arrow table typed exactly like the warehouse table (schema.sql stays the one description)."""
    schema = con.sql(f"SELECT * FROM {name} LIMIT 0").to_arrow_table().schema
    return pa.Table.from_pylist(rows, schema=schema)
