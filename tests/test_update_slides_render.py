"""The oral-update deck as LibreOffice draws it: every slide rendered to PNG, nothing overlapping or cut off."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO
from itertools import combinations

import duckdb
import numpy as np
import pypdfium2 as pdfium
import pytest
from pptx import Presentation

from app.oral_update import Point, Scope, build_update
from app.update_export import MARGIN, SLIDE_H, SLIDE_W, to_pptx, update_charts
from tests.test_oral_update import make_data, write_warehouse

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
EMU = 914400
DPI = 72
# Text slightly wider than its frame is still inside the frame's insets; a line running out of its box is not.
SLACK = 0.08

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (Debian libreoffice-impress) is not installed")


def boxes(slide) -> list[tuple[str, float, float, float, float]]:
    """(name, left, top, right, bottom) in inches of every shape on the slide."""
    return [(sh.name, sh.left / EMU, sh.top / EMU, (sh.left + sh.width) / EMU, (sh.top + sh.height) / EMU)
            for sh in slide.shapes]


def render(data: bytes, folder) -> list[np.ndarray]:
    """Every slide as a greyscale image at DPI, drawn by LibreOffice (via PDF)."""
    deck = folder / "deck.pptx"
    deck.write_bytes(data)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                    "--outdir", str(folder), str(deck)], check=True, capture_output=True, timeout=180)
    pdf = pdfium.PdfDocument(str(folder / "deck.pdf"))
    images = []
    for i, page in enumerate(pdf):
        image = page.render(scale=DPI / 72).to_pil()
        image.save(folder / f"slide{i}.png")
        images.append(np.asarray(image.convert("L")))
    return images


def decks(tmp_path_factory):
    docs, needs = make_data(5, n_docs=60)
    con = duckdb.connect()
    write_warehouse(con, docs, needs)
    long = build_update(con, Scope(None), Point(), Point(on=date(2019, 3, 1)))
    short = build_update(con, Scope(2, groups=("African States",)), Point(on=date(2019, 12, 31)))
    con.close()
    edited = "# " + long.title + "\n\n" + "\n\n".join(s.text for s in long.sentences) + "\n\n" + " ".join(
        ["This paragraph was added by the officer and is long enough to need a second slide."] * 14)
    return [("long", long, None), ("short", short, None), ("edited", long, edited)]


@pytest.mark.parametrize("name", ["long", "short", "edited"])
def test_every_slide_fits(name, tmp_path):
    _, update, text = next(d for d in decks(None) if d[0] == name)
    data = to_pptx(update, update_charts(update), text)
    prs = Presentation(BytesIO(data))
    assert (prs.slide_width / EMU, prs.slide_height / EMU) == pytest.approx((SLIDE_W, SLIDE_H), abs=0.01)
    shapes = [boxes(slide) for slide in prs.slides]
    for number, slide in enumerate(shapes):
        for shape, left, top, right, bottom in slide:
            assert left >= MARGIN - 0.01 and top >= 0.3 and right <= SLIDE_W - MARGIN + 0.01 \
                and bottom <= SLIDE_H - 0.3, (number, shape)
            assert bottom - top >= 0.3, (number, shape, "a shape without height is cut off when drawn")
        for a, b in combinations(slide, 2):
            overlap = min(a[3], b[3]) > max(a[1], b[1]) and min(a[4], b[4]) > max(a[2], b[2])
            assert not overlap, (number, a[0], b[0])
    for number, slide in enumerate(prs.slides):
        for shape in slide.placeholders:
            if shape.has_text_frame:
                sizes = [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size]
                assert sizes and min(sizes) >= 18, (number, shape.name, sizes)
    images = render(data, tmp_path)
    assert len(images) == len(shapes)
    for number, (image, slide) in enumerate(zip(images, shapes, strict=True)):
        ink = image < 200
        allowed = np.zeros_like(ink)
        for _, left, top, right, bottom in slide:
            allowed[int((top - SLACK) * DPI):int((bottom + SLACK) * DPI) + 1,
                    int((left - SLACK) * DPI):int((right + SLACK) * DPI) + 1] = True
        stray = ink & ~allowed
        ys, xs = np.nonzero(stray)
        assert not len(ys), (f"slide {number}: ink outside every shape (text running out of its box) at "
                             f"{[(round(x / DPI, 2), round(y / DPI, 2)) for x, y in zip(xs[:5], ys[:5], strict=True)]}"
                             f" inches; see {tmp_path}/slide{number}.png")
        edge = int(0.3 * DPI)
        assert not ink[:edge].any() and not ink[-edge:].any() and not ink[:, :edge].any() \
            and not ink[:, -edge:].any(), f"slide {number} has ink at its edge"
