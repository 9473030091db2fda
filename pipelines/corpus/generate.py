"""Write n seeded sample executive summaries in txt, docx and pdf, and return their ground-truth labels."""

from __future__ import annotations

import json
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import render_docx, render_pdf, render_txt
from .countries import GROUPS, State, load_states
from .spec import DocSpec, build

RENDERERS = {"txt": render_txt.render, "docx": render_docx.render, "pdf": render_pdf.render}
LANGUAGE_CYCLE = ["en", "en", "en", "fr", "en", "en", "es", "en"]
# Text files cycle through these so that even a small sample has every kind of messiness.
TXT_ENCODINGS = ["utf-8", "cp1252", "utf-8", "utf-8-sig", "utf-8", "utf-8"]
TXT_MODES = ["paged", "paged", "flat"]
PARALLEL_FROM = 200


def plan(n: int, seed: int = 0, formats: tuple[str, ...] = ("txt", "docx", "pdf"),
         languages: tuple[str, ...] | None = None, states: list[State] | None = None) -> list[DocSpec]:
    """Draw n document specs. Each State appears at most once per cycle until all States are used in both cycles;
    the first five documents cover the five regional groups."""
    rng = random.Random(seed)
    states = sorted(states or load_states(), key=lambda s: s.iso3)
    order = rng.sample(states, len(states))
    leaders = [next(s for s in order if s.regional_group == g) for g in GROUPS if any(
        s.regional_group == g for s in order)]
    order = leaders + [s for s in order if s not in leaders]
    slots = [(s, 1 + (i % 2)) for i, s in enumerate(order)] + [(s, 2 - (i % 2)) for i, s in enumerate(order)]
    fmts = [formats[i % len(formats)] for i in range(n)]
    rng.shuffle(fmts)
    langs = list(languages) if languages else LANGUAGE_CYCLE
    used: dict[tuple[str, int], int] = {}
    adds: dict[str, set[int]] = {}
    specs = []
    for i in range(n):
        state, cycle = slots[i % len(slots)]
        repeat = used.get((state.iso3, cycle), 0)
        used[(state.iso3, cycle)] = repeat + 1
        stem = f"{state.iso3}_cycle{cycle}" + (f"_{repeat + 1}" if repeat else "")
        fmt = fmts[i]
        lang = langs[i % len(langs)]
        reviewers = tuple(rng.sample([s for s in states if s.iso3 != state.iso3], 2))
        doc_rng = random.Random(f"{seed}-{i}")
        spec = build(doc_rng, state, cycle, lang, fmt, stem, 0, reviewers)
        # Addendum numbers are unique per symbol prefix so that no two documents share a symbol.
        prefix = spec.symbol.rsplit("Add.", 1)[0]
        taken = adds.setdefault(prefix, set())
        add = doc_rng.randint(1, 30)
        while add in taken:
            add += 1
        taken.add(add)
        spec.symbol = f"{prefix}Add.{add}"
        for block in spec.blocks:
            if block.kind == "cover" and block.text.startswith("CAC/COSP/IRG/"):
                block.text = spec.symbol
        if fmt == "txt":
            k = sum(s.fmt == "txt" for s in specs)
            spec.options.update(encoding=TXT_ENCODINGS[k % len(TXT_ENCODINGS)], txt_mode=TXT_MODES[k % len(TXT_MODES)],
                                newline="\r\n" if k % 5 == 3 else "\n")
        specs.append(spec)
    return specs


def _render(spec: DocSpec, out_dir: Path) -> dict:
    RENDERERS[spec.fmt](spec, out_dir / spec.file)
    return spec.label()


def generate(out_dir: Path, n: int, seed: int = 0, formats: tuple[str, ...] = ("txt", "docx", "pdf"),
             languages: tuple[str, ...] | None = None, workers: int | None = None) -> list[dict]:
    """Write n documents into out_dir and return one label per file (see data/raw/README.md)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    specs = plan(n, seed, tuple(formats), tuple(languages) if languages else None)
    if n < PARALLEL_FROM or workers == 1:
        return [_render(spec, out_dir) for spec in specs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_render, specs, [out_dir] * len(specs), chunksize=16))


def write_labels(labels: list[dict], path: Path) -> None:
    """Save labels as indented JSON, one entry per file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
