"""Doubt flags: the signals that an extracted need may be wrong, named and explained in data/reference/need_flags.csv.

The review page shows flagged needs first, so a flag must be cheap to read past when the need is right, and rare:
each signal here is one a wrong need shows far more often than a right one.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pipelines.model import Need, SourceLine

FLAGS_CSV = Path(__file__).resolve().parent.parent / "data" / "reference" / "need_flags.csv"
MIN_WORDS = 2
MAX_WORDS = 45
MIN_CITED_SIBLINGS = 2
# Items of a list that end on a stop before an unpunctuated one counts as cut.
MIN_PUNCTUATED_ITEMS = 2
_STOPS = (".", ";", ":", "!", "?")

_FOOTNOTE_START = re.compile(r"^\d{1,2}\s+[^\W\d_]")
_RECEIVED = re.compile(
    r"\b(?:already|currently|being|was|were|is|are|has|have|had)\s+(?:already\s+|currently\s+|been\s+)?"
    r"(?:receiv|benefit|address|met\b|provided|covered|supported)"
    r"|with\s+the\s+(?:support|assistance)\s+of|\b(?:re[çc]oit|re[çc]oivent|recevait|recevaient|re[çc]u)\b"
    r"|\bb[ée]n[ée]fici(?:e|ent|ait|aient|[ée])\b"
    r"|\b(?:d[ée]j[àa]|actuellement)\s+(?:pris|en\s+cours|couvert|satisfait)|avec\s+l['’](?:appui|aide|assistance)\s+d"
    r"|avec\s+le\s+(?:soutien|concours)\s+d|\brecib(?:e|en|[íi]a|[íi]an|i[óo]|ido|iendo)\b"
    r"|\bbenefici(?:a|an|aba|aban|ado|ando)\b|\bya\s+(?:se\s+)?(?:est|recib|atend|cubr|abord)"
    r"|con\s+el\s+(?:apoyo|respaldo)\s+de|siendo\s+(?:atendid|abordad|cubiert)|se\s+(?:est[áa]n?|estaban?)\s+"
    r"(?:atendiendo|abordando|cubriendo)",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:indicated|noted|stated|reported|explained|mentioned|informed|expressed|acknowledged|confirmed|added"
    r"|a\s+indiqu[ée]|a\s+not[ée]|a\s+signal[ée]|a\s+pr[ée]cis[ée]|a\s+fait\s+savoir|ont\s+indiqu[ée]"
    r"|indic[óo]|señal[óo]|inform[óo]|manifest[óo]|explic[óo]|observ[óo]|precis[óo])\b",
    re.IGNORECASE,
)
# A need that stops on a hyphen, an open bracket or a small word was cut: "... including through the provi-".
_UNFINISHED = re.compile(
    r"(?:[^\W\d_]-|\([^)]*|\b(?:of|the|and|or|for|to|with|by|on|in|a|an|its|their|de|la|le|les|des|du|d['’]|l['’]"
    r"|et|ou|pour|par|sur|en|à|au|aux|del|el|los|las|y|o|para|por|con|su|sus))\s*$",
    re.IGNORECASE,
)
_CITATION = re.compile(r"\([^)]*\)")
_ARTICLE_LEAD = re.compile(r"^(?:arts?\b\.?|articles?\b|art[íi]culos?\b)[^:–—]{1,40}[:–—]", re.IGNORECASE)


def documented() -> list[str]:
    """The flag names of need_flags.csv, in its order: the order flags are listed on a need."""
    with open(FLAGS_CSV, encoding="utf-8", newline="") as handle:
        return [row["flag"] for row in csv.DictReader(handle)]


ORDER = {name: index for index, name in enumerate(documented())}


def add(need: Need, *flags: str) -> None:
    """Add flags to a need, keeping each once and in the documented order."""
    for flag in flags:
        if flag not in ORDER:
            raise ValueError(f"doubt flag {flag!r} is not in {FLAGS_CSV.name}")
    need.flags = sorted(set(need.flags) | set(flags), key=ORDER.__getitem__)


def text_flags(text: str, lines: list[SourceLine], opens_block: bool = True) -> list[str]:
    """Flags a need earns from its own text and from the source lines it was read from; opens_block says that
    nothing stands before it in its item or paragraph (an element of a list after a lead-in may start in lower case)."""
    flags = []
    words = text.split()
    # "Legal advice" and "Sensibilisation (art. 13)" are whole needs; a lone word or number is a piece of something.
    if len(re.findall(r"[^\W\d_]{2,}", _CITATION.sub("", text))) < MIN_WORDS and not _CITATION.search(text):
        flags.append("short")
    first = re.search(r"[^\W\d_]", text)
    if opens_block and first and first.group(0).islower():
        flags.append("lowercase-start")
    if _UNFINISHED.search(text):
        flags.append("unfinished")
    if any(not _runs_on(before, after) for before, after in zip(lines, lines[1:], strict=False)
           if "page-break" in after.doubts or None is not before.page != after.page is not None):
        flags.append("page-break")
    if _FOOTNOTE_START.match(text) or any("footnote-mark" in line.doubts for line in lines):
        flags.append("footnote")
    if _RECEIVED.search(text):
        flags.append("assistance-received")
    if len(words) > MAX_WORDS:
        flags.append("long")
    if _ARTICLE_LEAD.match(text) or re.search(r"\w\s*:\s+\w", re.sub(r"\([^)]*\)", "", text)):
        flags.append("lead-in")
    if _REPORTED.search(text):
        flags.append("reported-speech")
    return flags


def _runs_on(before: SourceLine, after: SourceLine) -> bool:
    """Whether a need plainly runs on across a page break: mid-sentence before it, lower case after it. Only a join
    made on weaker evidence (after a stop, before a capital or a number) is worth a reader's look."""
    return not before.text.rstrip().endswith(_STOPS) and after.text.lstrip()[:1].islower()


def list_flags(needs: list[Need]) -> None:
    """Flags a need earns from the other elements of its own list: when one element kept a lead-in ("Articles 23
    and 24: training; a system"), the lead-in's articles did not reach the others either."""
    if len(needs) > 1 and any("lead-in" in need.flags for need in needs):
        for need in needs:
            add(need, "lead-in")


def block_flags(read: list[tuple[Need, str, bool, bool]]) -> None:
    """Flags a need earns from the block it was read from, given as (need, block kind, block does not stop on a
    word, an item came before the block): an item that stops on a word where most items of its list stop on a
    stop was cut at a line end; a paragraph read after the items of a list is a cut-off tail or a sentence about
    the needs."""
    items = [(need, ended) for need, kind, ended, _ in read if kind == "item"]
    closed = sum(ended for _, ended in items)
    if closed >= MIN_PUNCTUATED_ITEMS and closed > len(items) / 2:
        # The last item of a list often goes without its stop; one cut in the middle of the list does not.
        for need, ended in items[:-1]:
            if not ended:
                add(need, "unfinished")
    for need, kind, _, after_items in read:
        if kind == "para" and after_items:
            add(need, "stray")


def part_flags(needs: list[Need]) -> None:
    """Flags a need earns from its siblings in one chapter part: no article where (nearly) all the others have one."""
    uncited = [need for need in needs if not need.articles]
    if len(needs) - len(uncited) >= MIN_CITED_SIBLINGS and len(uncited) <= max(1, len(needs) // 4):
        for need in uncited:
            add(need, "no-article")
