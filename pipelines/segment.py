"""Find each chapter's technical-assistance part and read its needs: the entry point of segmentation.

headings.py recognises the headings, blocks.py groups a part's lines into blocks, split.py splits blocks into needs.
"""

from __future__ import annotations

import re

from pipelines import doubts
from pipelines.articles import ArticleOutOfRange
from pipelines.blocks import TERMINAL, Layout, bullet, group_blocks, is_blank
from pipelines.headings import (
    FALLBACK_TRIGGER,
    RECOMMENDATION,
    TA_QUALIFIER_ONLY,
    TA_SENTENCE,
    chapter_of_heading,
    chapter_of_title,
    ends_part,
    ta_heading,
)
from pipelines.model import ChapterPart, Need, SourceLine
from pipelines.split import no_needs_statement, read_blocks

_WRAPPED_HEADING = re.compile(
    r"\b(?:of|the|to|for|and|in|on|under|with|de|la|le|les|des|du|l['’]|d['’]|à|au|aux|pour|et|en|del|los|las|para|y"
    r"|con)\s*$",
    re.IGNORECASE,
)
MAX_HEADING_WRAP_WORDS = 4

__all__ = ["chapter_of_heading", "find_parts", "no_needs_statement", "ta_heading"]


def _read_part(
    lines: list[SourceLine], chapter: int, layout: Layout, stop_after_items: bool = False
) -> tuple[list[Need], str | None]:
    """Needs of one technical-assistance part, and the no-needs sentence when it has one."""
    try:
        return read_blocks(group_blocks(lines, layout), chapter, stop_after_items)
    except ArticleOutOfRange as exc:
        if exc.location is None:
            exc.location = next((line.location for line in lines if re.search(rf"\b{exc.number}\b", line.text)), None)
        raise


def _chapter_sections(lines: list[SourceLine]) -> list[tuple[int, int, int]]:
    """(chapter, first line, end line) for every chapter heading, in document order."""
    starts = [(index, chapter) for index, line in enumerate(lines)
              if (chapter := chapter_of_heading(line)) is not None]
    found = {chapter for _, chapter in starts}
    for index, line in enumerate(lines):
        chapter = chapter_of_title(line)
        if chapter is not None and chapter not in found:
            starts.append((index, chapter))
    starts.sort()
    return [(chapter, start, starts[position + 1][0] if position + 1 < len(starts) else len(lines))
            for position, (start, chapter) in enumerate(starts)]


def _ta_start(lines: list[SourceLine], start: int, end: int) -> tuple[int, str, bool] | None:
    """Where a section's technical-assistance part starts: (line index, text after its heading, headed)."""
    for index in range(start, end):
        is_heading, rest = ta_heading(lines[index].text)
        if is_heading:
            return index, rest, True
    for index in range(start, end):
        text = lines[index].text
        if TA_SENTENCE.search(text) and FALLBACK_TRIGGER.search(text) and not RECOMMENDATION.match(text.strip()):
            paragraph_start = index
            while (paragraph_start > start and not is_blank(lines[paragraph_start - 1])
                   and bullet(lines[paragraph_start]) is None and lines[paragraph_start].unit != "paragraph"
                   and not lines[paragraph_start - 1].text.rstrip().endswith(TERMINAL)):
                paragraph_start -= 1
            return paragraph_start, "", False
    return None


def _part_end(lines: list[SourceLine], start: int, end: int) -> int:
    for index in range(start, end):
        if ends_part(lines[index]):
            return index
    return end


def _section_part(
    lines: list[SourceLine], chapter: int, start: int, end: int, layout: Layout
) -> ChapterPart | None:
    """The chapter part read from one section, or None when the section has no technical-assistance part."""
    found = _ta_start(lines, start + 1, end)
    if found is None:
        for index in range(start + 1, end):
            if not TA_SENTENCE.search(lines[index].text):
                continue
            statement = no_needs_statement(" ".join(line.text.strip() for line in lines[index: min(index + 3, end)]))
            if statement:
                return ChapterPart(chapter, "no_needs", statement, lines[index].location)
        return None
    index, rest, headed = found
    body_start = index + 1 if headed else index
    if headed and body_start < end and TA_QUALIFIER_ONLY.match(lines[body_start].text):
        body_start += 1
    # A long heading wraps: "... to improve implementation of the" + "Convention".
    if (headed and not rest and body_start < end and _WRAPPED_HEADING.search(lines[index].text)
            and len(lines[body_start].text.split()) <= MAX_HEADING_WRAP_WORDS and bullet(lines[body_start]) is None
            and lines[body_start].text.strip()[:1].isalpha()):
        body_start += 1
    part_end = _part_end(lines, body_start, end)
    body = lines[body_start:part_end]
    if rest:
        body = [SourceLine(rest, lines[index].page, lines[index].number, lines[index].unit)] + body
    needs, statement = _read_part(body, chapter, layout, stop_after_items=not headed)
    doubts.part_flags(needs)
    location = lines[index].location
    if needs:
        return ChapterPart(chapter, "needs", None, location, needs)
    if statement:
        return ChapterPart(chapter, "no_needs", statement, location)
    return ChapterPart(chapter, "no_needs", None, location) if headed else None


def find_parts(lines: list[SourceLine], chapters: list[int], language: str) -> list[ChapterPart]:
    """One ChapterPart per chapter reviewed, in the order given: needs, no_needs or no_section.

    The patterns cover English, French and Spanish at once, so language is not needed to choose them.
    """
    sections = _chapter_sections(lines)
    layout = Layout.of(lines)
    parts: list[ChapterPart] = []
    for chapter in chapters:
        candidates = [_section_part(lines, chapter, start, end, layout)
                      for number, start, end in sections if number == chapter]
        read = [part for part in candidates if part is not None]
        best = max(read, key=lambda part: (part.status == "needs", len(part.needs), part.status == "no_needs"),
                   default=None)
        parts.append(best or ChapterPart(chapter, "no_section", None, None))
    if not sections and chapters:
        parts = _parts_without_chapter_headings(lines, chapters, layout) or parts
    return parts


def _parts_without_chapter_headings(
    lines: list[SourceLine], chapters: list[int], layout: Layout
) -> list[ChapterPart]:
    """When no chapter heading was found, pair technical-assistance headings with chapters in order."""
    heads = [index for index, line in enumerate(lines) if ta_heading(line.text)[0]]
    if len(heads) != len(chapters):
        return []
    bounds = heads + [len(lines)]
    parts = []
    for chapter, start, end in zip(chapters, bounds, bounds[1:], strict=False):
        part = _section_part(lines, chapter, start - 1, end, layout)
        parts.append(part or ChapterPart(chapter, "no_section", None, None))
    return parts
