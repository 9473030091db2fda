"""Sessions of the Implementation Review Group (data/reference/sessions.csv), for dating an oral update."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.numbers import MONTHS

SESSIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "reference" / "sessions.csv"


@dataclass(frozen=True)
class Session:
    """One session: its name as documents write it, where and when it met."""

    name: str
    place: str
    start: date
    end: date

    def label(self) -> str:
        """'first resumed tenth session of the Implementation Review Group (Vienna, 2-4 September 2019)'."""
        if (self.start.year, self.start.month) == (self.end.year, self.end.month):
            span = f"{self.start.day}-{self.end.day} {MONTHS[self.end.month - 1]} {self.end.year}"
        else:
            start = f"{self.start.day} {MONTHS[self.start.month - 1]}"
            span = f"{start}{' ' + str(self.start.year) if self.start.year != self.end.year else ''}-" \
                   f"{self.end.day} {MONTHS[self.end.month - 1]} {self.end.year}"
        return f"{self.name} ({self.place}, {span})"


def sessions(path: Path = SESSIONS_CSV) -> list[Session]:
    """Every session in the file, newest first; ValueError naming the row when a date is wrong."""
    if not path.is_file():
        return []
    found = []
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if not any((v or "").strip() for v in row.values()):
                continue
            try:
                start, end = date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"])
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{path.name} line {line}: dates must be YYYY-MM-DD ({exc})") from exc
            if end < start:
                raise ValueError(f"{path.name} line {line}: end_date {end} is before start_date {start}")
            found.append(Session(row["session"].strip(), row["place"].strip(), start, end))
    return sorted(found, key=lambda s: s.start, reverse=True)
