"""Technical-assistance parts found per chapter and split into single needs with their articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.articles import ArticleOutOfRange
from pipelines.model import ChapterPart, SourceLine
from pipelines.segment import chapter_of_heading, find_parts, no_needs_statement, ta_heading

FIXTURES = Path(__file__).parent / "fixtures" / "parse"


def text_lines(text: str, page: int | None = None) -> list[SourceLine]:
    """Lines of a text file as the cleaner hands them over, numbered from 1."""
    return [SourceLine(line, page, number) for number, line in enumerate(text.split("\n"), start=1)]


def fixture_lines(name: str) -> list[SourceLine]:
    return text_lines((FIXTURES / name).read_text(encoding="utf-8"))


def word_lines(paragraphs: list[tuple[str, str]]) -> list[SourceLine]:
    """Word paragraphs as (kind, text), kind '' for a plain paragraph."""
    return [SourceLine(text, None, number, "paragraph", kind) for number, (kind, text) in
            enumerate(paragraphs, start=1)]


def needs_of(part: ChapterPart) -> list[tuple[str, list[int], str]]:
    return [(need.text, need.articles, need.article_source) for need in part.needs]


def by_chapter(lines: list[SourceLine], chapters: list[int], language: str = "en") -> dict[int, ChapterPart]:
    parts = find_parts(lines, chapters, language)
    assert [part.chapter for part in parts] == chapters
    return {part.chapter: part for part in parts}


def test_english_bullets_sub_headings_and_intro_citing_an_article() -> None:
    parts = by_chapter(fixture_lines("en_kenya_cycle2.txt"), [2, 5])
    assert parts[2].status == "needs"
    assert needs_of(parts[2]) == [
        ("Capacity-building for the staff of the asset declaration unit (art. 8)", [8], "cited"),
        ("Legislative assistance to draft a law on access to information (art. 10)", [10], "cited"),
        ("Development of a case-management system for the Ethics and Anti-Corruption Commission", [], "none"),
        ("Training for procurement officers (art. 9, para. 1 (b))", [9], "cited"),
    ]
    assert needs_of(parts[5]) == [
        ("Training of bank staff on politically exposed persons", [52], "heading"),
        ("Guidance on beneficial ownership", [52], "heading"),
        ("Capacity-building for prosecutors on non-conviction-based forfeiture", [54, 55], "heading"),
        ("model legislation on the return of assets", [57], "heading"),
        ("legal advice on asset-sharing agreements (art. 57, para. 5)", [57], "cited"),
        ("a database of seized assets", [57], "heading"),
    ]
    first, *_, last = parts[5].needs
    assert first.heading == "Article 52" and first.ordinal == 1 and first.location == "line 57"
    assert last.ordinal == 6 and last.location == "line 63"
    assert parts[2].needs[0].location == "line 43" and parts[2].location == "line 42"


def test_french_sub_headings_semicolon_sentence_and_no_needs() -> None:
    parts = by_chapter(fixture_lines("fr_senegal_cycle2.txt"), [2, 5], "fr")
    assert needs_of(parts[2]) == [
        ("Renforcement des capacités des agents de la fonction publique en matière de recrutement", [7], "heading"),
        ("Conseils juridiques sur les conflits d'intérêts (art. 7, par. 4)", [7], "cited"),
        ("Élaboration d'un système de passation électronique des marchés publics", [9], "heading"),
        ("formation des magistrats (art. 11)", [11], "cited"),
        ("lois types sur l'accès à l'information (art. 10)", [10], "cited"),
        ("échange de bonnes pratiques", [], "none"),
    ]
    assert parts[2].needs[0].heading == "Article 7 – Secteur public"
    assert parts[5].status == "no_needs"
    assert parts[5].statement == "Aucun besoin d'assistance technique n'a été recensé au titre du chapitre V."
    assert parts[5].needs == []


def test_spanish_lettered_items_other_instrument_and_no_needs() -> None:
    parts = by_chapter(fixture_lines("es_peru_cycle1.txt"), [3, 4], "es")
    assert needs_of(parts[3]) == [
        ("Capacitación de fiscales y jueces en materia de enriquecimiento ilícito (art. 20)", [20], "cited"),
        ("Asistencia legislativa para reformar el artículo 7 de la Ley de Contrataciones (arts. 15 a 18)",
         [15, 16, 17, 18], "cited"),
        ("Un sistema de gestión de casos", [], "none"),
    ]
    assert parts[4].status == "no_needs"
    assert parts[4].statement.startswith("El Perú no indicó necesidades")


def test_upper_case_headings_numbered_items_and_a_page_break_inside_an_item() -> None:
    parts = by_chapter(fixture_lines("en_messy_pdf.txt"), [3, 4])
    assert needs_of(parts[3]) == [
        ("capacity-building for investigators and prosecutors on financial investigations (arts. 23 and 31)",
         [23, 31], "cited"),
        ("legal advice on the liability of legal persons (art. 26)", [26], "cited"),
        ("a summary of good practices", [], "none"),
        ("Specialized training for judges on the new anti-corruption law (art. 36)", [36], "cited"),
        ("Development of an electronic case-management system for the anti-corruption agency, including the "
         "necessary hardware and training of its staff (art. 36)", [36], "cited"),
        ("Model legislation on whistle-blower protection (art. 33)", [33], "cited"),
    ]
    assert parts[4].status == "no_needs"


def test_inline_lettered_list_and_roman_items_after_an_article_intro() -> None:
    parts = by_chapter(fixture_lines("en_inline_letters.txt"), [2, 5])
    assert needs_of(parts[2]) == [
        ("a needs assessment of the Office of the Special Prosecutor (art. 6)", [6], "cited"),
        ("training of procurement staff (art. 9, para. 1 (a) and (b))", [9], "cited"),
        ("support for the development of a code of conduct for members of Parliament (art. 8)", [8], "cited"),
        ("awareness-raising campaigns", [13], "heading"),
        ("support to civil society organizations", [13], "heading"),
    ]
    assert parts[5].status == "no_section" and parts[5].location is None


def test_sentence_without_heading_ignores_recommendations_and_commentary() -> None:
    parts = by_chapter(fixture_lines("en_no_heading_sentence.txt"), [2, 5])
    assert parts[2].status == "no_section"
    assert needs_of(parts[5]) == [
        ("training for asset managers (art. 57)", [57], "cited"),
        ("a study on non-conviction-based forfeiture (art. 54, para. 1 (c))", [54], "cited"),
    ]


def test_word_paragraphs_with_list_styles_and_no_glyphs() -> None:
    lines = word_lines([
        ("heading", "Chapter II: Preventive measures"),
        ("", "Observations on the implementation of the articles"),
        ("", "Recommendations:"),
        ("bullet", "Adopt a code of conduct (art. 8)."),
        ("heading", "Technical assistance needs identified"),
        ("", "Article 9 – Public procurement"),
        ("bullet", "Training for procurement officers"),
        ("bullet", "An e-procurement platform;"),
        ("", "Articles 10 and 13"),
        ("bullet", "Awareness-raising on access to information; and"),
        ("numbered", "Support to civil society (art. 13)."),
        ("heading", "Chapter V: Asset recovery"),
        ("heading", "Technical assistance needs identified"),
        ("", "Uganda did not identify any technical assistance needs."),
    ])
    parts = by_chapter(lines, [2, 5])
    assert needs_of(parts[2]) == [
        ("Training for procurement officers", [9], "heading"),
        ("An e-procurement platform", [9], "heading"),
        ("Awareness-raising on access to information", [10, 13], "heading"),
        ("Support to civil society (art. 13)", [13], "cited"),
    ]
    assert parts[2].needs[2].location == "paragraph 10"
    assert parts[5].status == "no_needs"
    assert parts[5].statement == "Uganda did not identify any technical assistance needs."


def test_word_plain_paragraphs_each_a_need() -> None:
    lines = word_lines([
        ("", "2. Chapter III. Criminalization and law enforcement"),
        ("", "2.4. Technical assistance needs identified"),
        ("", "Jamaica identified the following needs:"),
        ("", "Training of investigators on money-laundering (art. 23)"),
        ("", "Legal advice on illicit enrichment (art. 20)"),
        ("", "3. Chapter IV. International cooperation"),
        ("", "3.2. Technical assistance needs identified"),
        ("", "None."),
    ])
    parts = by_chapter(lines, [3, 4])
    assert needs_of(parts[3]) == [
        ("Training of investigators on money-laundering (art. 23)", [23], "cited"),
        ("Legal advice on illicit enrichment (art. 20)", [20], "cited"),
    ]
    assert parts[4].status == "no_needs" and parts[4].statement == "None."


def test_semicolon_sentence_over_three_lines_and_item_split_across_pages() -> None:
    page_one = [SourceLine(text, 3, number) for number, text in enumerate([
        "2. Chapter II: preventive measures",
        "2.4. Technical assistance needs identified",
        "The following needs were identified: capacity-building for the anti-corruption",
        "commission (art. 6); development of a national anti-corruption strategy (art. 5);",
        "and specialized software for the analysis of asset declarations (art. 8).",
        "• Development of guidelines for the management of conflicts of interest",
        "in the public service, including for",
    ], start=20)]
    page_two = [SourceLine(text, 4, number) for number, text in enumerate([
        "",
        "members of the judiciary (art. 11);",
        "• Training on public procurement (art. 9).",
        "3. Chapter V: asset recovery",
        "3.4. Technical assistance needs identified",
        "No specific technical assistance needs were identified in relation to chapter V.",
    ], start=1)]
    parts = by_chapter(page_one + page_two, [2, 5])
    assert needs_of(parts[2]) == [
        ("capacity-building for the anti-corruption commission (art. 6)", [6], "cited"),
        ("development of a national anti-corruption strategy (art. 5)", [5], "cited"),
        ("specialized software for the analysis of asset declarations (art. 8)", [8], "cited"),
        ("Development of guidelines for the management of conflicts of interest in the public service, including "
         "for members of the judiciary (art. 11)", [11], "cited"),
        ("Training on public procurement (art. 9)", [9], "cited"),
    ]
    assert [need.location for need in parts[2].needs] == [
        "page 3, line 22", "page 3, line 23", "page 3, line 24", "page 3, line 25", "page 4, line 3",
    ]
    assert parts[5].statement == "No specific technical assistance needs were identified in relation to chapter V."


def test_bullet_holding_a_semicolon_list_is_split_but_not_inside_parentheses() -> None:
    lines = text_lines("\n".join([
        "Chapter V. Asset recovery",
        "Technical assistance needs identified",
        "• Legal advice on asset sharing; model agreements on asset return (art. 57)",
        "• Training for the financial intelligence unit (on analysis; on reporting) (art. 58)",
    ]))
    assert needs_of(by_chapter(lines, [5])[5]) == [
        ("Legal advice on asset sharing", [], "none"),
        ("model agreements on asset return (art. 57)", [57], "cited"),
        ("Training for the financial intelligence unit (on analysis; on reporting) (art. 58)", [58], "cited"),
    ]


def test_spanish_sub_heading_and_bullets_before_the_part_are_not_needs() -> None:
    lines = text_lines("\n".join([
        "3. Capítulo V: recuperación de activos",
        "3.2. Logros y buenas prácticas",
        "• La cooperación entre la fiscalía y la unidad de inteligencia financiera (art. 58).",
        "3.3. Problemas en la aplicación",
        "Se recomienda que Colombia:",
        "• Refuerce la capacitación de los fiscales (art. 53).",
        "3.4. Necesidades de asistencia técnica señaladas",
        "Artículos 54 y 55",
        "• Capacitación de jueces en decomiso sin condena;",
        "• Asistencia legislativa.",
        "Artículo 57 – Restitución y disposición de activos",
        "• Un estudio sobre acuerdos de restitución (art. 57, párr. 5).",
    ]))
    assert needs_of(by_chapter(lines, [5], "es")[5]) == [
        ("Capacitación de jueces en decomiso sin condena", [54, 55], "heading"),
        ("Asistencia legislativa", [54, 55], "heading"),
        ("Un estudio sobre acuerdos de restitución (art. 57, párr. 5)", [57], "cited"),
    ]


def test_chapter_with_section_but_no_part_and_missing_chapter() -> None:
    lines = text_lines("\n".join([
        "2. Chapter II: preventive measures",
        "2.1. Observations on the implementation of the articles",
        "Technical assistance was provided by UNDP in 2018 (art. 6).",
        "2.2. Successes and good practices",
        "• Training of auditors (art. 9).",
    ]))
    parts = by_chapter(lines, [2, 5])
    assert parts[2].status == "no_section" and parts[2].needs == []
    assert parts[5].status == "no_section"


def test_table_of_contents_does_not_hide_the_body_section() -> None:
    lines = text_lines("\n".join([
        "Contents",
        "2. Chapter II: preventive measures ........ 2",
        "3. Chapter V: asset recovery ........ 4",
        "2. Chapter II: preventive measures",
        "Technical assistance needs identified",
        "• Training for auditors (art. 9).",
        "3. Chapter V: asset recovery",
        "Technical assistance needs identified",
        "Le Kenya n'a pas fait état de besoins d'assistance technique.",
    ]))
    parts = by_chapter(lines, [2, 5])
    assert needs_of(parts[2]) == [("Training for auditors (art. 9)", [9], "cited")]
    assert parts[5].status == "no_needs"


def test_article_outside_the_convention_carries_its_location() -> None:
    lines = text_lines("Chapter II: preventive measures\nTechnical assistance needs identified\n• Training (art. 88).")
    with pytest.raises(ArticleOutOfRange) as raised:
        find_parts(lines, [2], "en")
    assert raised.value.number == 88 and raised.value.location == "line 3"


def test_text_file_with_one_paragraph_per_line() -> None:
    long = " for the staff of the national anti-corruption commission and of the supreme audit institution"
    lines = text_lines("\n".join([
        "Chapter II: preventive measures",
        "Technical assistance needs identified",
        "Specialized training" + long + " (art. 6)",
        "Development of a code of conduct" + long + " (art. 8)",
    ]))
    assert [need.articles for need in by_chapter(lines, [2])[2].needs] == [[6], [8]]


@pytest.mark.parametrize(
    "sentence",
    [
        "No technical assistance needs were identified.",
        "Kenya did not identify any technical assistance needs.",
        "No specific technical assistance needs were identified in relation to chapter V.",
        "Kenya indicated that it did not require technical assistance in respect of chapter V.",
        "Aucun besoin d'assistance technique n'a été recensé.",
        "Aucun besoin d'assistance technique n'a été identifié.",
        "Le Kenya n'a pas fait état de besoins d'assistance technique.",
        "L'État examiné n'a fait état d'aucun besoin d'assistance technique.",
        "No se detectaron necesidades de asistencia técnica.",
        "No se identificaron necesidades de asistencia técnica.",
        "Chile no indicó necesidades de asistencia técnica.",
        "None.",
    ],
)
def test_no_needs_statements(sentence: str) -> None:
    assert no_needs_statement(sentence) == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Training for staff who do not yet have skills in financial investigations (art. 52).",
        "Capacity-building for the anti-corruption commission (art. 6)",
        "Kenya identified the following technical assistance needs:",
    ],
)
def test_needs_are_not_no_needs_statements(sentence: str) -> None:
    assert no_needs_statement(sentence) is None


@pytest.mark.parametrize(
    ("line", "chapter"),
    [
        ("2. Chapter II: preventive measures", 2),
        ("Chapter V. Asset recovery", 5),
        ("Chapitre II : mesures préventives", 2),
        ("Capítulo V: recuperación de activos", 5),
        ("III. Chapter III - Criminalization and law enforcement", 3),
        ("CHAPTER IV. INTERNATIONAL COOPERATION", 4),
        ("Chapter IV", 4),
        ("Chapter II of the Convention requires States to prevent corruption.", None),
        ("The chapter V review", None),
    ],
)
def test_chapter_headings(line: str, chapter: int | None) -> None:
    assert chapter_of_heading(line) == chapter


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2.4. Technical assistance needs identified", (True, "")),
        ("Technical assistance needs", (True, "")),
        ("Technical assistance needs identified:", (True, "")),
        ("Technical assistance needs identified: legal advice (art. 52)", (True, "legal advice (art. 52)")),
        ("Besoins d'assistance technique recensés", (True, "")),
        ("Besoins en matière d'assistance technique", (True, "")),
        ("3.4. Necesidades de asistencia técnica identificadas", (True, "")),
        ("TECHNICAL ASSISTANCE NEEDS IDENTIFIED", (True, "")),
        ("2.4. Technical assistance required", (True, "")),
        ("Technical assistance requested:", (True, "")),
        ("Assistance technique demandée", (True, "")),
        ("Asistencia técnica requerida", (True, "")),
        ("Technical assistance required by the State includes training.", (False, "")),
        ("Technical assistance needs are met by a range of donors and partners in the country.", (False, "")),
    ],
)
def test_ta_headings(line: str, expected: tuple[bool, str]) -> None:
    assert ta_heading(line) == expected


def test_pdf_lines_without_blank_lines_or_bullet_punctuation() -> None:
    parts = by_chapter(fixture_lines("en_cycle1_no_blank_lines.txt"), [3, 4])
    assert needs_of(parts[3]) == [
        ("Summary of good practices and lessons learned on the criminalization of illicit enrichment (art. 20)",
         [20], "cited"),
        ("Legislative drafting assistance", [], "none"),
        ("On-site assistance by an anti-corruption expert", [], "none"),
        ("Capacity-building programmes for authorities responsible for the investigation of money-laundering",
         [23, 24], "heading"),
        ("Model legislation", [23, 24], "heading"),
        ("Development of a witness protection programme", [32], "heading"),
    ]
    assert parts[3].needs[3].heading == "Articles 23 and 24"
    assert parts[4].status == "no_needs"
    assert parts[4].statement == (
        "Mongolia did not request technical assistance in relation to chapter IV of the Convention.")


def test_french_inline_letters_without_opening_parenthesis() -> None:
    lines = text_lines("\n".join([
        "Chapitre V : recouvrement d'avoirs",
        "Besoins d'assistance technique recensés",
        "Le Bénin a indiqué avoir besoin : a) d'une formation des enquêteurs (art. 52, par. 1 b)) ; b) de conseils",
        "juridiques (art. 54) ; et c) d'un logiciel de gestion des avoirs saisis.",
    ]))
    assert needs_of(by_chapter(lines, [5], "fr")[5]) == [
        ("d'une formation des enquêteurs (art. 52, par. 1 b))", [52], "cited"),
        ("de conseils juridiques (art. 54)", [54], "cited"),
        ("d'un logiciel de gestion des avoirs saisis", [], "none"),
    ]


def test_bullet_article_label_with_its_need_is_a_need() -> None:
    lines = text_lines("\n".join([
        "Chapter II. Preventive measures",
        "Technical assistance needs identified",
        "• Article 9: an electronic procurement system",
        "• Article 10 – guidance on proactive publication",
        "Article 12: Training for private-sector compliance officers",
        "Article 13: Support to civil society",
    ]))
    # The counting rule (DOMAIN.md): the need's text does not keep its "Article N:" lead-in, whose articles it takes.
    assert needs_of(by_chapter(lines, [2])[2]) == [
        ("an electronic procurement system", [9], "heading"),
        ("guidance on proactive publication", [10], "heading"),
        ("Training for private-sector compliance officers", [12], "heading"),
        ("Support to civil society", [13], "heading"),
    ]


def test_glyph_alone_on_its_line_and_closing_commentary() -> None:
    lines = text_lines("\n".join([
        "3. Chapter IV: International cooperation",
        "3.4. Technical assistance needs identified",
        "•",
        "Training of the central authority on mutual legal assistance requests (art. 46)",
        "•",
        "A case-management system for extradition requests (art. 44)",
        "Some of these needs are already being addressed by UNODC.",
    ]))
    assert needs_of(by_chapter(lines, [4])[4]) == [
        ("Training of the central authority on mutual legal assistance requests (art. 46)", [46], "cited"),
        ("A case-management system for extradition requests (art. 44)", [44], "cited"),
    ]


@pytest.mark.parametrize("remark", [
    "The above needs were communicated to UNODC.",
    "These needs have been shared with development partners.",
    "Ces besoins ont été transmis à l'ONUDC.",
    "Estas necesidades fueron comunicadas a la UNODC.",
])
def test_a_closing_sentence_about_the_needs_is_not_a_need(remark: str) -> None:
    lines = text_lines("\n".join([
        "2. Chapter II: Preventive measures",
        "2.4. Technical assistance required",
        "– Training of procurement officers on e-procurement (art. 9);",
        "– Legal advice on asset declarations (art. 8).",
        remark,
    ]))
    assert [text for text, _, _ in needs_of(by_chapter(lines, [2])[2])] == [
        "Training of procurement officers on e-procurement (art. 9)", "Legal advice on asset declarations (art. 8)"]


def test_a_closing_remark_run_on_into_the_last_item_is_cut_off() -> None:
    lines = text_lines("\n".join([
        "2. Chapter II: Preventive measures",
        "2.4. Technical assistance needs identified",
        "– Training of procurement officers on e-procurement (art. 9);",
        "– Legal advice on access to information regulations (art. 10). The above needs were communicated to UNODC.",
    ]))
    assert [text for text, _, _ in needs_of(by_chapter(lines, [2])[2])] == [
        "Training of procurement officers on e-procurement (art. 9)",
        "Legal advice on access to information regulations (art. 10)"]


def test_numbered_paragraphs_of_a_un_document() -> None:
    # Paragraph numbers in the margin make every paragraph look like an item of a numbered list.
    lines = text_lines("\n".join([
        "2. Chapter II: Preventive measures",
        "2.4. Technical assistance needs identified",
        "6. Kazakhstan identified the following needs: (a) training of officials on gifts (art. 7);",
        "(b) legal advice on the financing of political parties (art. 7, para. 3).",
        "7. The above needs were communicated to UNODC.",
        "3. Chapter V: Asset recovery",
        "3.4. Technical assistance needs identified",
        "9. Kazakhstan did not identify any technical assistance needs under chapter V.",
    ]))
    parts = by_chapter(lines, [2, 5])
    assert needs_of(parts[2]) == [
        ("training of officials on gifts (art. 7)", [7], "cited"),
        ("legal advice on the financing of political parties (art. 7, para. 3)", [7], "cited"),
    ]
    assert parts[5].status == "no_needs" and not parts[5].needs


def test_header_row_of_a_word_table_of_needs_is_not_a_need() -> None:
    lines = word_lines([
        ("heading", "2. Chapter II: Preventive measures"),
        ("heading", "2.4. Technical assistance needs identified"),
        ("", "Article"), ("", "Technical assistance needs"),
        ("", "Art. 8"), ("", "Training of the staff of the asset declaration unit"),
        ("", "Art. 9"), ("", "An electronic procurement system"),
    ])
    texts = [text for text, _, _ in needs_of(find_parts(lines, [2], "en")[0])]
    assert "Article" not in texts and "Training of the staff of the asset declaration unit" in texts


def test_spanish_numbered_items_with_parenthesis_and_wrapped_citation() -> None:
    lines = text_lines("\n".join([
        "Capítulo II: medidas preventivas",
        "Necesidades de asistencia técnica identificadas",
        "El Ecuador señaló las siguientes necesidades:",
        "1) Capacitación de los funcionarios de la Contraloría General del Estado (art. 9, párr.",
        "2);",
        "2) Asistencia legislativa en materia de conflictos de intereses (arts. 7 y 8);",
        "3) Intercambio de experiencias con otros Estados.",
        "Capítulo V: recuperación de activos",
        "Necesidades de asistencia técnica identificadas",
        "No se identificaron necesidades de asistencia técnica.",
    ]))
    parts = by_chapter(lines, [2, 5], "es")
    assert needs_of(parts[2]) == [
        ("Capacitación de los funcionarios de la Contraloría General del Estado (art. 9, párr. 2)", [9], "cited"),
        ("Asistencia legislativa en materia de conflictos de intereses (arts. 7 y 8)", [7, 8], "cited"),
        ("Intercambio de experiencias con otros Estados", [], "none"),
    ]
    assert parts[5].status == "no_needs"


def test_roman_numeral_of_a_no_needs_sentence_wrapped_onto_its_own_line() -> None:
    lines = text_lines("\n".join([
        "2. Chapter III: criminalization and law enforcement",
        "2.4. Technical assistance needs identified",
        "Australia indicated that it did not require technical assistance in respect of chapter",
        "III.",
    ]))
    part = by_chapter(lines, [3])[3]
    assert part.status == "no_needs" and part.needs == []
    assert part.statement == (
        "Australia indicated that it did not require technical assistance in respect of chapter III.")


def test_french_word_document_with_title_only_chapter_headings_and_a_closing_remark() -> None:
    lines = word_lines([
        ("heading", "II. Mesures préventives"),
        ("heading", "Besoins en matière d'assistance technique"),
        ("", "Le Mali a indiqué avoir besoin de l'assistance technique suivante :"),
        ("bullet", "formation des magistrats de la Cour des comptes (art. 9) ;"),
        ("bullet", "appui à l'élaboration d'une stratégie nationale (art. 5)."),
        ("", "Le Mali a déjà reçu une assistance de l'ONUDC dans ce domaine."),
        ("heading", "V. Recouvrement d'avoirs"),
        ("heading", "Besoins d'assistance technique recensés"),
        ("", "Le Mali n'a pas fait état de besoins d'assistance technique au titre du chapitre V."),
    ])
    parts = by_chapter(lines, [2, 5], "fr")
    assert needs_of(parts[2]) == [
        ("formation des magistrats de la Cour des comptes (art. 9)", [9], "cited"),
        ("appui à l'élaboration d'une stratégie nationale (art. 5)", [5], "cited"),
    ]
    assert parts[2].location == "paragraph 2"
    assert parts[5].status == "no_needs"


def test_article_label_heading_its_own_semicolon_list() -> None:
    lines = text_lines("\n".join([
        "Chapter II: preventive measures",
        "Technical assistance needs identified",
        "• Article 9: an e-procurement platform; training of auditors (art. 10)",
        "• Articles 5 and 6 – a national strategy",
    ]))
    assert needs_of(by_chapter(lines, [2])[2]) == [
        ("an e-procurement platform", [9], "heading"),
        ("training of auditors (art. 10)", [10], "cited"),
        ("a national strategy", [5, 6], "heading"),
    ]


def test_heading_with_its_needs_on_the_same_line() -> None:
    lines = text_lines("\n".join([
        "Chapter V: asset recovery",
        "Technical assistance needs identified by Kenya include: training of asset managers (art. 57); legal advice.",
    ]))
    assert needs_of(by_chapter(lines, [5])[5]) == [
        ("training of asset managers (art. 57)", [57], "cited"),
        ("legal advice", [], "none"),
    ]


def test_sub_heading_outside_the_convention_carries_its_location() -> None:
    lines = text_lines("Chapter II: preventive measures\nTechnical assistance needs identified\nArticle 95\n• Training")
    with pytest.raises(ArticleOutOfRange) as raised:
        find_parts(lines, [2], "en")
    assert raised.value.location == "line 3"


def test_citation_cut_by_a_page_break_and_capital_inside_a_running_list() -> None:
    page_three = [SourceLine(text, 3, number) for number, text in enumerate([
        "3. Chapitre V : recouvrement d'avoirs",
        "3.4. Besoins d'assistance technique recensés",
        "Les besoins suivants ont été recensés : conseils juridiques ; échange de bonnes pratiques avec d'autres",
        "États en matière de gestion des avoirs saisis (art. 54 et 55) ;",
        "6. Renforcement des ressources du bureau de confiscation des avoirs (art. 57, par.",
    ], start=30)]
    page_four = [SourceLine("", 4, 1), SourceLine("4 b)).", 4, 2)]
    assert needs_of(by_chapter(page_three + page_four, [5], "fr")[5]) == [
        ("conseils juridiques", [], "none"),
        ("échange de bonnes pratiques avec d'autres États en matière de gestion des avoirs saisis (art. 54 et 55)",
         [54, 55], "cited"),
        ("Renforcement des ressources du bureau de confiscation des avoirs (art. 57, par. 4 b))", [57], "cited"),
    ]


def test_plain_need_ending_in_a_citation_under_an_article_sub_heading() -> None:
    lines = text_lines("\n".join([
        "2. Chapter III: criminalization and law enforcement",
        "2.4. Technical assistance needs identified",
        "Article 26",
        "On-site assistance by an expert in the liability of legal persons",
        "",
        "Art. 20 - Illicit enrichment",
        "Workshops and training courses on illicit enrichment (art. 20, para. 2)",
    ]))
    assert needs_of(by_chapter(lines, [3])[3]) == [
        ("On-site assistance by an expert in the liability of legal persons", [26], "heading"),
        ("Workshops and training courses on illicit enrichment (art. 20, para. 2)", [20], "cited"),
    ]


def test_numbering_running_on_from_the_recommendations_list() -> None:
    lines = text_lines("\n".join([
        "Chapter II: preventive measures",
        "It is recommended that Fiji:",
        "1. Adopt a code of conduct (art. 8);",
        "2. Publish procurement decisions (art. 9).",
        "Technical assistance needs identified",
        "3. Training for procurement officers (art. 9);",
        "4. An asset declaration system (art. 8).",
    ]))
    assert needs_of(by_chapter(lines, [2])[2]) == [
        ("Training for procurement officers (art. 9)", [9], "cited"),
        ("An asset declaration system (art. 8)", [8], "cited"),
    ]
