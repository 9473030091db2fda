"""The coordination rules of the classifier, each on a statement it decides (written from the survivors of mutation
testing: no labelled statement hung on these rules, so a broken rule passed every accuracy test)."""

from __future__ import annotations

import pytest

from pipelines.classify import TYPES, classify, load_taxonomy

CB, LEG, IB, POL, OTH = TYPES


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.mark.parametrize(("language", "text", "types"), [
    # Material supplied after ", including through" is a second deliverable.
    ("en", "Capacity-building for the police, including through forensic laboratory equipment", [CB, OTH]),
    ("fr", "Formation des enquêteurs, y compris par du matériel informatique", [CB, OTH]),
    # A service after "including through" too, with up to three words of its own before it.
    ("en", "Model legislation, including through judicial academy training", [CB, LEG]),
    # Three words between "and" and the second head still coordinate; so does "and in" before a service.
    ("en", "Legal advice and public sector ethics training", [CB, LEG]),
    ("en", "Assistance in drafting a law and in public sector ethics training", [CB, LEG]),
    # Eight words of audience before "and" still leave the second head its own type.
    ("en", "Training of the staff of the national anti-corruption commission and model legislation", [CB, LEG]),
    # After a topic ("on procurement and ..."), only a topic word right after the second match would make it a head.
    ("en", "Training on procurement and model legislation adopted in 2020", [CB]),
])
def test_coordination_rules(taxonomy, language: str, text: str, types: list[str]) -> None:
    assert classify(text, language, taxonomy)[0] == types
