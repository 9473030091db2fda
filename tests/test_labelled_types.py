"""Every labelled need statement keeps the types it is labelled with; the few the classifier misses are listed.

The accuracy tests in test_classify.py allow 5% of each set to go wrong, so a rule of the precedence model can break
a score of statements and still pass them. Here the 1,272 labelled statements (the hand-written cases, the statements
by other authors and the needs of the labelled summaries) must each keep their types, but for the misses below; the
list may only shrink. A keyword or rule change that moves a statement off its label fails with the statement named.
"""

from __future__ import annotations

import json
import re

import pytest

from pipelines.classify import classify, load_taxonomy
from tests.test_classify import CASES, FIXTURES, PRECISION

# Statements the classifier types differently from their label, as measured on 1 December 2026.
KNOWN_MISSES = {
    ("fr", "Recueil de bonnes pratiques en matière de prévention du blanchiment"),
    ("es", "Dotación de equipos informáticos a la comisión nacional anticorrupción"),
    ("en", "Legislative assistance to regulate the recruitment, hiring and promotion of civil servants, and the "
           "development of related guidelines (art. 7)"),
    ("en", "Training on the liability of legal persons and legislative assistance to extend criminal liability to "
           "companies (art. 26)"),
    ("en", "Support for the drafting of a national anti-corruption strategy and the development of a monitoring "
           "mechanism for its implementation (art. 5)"),
    ("es", "Dotación de equipos tecnológicos y asesoramiento jurídico a la Unidad de Análisis Financiero (art. 58)"),
}


def labelled() -> list[tuple[str, str, set[str]]]:
    """(language, statement, types) of every labelled statement."""
    cases = [(language, text, set(types)) for language, text, types in [*CASES, *PRECISION]]
    cases += [(s["language"], s["text"], set(s["types"]))
              for s in json.loads((FIXTURES / "type_statements.json").read_text(encoding="utf-8"))]
    for name in ("sample_labels.json", "holdout_labels.json", "holdout2_labels.json", "holdout3_labels.json"):
        for doc in json.loads((FIXTURES / name).read_text(encoding="utf-8")):
            suffix = re.search(r"_(fr|es)\.\w+$", doc["file"])
            language = doc.get("language") or (suffix.group(1) if suffix else "en")
            cases += [(language, need["text"], set(need["types"]))
                      for part in doc["chapters"].values() for need in part.get("needs", [])]
    return cases


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def test_the_labelled_statements_are_many_and_the_misses_few() -> None:
    cases = labelled()
    assert len(cases) >= 1200
    assert KNOWN_MISSES <= {(language, text) for language, text, _ in cases}


def test_every_labelled_statement_keeps_its_types_but_the_known_misses(taxonomy) -> None:
    wrong = [f"[{language}] {text!r}: labelled {sorted(types)}, typed {found}"
             for language, text, types in labelled()
             if (language, text) not in KNOWN_MISSES
             and set(found := classify(text, language, taxonomy)[0]) != types]
    assert not wrong, "\n".join(wrong)
