"""The way to the source: the official link of a document symbol (pattern in data/reference/links.csv) and the
original file a need was read from, offered for download."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
LINKS = ROOT / "data" / "reference" / "links.csv"
RAW = ROOT / "data" / "raw"
MIME = {".pdf": "application/pdf", ".txt": "text/plain",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@lru_cache(maxsize=4)
def pattern(name: str = "document_symbol", path: Path = LINKS) -> str:
    """The link pattern of that name, with {symbol} where the symbol goes."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["link"].strip() == name:
                return row["pattern"].strip()
    raise KeyError(f"no link named {name!r} in {path}")


def symbol_url(symbol: object) -> str | None:
    """The official document's address for a symbol, or None when there is no symbol."""
    if not isinstance(symbol, str) or not symbol.strip() or symbol.startswith("("):
        return None
    return pattern().replace("{symbol}", quote(symbol.strip(), safe="/"))


def symbol_display() -> str:
    """A regular expression that gets the symbol back out of its link, for a table's link column."""
    before, _, after = pattern().partition("{symbol}")
    return f"^{re.escape(before)}(.*){re.escape(after)}$"


def original_file(source_file: object, raw: Path = RAW) -> Path | None:
    """The loaded file on this machine, when it is still there under data/raw (nothing outside it is served)."""
    if not isinstance(source_file, str) or not source_file:
        return None
    path = Path(source_file)
    path = (path if path.is_absolute() else ROOT / path).resolve()
    try:
        path.relative_to(raw.resolve())
    except ValueError:
        return None
    return path if path.is_file() else None


def mime(path: Path) -> str:
    """The media type to download a file as."""
    return MIME.get(path.suffix.lower(), "application/octet-stream")
