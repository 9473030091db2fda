"""Doubt flags added for the second blind set's errors, and the type convention for its classes, on our own wording.

Each flag is tested where it fires and where it must not, since a flag that fires on right needs costs the reader.
"""

from __future__ import annotations

import pytest

from pipelines import doubts
from pipelines.blocks import Layout, group_blocks
from pipelines.classify import classify, classify_need, load_taxonomy
from pipelines.clean import _without_marks, clean
from pipelines.model import ExtractedText, Need, SourceLine
from pipelines.split import read_blocks


def need(text: str, articles: list[int] | None = None) -> Need:
    return Need(2, text, articles or [], "cited" if articles else "none", None, 1, None, 1, "line 1")


def read(text: str) -> list[Need]:
    lines = [SourceLine(line, None, number) for number, line in enumerate(text.split("\n"), start=1)]
    needs, _ = read_blocks(group_blocks(lines, Layout()), 5, stop_after_items=False)
    return needs


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.mark.parametrize("text", [
    # A blank line between the cut item and its tail: the tail stands as a paragraph after the items.
    "1. Legal advice on asset recovery (art. 53);\n2. Strengthening of the unit, including by providing\n\n"
    "IT equipment (art. 58);\n3. Training of prosecutors (art. 55).",
    "1. Conseils juridiques (art. 53) ;\n2. Renforcement de la cellule, y compris par la fourniture de\n\n"
    "Matériel informatique (art. 58) ;\n3. Formation des magistrats (art. 55).",
    "1. Asesoramiento jurídico (art. 53);\n2. Fortalecimiento de la unidad, incluida la dotación de\n\n"
    "Equipos informáticos (art. 58);\n3. Capacitación de fiscales (art. 55).",
])
def test_an_item_cut_at_a_line_end_and_its_tail_are_flagged(text: str) -> None:
    needs = read(text)
    assert len(needs) == 4
    assert "unfinished" in needs[1].flags and "stray" in needs[2].flags
    assert not needs[0].flags and not needs[3].flags


def test_the_last_item_without_its_stop_and_lists_without_stops_are_not_unfinished() -> None:
    last = read("1. Legal advice (art. 53);\n2. Training of judges (art. 55);\n3. Model legislation (art. 31)")
    assert not any(n.flags for n in last)
    bare = read("• Legal advice (art. 53)\n• Training of judges (art. 55)\n• Model legislation (art. 31)")
    assert not any(n.flags for n in bare)
    joined = read("1. Legal advice (art. 53);\n2. Training of judges (art. 55); and\n3. Model legislation (art. 31).")
    assert not any(n.flags for n in joined)


def test_a_paragraph_before_the_items_is_no_stray() -> None:
    needs = read("Kenya needs: legal advice (art. 53); training (art. 55).\n\n1. Model legislation (art. 31);\n"
                 "2. Research on asset recovery (art. 57).")
    assert [n.flags for n in needs] == [[], [], [], []]


def test_a_lead_in_kept_in_one_element_flags_the_whole_list() -> None:
    elements = [need("Articles 23 and 24 - training of investigators", [23, 24]), need("an analysis system")]
    doubts.add(elements[0], "lead-in")
    doubts.list_flags(elements)
    assert all("lead-in" in n.flags for n in elements)
    plain = [need("legal advice"), need("model legislation")]
    doubts.list_flags(plain)
    assert not any(n.flags for n in plain)


@pytest.mark.parametrize(("language", "text", "flag"), [
    ("es", "Fortalecimiento de la Unidad de Análisis Financiero, incluido el fortalecimiento de sus equipos",
     "second-deliverable"),
    ("en", "Strengthening of the commission, including the establishment of regional offices", "second-deliverable"),
    ("fr", "Renforcement de la cellule, y compris la création d'antennes régionales", "second-deliverable"),
    ("es", "Una plataforma de intercambio sobre datos de contratación", "head-unknown"),
    ("es", "Recopilación de datos sobre contratación", None),
    ("en", "A gateway for data on procurement", "head-unknown"),
    ("fr", "Un outil de statistiques sur les marchés", "head-unknown"),
    ("es", "Un tablero de datos sobre contratación", "head-unknown"),
    ("en", "Training of staff, including through provision of IT equipment", None),
    ("en", "Exchange of good practices on the transfer of proceedings", None),
    ("fr", "Programmes de sensibilisation du secteur privé", None),
])
def test_classification_flags(taxonomy, language: str, text: str, flag: str | None) -> None:
    n = need(text)
    classify_need(n, language, taxonomy)
    if flag is None:
        assert not ({"second-deliverable", "head-unknown"} & set(n.flags)), n.flags
    else:
        assert flag in n.flags, (n.types, n.flags)


@pytest.mark.parametrize(("language", "text", "types"), [
    ("en", "a public information portal on the budget", ["institution-building"]),
    ("en", "An interconnected registry of company owners", ["institution-building"]),
    ("en", "A register of seized vehicles", ["institution-building"]),
    ("en", "An intelligence platform for the financial intelligence unit", ["institution-building"]),
    ("en", "Training of analysts and provision of analytical software", ["capacity-building", "other"]),
    ("fr", "Renforcement de l'Instance centrale de prévention de la corruption", ["institution-building"]),
    ("fr", "un système d'information sur les marchés publics", ["institution-building"]),
    ("fr", "un portail de données ouvertes sur les marchés publics", ["institution-building"]),
    ("fr", "Un registre des comptes bancaires", ["institution-building"]),
    ("es", "Un portal de datos abiertos sobre el presupuesto", ["institution-building"]),
    ("es", "Un sistema de análisis de reportes de operaciones sospechosas", ["institution-building"]),
    ("es", "Fortalecimiento de la fiscalía, incluida la capacitación de su personal y la dotación de equipos",
     ["capacity-building", "institution-building", "other"]),
    ("es", "Dotación de vehículos para la policía", ["other"]),
    ("es", "Fortalecimiento de los equipos de investigación", ["institution-building"]),
])
def test_types_of_portals_registries_systems_and_equipment(taxonomy, language: str, text: str, types: list[str]):
    assert classify(text, language, taxonomy)[0] == types


def test_a_footnote_mark_is_a_doubt_only_while_its_footnote_is_not_found() -> None:
    line = SourceLine("Training on the code of conduct.4 for judges", 1, 3)
    assert "footnote-mark" in _without_marks(line, set()).doubts
    assert "footnote-mark" not in _without_marks(line, {4}).doubts
    assert _without_marks(line, {4}).text == "Training on the code of conduct. for judges"


def test_every_note_of_a_rule_less_run_above_the_footer_settles_its_mark() -> None:
    # Two notes without a rule above the footer; the second one's mark sits on the next page.
    text = "\n".join([
        "CAC/COSP/IRG/II/2/1/Add.7", "", "Training of customs officers under the Customs Code2 on the detection",
        "of smuggling in the ports of the country and at the land borders and", "",
        "2 Customs Code, chapter IV.", "3 Ports Act, No. 4 of 2001.", "2/4                    V.19-08812", "",
        "CAC/COSP/IRG/II/2/1/Add.7", "", "the airports3, and guidance on risk profiling;",
    ])
    lines = clean(ExtractedText("txt", [SourceLine(line, None, n) for n, line in enumerate(text.split("\n"), 1)]))
    body = " ".join(line.text for line in lines if line.text)
    assert "airports, and" in body and "Code on" in body
    assert not any("footnote-mark" in line.doubts for line in lines)
