"""Keep the body lines of an extracted file: page furniture and footnotes out, words re-joined, characters normalised.

Returned lines keep their source provenance. Lines are not joined into paragraphs (the segmenter does that), except
that a line ending in a hyphenated word takes the next line onto it. Paragraph breaks are kept as lines with text ''
(never two in a row, never first or last): a blank line in a text file, a wide vertical gap in a PDF (see extract.py).
A break that straddles removed page furniture is kept only when the line before it ends a sentence.
Word files have no page furniture in their body: only their footnote paragraphs and footnote marks are removed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from pipelines.language import detect_language
from pipelines.model import ExtractedText, SourceLine

SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
BULLET = re.compile(r"^\s*(?:[•▪●·‣◦■□➢►❖\uf0b7\uf0a7\uf0d8\uf0fc\uf076\uf0a8]\s*|o\t\s*|[–—-](?:\s+|$))")
SOFT_HYPHEN = "\u00ad"

_JOB = r"V\.\d{2}-\d{5}(?:\s*\([A-Z]\))?"
_BARCODE = r"\*\d{7}\*"
_SYMBOL = r"(?:CAC|A|E|S|ST|UNODC)/[A-Za-z0-9./\-]*[A-Za-z0-9]"
_PAGE = r"(?:\d{1,3}/\d{1,3}|(?:Page|Página|page)\s+\d{1,3}(?:\s+(?:of|de|sur)\s+\d{1,3})?|[-–]\s*\d{1,3}\s*[-–])"
_DATE = r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"
STRONG = re.compile(rf"(?:{_JOB}|{_BARCODE}|{_SYMBOL}|{_PAGE})")
FURNITURE = re.compile(rf"(?:(?:{_JOB}|{_BARCODE}|{_SYMBOL}|{_PAGE}|{_DATE}|\d{{6}}|\d{{1,3}})\s*)+")
BARE_NUMBER = re.compile(r"\d{1,3}")
SEPARATOR = re.compile(r"_{5,}|[\u2014\u2015-]{5,}(?=\s*$)")
FOOTNOTE_START = re.compile(r"(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\*{1,3})\s*(?=\S)")
TERMINAL = re.compile(r"[.!?:;)\]”\"’]$")
# A footnote without a rule above the footer: a small number, a space, then a word ("4 The commission was ...").
NOTE_ABOVE_FOOTER = re.compile(r"^(\d{1,2})\s+(?=[^\W\d_])")
MAX_NOTE_NUMBER = 60
MAX_NOTE_LINES = 6
# Signals left on a body line for the segmenter's doubt flags (see data/reference/need_flags.csv).
PAGE_BREAK = "page-break"
FOOTNOTE_MARK = "footnote-mark"
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# A footnote mark glued to the end of a word and its punctuation: "programmes.1", "Kosovo),2".
MARK_AFTER_PUNCT = re.compile(r"(?<=[a-zà-ÿ]{2}[.,;:])(\d{1,3})(?=\s|$)|(?<=[a-zà-ÿ][)”\"’])(\d{1,3})(?=[\s.,;:]|$)")
MARK_AFTER_WORD = re.compile(r"(?<=[a-zà-ÿ]{3})(\d{1,2})(?=[\s,;:)]|\.(?:\s|$)|$)")
MARK_SPACED = re.compile(r"(?<=[a-zà-ÿ]{3}) (\d{1,2})(?= [a-zà-ÿ])")
MARK_AFTER_YEAR = re.compile(r"(?<=\b[12]\d{3}[.,;:])(\d{1,2})(?=\s|$)")
MARK_SUPERSCRIPT = re.compile(r"(?<=\S)[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# Words after which a number is part of the text, not a footnote mark.
NUMBER_WORDS = {
    "art", "arts", "article", "articles", "para", "paras", "paragraph", "paragraphs", "chapter", "chapters",
    "no", "nos", "add", "rev", "corr", "vol", "annex", "section", "sections", "page", "pages", "resolution",
    "decision", "cycle", "year", "years", "group", "than", "over", "under", "about", "least", "and", "or", "to",
    "of", "the", "for", "with", "from", "by", "in", "on", "at", "some", "only", "all", "nearly", "around",
    "almost", "are", "were", "had", "has", "have", "per", "its", "their", "into", "between", "within", "since",
    "until", "item", "items", "rule", "rules", "footnote", "table", "figure", "phase", "step", "level", "law",
    "act", "decree", "part", "title", "book", "session", "meeting", "days", "months", "approximately", "among",
    "artículo", "artículos", "párrafo", "capítulo", "paragraphe", "chapitre", "et", "de", "y", "del",
}
# Prefixes that stay hyphenated when a line breaks after them ("capacity-" + "building"), by language: French and
# Spanish write "anticorruption", "internationaux" as one word.
COMPOUND_PREFIXES = {
    "en": {
        "anti", "capacity", "non", "self", "cross", "long", "well", "case", "law", "e", "asset", "public",
        "private", "cost", "follow", "high", "low", "full", "part", "short", "small", "large", "cyber", "post",
        "socio", "ex", "decision", "policy", "country", "fact", "peer", "state", "sector", "gender", "risk",
        "money", "user", "web", "top", "evidence", "results", "ad", "semi", "mid", "whistle", "awareness", "agenda",
        "treaty", "rule", "fund", "data", "conviction",
    },
    "fr": {"non", "e", "ex", "sous", "demi", "contre", "porte", "après", "avant", "auto", "quasi", "vice"},
    "es": {"e", "ex"},
}
# After "inter" a vowel marks a compound (inter-agency); a consonant an ordinary word (international).
VOWEL_PREFIXES = {"inter", "intra", "extra", "multi", "pre", "re", "sub"}


def clean(text: ExtractedText) -> list[SourceLine]:
    """Body lines of an extracted file, with furniture and footnotes dropped and words re-joined."""
    lines = [replace(line, text=_normalise(line.text)) for line in text.lines]
    if text.format == "docx":
        return _clean_docx(lines)
    lines = _split_rules(_split_form_feeds(lines, text.format))
    furniture = _furniture(lines, text.format)
    above, numbers = _notes_above_furniture(lines, furniture)
    kept, notes = _drop_footnotes(lines, furniture | above)
    body = _with_breaks(kept)
    language = detect_language(" ".join(line.text for line in body[:400]))
    body = _dehyphenate(body, COMPOUND_PREFIXES[language])
    return [_without_marks(line, notes | numbers) if line.text else line for line in body]


def _without_marks(line: SourceLine, notes: set[int]) -> SourceLine:
    """The line without footnote marks; a line that lost one says so in its doubts."""
    text = _strip_marks(line.text, notes)
    # A mark whose footnote was found and dropped is settled; one removed without its footnote leaves that
    # footnote's text somewhere in the body, perhaps in a need.
    if text == re.sub(r" {2,}", " ", line.text).strip() or not _unconfirmed_mark(line.text, notes):
        return replace(line, text=text)
    return replace(line, text=text, doubts=_doubt(line, FOOTNOTE_MARK))


def _unconfirmed_mark(text: str, notes: set[int]) -> bool:
    """Whether a mark is removed from text (a superscript, or a number after punctuation) whose footnote is not in
    notes; marks after a word or a space are only removed when their footnote is."""
    for match in MARK_SUPERSCRIPT.finditer(text):
        if int(match.group(0).translate(SUPERSCRIPTS)) not in notes:
            return True
    return any(_mark_ok(text, match) and int(match.group(1) or match.group(2)) not in notes
               for match in MARK_AFTER_PUNCT.finditer(text))


def _doubt(line: SourceLine, signal: str) -> tuple[str, ...]:
    return line.doubts if signal in line.doubts else (*line.doubts, signal)


def _runs_to_footer(lines: list[SourceLine], start: int, end: int) -> bool:
    """Whether lines start..end read as footnotes only: a note that ends a sentence is followed only by another."""
    for index in range(start, end - 1):
        if TERMINAL.search(lines[index].text) and not NOTE_ABOVE_FOOTER.match(lines[index + 1].text):
            return False
    return True


def _notes_above_furniture(lines: list[SourceLine], furniture: set[int]) -> tuple[set[int], set[int]]:
    """Footnotes printed without a rule: lines just above a page's footer (or a break to the next page's header)
    from one that starts with a note number ("4 The commission was ...") down; their indexes and numbers.

    Numbered paragraphs write "4." and list items "4)", so a bare number followed by a word is a note here.
    """
    drop: set[int] = set()
    numbers: set[int] = set()
    for start in sorted(furniture):
        if start - 1 in furniture:
            continue
        end = start
        while end > 0 and not lines[end - 1].text:
            end -= 1
        first = end
        while first > 0 and lines[first - 1].text and lines[first - 1].text != "\f" and first - 1 not in furniture \
                and end - first < MAX_NOTE_LINES:
            first -= 1
        for index in range(first, end):
            match = NOTE_ABOVE_FOOTER.match(lines[index].text)
            # "... under article" + "46 of the Convention": a number the line before asks for is text, not a note.
            asked = index > first and re.search(r"([^\W\d_]+)\.?$", lines[index - 1].text) is not None and \
                re.search(r"([^\W\d_]+)\.?$", lines[index - 1].text).group(1).lower() in NUMBER_WORDS
            if match and int(match.group(1)) <= MAX_NOTE_NUMBER and not asked and _runs_to_footer(lines, index, end):
                drop.update(range(index, end))
                # Every note of the run counts, not just the first: "2 Code ..." then "3 Act ...".
                notes = [NOTE_ABOVE_FOOTER.match(lines[i].text) for i in range(index, end)]
                numbers.update(n for note in notes if note and (n := int(note.group(1))) <= MAX_NOTE_NUMBER)
                break
    return drop, numbers


def _normalise(text: str) -> str:
    """Unify spaces, ligatures and bullet glyphs; drop soft hyphens inside a line; trim."""
    text = INVISIBLE.sub("", SPACES.sub(" ", text)).translate(LIGATURES)
    text = text.rstrip()
    # A soft hyphen at the end of a line marks a word break: keep it there for _dehyphenate.
    ends_soft = text.endswith(SOFT_HYPHEN)
    text = text.replace(SOFT_HYPHEN, "")
    if FURNITURE.fullmatch(text.strip()):
        return re.sub(r"\s+", " ", text).strip()
    text, bullets = BULLET.subn("• ", text, count=1)
    if bullets and not text[2:].strip():
        # A marker alone on its line: its item's text follows on the next line.
        return "•"
    text = re.sub(r"[ \t]+", " ", text.replace("\t", " ")).strip()
    return text + SOFT_HYPHEN if ends_soft and text else text


def _clean_docx(lines: list[SourceLine]) -> list[SourceLine]:
    """Word paragraphs without footnotes, pasted page furniture and footnote marks.

    A Word file made from a PDF carries the PDF's page breaks as paragraphs: a rule, the footnotes under it, the
    running footer and header. They are dropped, and a sentence they cut ("... on the investigation of" | footer |
    "procurement-related corruption") is joined again when it resumes in lower case.
    """
    notes: set[int] = set()
    body: list[SourceLine] = []
    in_notes = interrupted = False
    for line in lines:
        t = line.text.rstrip(SOFT_HYPHEN)
        rule = SEPARATOR.match(t)
        if line.kind == "footnote" or rule:
            number = _footnote_number(t[rule.end():].lstrip() if rule else t)
            if number:
                notes.add(number)
            in_notes = interrupted = bool(rule) or in_notes
            continue
        if not t:
            continue
        if FURNITURE.fullmatch(t) and STRONG.search(t):
            # A note pasted without its rule sits just above the footer: "4 The commission was ...".
            if (body and not interrupted and body[-1].kind == "" and (match := NOTE_ABOVE_FOOTER.match(body[-1].text))
                    and int(match.group(1)) <= MAX_NOTE_NUMBER):
                notes.add(int(match.group(1)))
                body.pop()
            in_notes, interrupted = False, True
            continue
        if in_notes and (number := _footnote_number(t)) is not None:
            notes.add(number)  # a footnote pasted under a rule, as a plain paragraph
            continue
        in_notes = False
        previous = body[-1] if body else None
        if (interrupted and previous is not None and t[0].islower() and line.kind == ""
                and not TERMINAL.search(previous.text)):
            body[-1] = replace(previous, text=f"{previous.text} {t}", doubts=_doubt(previous, PAGE_BREAK))
        else:
            body.append(replace(line, text=t))
        interrupted = False
    return [_without_marks(line, notes) for line in body]


def _split_rules(lines: list[SourceLine]) -> list[SourceLine]:
    """Put a footnote separator rule (_____) on a line of its own when text pasted around it shares its line."""
    out = []
    for line in lines:
        match = SEPARATOR.search(line.text)
        if not match or match.group(0) == line.text:
            out.append(line)
            continue
        before, after = line.text[: match.start()].strip(), line.text[match.end():].strip()
        out.extend(replace(line, text=t) for t in (before, match.group(0), after) if t)
    return out


def _split_form_feeds(lines: list[SourceLine], fmt: str) -> list[SourceLine]:
    """Number the pages of a text file at its form feeds (page stays None) by marking them as furniture rows."""
    if fmt != "txt" or not any("\f" in line.text for line in lines):
        return lines
    out = []
    for line in lines:
        first, *rest = line.text.split("\f")
        if first.strip() or not rest:
            out.append(replace(line, text=first.strip()))
        for part in rest:
            out.append(replace(line, text="\f"))
            if part.strip():
                out.append(replace(line, text=part.strip()))
    return out


def _pages(lines: list[SourceLine]) -> list[list[int]]:
    """Indexes of lines grouped by page: PDF pages, or text split at form feeds."""
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line.text == "\f" or (pages[-1] and line.page is not None and line.page != lines[pages[-1][-1]].page):
            pages.append([])
        if line.text and line.text != "\f":
            pages[-1].append(i)
    return [page for page in pages if page]


def _furniture(lines: list[SourceLine], fmt: str) -> set[int]:
    """Indexes of running headers and footers: symbols, job numbers, page numbers, short lines repeated by page."""
    drop = {i for i, line in enumerate(lines) if line.text == "\f" or line.kind in {"header", "footer"}}
    pages = _pages(lines)
    edges: set[int] = set()
    for page in pages:
        edges.update(page[:2] + page[-2:])
    for i, line in enumerate(lines):
        t = line.text
        if not t or t == "\f":
            continue
        if FURNITURE.fullmatch(t) and STRONG.search(t):
            drop.add(i)
        elif BARE_NUMBER.fullmatch(t) and (fmt == "pdf" and i in edges or fmt == "txt" and _isolated(lines, i)):
            drop.add(i)
    if len(pages) >= 3:
        seen: Counter[str] = Counter()
        for page in pages:
            seen.update({_shape(lines[i].text) for i in page[:2] + page[-2:] if len(lines[i].text) <= 80})
        threshold = max(3, math.ceil(0.4 * len(pages)))
        drop.update(i for i in edges if len(lines[i].text) <= 80 and seen[_shape(lines[i].text)] >= threshold)
    elif fmt == "txt":
        drop.update(_repeated_near_furniture(lines, drop))
    return drop


def _shape(text: str) -> str:
    """A line with a page number at its start or end blanked, to match running headers that carry one."""
    return re.sub(r"^\d{1,3}\b|\b\d{1,3}$", "#", text.lower())


def _isolated(lines: list[SourceLine], i: int) -> bool:
    """True when a text line stands alone between blank lines, form feeds or the file's ends."""
    before = lines[i - 1].text if i > 0 else ""
    after = lines[i + 1].text if i + 1 < len(lines) else ""
    return before in {"", "\f"} and after in {"", "\f"}


def _repeated_near_furniture(lines: list[SourceLine], furniture: set[int]) -> set[int]:
    """In pasted text without page breaks: short lines repeated 3+ times, each time next to known furniture."""
    near: dict[str, list[int]] = {}
    counts: Counter[str] = Counter(line.text for line in lines if line.text)
    for i, line in enumerate(lines):
        if not line.text or i in furniture or len(line.text) > 60 or counts[line.text] < 3:
            continue
        near.setdefault(line.text, []).append(i)
    drop: set[int] = set()
    for shape, indexes in near.items():
        if len(indexes) == counts[shape] and all(_next_to(lines, i, furniture) for i in indexes):
            drop.update(indexes)
    return drop


def _next_to(lines: list[SourceLine], i: int, furniture: set[int]) -> bool:
    """True when the nearest non-blank line before or after line i is furniture."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text:
            j += step
        if j in furniture:
            return True
    return False


def _footnote_number(text: str) -> int | None:
    """The number a footnote line starts with, if it starts like one ("1 Available", "² See")."""
    match = FOOTNOTE_START.match(text)
    if not match or text[match.end(1):match.end(1) + 1] == ".":
        return None
    token = match.group(1).translate(SUPERSCRIPTS)
    return int(token) if token.isdigit() else 0


def _drop_footnotes(lines: list[SourceLine], furniture: set[int]) -> tuple[list[SourceLine | None], set[int]]:
    """Replace furniture and footnote lines by None and collect the footnote numbers seen.

    A footnote block starts after a separator rule (_____) or, once footnotes are known, at a blank line followed
    by the next footnote number; it ends at page furniture, a new page, or where a line ending a sentence is
    followed by a line that does not start the next footnote.
    """
    kept: list[SourceLine | None] = []
    notes: set[int] = set()
    in_note = False
    last = ""
    for i, line in enumerate(lines):
        number = _footnote_number(line.text) if line.text else None
        nxt = number is not None and (number == 0 or number == max(notes, default=0) + 1)
        new_page = i > 0 and line.page != lines[i - 1].page
        if i in furniture or new_page:
            in_note = False
        if i in furniture:
            kept.append(None)
            continue
        if line.kind == "footnote":
            if number:
                notes.add(number)
            kept.append(None)
            continue
        if SEPARATOR.fullmatch(line.text):
            in_note, last = True, ""
            kept.append(None)
            continue
        if not in_note and notes and nxt and number and kept and kept[-1] is not None and not kept[-1].text:
            in_note, last = True, ""
        if in_note and not last and line.text and number is None:
            # A rule with no numbered note under it: the body goes on.
            in_note = False
        if in_note:
            ended = bool(last) and TERMINAL.search(last) is not None
            if (line.text and ended and not nxt) or (not line.text and ended):
                in_note = False
            else:
                if nxt and number and (not last or ended):
                    notes.add(number)
                last = line.text or last
                kept.append(None)
                continue
        kept.append(line)
    return kept, notes


def _with_breaks(kept: list[SourceLine | None]) -> list[SourceLine]:
    """Body lines with single '' break lines; a break across removed lines only after a sentence end."""
    out: list[SourceLine] = []
    pending_break = False
    crossed = False
    for line in kept:
        if line is None:
            crossed = True
            continue
        if not line.text:
            pending_break = True
            continue
        if out and pending_break and (not crossed or TERMINAL.search(out[-1].text)):
            out.append(replace(line, text="", kind=""))
        out.append(replace(line, doubts=_doubt(line, PAGE_BREAK)) if crossed and out else line)
        pending_break = crossed = False
    return out


def _dehyphenate(lines: list[SourceLine], prefixes: set[str]) -> list[SourceLine]:
    """Join a word hyphenated across lines, keeping the hyphen of real compounds; the next line moves up."""
    words: set[str] = set()
    compounds: set[str] = set()
    broken = False
    for line in lines:
        tokens = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*-?", line.text)
        # The halves of a word broken at a line end are not words of the document.
        if broken and tokens:
            tokens = tokens[1:]
        broken = bool(tokens) and tokens[-1].endswith("-") or line.text.endswith(SOFT_HYPHEN)
        for token in tokens:
            if token.endswith("-"):
                continue
            lowered = token.lower()
            words.update(lowered.split("-"))
            if "-" in lowered:
                compounds.add(lowered)
                words.add(lowered)
    out: list[SourceLine] = []
    for line in lines:
        if out and _joins(out[-1], line):
            doubts = out[-1].doubts + tuple(d for d in line.doubts if d not in out[-1].doubts)
            out[-1] = replace(out[-1], text=_join(out[-1].text, line.text, words, compounds, prefixes), doubts=doubts)
        else:
            out.append(line)
    return out


def _joins(first: SourceLine, second: SourceLine) -> bool:
    """True when first ends in a word broken by a hyphen and second carries on the text."""
    if not second.text or second.kind or second.text.startswith("• "):
        return False
    if first.text.endswith(SOFT_HYPHEN):
        return True
    return re.search(r"[^\W\d_]-$", first.text) is not None and re.match(r"[^\W\d_]", second.text) is not None


def _join(first: str, second: str, words: set[str], compounds: set[str], prefixes: set[str]) -> str:
    """first + second without the break, with or without its hyphen as the document's own words suggest."""
    if first.endswith(SOFT_HYPHEN):
        return first[:-1] + second
    left = re.search(r"([^\W\d_]+(?:-[^\W\d_]+)*)-$", first).group(1)
    right = re.match(r"[^\W\d_]+", second).group(0)
    last = left.rsplit("-", 1)[-1].lower()
    stem = first[:-1]
    keep = (
        right[0].isupper()
        or f"{left}-{right}".lower() in compounds
        or f"{last}-{right}".lower() in compounds
    )
    if not keep and (last + right).lower() not in words:
        keep = last in prefixes or (last in VOWEL_PREFIXES and right[0].lower() in "aeiouy") or (
            len(last) >= 4 and len(right) >= 4 and last in words and right.lower() in words
        )
    return f"{stem}-{second}" if keep else stem + second


def _strip_marks(text: str, notes: set[int]) -> str:
    """Remove footnote reference marks from a body line, sparing article numbers, years and list numbers."""
    text = MARK_SUPERSCRIPT.sub("", text)
    text = MARK_AFTER_PUNCT.sub(lambda m: "" if _mark_ok(text, m) else m.group(0), text)
    if notes:
        text = MARK_AFTER_YEAR.sub(lambda m: "" if int(m.group(1)) in notes else m.group(0), text)
        text = MARK_AFTER_WORD.sub(lambda m: "" if int(m.group(1)) in notes else m.group(0), text)
        text = MARK_SPACED.sub(lambda m: "" if int(m.group(1)) in notes and _mark_ok(text, m) else m.group(0), text)
    return re.sub(r" {2,}", " ", text).strip()


def _mark_ok(text: str, match: re.Match) -> bool:
    """True unless the word before the number takes a number (art. 8, para. 9, Add.12)."""
    before = re.findall(r"[^\W\d_]+", text[: match.start()])
    return not before or before[-1].lower() not in NUMBER_WORDS
