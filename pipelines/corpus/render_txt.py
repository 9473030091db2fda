"""Render a document spec as a .txt file: either text pasted from a PDF (wrapped, hyphenated, page headers,
footers and footnotes interleaved) or flat text saved from Word (one paragraph per line)."""

from __future__ import annotations

from pathlib import Path

from .layout import flow, paginate
from .spec import DocSpec

WIDTH = 86
PAGE_LINES = 52


def _chars(text: str, style: str) -> float:
    return len(text)


def _flat(spec: DocSpec) -> list[str]:
    out: list[str] = []
    notes: list[str] = []
    for block in spec.blocks:
        if block.kind == "pagebreak":
            continue
        text = block.text
        for note in block.footnotes:
            notes.append(f"{len(notes) + 1} {note}")
            text = text.replace("¤", str(len(notes)), 1)
        if block.kind in ("heading", "title", "subheading") and out and out[-1]:
            out.append("")
        out.append(f"{block.marker} {text}" if block.marker else text)
    return out + ["", "_______________", *notes]


def _paged(spec: DocSpec) -> list[str]:
    o = spec.options
    hang = 3 if o["indent_lists"] else 0
    gaps = {"para": 1, "heading": 1, "title": 1, "subheading": 1, "toc": 0, "cover": 0, "bullet": 1 if hang else 0,
            "numbered": 1, "lettered": 1}
    lines = flow(spec.blocks, WIDTH, _chars, o["hyphenate"], hang, gaps)
    pages = paginate(lines, PAGE_LINES, PAGE_LINES, lambda style: 1.0, 1.0)
    total = len(pages)
    job = spec.job.split(" (")[0]
    digits = job[2:].replace("-", "")
    stamp = spec.published_on.strftime("%d%m%y")
    out: list[str] = []
    for number, page in enumerate(pages, start=1):
        if number > 1:
            out += [spec.symbol.rjust(WIDTH) if number % 2 else spec.symbol, ""]
        for line in page.lines:
            if line.gap and out and out[-1]:
                out.append("")
            if line.marker:
                body = f"{line.marker} {line.text}" if not hang else f"{line.marker.ljust(hang - 1)} {line.text}"
            else:
                body = " " * int(line.indent) + line.text
            out.append(body)
        if page.notes:
            out += ["", "__________________"]
            out += [f"{n}   {text}" for n, text in page.notes]
        out.append("")
        if number == 1:
            out += [f"{spec.job}    {stamp}    {stamp}", "", f"*{digits}*"]
        elif number % 2:
            out.append(f"{job}{' ' * 60}{number}/{total}")
        else:
            out.append(f"{number}/{total}{' ' * 60}{job}")
        if number < total:
            out.append("\f" if o["formfeed"] else "")
    # pdftotext keeps "United Nations" and the symbol on one row, as the cover prints them.
    if len(out) > 1 and out[1] == spec.symbol:
        out[0:2] = [out[0] + " " * max(4, WIDTH - len(out[0]) - len(spec.symbol)) + spec.symbol]
    return out


def render(spec: DocSpec, path: Path) -> None:
    """Write the .txt file in the spec's encoding and line endings."""
    lines = _paged(spec) if spec.options["txt_mode"] == "paged" else _flat(spec)
    text = spec.options["newline"].join(lines) + spec.options["newline"]
    text = text.replace("\f" + spec.options["newline"], "\f")
    encoding = spec.options["encoding"]
    if encoding == "cp1252":
        # A Windows export turns the square bullet into the round one it can encode.
        text = text.replace("▪", "•")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    path.write_bytes(data)
