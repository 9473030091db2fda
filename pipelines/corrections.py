"""Editors' corrections of extracted needs: the append-only CSV files that hold them and how each is applied.

Corrections live outside the warehouse (data/corrections/*.csv, one row per action) so that no rebuild loses them.
Each row names the need it was made on by need_id and by the hash of the text the editor saw; a row whose need is
gone or whose text changed (document replaced, parser changed) is stale: it is not applied, only listed.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pipelines.warehouse import ROOT

DEFAULT_DIR = ROOT / "data" / "corrections"
DEFAULT_FILE = "corrections.csv"
COLUMNS = ["correction_id", "recorded_at", "editor", "symbol", "document_id", "need_id", "text_hash", "action",
           "value", "reason"]

NOT_A_NEED = "not_a_need"
MERGE_PREVIOUS = "merge_previous"
SPLIT = "split"
EDIT_TEXT = "edit_text"
SET_TYPES = "set_types"
SET_ARTICLES = "set_articles"
SET_CHAPTER = "set_chapter"
ADD_NEED = "add_need"
REVIEWED = "reviewed"
DROP = "drop"  # value: the correction_id of a stale or mistaken row, which is then no longer applied
ACTIONS = {
    NOT_A_NEED: "Not a need",
    MERGE_PREVIOUS: "Merge with the previous need",
    SPLIT: "Split at a point in the text",
    EDIT_TEXT: "Edit the text",
    SET_TYPES: "Set the types",
    SET_ARTICLES: "Set the articles",
    SET_CHAPTER: "Set the chapter",
    ADD_NEED: "Add a need the parser missed",
    REVIEWED: "Reviewed: right as extracted",
    DROP: "Drop a correction",
}
LIST_SEPARATOR = ";"


def text_hash(text: str) -> str:
    """Short hash of a need's text exactly as the editor saw it: a correction applies only to that text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Correction:
    """One row of a corrections file: one action by one editor on one need (or one document, for add_need)."""

    correction_id: str
    recorded_at: str
    editor: str
    symbol: str
    document_id: str
    need_id: str
    text_hash: str
    action: str
    value: str
    reason: str

    @classmethod
    def new(cls, *, editor: str, document_id: str, action: str, need_id: str = "", text: str = "",
            value: str = "", reason: str = "", symbol: str | None = None) -> Correction:
        """A correction made now on a need whose current text is `text` (for add_need: the added text)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown correction action {action!r}")
        if not editor.strip():
            raise ValueError("a correction needs the editor's name")
        return cls(
            correction_id=uuid.uuid4().hex[:12],
            recorded_at=datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            editor=editor.strip(), symbol=symbol or "", document_id=document_id, need_id=need_id,
            text_hash=text_hash(text) if text else "", action=action, value=value, reason=reason.strip(),
        )


def append(corrections: Iterable[Correction], directory: Path = DEFAULT_DIR, file_name: str = DEFAULT_FILE) -> Path:
    """Append rows to a corrections file under an exclusive lock, so two editors saving at once both keep theirs."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / file_name
    with open(path, "a", newline="", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0, os.SEEK_END)
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            if handle.tell() == 0:
                writer.writeheader()
            for correction in corrections:
                writer.writerow(asdict(correction))
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return path


def read(directory: Path | None = DEFAULT_DIR) -> list[Correction]:
    """Every correction in every *.csv file of the folder, in the order they were recorded."""
    if directory is None or not Path(directory).is_dir():
        return []
    rows: list[Correction] = []
    for path in sorted(Path(directory).glob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)
            for row in csv.DictReader(handle):
                if row.get("correction_id") and row.get("action"):
                    rows.append(Correction(**{c: (row.get(c) or "") for c in COLUMNS}))
    return sorted(rows, key=lambda c: c.recorded_at)  # stable: rows of one millisecond keep their file order


@dataclass
class Outcome:
    """What became of one correction on the last apply: applied, stale (with why), dropped, or a drop itself."""

    correction: Correction
    status: str
    detail: str = ""


@dataclass
class Applied:
    """The needs after corrections, and the fate of every correction."""

    needs: list[dict]
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


class Stale(Exception):
    """A correction that no longer fits the need it was made on."""


def _ints(value: str) -> list[int]:
    return sorted({int(part) for part in value.replace(",", LIST_SEPARATOR).split(LIST_SEPARATOR) if part.strip()})


def _strings(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", LIST_SEPARATOR).split(LIST_SEPARATOR) if part.strip()]


def _derived_id(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:20]


def _mark(need: dict, action: str) -> None:
    need["corrected"] = [*(need.get("corrected") or []), action]


class _Document:
    """The needs of one document as an ordered list, in document order, while corrections are applied to it."""

    def __init__(self, needs: list[dict], facts: dict) -> None:
        self.needs = sorted(needs, key=lambda n: (n["chapter"], n["ordinal"]))
        self.facts = facts

    def find(self, correction: Correction) -> int:
        for index, need in enumerate(self.needs):
            if need["need_id"] == correction.need_id:
                if text_hash(need["text"]) != correction.text_hash:
                    raise Stale("the need's text is no longer the text the correction was made on")
                return index
        raise Stale("no need with this id any more (document replaced or parser changed)")


def apply_to_document(needs: list[dict], corrections: list[Correction], classify, chapter_articles: dict[int, set],
                      facts: dict | None = None) -> tuple[list[dict], list[Outcome]]:
    """Apply one document's corrections in order to copies of its extracted needs; ordinals renumbered after.

    classify(text, language) gives (types, subtypes) for new or changed text; chapter_articles maps a chapter to its
    articles, so a need moved to another chapter keeps only the articles that belong there; facts are the document's
    own columns (document_id, symbol, country, iso3, regional_group, cycle, language, source_file) for needs added
    to a document that has none.
    """
    doc = _Document([dict(n, corrected=list(n.get("corrected") or [])) for n in needs], facts or {})
    outcomes = []
    for correction in corrections:
        try:
            detail = _apply_one(doc, correction, classify, chapter_articles)
            outcomes.append(Outcome(correction, "applied", detail))
        except Stale as exc:
            outcomes.append(Outcome(correction, "stale", str(exc)))
    ordinals: dict[int, int] = {}
    for need in sorted(doc.needs, key=lambda n: n["chapter"]):  # stable: keeps document order within a chapter
        ordinals[need["chapter"]] = ordinals.get(need["chapter"], 0) + 1
        need["ordinal"] = ordinals[need["chapter"]]
    return doc.needs, outcomes


def _retext(need: dict, text: str, classify) -> None:
    need["text"] = text
    need["types"], need["subtypes"] = classify(text, need["language"])


def _apply_one(doc: _Document, c: Correction, classify, chapter_articles: dict[int, set]) -> str:
    if c.action == ADD_NEED:
        return _add(doc, c, classify)
    index = doc.find(c)
    need = doc.needs[index]
    if c.action == NOT_A_NEED:
        doc.needs.pop(index)
        return "removed"
    if c.action == REVIEWED:
        _mark(need, REVIEWED)
        return ""
    if c.action == EDIT_TEXT:
        if not c.value.strip():
            raise Stale("the new text is empty")
        _retext(need, c.value.strip(), classify)
    elif c.action == SPLIT:
        at = int(c.value)
        first, second = need["text"][:at].strip(), need["text"][at:].strip()
        if not first or not second:
            raise Stale(f"splitting at {at} leaves an empty part")
        new = dict(need, need_id=_derived_id(need["need_id"], SPLIT, second), flags=[], corrected=[])
        _retext(need, first, classify)
        _retext(new, second, classify)
        _mark(new, SPLIT)
        doc.needs.insert(index + 1, new)
    elif c.action == MERGE_PREVIOUS:
        previous = doc.needs[index - 1] if index > 0 else None
        if previous is None or previous["chapter"] != need["chapter"]:
            raise Stale("the need has no previous need in its chapter any more")
        if c.value and previous["need_id"] != c.value:
            raise Stale("the previous need is no longer the one the merge was made with")
        _retext(previous, f"{previous['text']} {need['text']}", classify)
        previous["articles"] = sorted(set(previous["articles"]) | set(need["articles"]))
        _mark(previous, MERGE_PREVIOUS)
        doc.needs.pop(index)
        return f"merged into {previous['need_id']}"
    elif c.action == SET_TYPES:
        types = _strings(c.value)
        if not types:
            raise Stale("no type given")
        need["types"] = types
        need["subtypes"] = [s for s in need["subtypes"] if s in types or s == "other"] or ["other"]
    elif c.action == SET_ARTICLES:
        need["articles"] = _ints(c.value)
        need["article_source"] = "cited" if need["articles"] else "none"
    elif c.action == SET_CHAPTER:
        chapter = int(c.value)
        need["chapter"] = chapter
        need["articles"] = [a for a in need["articles"] if a in chapter_articles.get(chapter, set())]
        if not need["articles"]:
            need["article_source"] = "none"
        need["ordinal"] = 10**6  # last of its new chapter
        doc.needs.sort(key=lambda n: (n["chapter"], n["ordinal"]))
    else:
        raise Stale(f"unknown action {c.action!r}")
    _mark(need, c.action)
    return ""


def _add(doc: _Document, c: Correction, classify) -> str:
    # The State, symbol and source of an added need are its document's: taken from a neighbour or the document.
    spec = json.loads(c.value)
    text = spec["text"].strip()
    if not text or text_hash(text) != c.text_hash:
        raise Stale("the added text does not match its hash")
    template = next((n for n in doc.needs if n["need_id"] == spec.get("after")), None)
    if template is None:
        template = next((n for n in doc.needs if n["chapter"] == int(spec["chapter"])), None)
    if template is None:
        template = doc.needs[0] if doc.needs else doc.facts
    need_id = _derived_id(c.document_id, ADD_NEED, text)
    if any(n["need_id"] == need_id for n in doc.needs):
        raise Stale("the same need was already added")
    page, paragraph = spec.get("page"), spec.get("paragraph")
    location = f"page {page}, line {paragraph}" if page is not None else f"line {paragraph}"
    new = dict(template, need_id=need_id, chapter=int(spec["chapter"]), articles=[], article_source="none",
               heading=None, page=page, paragraph=paragraph, location=spec.get("location") or location, flags=[],
               corrected=[ADD_NEED], ordinal=0)
    new["types"], new["subtypes"] = classify(text, new["language"])
    new["text"] = text
    if spec.get("after") and template.get("need_id") == spec["after"]:
        doc.needs.insert(doc.needs.index(template) + 1, new)
    else:
        last = max((i for i, n in enumerate(doc.needs) if n["chapter"] <= new["chapter"]), default=-1)
        doc.needs.insert(last + 1, new)
    return f"added as {need_id}"


def apply(needs: list[dict], corrections: list[Correction], classify, chapter_articles: dict[int, set],
          documents: dict[str, dict]) -> Applied:
    """Apply every correction to the extracted needs of the loaded documents; stale and dropped ones are not applied.

    documents maps each loaded document_id to its own columns (see apply_to_document).
    """
    dropped = {c.value for c in corrections if c.action == DROP}
    by_document: dict[str, list[dict]] = {document_id: [] for document_id in documents}
    for need in needs:
        by_document.setdefault(need["document_id"], []).append(need)
    pending: dict[str, list[Correction]] = {}
    outcomes: list[Outcome] = []
    for correction in corrections:
        if correction.action == DROP:
            outcomes.append(Outcome(correction, "drop", f"drops {correction.value}"))
        elif correction.correction_id in dropped:
            outcomes.append(Outcome(correction, "dropped"))
        elif correction.document_id not in by_document:
            outcomes.append(Outcome(correction, "stale", "the document it was made on is no longer loaded "
                                                         "(replaced by a new version, or removed)"))
        else:
            pending.setdefault(correction.document_id, []).append(correction)
    result: list[dict] = []
    for document_id, doc_needs in by_document.items():
        corrected, doc_outcomes = apply_to_document(doc_needs, pending.get(document_id, []), classify,
                                                    chapter_articles, documents.get(document_id))
        result.extend(corrected)
        outcomes.extend(doc_outcomes)
    order = {id(c): i for i, c in enumerate(corrections)}
    outcomes.sort(key=lambda o: order[id(o.correction)])
    return Applied(result, outcomes)
