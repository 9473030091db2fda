"""Which files a load looks at: documents by type, in a stable order."""

from __future__ import annotations

from pathlib import Path

from pipelines.warehouse import ROOT

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".txt", ".text"}
# Word-processor formats we cannot read: they are rejected with advice rather than silently skipped.
UNSUPPORTED_SUFFIXES = {".doc", ".rtf", ".odt", ".pages", ".wpd", ".docm", ".dotx"}


def is_candidate(path: Path) -> bool:
    suffix = path.suffix.lower()
    return not path.name.startswith(".") and (suffix in DOCUMENT_SUFFIXES or suffix in UNSUPPORTED_SUFFIXES)


def discover(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Expand files and folders (recursively) into candidate files, plus the paths that do not exist."""
    found: dict[Path, None] = {}
    missing: list[Path] = []
    for given in paths:
        if given.is_dir():
            for path in sorted(given.rglob("*")):
                if path.is_file() and is_candidate(path) and not any(p.startswith(".") for p in path.parts[-3:-1]):
                    found[path.resolve()] = None
        elif given.is_file():
            found[given.resolve()] = None
        else:
            missing.append(given)
    return list(found), missing


def display_path(path: Path) -> str:
    """Path as stored in the warehouse: relative to the project when inside it, else absolute."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(ROOT))
    except ValueError:
        return str(resolved)


def resolve_display_path(source_file: str) -> Path:
    path = Path(source_file)
    return path if path.is_absolute() else ROOT / path
