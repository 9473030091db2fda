"""Language detection: English, French and Spanish told apart on pages and on short snippets."""

from __future__ import annotations

import pytest

from pipelines.language import detect_language

PAGES = {
    "en": (
        "The State party has adopted a national anti-corruption strategy and established a commission that is "
        "responsible for the prevention of corruption. Public officials are required to declare their assets, "
        "and the procurement system has been reformed with the support of international partners. The reviewers "
        "noted that the capacity of the asset declaration unit should be strengthened. Technical assistance needs "
        "identified: capacity-building for the staff of the unit; legal advice on illicit enrichment (art. 20)."
    ),
    "fr": (
        "L’État partie a adopté une stratégie nationale de lutte contre la corruption et a créé une commission "
        "chargée de la prévention de la corruption. Les agents publics sont tenus de déclarer leur patrimoine, "
        "et le système de passation des marchés publics a été réformé avec l’appui des partenaires. Les experts "
        "ont noté que les capacités du service des déclarations devraient être renforcées. Besoins d’assistance "
        "technique : renforcement des capacités du personnel ; conseils juridiques sur l’enrichissement illicite."
    ),
    "es": (
        "El Estado parte ha aprobado una estrategia nacional de lucha contra la corrupción y ha creado una "
        "comisión encargada de la prevención de la corrupción. Los funcionarios públicos están obligados a "
        "declarar sus bienes, y el sistema de contratación pública se ha reformado con el apoyo de los asociados. "
        "Los examinadores señalaron que la capacidad de la dependencia debería fortalecerse. Necesidades de "
        "asistencia técnica: fomento de la capacidad del personal; asesoramiento jurídico sobre el enriquecimiento."
    ),
}
SNIPPETS = {
    "en": "Technical assistance needs\nCapacity-building for the judiciary (art. 11)\nLegal advice on whistle-blowers",
    "fr": "Besoins d’assistance technique\nFormation des juges (art. 11)\nConseils juridiques sur la protection des "
          "lanceurs d’alerte",
    "es": "Necesidades de asistencia técnica\nCapacitación de los jueces (art. 11)\nAsesoramiento jurídico sobre "
          "la protección de denunciantes",
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_two_pages(language):
    assert detect_language(PAGES[language] * 6) == language


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_three_line_snippet(language):
    assert detect_language(SNIPPETS[language]) == language


def test_no_words_defaults_to_english():
    assert detect_language("") == "en"
    assert detect_language("12/15 V.19-01234") == "en"


def test_english_with_french_names_stays_english():
    assert detect_language("Training for the staff of the Cour des comptes and the Conseil d’État.") == "en"
