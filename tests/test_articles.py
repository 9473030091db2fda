"""Convention articles cited in needs and named by article sub-headings."""

from __future__ import annotations

import pytest

from pipelines.articles import ArticleOutOfRange, cited_articles, heading_articles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Capacity-building for auditors (art. 8)", [8]),
        ("art. 8", [8]),
        ("Legal advice (arts. 52 and 58)", [52, 58]),
        ("in line with articles 52, 53 and 57", [52, 53, 57]),
        ("article 14", [14]),
        ("Training (art. 46, para. 9 (b))", [46]),
        ("arts. 15-16", [15, 16]),
        ("arts. 15–16", [15, 16]),
        ("art. 52, paras. 1 and 5", [52]),
        ("Articles 15 to 18", [15, 16, 17, 18]),
        ("art. 46(9)(b)", [46]),
        ("articles 15 and 16, paragraph 2, and article 23", [15, 16, 23]),
        ("training (art. 15); legal advice (arts. 16, 18 and 21)", [15, 16, 18, 21]),
        ("art. 52 of the Convention", [52]),
        ("Formation des juges (art. 52 et 58)", [52, 58]),
        ("articles 15 à 18", [15, 16, 17, 18]),
        ("art. 46, par. 9 b)", [46]),
        ("(art. 8, al. 1)", [8]),
        ("art. 52 et 58 de la Convention", [52, 58]),
        ("Capacitación (arts. 52 y 58)", [52, 58]),
        ("artículo 14", [14]),
        ("artículos 15 a 18", [15, 16, 17, 18]),
        ("art. 46, párr. 9 b)", [46]),
        ("artículos 5, 6 y 9", [5, 6, 9]),
        ("state-of-the-art training for 20 officers", []),
        ("Amend article 317 of the Penal Code", []),
        ("review art. 12 of the Law on Public Procurement (art. 9)", [9]),
        ("article 317, paragraph 2, of the Penal Code", []),
        ("modifier l'article 5 de la loi sur la fonction publique", []),
        ("l'article 120 du Code pénal", []),
        ("reformar el artículo 7 de la Ley de Contrataciones", []),
        ("artículo 250 del Código Penal (art. 23)", [23]),
        ("article 18 of the Convention against Transnational Organized Crime", []),
        ("Amend the Penal Code, article 317", []),
        ("Law No. 45 of 2010, article 12, and training (art. 9)", [9]),
        ("reformar la Ley 30424, en su artículo 5", []),
        ("A new Anti-Corruption Act in line with article 20", [20]),
        ("drafting an asset declaration law (art. 8)", [8]),
        ("Training (arts. 51-59)", list(range(51, 60))),
        ("art. 52(1)(b) and 53", [52, 53]),
    ],
)
def test_cited_articles(text: str, expected: list[int]) -> None:
    assert cited_articles(text) == expected


def test_article_outside_the_convention_is_rejected() -> None:
    with pytest.raises(ArticleOutOfRange) as raised:
        cited_articles("Training for prosecutors (art. 152)")
    assert raised.value.number == 152
    assert "art. 152" in raised.value.snippet


def test_range_beyond_the_convention_is_rejected() -> None:
    with pytest.raises(ArticleOutOfRange):
        cited_articles("arts. 70-72")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Article 9", [9]),
        ("Art. 52 and 58:", [52, 58]),
        ("Articles 15 and 16 - Bribery", [15, 16]),
        ("Article 14 (Measures to prevent money-laundering)", [14]),
        ("Artículo 14", [14]),
        ("Article 52 : prévention et détection des transferts du produit du crime", [52]),
        ("Arts. 5 and 6", [5, 6]),
        ("• Article 9:", [9]),
        ("ARTICLE 10", [10]),
        ("Artículos 15 a 18 – Soborno", [15, 16, 17, 18]),
        ("Measures to prevent money-laundering (art. 14)", [14]),
    ],
)
def test_heading_articles(line: str, expected: list[int]) -> None:
    assert heading_articles(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Capacity-building for judges",
        "Article 317 of the Penal Code should be amended.",
        "Article 9: capacity-building for procurement officers on e-procurement and the new audit rules.",
        "The authorities referred to article 9 in their answer",
        "",
    ],
)
def test_not_a_heading(line: str) -> None:
    assert heading_articles(line) is None
