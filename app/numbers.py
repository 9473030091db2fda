"""Numbers, percentages, dates and lists worded as United Nations documents write them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII"}
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def number(n: int) -> str:
    """A whole number as UN documents write it: under ten in words, 10 and above in digits (1,234)."""
    if 0 <= n < 10:
        return WORDS[n]
    return f"{n:,}"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: 'one executive summary', '27 executive summaries'."""
    noun = singular if n == 1 else (plural or singular + "s")
    return f"{number(n)} {noun}"


def percent(part: int, whole: int) -> int:
    """A share as a whole percentage, halves rounded up, so that every figure is rounded the same way."""
    if whole <= 0:
        return 0
    exact = Fraction(100 * part, whole)
    return int((Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal(1), ROUND_HALF_UP))


def per_cent(p: int) -> str:
    """A percentage as UN documents write it: always digits, 'per cent' in two words."""
    return f"{p} per cent"


def one_decimal(part: int, whole: int) -> str:
    """A ratio with one decimal, halves rounded up (an average of 4.5 needs)."""
    if whole <= 0:
        return "0.0"
    exact = Decimal(part) / Decimal(whole)
    return str(exact.quantize(Decimal("0.1"), ROUND_HALF_UP))


def ordinal(n: int) -> str:
    """'first', 'second', ... for small numbers, else '11th'."""
    return ORDINALS.get(n, f"{n}th")


def roman(n: int) -> str:
    """Chapter number as a Roman numeral (II)."""
    return ROMAN.get(n, str(n))


def day(d: date) -> str:
    """A date as UN documents write it: 4 September 2019."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def joined(items: Sequence[str]) -> str:
    """Items as an English list without a serial comma: 'a, b and c'."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def capital(text: str) -> str:
    """The text with its first letter capitalised, the rest untouched."""
    return text[:1].upper() + text[1:]


def numerals(*counts: int) -> list[str]:
    """Counts compared in one sentence, all in the form of the highest: words when all are under 10, else digits.

    The United Nations rule: "5 of 10 needs", never "five of 10 needs".
    """
    if any(n >= 10 for n in counts):
        return [f"{n:,}" for n in counts]
    return [number(n) for n in counts]


def minutes_aloud(text: str, words_a_minute: int = 130) -> float:
    """Minutes it takes to read text aloud at the pace of a speaker at a meeting (about 130 words a minute)."""
    return len(text.split()) / words_a_minute
