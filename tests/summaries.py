"""Small executive summaries written as text, for tests of the load's behaviour rather than of extraction."""

from __future__ import annotations

from pathlib import Path

DEFAULT_NEEDS = {
    2: [
        "Capacity-building for the staff of the asset declaration unit (art. 8).",
        "Legislative assistance to regulate the funding of political parties (art. 7).",
        "Development of a national anti-corruption strategy (art. 5).",
        "Training of procurement officers on conflicts of interest (art. 9).",
    ],
    5: None,
}


def summary_text(country: str, cycle: int = 2, needs: dict[int, list[str] | None] | None = None,
                 number: int = 1, reviewers: str = "Ghana and Switzerland") -> str:
    """A plausible executive summary; needs maps chapter -> bullet texts, or None for 'no needs identified'."""
    needs = DEFAULT_NEEDS if needs is None else needs
    numeral = {1: "I", 2: "II"}[cycle]
    titles = {2: "preventive measures", 3: "criminalization and law enforcement", 4: "international cooperation",
              5: "asset recovery"}
    lines = [
        f"CAC/COSP/IRG/{numeral}/2/1/Add.{number}",
        "Distr.: General",
        "14 March 2022",
        "Original: English",
        "Implementation Review Group",
        "Executive summary",
        "Note by the Secretariat",
        "II. Executive summary",
        country,
        f"1. Introduction: overview of the legal and institutional framework of {country} in the context of "
        "implementation of the United Nations Convention against Corruption",
        f"The review of {country} was conducted by {reviewers}.",
    ]
    for index, (chapter, items) in enumerate(sorted(needs.items()), start=2):
        roman = {2: "II", 3: "III", 4: "IV", 5: "V"}[chapter]
        lines += [
            f"{index}. Chapter {roman}: {titles[chapter]}",
            f"{index}.1. Observations on the implementation of the articles under review",
            f"{country} has adopted several laws in this area.",
            f"{index}.2. Challenges in implementation",
            f"It is recommended that {country}:",
            "• Strengthen training for judges and prosecutors.",
            f"{index}.3. Technical assistance needs identified",
        ]
        if items is None:
            lines.append("No technical assistance needs were identified.")
        else:
            lines += [f"• {item}" for item in items]
    return "\n".join(lines) + "\n"


def write_summary(folder: Path, name: str, country: str, **kwargs) -> Path:
    path = folder / name
    path.write_text(summary_text(country, **kwargs), encoding="utf-8")
    return path


def write_corpus(folder: Path, countries: list[str]) -> Path:
    """A folder of one summary per country ("Kenya.txt", ...), each with its own document number."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, country in enumerate(countries, start=1):
        write_summary(folder, f"{country}.txt", country, number=i)
    return folder
