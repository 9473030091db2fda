"""States to review and to review them: read from data/reference, with a small built-in list until those exist."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
GROUPS = ("African States", "Asia-Pacific States", "Eastern European States", "Latin American and Caribbean States",
          "Western European and other States")


@dataclass(frozen=True)
class State:
    """A State party with its names in the three languages the sample uses."""

    iso3: str
    name: str
    regional_group: str
    names: dict[str, str]

    def name_in(self, lang: str) -> str:
        return self.names.get(lang, self.name)


_BUILT_IN = [
    ("KEN", "Kenya", "Kenya", "Kenya", "African States"),
    ("GHA", "Ghana", "Ghana", "Ghana", "African States"),
    ("SEN", "Senegal", "Sénégal", "Senegal", "African States"),
    ("MAR", "Morocco", "Maroc", "Marruecos", "African States"),
    ("NGA", "Nigeria", "Nigéria", "Nigeria", "African States"),
    ("IDN", "Indonesia", "Indonésie", "Indonesia", "Asia-Pacific States"),
    ("PHL", "Philippines", "Philippines", "Filipinas", "Asia-Pacific States"),
    ("JOR", "Jordan", "Jordanie", "Jordania", "Asia-Pacific States"),
    ("VNM", "Viet Nam", "Viet Nam", "Viet Nam", "Asia-Pacific States"),
    ("POL", "Poland", "Pologne", "Polonia", "Eastern European States"),
    ("ROU", "Romania", "Roumanie", "Rumania", "Eastern European States"),
    ("GEO", "Georgia", "Géorgie", "Georgia", "Eastern European States"),
    ("MEX", "Mexico", "Mexique", "México", "Latin American and Caribbean States"),
    ("COL", "Colombia", "Colombie", "Colombia", "Latin American and Caribbean States"),
    ("PER", "Peru", "Pérou", "Perú", "Latin American and Caribbean States"),
    ("FRA", "France", "France", "Francia", "Western European and other States"),
    ("CHE", "Switzerland", "Suisse", "Suiza", "Western European and other States"),
    ("ESP", "Spain", "Espagne", "España", "Western European and other States"),
]


def load_states(reference: Path = REFERENCE) -> list[State]:
    """States in the five regional groups, with the first listed name per language."""
    countries, names = reference / "countries.csv", reference / "country_names.csv"
    if not countries.exists():
        return [State(i, en, g, {"en": en, "fr": fr, "es": es}) for i, en, fr, es, g in _BUILT_IN]
    spelled: dict[str, dict[str, str]] = {}
    if names.exists():
        with names.open(encoding="utf-8") as f:
            for row in csv.DictReader(line for line in f if not line.startswith("#")):
                spelled.setdefault(row["iso3"], {}).setdefault(row["language"], row["name"])
    with countries.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return [State(r["iso3"], r["name"], r["regional_group"], {**spelled.get(r["iso3"], {}), "en": r["name"]})
            for r in rows if r["regional_group"] in GROUPS]
