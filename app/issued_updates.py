"""Issued oral updates, kept beside the warehouse: what was said, its scope and points, its figures and its files.

The dashboard opens the warehouse read-only, so issued updates live in a folder next to it
(<warehouse folder>/issued_updates/<id>/, or $TA_ISSUED_UPDATES): record.json plus the exported files, written
once and never changed. A later draft compares with an issued update's figures as they were said, even after the
documents behind them were replaced.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.oral_update import Figures, Point, Scope, Update

FOLDER = "issued_updates"
RECORD = "record.json"


def folder_for(warehouse: Path) -> Path:
    """Where issued updates are kept for this warehouse: $TA_ISSUED_UPDATES, else a folder beside the file."""
    configured = os.environ.get("TA_ISSUED_UPDATES")
    return Path(configured) if configured else warehouse.parent / FOLDER


@dataclass(frozen=True)
class Issued:
    """One issued update as recorded."""

    id: str
    issued_at: str
    session: str | None
    title: str
    text: str
    scope: Scope
    as_of: Point
    compare_to: Point | None
    figures: Figures
    provenance: list[str]
    files: dict[str, str]  # label -> file name inside the update's folder

    def point(self) -> Point:
        """This update as a comparison point: its as-of date, named as the update it was."""
        return Point(on=self.as_of.on or datetime.fromisoformat(self.issued_at).date(),
                     run_started=self.as_of.run_started, session=self.session, issued=self.id)

    def label(self) -> str:
        """How the update is listed: when issued, for which session, as of when."""
        session = f" for the {self.session}" if self.session else ""
        return f"{self.issued_at[:16].replace('T', ' ')} UTC{session}: {self.title}"


def issue(folder: Path, update: Update, text: str, files: Mapping[str, tuple[str, bytes]], session: str | None,
          provenance: list[str]) -> Issued:
    """Record update as issued, with the text as edited and its exported files; written whole or not at all."""
    now = datetime.now(UTC)
    issued_id = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / f".{issued_id}.tmp"
    work.mkdir()
    try:
        names = {}
        for label, (name, data) in files.items():
            (work / name).write_bytes(data)
            names[label] = name
        record = {"id": issued_id, "issued_at": now.isoformat(timespec="seconds"), "session": session,
                  "title": update.title, "text": text, "scope": update.scope.to_dict(),
                  "as_of": update.as_of.to_dict(),
                  "compare_to": update.compare_to.to_dict() if update.compare_to else None,
                  "figures": json.loads(update.now.to_json()), "provenance": provenance, "files": names}
        (work / RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(work, folder / issued_id)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return load(folder, issued_id)


def load(folder: Path, issued_id: str) -> Issued:
    """One issued update by id."""
    d = json.loads((folder / issued_id / RECORD).read_text(encoding="utf-8"))
    return Issued(d["id"], d["issued_at"], d["session"], d["title"], d["text"], Scope.from_dict(d["scope"]),
                  Point.from_dict(d["as_of"]), Point.from_dict(d["compare_to"]) if d["compare_to"] else None,
                  Figures.from_json(json.dumps(d["figures"])), d["provenance"], d["files"])


def listing(folder: Path) -> list[Issued]:
    """Every issued update in the folder, newest first; half-written folders are skipped."""
    if not folder.is_dir():
        return []
    found = [load(folder, p.name) for p in folder.iterdir() if p.is_dir() and (p / RECORD).is_file()]
    return sorted(found, key=lambda i: i.issued_at, reverse=True)


def file_bytes(folder: Path, issued: Issued, label: str) -> bytes:
    """An issued update's exported file, exactly as it was written when issued."""
    return (folder / issued.id / issued.files[label]).read_bytes()
