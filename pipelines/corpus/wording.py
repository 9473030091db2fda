"""Fixed wording of executive summaries in English, French and Spanish: cover block, headings, dates, article
citations, intro and no-needs sentences, and the filler prose around the needs."""

from __future__ import annotations

import random
from datetime import date

SAMPLE_NOTICE = "Illustrative sample - not an official United Nations document"

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
}

ORDINALS = {
    "en": ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh",
           "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth"],
    "fr": ["Première", "Deuxième", "Troisième", "Quatrième", "Cinquième", "Sixième", "Septième", "Huitième",
           "Neuvième", "Dixième", "Onzième", "Douzième", "Treizième", "Quatorzième", "Quinzième", "Seizième",
           "Dix-septième", "Dix-huitième"],
}

CHAPTER_TITLES = {
    2: ("preventive measures", "mesures préventives", "medidas preventivas"),
    3: ("criminalization and law enforcement", "incrimination, détection et répression",
        "penalización y aplicación de la ley"),
    4: ("international cooperation", "coopération internationale", "cooperación internacional"),
    5: ("asset recovery", "recouvrement d'avoirs", "recuperación de activos"),
}
NUMERALS = {2: "II", 3: "III", 4: "IV", 5: "V"}
LANG_INDEX = {"en": 0, "fr": 1, "es": 2}


def long_date(d: date, lang: str) -> str:
    """A date as the cover prints it: 14 March 2022, 14 mars 2022, 14 de marzo de 2022."""
    month = MONTHS[lang][d.month - 1]
    if lang == "es":
        return f"{d.day} de {month} de {d.year}"
    day = "1er" if (lang == "fr" and d.day == 1) else str(d.day)
    return f"{day} {month} {d.year}"


def session_line(session: int, lang: str) -> str:
    """The IRG session line: Thirteenth session, Treizième session, 13º período de sesiones."""
    if lang == "es":
        return f"{session}º período de sesiones"
    return f"{ORDINALS[lang][session - 1]} session"


def cover_lines(lang: str, symbol: str, published: date, job: str, session: int, meeting: tuple[date, date],
                original: str) -> list[str]:
    """The top block of the first page, one entry per printed line."""
    start, end = meeting
    month = MONTHS[lang][end.month - 1]
    if lang == "en":
        place = f"Vienna, {start.day}-{end.day} {month} {end.year}"
        return ["United Nations", symbol,
                "Conference of the States Parties to the United Nations Convention against Corruption",
                "Distr.: General", long_date(published, lang), f"Original: {original}", job,
                "Implementation Review Group", session_line(session, lang), place,
                "Item 2 of the provisional agenda",
                "Review of implementation of the United Nations Convention against Corruption",
                "Executive summary", "Note by the Secretariat", "Addendum"]
    if lang == "fr":
        place = f"Vienne, {start.day}-{end.day} {month} {end.year}"
        return ["Nations Unies", symbol,
                "Conférence des États parties à la Convention des Nations Unies contre la corruption",
                "Distr. générale", long_date(published, lang),
                ("" if original == "français" else "Français\n") + f"Original : {original}", job,
                "Groupe d'examen de l'application", session_line(session, lang), place,
                "Point 2 de l'ordre du jour provisoire",
                "Examen de l'application de la Convention des Nations Unies contre la corruption",
                "Résumé analytique", "Note du Secrétariat", "Additif"]
    place = f"Viena, {start.day} a {end.day} de {month} de {end.year}"
    return ["Naciones Unidas", symbol,
            "Conferencia de los Estados Partes en la Convención de las Naciones Unidas contra la Corrupción",
            "Distr. general", long_date(published, lang),
            ("" if original == "español" else "Español\n") + f"Original: {original}", job,
            "Grupo de Examen de la Aplicación", session_line(session, lang), place,
            "Tema 2 del programa provisional",
            "Examen de la aplicación de la Convención de las Naciones Unidas contra la Corrupción",
            "Resumen", "Nota de la Secretaría", "Adición"]


ORIGINAL = {"en": ("English", "anglais", "inglés"), "fr": ("French", "français", "francés"),
            "es": ("Spanish", "espagnol", "español")}

CONTENTS = {"en": ("Contents", "Page", "Executive summary"), "fr": ("Table des matières", "Page", "Résumé analytique"),
            "es": ("Índice", "Página", "Resumen ejecutivo")}


def summary_heading(lang: str, rng: random.Random) -> str:
    """The "II. Executive summary" line that opens the summary proper."""
    if lang == "es":
        return f"II. {rng.choice(['Resumen ejecutivo', 'Resumen'])}"
    return "II. " + {"en": "Executive summary", "fr": "Résumé analytique"}[lang]


def intro_heading(lang: str, state: str) -> str:
    """Heading of section 1."""
    if lang == "en":
        return (f"1. Introduction: overview of the legal and institutional framework of {state} in the context of "
                "implementation of the United Nations Convention against Corruption")
    if lang == "fr":
        return (f"1. Introduction : aperçu du cadre juridique et institutionnel de l'État examiné ({state}) dans le "
                "contexte de l'application de la Convention des Nations Unies contre la corruption")
    return (f"1. Introducción: sinopsis del marco jurídico e institucional de {state} en el contexto de la aplicación "
            "de la Convención de las Naciones Unidas contra la Corrupción")


def chapter_heading(lang: str, section: int, chapter: int) -> str:
    """Heading of a chapter section: 2. Chapter II: preventive measures."""
    title = CHAPTER_TITLES[chapter][LANG_INDEX[lang]]
    word = {"en": "Chapter", "fr": "Chapitre", "es": "Capítulo"}[lang]
    colon = " :" if lang == "fr" else ":"
    return f"{section}. {word} {NUMERALS[chapter]}{colon} {title}"


SUBSECTIONS = {
    "en": ["Observations on the implementation of the articles under review", "Successes and good practices",
           "Challenges in implementation", "Technical assistance needs identified"],
    "fr": ["Observations sur l'application des articles examinés", "Succès et bonnes pratiques",
           "Difficultés d'application", "Besoins d'assistance technique recensés"],
    "es": ["Observaciones sobre la aplicación de los artículos objeto de examen", "Logros y buenas prácticas",
           "Problemas en la aplicación", "Necesidades de asistencia técnica detectadas"],
}


def subsection_heading(lang: str, section: int, sub: int, dotted: bool) -> str:
    """2.4. Technical assistance needs identified (with or without the trailing dot after the number)."""
    dot = "." if dotted else ""
    return f"{section}.{sub}{dot} {SUBSECTIONS[lang][sub - 1]}"


def _join(nums: list[str], lang: str) -> str:
    conj = {"en": " and ", "fr": " et ", "es": " y "}[lang]
    if len(nums) == 1:
        return nums[0]
    return ", ".join(nums[:-1]) + conj + nums[-1]


def cite(articles: tuple[int, ...], lang: str, rng: random.Random, parens: bool = True) -> str:
    """An article citation in one of the forms documents use: (art. 8), (arts. 52 and 58), (art. 46, para. 9 (b))."""
    nums = [str(a) for a in articles]
    if len(articles) == 1:
        a = nums[0]
        para = rng.randint(1, 4)
        letter = rng.choice("abcd")
        forms = {
            "en": [f"art. {a}", f"art. {a}", f"article {a}", f"art. {a}, para. {para}",
                   f"art. {a}, para. {para} ({letter})"],
            "fr": [f"art. {a}", f"art. {a}", f"article {a}", f"art. {a}, par. {para}",
                   f"art. {a}, par. {para} {letter})"],
            "es": [f"art. {a}", f"art. {a}", f"artículo {a}", f"art. {a}, párr. {para}",
                   f"art. {a}, párr. {para} {letter})"],
        }[lang]
    else:
        consecutive = len(articles) == 2 and articles[1] == articles[0] + 1
        joined = _join(nums, lang)
        forms = {
            "en": [f"arts. {joined}", f"articles {joined}"],
            "fr": [f"art. {joined}", f"articles {joined}"],
            "es": [f"arts. {joined}", f"artículos {joined}"],
        }[lang]
        if consecutive:
            forms.append({"en": f"arts. {nums[0]}-{nums[1]}", "fr": f"art. {nums[0]} à {nums[1]}",
                          "es": f"arts. {nums[0]} a {nums[1]}"}[lang])
    text = rng.choice(forms)
    return f"({text})" if parens else text


def article_subheading(articles: tuple[int, ...], lang: str, title: str | None, rng: random.Random) -> str:
    """A sub-heading grouping needs by article: Article 9, Art. 52 and 58, Artículo 14 – Medidas ..."""
    nums = [str(a) for a in articles]
    if len(articles) == 1:
        word = {"en": ["Article", "Art."], "fr": ["Article", "Art."], "es": ["Artículo", "Art."]}[lang]
        head = f"{rng.choice(word)} {nums[0]}"
    else:
        word = {"en": ["Articles", "Arts.", "Art."], "fr": ["Articles", "Art."], "es": ["Artículos", "Arts."]}[lang]
        head = f"{rng.choice(word)} {_join(nums, lang)}"
    if title and rng.random() < 0.6:
        return f"{head} {rng.choice(['–', '-', '.'])} {title}".replace(" . ", ". ")
    return head


def no_needs_sentence(lang: str, state: str, chapter: int, rng: random.Random) -> str:
    """A statement that no needs were identified for the chapter."""
    numeral = NUMERALS[chapter]
    forms = {
        "en": ["No technical assistance needs were identified.",
               f"{state} did not identify any technical assistance needs.",
               f"No technical assistance needs were identified in relation to chapter {numeral}.",
               f"{state} indicated that it did not require technical assistance in respect of chapter {numeral}."],
        "fr": ["Aucun besoin d'assistance technique n'a été recensé.",
               "L'État examiné n'a fait état d'aucun besoin d'assistance technique.",
               f"Aucun besoin d'assistance technique n'a été recensé au titre du chapitre {numeral}."],
        "es": ["No se detectaron necesidades de asistencia técnica.",
               f"{state} no señaló necesidades de asistencia técnica.",
               f"No se detectaron necesidades de asistencia técnica en relación con el capítulo {numeral}."],
    }[lang]
    return rng.choice(forms)


def needs_intro(lang: str, state: str, rng: random.Random) -> str:
    """A sentence introducing a list of needs, ending in a colon."""
    forms = {
        "en": [f"{state} indicated that the following technical assistance would be useful:",
               "The following technical assistance needs were identified:",
               f"{state} identified the following technical assistance needs:",
               f"{state} has requested technical assistance in the following areas:"],
        "fr": ["L'État examiné a indiqué que l'assistance technique suivante lui serait utile :",
               "Les besoins d'assistance technique suivants ont été recensés :"],
        "es": [f"{state} indicó que le sería útil la siguiente asistencia técnica:",
               "Se detectaron las siguientes necesidades de asistencia técnica:"],
    }[lang]
    return rng.choice(forms)


def sentence_lead(lang: str, state: str, rng: random.Random) -> str:
    """Opening of a one-sentence list of needs, up to and including the colon."""
    forms = {
        "en": [f"{state} identified the following needs:", f"{state} indicated the following needs:",
               "The following needs were identified:"],
        "fr": ["L'État examiné a recensé les besoins suivants :", "Les besoins suivants ont été recensés :"],
        "es": [f"{state} señaló las siguientes necesidades:", "Se detectaron las siguientes necesidades:"],
    }[lang]
    return rng.choice(forms)


CONJ = {"en": "and", "fr": "et", "es": "y"}


def reviewers_sentence(lang: str, state: str, a: str, b: str, cycle: int) -> str:
    """The sentence naming the reviewing States."""
    nth = {"en": ("first", "second"), "fr": ("premier", "deuxième"), "es": ("primer", "segundo")}[lang][cycle - 1]
    if lang == "en":
        return (f"The review of {state} was conducted by {a} and {b} in the {nth} cycle of the Implementation "
                "Review Mechanism.")
    if lang == "fr":
        return (f"L'examen de l'État partie ({state}) a été mené par les États examinateurs suivants : {a} et {b}, "
                f"dans le cadre du {nth} cycle du Mécanisme d'examen de l'application.")
    return (f"El examen de {state} estuvo a cargo de {a} y {b} en el {nth} ciclo del Mecanismo de Examen de la "
            "Aplicación.")


INTRO_FILLER = {
    "en": ["{state} signed the Convention on {d1} and deposited its instrument of ratification on {d2}.¤",
           "The legal system of {state} is based on the {tradition} law tradition, and international treaties form "
           "part of the domestic legal order once ratified.",
           "The main institutions involved in preventing and fighting corruption include the anti-corruption "
           "commission, the financial intelligence unit, the prosecution service and the supreme audit institution.",
           "The country visit took place in {year} and was carried out with the support of the secretariat.¤"],
    "fr": ["L'État examiné a signé la Convention le {d1} et a déposé son instrument de ratification le {d2}.¤",
           "Le système juridique est fondé sur la tradition de {tradition}, et les traités internationaux ratifiés "
           "font partie de l'ordre juridique interne.",
           "Les principales institutions chargées de prévenir et de combattre la corruption sont la commission "
           "anticorruption, la cellule de renseignement financier, le ministère public et la cour des comptes.",
           "La visite de pays a eu lieu en {year} avec l'appui du secrétariat.¤"],
    "es": ["{state} firmó la Convención el {d1} y depositó su instrumento de ratificación el {d2}.¤",
           "El ordenamiento jurídico se basa en la tradición del {tradition}, y los tratados internacionales "
           "ratificados forman parte del derecho interno.",
           "Las principales instituciones encargadas de prevenir y combatir la corrupción son la comisión "
           "anticorrupción, la unidad de inteligencia financiera, la fiscalía y la contraloría general.",
           "La visita al país tuvo lugar en {year} con el apoyo de la secretaría.¤"],
}
TRADITIONS = {"en": ["common", "civil"], "fr": ["droit civil", "common law"], "es": ["derecho civil", "common law"]}

OBSERVATION_FILLER = {
    "en": ["{state} has adopted a range of measures regarding {topic} {cite}.",
           "The legal framework on {topic} is set out in the Anti-Corruption Act of {year} and its implementing "
           "regulations.¤",
           "According to the authorities, responsibility for {topic} is shared among several institutions, which "
           "coordinate through an inter-agency committee.",
           "Statistics and examples of implementation regarding {topic} were provided during the country visit.",
           "The reviewers noted that the provisions on {topic} had been amended in {year} {cite}."],
    "fr": ["L'État examiné a adopté plusieurs mesures en matière de {topic} {cite}.",
           "Le cadre juridique en matière de {topic} est établi par la loi anticorruption de {year} et ses textes "
           "d'application.¤",
           "Selon les autorités, la responsabilité en matière de {topic} est partagée entre plusieurs institutions.",
           "Des statistiques et des exemples d'application en matière de {topic} ont été fournis lors de la visite."],
    "es": ["{state} ha adoptado diversas medidas en materia de {topic} {cite}.",
           "El marco jurídico en materia de {topic} está establecido en la Ley Anticorrupción de {year} y su "
           "reglamento.¤",
           "Según las autoridades, la responsabilidad en materia de {topic} está repartida entre varias "
           "instituciones.",
           "Durante la visita al país se facilitaron estadísticas y ejemplos de aplicación en materia de {topic}."],
}

GOOD_PRACTICES = {
    "en": ["The training programme on {topic} for {target} {cite}.",
           "The adoption of comprehensive legislation on {topic} {cite}.",
           "The close cooperation among {agencies} {cite}."],
    "fr": ["Le programme de formation en matière de {topic} {cite}.",
           "L'adoption d'une législation complète en matière de {topic} {cite}.",
           "L'étroite coopération entre {agencies} {cite}."],
    "es": ["El programa de capacitación en materia de {topic} {cite}.",
           "La aprobación de una legislación integral en materia de {topic} {cite}.",
           "La estrecha cooperación entre {agencies} {cite}."],
}

RECOMMENDATION_LEAD = {"en": "It is recommended that {state}:",
                       "fr": "Il est recommandé à l'État examiné :",
                       "es": "Se recomienda a {state} que:"}
RECOMMENDATIONS = {
    "en": ["Consider adopting legislation on {topic} {cite}",
           "Strengthen the training of {target} on {topic} {cite}",
           "Continue its efforts to ensure {topic} {cite}",
           "Ensure that adequate human and financial resources are allocated to {topic} {cite}",
           "Take measures to enhance the capacity of {target} {cite}"],
    "fr": ["D'envisager d'adopter une législation en matière de {topic} {cite}",
           "De renforcer la formation {target} en matière de {topic} {cite}",
           "De poursuivre ses efforts en matière de {topic} {cite}",
           "D'allouer des ressources humaines et financières suffisantes en matière de {topic} {cite}"],
    "es": ["Considere la posibilidad de aprobar legislación en materia de {topic} {cite}",
           "Refuerce la capacitación {target} en materia de {topic} {cite}",
           "Prosiga sus esfuerzos en materia de {topic} {cite}",
           "Asigne recursos humanos y financieros suficientes en materia de {topic} {cite}"],
}

FOOTNOTES = {
    "en": ["Available at https://www.example.gov/legislation/{n}.", "Official Gazette No. {n} of {year}.",
           "Information provided by the authorities during the country visit.", "Act No. {n} of {year}."],
    "fr": ["Disponible à l'adresse https://www.example.gov/lois/{n}.", "Journal officiel no {n} de {year}.",
           "Informations fournies par les autorités lors de la visite.", "Loi no {n} de {year}."],
    "es": ["Disponible en https://www.example.gov/leyes/{n}.", "Diario Oficial núm. {n} de {year}.",
           "Información facilitada por las autoridades durante la visita.", "Ley núm. {n} de {year}."],
}
