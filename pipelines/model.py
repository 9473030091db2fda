"""Plain records passed between pipeline stages: source lines, document facts, chapter parts and needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SourceLine:
    """One line of document text with where it stands in the source file.

    page: 1-based PDF page, None for Word and text files.
    number: 1-based line on its PDF page, Word paragraph, or text-file line.
    unit: 'line' (PDF, text) or 'paragraph' (Word).
    kind: layout hint the extractor knows for sure: 'bullet' or 'numbered' for a Word list paragraph,
    'heading' for a Word heading style, 'footnote' for footnote text (clean.py drops it), '' otherwise
    (plain text carries its bullets in the text itself). After clean.py, a line with text '' marks a paragraph break.
    doubts: what clean.py removed at this line, for the needs' doubt flags: 'page-break' when page furniture or
    footnotes stood just before it, 'footnote-mark' when a footnote mark was taken out of it.
    """

    text: str
    page: int | None
    number: int
    unit: str = "line"
    kind: str = ""
    doubts: tuple[str, ...] = ()

    @property
    def location(self) -> str:
        if self.page is not None:
            return f"page {self.page}, {self.unit} {self.number}"
        return f"{self.unit} {self.number}"


@dataclass
class ExtractedText:
    """Text of one file as lines, before any cleaning."""

    format: str  # 'pdf', 'docx' or 'txt'
    lines: list[SourceLine]
    pages: int | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class DocumentInfo:
    """What identifies an executive summary."""

    symbol: str | None
    country: str
    iso3: str
    regional_group: str
    cycle: int
    language: str
    published_on: date | None
    chapters: list[int]
    is_sample: bool = False


@dataclass
class Need:
    """One technical-assistance need, as the counting rule defines it."""

    chapter: int
    text: str
    articles: list[int]
    article_source: str  # 'cited', 'heading' or 'none'
    heading: str | None
    ordinal: int
    page: int | None
    paragraph: int | None
    location: str
    types: list[str] = field(default_factory=list)
    subtypes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class ChapterPart:
    """The technical-assistance part of one chapter of one document."""

    chapter: int
    status: str  # 'needs', 'no_needs' or 'no_section'
    statement: str | None
    location: str | None
    needs: list[Need] = field(default_factory=list)
