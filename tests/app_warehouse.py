"""A small, realistic warehouse built from schema.sql for the dashboard tests (no pipeline code involved)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "pipelines" / "schema.sql"

CHAPTERS = [
    (1, "I", "General provisions", 1, 4),
    (2, "II", "Preventive measures", 5, 14),
    (3, "III", "Criminalization and law enforcement", 15, 42),
    (4, "IV", "International cooperation", 43, 50),
    (5, "V", "Asset recovery", 51, 59),
    (6, "VI", "Technical assistance and information exchange", 60, 62),
    (7, "VII", "Mechanisms for implementation", 63, 64),
    (8, "VIII", "Final provisions", 65, 71),
]
ARTICLE_TITLES = {
    5: "Preventive anti-corruption policies and practices",
    6: "Preventive anti-corruption body or bodies",
    8: "Codes of conduct for public officials",
    9: "Public procurement and management of public finances",
    20: "Illicit enrichment",
    23: "Laundering of proceeds of crime",
    36: "Specialized authorities",
    46: "Mutual legal assistance",
    52: "Prevention and detection of transfers of proceeds of crime",
    57: "Return and disposal of assets",
}
GROUPS = [
    ("African States", "African", 1),
    ("Asia-Pacific States", "Asia-Pacific", 2),
    ("Eastern European States", "Eastern European", 3),
    ("Latin American and Caribbean States", "Latin America & Caribbean", 4),
    ("Western European and other States", "WEOG", 5),
    ("Other", "Other", 6),
]
COUNTRIES = [
    ("KEN", "Kenya", "African States"),
    ("CIV", "Côte d'Ivoire", "African States"),
    ("NGA", "Nigeria", "African States"),
    ("IDN", "Indonesia", "Asia-Pacific States"),
    ("VNM", "Viet Nam", "Asia-Pacific States"),
    ("UKR", "Ukraine", "Eastern European States"),
    ("PER", "Peru", "Latin American and Caribbean States"),
    ("MEX", "Mexico", "Latin American and Caribbean States"),
    ("FRA", "France", "Western European and other States"),
    ("EUU", "European Union", "Other"),
]
TYPES = [
    ("capacity-building", "training", "Training", "Training of staff", 1),
    ("capacity-building", "awareness", "Awareness-raising", "Awareness campaigns", 2),
    ("legislative", "legal-advice", "Legal advice", "Advice on laws", 3),
    ("legislative", "model-legislation", "Model legislation", "Model laws", 4),
    ("institution-building", "systems", "Systems", "IT and case systems", 5),
    ("policymaking", "strategy", "Strategy", "Strategies and action plans", 6),
    ("other", "research", "Research and data collection", "Studies, statistics", 7),
]
SUBTYPE_OF = {
    "capacity-building": ["training"],
    "legislative": ["legal-advice"],
    "institution-building": ["systems"],
    "policymaking": ["strategy"],
    "other": [],
}

# (iso3, cycle, chapter, articles, types, text): a few dozen needs across cycles, groups, chapters and types.
NEEDS: list[tuple[str, int, int, list[int], list[str], str]] = [
    ("KEN", 2, 2, [8], ["capacity-building"], "Capacity-building for the staff of the asset declaration unit"),
    ("KEN", 2, 2, [9], ["capacity-building", "institution-building"], "Training and an e-procurement system"),
    ("KEN", 2, 2, [5], ["policymaking"], "Support to draft a national anti-corruption strategy"),
    ("KEN", 2, 5, [52], ["legislative"], "Legislative assistance on beneficial ownership"),
    ("KEN", 2, 5, [57], ["capacity-building"], "Training on asset return"),
    ("CIV", 2, 2, [6], ["institution-building"], "Renforcement de la Haute Autorité pour la bonne gouvernance"),
    ("CIV", 2, 2, [8, 9], ["legislative", "capacity-building"], "Assistance législative et formation"),
    ("CIV", 2, 5, [], ["other"], "Études sur le recouvrement d'avoirs"),
    ("NGA", 1, 3, [20], ["legislative"], "Legislative assistance to criminalize illicit enrichment"),
    ("NGA", 1, 3, [23], ["capacity-building"], "Capacity-building for financial investigators"),
    ("NGA", 1, 4, [46], ["institution-building"], "A case-management system for mutual legal assistance"),
    ("NGA", 2, 2, [9], ["capacity-building"], "Training on procurement audits"),
    ("IDN", 1, 3, [36], ["capacity-building"], "Specialized training for anti-corruption investigators"),
    ("IDN", 1, 4, [46], ["legislative", "capacity-building"], "Model legislation and training on MLA"),
    ("IDN", 2, 2, [5], ["policymaking", "institution-building"], "Action plan and coordination body"),
    ("IDN", 2, 5, [57], ["legislative"], "Legal advice on non-conviction-based confiscation"),
    ("VNM", 2, 2, [8], ["capacity-building"], "Capacity-building on codes of conduct"),
    ("VNM", 2, 2, [], ["other"], "Collection of statistics on corruption cases"),
    ("UKR", 1, 3, [23], ["institution-building"], "Strengthening the financial intelligence unit"),
    ("UKR", 1, 4, [46], ["capacity-building"], "Training of judges on mutual legal assistance"),
    ("UKR", 2, 2, [6], ["capacity-building", "legislative", "institution-building"], "Support to the agency"),
    ("PER", 2, 2, [9], ["institution-building"], "Electronic procurement platform"),
    ("PER", 2, 2, [8], ["capacity-building"], "Capacitación sobre declaraciones patrimoniales"),
    ("PER", 2, 5, [52], ["capacity-building"], "Capacitación sobre beneficiarios finales"),
    ("MEX", 1, 3, [20], ["legislative"], "Asistencia legislativa sobre enriquecimiento ilícito"),
    ("MEX", 1, 3, [36], ["policymaking"], "Estrategia nacional de investigación"),
    ("MEX", 2, 5, [57], ["institution-building"], "Oficina de gestión de activos"),
    ("FRA", 2, 2, [5], ["policymaking"], "Évaluation de la stratégie nationale"),
    ("FRA", 2, 5, [52], ["capacity-building"], "Formation des agents de Tracfin"),
    ("EUU", 2, 2, [9], ["capacity-building", "legislative"], "Training and guidance on procurement rules"),
    ("KEN", 1, 3, [23, 20], ["capacity-building"], "Capacity-building on money-laundering and illicit enrichment"),
    ("PER", 1, 4, [46], ["legislative"], "Legal advice on extradition treaties"),
]
# Chapters a document reviewed that state that no needs were identified.
NO_NEEDS = [("FRA", 1, 3), ("FRA", 1, 4)]
LANGUAGES = {"CIV": "fr", "FRA": "fr", "PER": "es", "MEX": "es"}


def _docs() -> dict[tuple[str, int], str]:
    keys = sorted({(iso3, cycle) for iso3, cycle, *_ in NEEDS} | {(iso3, cycle) for iso3, cycle, _ in NO_NEEDS})
    return {key: hashlib.sha256(f"{key[0]}-{key[1]}".encode()).hexdigest() for key in keys}


def build_warehouse(path: Path, *, sample: bool = True, needs: bool = True) -> Path:
    """Create a warehouse file at path with reference rows, documents, needs and provenance; return path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
        _fill(con, sample=sample, needs=needs)
    finally:
        con.close()
    return path


def _fill(con: duckdb.DuckDBPyConnection, *, sample: bool, needs: bool) -> None:
    loaded = datetime(2026, 11, 20, 9, 30)
    con.executemany("INSERT INTO chapters VALUES (?, ?, ?, ?, ?)", CHAPTERS)
    articles = []
    for chapter, _numeral, _title, first, last in CHAPTERS:
        articles += [(a, chapter, ARTICLE_TITLES.get(a, f"Article {a} title")) for a in range(first, last + 1)]
    con.executemany("INSERT INTO articles VALUES (?, ?, ?)", articles)
    con.executemany("INSERT INTO regional_groups VALUES (?, ?, ?)", GROUPS)
    con.executemany("INSERT INTO countries VALUES (?, ?, ?)", COUNTRIES)
    con.executemany("INSERT INTO assistance_types VALUES (?, ?, ?, ?, ?)", TYPES)
    con.executemany(
        "INSERT INTO warehouse_info VALUES (?, ?)",
        [("schema_version", "1"), ("last_run_id", "20261120T093000Z-ab12"), ("published_at", loaded.isoformat())],
    )
    con.execute(
        "INSERT INTO load_runs VALUES ('20261120T093000Z-ab12', ?, ?, 'published_with_rejections', 'data/raw/sample',"
        " 16, 15, 0, 0, 1, ?, 15, ?, 'abc1234', 'Loaded 15 files, rejected 1', 0)",
        [loaded, loaded, len(NEEDS) if needs else 0, len(NEEDS) if needs else 0],
    )
    con.execute(
        "INSERT INTO rejections VALUES ('20261120T093000Z-ab12', 'data/raw/sample/broken.pdf', NULL, 'page 1',"
        " 'corrupt_pdf', 'The PDF cannot be opened', 'Replace the file with a readable copy', ?)",
        [loaded],
    )
    con.executemany(
        "INSERT INTO validation_results VALUES ('20261120T093000Z-ab12', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (loaded, "needs", "need_id_unique", "need_id", "critical", True, "0", 0, None),
            (loaded, "needs", "text_length", "text", "warning", False, "3", 1, '[{"source_file": "x.pdf"}]'),
        ],
    )
    if not needs:
        return
    country = {iso3: (name, group) for iso3, name, group in COUNTRIES}
    docs = _docs()
    for (iso3, cycle), doc_id in docs.items():
        name, group = country[iso3]
        symbol = f"CAC/COSP/IRG/{'I' * cycle}/1/1/Add.{len(iso3) + cycle + ord(iso3[0]) % 20}"
        con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pdf', 8, ?, 'r1', ?, 'r1', ?)",
            [doc_id, symbol, name, iso3, group, cycle, LANGUAGES.get(iso3, "en"), date(2025, 3, 1),
             f"data/raw/sample/{iso3.lower()}_{cycle}.pdf", sample, loaded, loaded],
        )
    counts: dict[tuple[str, int, int], int] = {}
    for iso3, cycle, chapter, articles_, types, text in NEEDS:
        key = (iso3, cycle, chapter)
        counts[key] = counts.get(key, 0) + 1
        name, group = country[iso3]
        doc_id = docs[(iso3, cycle)]
        symbol = con.execute("SELECT symbol FROM documents WHERE document_id = ?", [doc_id]).fetchone()[0]
        subtypes = [s for t in types for s in SUBTYPE_OF[t]]
        need_id = hashlib.sha256(f"{key}-{text}".encode()).hexdigest()[:16]
        con.execute(
            "INSERT INTO needs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, [], [])",
            [need_id, doc_id, symbol, name, iso3, group, cycle, chapter, articles_,
             "cited" if articles_ else "none", types, subtypes, text, counts[key], LANGUAGES.get(iso3, "en"),
             f"data/raw/sample/{iso3.lower()}_{cycle}.pdf", 3, counts[key], f"page 3, line {counts[key]}"],
        )
    for (iso3, cycle, chapter), n in counts.items():
        con.execute(
            "INSERT INTO document_chapters VALUES (?, ?, 'needs', ?, NULL, 'page 3, line 1')",
            [docs[(iso3, cycle)], chapter, n],
        )
    for iso3, cycle, chapter in NO_NEEDS:
        con.execute(
            "INSERT INTO document_chapters VALUES (?, ?, 'no_needs', 0,"
            " 'No technical assistance needs were identified.',"
            " 'page 4, line 2')",
            [docs[(iso3, cycle)], chapter],
        )
