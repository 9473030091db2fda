"""One file in, one parsed executive summary out (or a Rejection): the read-side stages chained together."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.articles import ArticleOutOfRange
from pipelines.classify import Taxonomy, classify_need
from pipelines.clean import clean
from pipelines.errors import Rejection
from pipelines.extract import extract
from pipelines.identify import identify
from pipelines.language import detect_language
from pipelines.model import ChapterPart, DocumentInfo
from pipelines.reference import Reference
from pipelines.segment import find_parts

MAX_BYTES = 25 * 2**20
LANGUAGE_SAMPLE_LINES = 400


@dataclass
class ParsedDocument:
    """Everything the loader needs to know about one file that could be read."""

    source_file: str
    sha256: str
    format: str
    pages: int | None
    info: DocumentInfo
    parts: list[ChapterPart]
    warnings: list[str] = field(default_factory=list)

    @property
    def needs_count(self) -> int:
        return sum(len(part.needs) for part in self.parts)


@dataclass
class FailedFile:
    """A file that was rejected, with the rejection and (when readable) its hash."""

    source_file: str
    sha256: str | None
    rejection: Rejection


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def parse_file(
    path: Path, source_file: str, reference: Reference, taxonomy: Taxonomy, max_bytes: int = MAX_BYTES
) -> ParsedDocument | FailedFile:
    """Run every stage on one file; any Rejection becomes a FailedFile so the batch goes on."""
    sha256: str | None = None
    try:
        if path.stat().st_size <= max_bytes:
            sha256 = file_sha256(path)
        extracted = extract(path, max_bytes=max_bytes)
        lines = clean(extracted)
        sample = " ".join(line.text for line in lines[:LANGUAGE_SAMPLE_LINES])
        language = detect_language(sample)
        info = identify(extracted.lines, reference, language)
        try:
            parts = find_parts(lines, info.chapters, language)
        except ArticleOutOfRange as exc:
            raise Rejection(
                "article_out_of_range",
                f"cites article {exc.number} of the Convention, which has articles 1-71: \"{exc.snippet}\"",
                "correct the article reference in the file and run the load again",
                getattr(exc, "location", None),
            ) from exc
        for part in parts:
            for need in part.needs:
                classify_need(need, language, taxonomy)
        return ParsedDocument(
            source_file=source_file,
            sha256=sha256 or file_sha256(path),
            format=extracted.format,
            pages=extracted.pages,
            info=info,
            parts=parts,
            warnings=list(extracted.warnings),
        )
    except Rejection as rejection:
        return FailedFile(source_file, sha256, rejection)
    except Exception as exc:  # noqa: BLE001 - one unreadable file must never stop the batch
        return FailedFile(
            source_file,
            sha256,
            Rejection(
                "unreadable",
                f"could not be read: {type(exc).__name__}: {exc}",
                "open the file to check it is a readable executive summary; if it is, report this message",
            ),
        )
