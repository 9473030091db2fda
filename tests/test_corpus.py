"""The illustrative sample corpus: deterministic generation, labels that match the files, realistic PDFs, counts."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import docx
import pypdfium2
import pytest

from pipelines.corpus import SAMPLE_NOTICE, generate
from pipelines.corpus.layout import Word, wrap

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "sample"
LABELS = ROOT / "tests" / "fixtures" / "sample_labels.json"
TYPES = {"capacity-building", "legislative", "institution-building", "policymaking", "other"}
CHAPTER_ARTICLES = {"2": range(5, 15), "3": range(15, 43), "4": range(43, 51), "5": range(51, 60)}
NOISE = [
    re.compile(r"^\s*CAC/COSP/IRG/\S+\s*$"),
    re.compile(r"^\s*V\.\d\d-\d{5}(\s+\([EFS]\).*)?\s*$"),
    re.compile(r"^\s*\d+/\d+\s+V\.\d\d-\d{5}\s*$"),
    re.compile(r"^\s*V\.\d\d-\d{5}\s+\d+/\d+\s*$"),
    re.compile(r"^\s*\*\d+\*\s*$"),
    re.compile(r"^\s*_+\s*$"),
    re.compile(r"^\s*\d{1,2}\s*$"),
    re.compile(r"^\s*(\d{1,2}\s+)?(Available at|Official Gazette|Information provided|Act No\.|Disponible|"
               r"Journal officiel|Informations fournies|Loi no|Diario Oficial|Información facilitada|Ley núm\.)"),
]


def _clean(lines: list[str]) -> str:
    """Drop page headers, footers and footnotes, undo hyphenation and line breaks."""
    kept = [line.strip() for line in lines if not any(p.match(line) for p in NOISE)]
    text = "\n".join(kept).replace("\f", "\n")
    text = re.sub(r"(?<=[^\W\d_])-\n(?=[^\W\d_])", "", text)
    return re.sub(r"\s+", " ", text)


def document_lines(path: Path) -> list[str]:
    """Raw lines of a sample file: text lines, Word paragraphs, or PDF text lines page after page."""
    if path.suffix == ".txt":
        data = path.read_bytes()
        try:
            return data.decode("utf-8-sig").splitlines()
        except UnicodeDecodeError:
            return data.decode("cp1252").splitlines()
    if path.suffix == ".docx":
        return [p.text for p in docx.Document(str(path)).paragraphs]
    pdf = pypdfium2.PdfDocument(str(path))
    lines: list[str] = []
    for page in pdf:
        # pdfium reports a hyphen it recognises at a line end as U+FFFE and joins the lines.
        lines += page.get_textpage().get_text_range().replace("\ufffe", "").splitlines()
    pdf.close()
    return lines


def document_text(path: Path) -> str:
    """Readable text of a sample file, as a careful parser would reconstruct it."""
    return _clean(document_lines(path))


def check_labels(folder: Path, labels: list[dict]) -> list[str]:
    """Every labelled need text, and the sample notice and symbol, appear in the file's text."""
    problems = []
    for entry in labels:
        lines = document_lines(folder / entry["file"])
        text = _clean(lines)
        if SAMPLE_NOTICE not in lines[:6]:
            problems.append(f"{entry['file']}: no line {SAMPLE_NOTICE!r} near the top")
        if not any(entry["symbol"] in line for line in lines[:3]):
            problems.append(f"{entry['file']}: symbol {entry['symbol']} not on the cover")
        for chapter, part in entry["chapters"].items():
            for need in part["needs"]:
                if need["text"] not in text:
                    problems.append(f"{entry['file']} chapter {chapter}: need not found: {need['text']!r}")
    return problems


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def test_generation_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 6, seed=11)
    second = generate(tmp_path / "b", 6, seed=11)
    other = generate(tmp_path / "c", 6, seed=12)
    assert first == second
    assert first != other
    for entry in first:
        a, b = tmp_path / "a" / entry["file"], tmp_path / "b" / entry["file"]
        if a.suffix == ".txt":
            assert a.read_bytes() == b.read_bytes()
        assert document_text(a) == document_text(b)


def test_generated_labels_match_files_in_every_format_and_language(tmp_path: Path) -> None:
    for languages in [("en",), ("fr",), ("es",)]:
        out = tmp_path / languages[0]
        labels = generate(out, 9, seed=5, languages=languages)
        assert {e["format"] for e in labels} == {"txt", "docx", "pdf"}
        assert check_labels(out, labels) == []


def test_sample_labels_match_files(labels: list[dict]) -> None:
    assert sorted(e["file"] for e in labels) == sorted(p.name for p in SAMPLE.iterdir() if p.suffix != ".md")
    assert check_labels(SAMPLE, labels) == []


def test_label_check_catches_a_wrong_label(tmp_path: Path) -> None:
    labels = generate(tmp_path, 3, seed=3)
    part = next(p for e in labels for p in e["chapters"].values() if p["needs"])
    part["needs"][0]["text"] += " and something never written"
    assert len(check_labels(tmp_path, labels)) == 1


def test_sample_pdfs_are_a4_with_headers_and_footers_on_every_page(labels: list[dict]) -> None:
    pdfs = [e for e in labels if e["format"] == "pdf"]
    assert pdfs
    for entry in pdfs:
        pdf = pypdfium2.PdfDocument(str(SAMPLE / entry["file"]))
        assert len(pdf) >= 2
        job = None
        for number, page in enumerate(pdf, start=1):
            assert [round(x) for x in page.get_size()] == [595, 842]
            lines = page.get_textpage().get_text_range().splitlines()
            assert entry["symbol"] in lines[0], f"{entry['file']} page {number} has no symbol header"
            jobs = {m.group(0) for line in lines[-3:] for m in [re.search(r"V\.\d\d-\d{5}", line)] if m}
            assert len(jobs) == 1, f"{entry['file']} page {number} has no job number footer"
            job = job or jobs.pop()
            if number > 1:
                assert any(f"{number}/{len(pdf)}" in line for line in lines[-3:])
        pdf.close()


def test_sample_meets_the_counts(labels: list[dict]) -> None:
    assert len(labels) >= 48
    assert {e["cycle"] for e in labels} == {1, 2}
    assert len({e["regional_group"] for e in labels}) == 5
    formats = Counter(e["format"] for e in labels)
    assert set(formats) == {"txt", "docx", "pdf"} and min(formats.values()) >= len(labels) // 3 - 1
    languages = Counter(e["language"] for e in labels)
    assert languages["fr"] >= 3 and languages["es"] >= 3
    parts = [p for e in labels for p in e["chapters"].values()]
    assert sum(p["status"] == "no_needs" for p in parts) >= 4
    assert len({(e["iso3"], e["cycle"]) for e in labels}) == len(labels)
    years = [int(e["published_on"][:4]) for e in labels]
    assert min(years) <= 2013 and max(years) >= 2025
    assert len({e["symbol"] for e in labels}) == len(labels)
    for entry in labels:
        assert entry["file"] == f"{entry['iso3']}_cycle{entry['cycle']}.{entry['format']}"
        assert entry["symbol"].startswith("CAC/COSP/IRG/I/" if entry["cycle"] == 1 else "CAC/COSP/IRG/II/")
        assert set(entry["chapters"]) == ({"3", "4"} if entry["cycle"] == 1 else {"2", "5"})
    assert sum(p.stat().st_size for p in SAMPLE.iterdir()) < 3_000_000
    texts = [(SAMPLE / e["file"]).read_bytes() for e in labels if e["format"] == "txt"]
    assert any(b"\f" in t or re.search(rb"\n\s*2/\d+\s", t) for t in texts), "no text pasted from a PDF"
    assert any(t.startswith(b"\xef\xbb\xbf") for t in texts) and any(b"\r\n" in t for t in texts)
    assert any(_is_cp1252(t) for t in texts)


def test_sample_needs_are_well_formed_and_varied(labels: list[dict]) -> None:
    needs = [(c, n) for e in labels for c, p in e["chapters"].items() for n in p["needs"]]
    assert len(needs) >= 150
    for chapter, need in needs:
        assert need["types"] and set(need["types"]) <= TYPES
        assert all(a in CHAPTER_ARTICLES[chapter] for a in need["articles"])
        assert need["article_source"] in {"cited", "heading", "none"}
        assert (need["article_source"] == "none") == (need["articles"] == [])
    assert {t for _, n in needs for t in n["types"]} == TYPES
    assert any(len(n["types"]) > 1 for _, n in needs)
    assert Counter(n["article_source"] for _, n in needs).keys() == {"cited", "heading", "none"}
    forms = {p["form"] for e in labels for p in e["chapters"].values()}
    assert forms == {"bullets", "grouped", "sentence", "lettered", "numbered", "none"}


def test_hyphenation_never_splits_at_a_real_hyphen_and_is_reversible() -> None:
    text = "Capacity-building for anti-corruption investigators regarding non-conviction-based confiscation"
    words = [Word(w) for w in text.split()]
    rows = wrap(words, 17, lambda s, style: len(s), "para", hyphenate=True)
    printed = "\n".join(" ".join(w.text for w in row) for row in rows)
    assert any(line.endswith("-") for line in printed.splitlines())
    assert all(len(line) <= 17 or " " not in line for line in printed.splitlines())
    joined = re.sub(r"(?<=[^\W\d_])-\n(?=[^\W\d_])", "", printed).replace("\n", " ")
    assert joined == text


def test_readme_says_the_sample_is_not_official() -> None:
    readme = (ROOT / "data" / "raw" / "README.md").read_text(encoding="utf-8")
    assert SAMPLE_NOTICE in readme
