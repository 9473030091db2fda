"""The error classes of the second blind set, each on small summaries of our own wording, in text, Word and PDF,
in three languages (tests/fixtures/blind2/SCORES.md lists the instances; none of its wording is used here):

1. an article label opening a semicolon list run on in a text paragraph ("Article 9: a; b."), with the French
   space before the colon, and a label whose list wraps onto a line that starts with a capital;
2. an item cut at a line end where the next line starts with a capitalised word ("... including by providing" /
   "IT equipment for ...");
3. a closing sentence about the needs ("The technical assistance needs identified would contribute to ...") and a
   report that some needs were covered already ("... étaient déjà couverts avec l'appui de ...");
4. a "no needs" sentence right after the sentence that introduces a part without a heading;
5. items of a list under an "Articles 52 and 53" sub-heading.
The type convention and the doubt flags are tested in test_doubts2.py.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from docx import Document
from fpdf import FPDF

from pipelines.classify import load_taxonomy
from pipelines.parse import ParsedDocument
from pipelines.reference import Reference
from tests.test_error_classes import FONT, FRONT, SUMMARIES, parse_second_cycle

WIDTH = 74

WORDS = {
    "en": dict(
        article="Article 9: legal advice on public procurement; model legislation on tendering.",
        articles="Articles 10 and 13: guidance for the Ministry of Finance on publishing the budget for the",
        articles_tail="Public; a public information portal on the budget.",
        closing="The technical assistance needs identified would contribute to the effective implementation of "
                "chapter II.",
        items=[["Legal advice on the recognition of foreign confiscation orders (art. 54);"],
               ["Strengthening of the Asset Recovery Office, including by providing",
                "IT equipment for the tracing of assets (art. 51);"],
               ["Exchange of experience on the return of assets (art. 57)."]],
        covered="{country} indicated that some of these needs were already covered with the support of a "
                "regional development bank.",
        subheading="Articles 52 and 53",
        sub_items=["Training of bank compliance officers on enhanced due diligence;",
                   "A register of bank accounts."],
        intro="The following technical assistance needs were identified:",
        none="No technical assistance needs were identified.",
    ),
    "fr": dict(
        article="Article 9 : conseils juridiques sur les marchés publics ; loi type sur les appels d'offres.",
        articles="Articles 10 et 13 : guide à l'intention du Ministère des finances sur la publication du budget de",
        articles_tail="l'État ; un portail d'information du public sur le budget.",
        closing="Les besoins d'assistance technique recensés contribueraient à une meilleure application du "
                "chapitre II.",
        items=[["Conseils juridiques sur la reconnaissance des décisions de confiscation étrangères (art. 54) ;"],
               ["Renforcement du Bureau de recouvrement des avoirs, y compris par la fourniture de",
                "Matériel informatique pour la localisation des avoirs (art. 51) ;"],
               ["Échange d'expériences sur la restitution des avoirs (art. 57)."]],
        covered="{country} a indiqué que certains de ces besoins étaient déjà couverts avec l'appui d'une banque "
                "régionale de développement.",
        subheading="Articles 52 et 53",
        sub_items=["Formation des responsables de la conformité des banques sur la vigilance renforcée ;",
                   "Un registre des comptes bancaires."],
        intro="Les besoins d'assistance technique ci-après ont été recensés :",
        none="Aucun besoin d'assistance technique n'a été recensé.",
    ),
    "es": dict(
        article="Artículo 9: asesoramiento jurídico sobre contratación pública; legislación modelo sobre licitaciones.",
        articles="Artículos 10 y 13: guía para el Ministerio de Hacienda sobre la publicación del presupuesto del",
        articles_tail="Estado; un portal de datos abiertos sobre el presupuesto.",
        closing="Las necesidades de asistencia técnica detectadas contribuirían a la aplicación efectiva del "
                "capítulo II.",
        items=[["Asesoramiento jurídico sobre el reconocimiento de órdenes de decomiso extranjeras (art. 54);"],
               ["Fortalecimiento de la Oficina de Recuperación de Activos, incluida la dotación de",
                "Equipos informáticos para el rastreo de activos (art. 51);"],
               ["Intercambio de experiencias sobre la restitución de activos (art. 57)."]],
        covered="{country} indicó que algunas de estas necesidades ya estaban cubiertas con el apoyo de un banco "
                "regional de desarrollo.",
        subheading="Artículos 52 y 53",
        sub_items=["Capacitación de los oficiales de cumplimiento de los bancos sobre la diligencia debida reforzada;",
                   "Un registro de cuentas bancarias."],
        intro="Se detectaron las siguientes necesidades de asistencia técnica:",
        none="No se detectaron necesidades de asistencia técnica.",
    ),
}

EXPECTED = {
    "en": {2: [("legal advice on public procurement", [9], ["legislative"]),
               ("model legislation on tendering", [9], ["legislative"]),
               ("guidance for the Ministry of Finance on publishing the budget for the Public", [10, 13],
                ["capacity-building"]),
               ("a public information portal on the budget", [10, 13], ["institution-building"])],
           5: [("Legal advice on the recognition of foreign confiscation orders (art. 54)", [54], ["legislative"]),
               ("Strengthening of the Asset Recovery Office, including by providing IT equipment for the tracing of "
                "assets (art. 51)", [51], ["institution-building", "other"]),
               ("Exchange of experience on the return of assets (art. 57)", [57], ["other"]),
               ("Training of bank compliance officers on enhanced due diligence", [52, 53], ["capacity-building"]),
               ("A register of bank accounts", [52, 53], ["institution-building"])]},
    "fr": {2: [("conseils juridiques sur les marchés publics", [9], ["legislative"]),
               ("loi type sur les appels d'offres", [9], ["legislative"]),
               ("guide à l'intention du Ministère des finances sur la publication du budget de l'État", [10, 13],
                ["capacity-building"]),
               ("un portail d'information du public sur le budget", [10, 13], ["institution-building"])],
           5: [("Conseils juridiques sur la reconnaissance des décisions de confiscation étrangères (art. 54)", [54],
                ["legislative"]),
               ("Renforcement du Bureau de recouvrement des avoirs, y compris par la fourniture de Matériel "
                "informatique pour la localisation des avoirs (art. 51)", [51], ["institution-building", "other"]),
               ("Échange d'expériences sur la restitution des avoirs (art. 57)", [57], ["other"]),
               ("Formation des responsables de la conformité des banques sur la vigilance renforcée", [52, 53],
                ["capacity-building"]),
               ("Un registre des comptes bancaires", [52, 53], ["institution-building"])]},
    "es": {2: [("asesoramiento jurídico sobre contratación pública", [9], ["legislative"]),
               ("legislación modelo sobre licitaciones", [9], ["legislative"]),
               ("guía para el Ministerio de Hacienda sobre la publicación del presupuesto del Estado", [10, 13],
                ["capacity-building"]),
               ("un portal de datos abiertos sobre el presupuesto", [10, 13], ["institution-building"])],
           5: [("Asesoramiento jurídico sobre el reconocimiento de órdenes de decomiso extranjeras (art. 54)", [54],
                ["legislative"]),
               ("Fortalecimiento de la Oficina de Recuperación de Activos, incluida la dotación de Equipos "
                "informáticos para el rastreo de activos (art. 51)", [51], ["institution-building", "other"]),
               ("Intercambio de experiencias sobre la restitución de activos (art. 57)", [57], ["other"]),
               ("Capacitación de los oficiales de cumplimiento de los bancos sobre la diligencia debida reforzada",
                [52, 53], ["capacity-building"]),
               ("Un registro de cuentas bancarias", [52, 53], ["institution-building"])]},
}


def rows(language: str, headless_ch5: bool) -> list[tuple[str, list[str]]]:
    """The summary as (kind, physical lines): kinds 'head', 'para', 'item' (numbered), 'bullet', 'sub'."""
    s, w = SUMMARIES[language], WORDS[language]
    country = s.country

    def para(text: str) -> tuple[str, list[str]]:
        return "para", textwrap.wrap(text, WIDTH)

    out = [("head", [s.symbol]), *[("para", [line]) for line in FRONT[language]], ("para", [country]),
           para(s.words["review"]), ("head", [s.words["ch2"]]), ("head", [s.words["obs2"]]), para(s.words["body2"]),
           # Lines of body text as long as those of the lists, so the layout's usual line is a full one.
           para(" ".join([s.words["body2"]] * 6)),
           ("head", [s.words["ta5"].replace("3.2.", "2.2.")]),
           para(w["article"]), ("para", [w["articles"], w["articles_tail"]]), para(w["closing"]),
           ("head", [s.words["ch5"]]), ("head", [s.words["obs5"]]), para(s.words["body5"]),
           para(" ".join([s.words["body5"]] * 6))]
    if headless_ch5:
        return [*out, ("para", [w["intro"]]), ("para", [w["none"]])]
    items = [("item", [f"{number}.  {lines[0]}", *lines[1:]]) for number, lines in enumerate(w["items"], start=1)]
    return [*out, ("head", [s.words["ta5"]]), *items, para(w["covered"].format(country=country)),
            ("sub", [w["subheading"]]), *[("bullet", [text]) for text in w["sub_items"]]]


def to_text(language: str, headless_ch5: bool, path: Path) -> None:
    """Text pasted from a PDF: lines wrapped where the PDF wrapped them, items with a hanging indent."""
    lines = []
    for kind, physical in rows(language, headless_ch5):
        if kind == "item":
            lines += ["   " + physical[0], *["       " + line for line in physical[1:]]]
        elif kind == "bullet":
            lines += ["   •  " + physical[0], *["      " + line for line in physical[1:]]]
        else:
            lines += physical
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def to_docx(language: str, headless_ch5: bool, path: Path) -> None:
    """Word: one paragraph per block, numbered items typed, bullets in the list style."""
    document = Document()
    for kind, physical in rows(language, headless_ch5):
        text = " ".join(physical)
        document.add_paragraph(text, style="List Bullet" if kind == "bullet" else None)
    document.save(str(path))


def to_pdf(language: str, headless_ch5: bool, path: Path) -> None:
    """PDF set line by line, so each line ends where the text file's does."""
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    for kind, physical in rows(language, headless_ch5):
        for number, line in enumerate(physical):
            indent = "• " if kind == "bullet" and number == 0 else ""
            pdf.cell(0, 5, indent + line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))


RENDER = {"txt": to_text, "docx": to_docx, "pdf": to_pdf}


@pytest.fixture(scope="module")
def tools():
    return Reference.load(), load_taxonomy()


def parsed(tmp_path: Path, language: str, fmt: str, tools, headless_ch5: bool = False) -> ParsedDocument:
    path = tmp_path / f"summary_{language}.{fmt}"
    RENDER[fmt](language, headless_ch5, path)
    return parse_second_cycle(path, tools)


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_each_class_is_read_with_the_counting_rule(tmp_path: Path, language: str, fmt: str, tools) -> None:
    doc = parsed(tmp_path, language, fmt, tools)
    got = {part.chapter: [(need.text, need.articles, need.types) for need in part.needs] for part in doc.parts}
    # Each label heads its own elements and leaves their text; the wrapped lead-in and the item cut at a line end
    # stay whole; the closing sentence and the report of needs already covered are no needs.
    assert got == EXPECTED[language]
    # Needs read right carry no doubt flag of the segmenter.
    assert not [need.flags for part in doc.parts for need in part.needs if need.flags]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_no_needs_after_the_sentence_that_opens_a_part(tmp_path: Path, language: str, fmt: str, tools) -> None:
    doc = parsed(tmp_path, language, fmt, tools, headless_ch5=True)
    chapter5 = doc.parts[1]
    assert (chapter5.status, chapter5.statement) == ("no_needs", WORDS[language]["none"])
