"""A seeded random executive summary as a list of blocks, with the ground truth of its needs."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import bank, wording
from .countries import State

FOOTNOTE_MARK = "¤"  # placeholder for a footnote mark; renderers number it


@dataclass
class Block:
    """One printed unit: a cover line, heading, paragraph or list item.

    kind: cover, notice, toc, title, heading, subheading, para, bullet, numbered, lettered, pagebreak.
    marker: what is printed before a list item (•, 1., (a)); a Word list paragraph prints it itself.
    footnotes: texts of the footnotes whose marks (FOOTNOTE_MARK) appear in text, in order.
    """

    kind: str
    text: str = ""
    marker: str = ""
    level: int = 0
    footnotes: list[str] = field(default_factory=list)


@dataclass
class DocSpec:
    """Everything needed to render one document and to label it."""

    stem: str
    fmt: str
    state: State
    cycle: int
    language: str
    symbol: str
    job: str
    published_on: date
    chapters: list[int]
    blocks: list[Block]
    labels: dict[str, dict]
    options: dict

    @property
    def file(self) -> str:
        return f"{self.stem}.{self.fmt}"

    def label(self) -> dict:
        """The ground-truth entry for this document."""
        return {"file": self.file, "symbol": self.symbol, "iso3": self.state.iso3, "country": self.state.name,
                "regional_group": self.state.regional_group, "cycle": self.cycle, "language": self.language,
                "format": self.fmt, "published_on": self.published_on.isoformat(),
                "chapters": {str(c): self.labels[str(c)] for c in self.chapters}}


FORMS = ["bullets", "bullets", "grouped", "sentence", "lettered", "numbered", "none"]
BULLETS = ["•", "•", "-", "–", "▪"]
LANGS = {"en": 0, "fr": 1, "es": 2}
ELISION = re.compile(r"\b([dD])e (?=[aeiouyéèêàâîôûœAEIOUYÉÈ])")


def _pick(rng: random.Random, items: list, articles: tuple[int, ...] | None):
    pool = [i for i in items if articles is None or i.articles == articles]
    return rng.choice(pool) if pool else None


def make_need(rng: random.Random, chapter: int, lang: str, articles: tuple[int, ...] | None = None
              ) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
    """A need wording for the chapter (restricted to the given articles when set): text, its articles, its types."""
    k = LANGS[lang]
    while True:
        t = rng.choice(bank.TEMPLATES)
        slots: dict[str, str] = {}
        found: tuple[int, ...] = ()
        if t.slot in ("topic", "target_topic"):
            item = _pick(rng, bank.TOPICS[chapter], articles)
            if item is None:
                continue
            slots["topic"], found = item.words[k], item.articles
            target = rng.choice(bank.TARGETS[chapter])
            slots["target"] = target[k]
            if t.words[0].startswith("Awareness-raising") and target[0] in bank.PUBLIC_TARGETS:
                return elide(t.words[k].format(**slots), lang), found, (*t.types, bank.OTHER)
        elif t.slot in ("body", "new_body", "system", "policy", "law"):
            source = {"body": bank.BODIES, "new_body": bank.NEW_BODIES, "system": bank.SYSTEMS,
                      "policy": bank.POLICIES, "law": bank.LAWS}[t.slot]
            item = _pick(rng, source[chapter], articles)
            if item is None:
                continue
            slots[t.slot], found = item.words[k], item.articles
        elif t.slot == "agencies":
            slots["agencies"] = bank.AGENCIES[chapter][k]
        return elide(t.words[k].format(**slots), lang), found, t.types


def elide(text: str, lang: str) -> str:
    """French elision of "de" before a vowel (de identification -> d'identification)."""
    return ELISION.sub(r"\1'", text) if lang == "fr" else text


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


class Builder:
    """Builds the blocks and labels of one document."""

    def __init__(self, rng: random.Random, state: State, cycle: int, lang: str, reviewers: tuple[State, State]):
        self.rng, self.state, self.cycle, self.lang = rng, state, cycle, lang
        self.k = LANGS[lang]
        self.name = state.name_in(lang)
        self.reviewers = reviewers
        self.blocks: list[Block] = []
        self.labels: dict[str, dict] = {}
        self._bullets: dict[int, str] = {}

    def add(self, kind: str, text: str = "", marker: str = "", level: int = 0) -> Block:
        """Append a block, drawing a footnote text for each footnote mark in it."""
        footnotes = [self._footnote() for _ in range(text.count(FOOTNOTE_MARK))]
        block = Block(kind, text, marker, level, footnotes)
        self.blocks.append(block)
        return block

    def _footnote(self) -> str:
        return self.rng.choice(wording.FOOTNOTES[self.lang]).format(n=self.rng.randint(2, 240),
                                                                     year=self.rng.randint(1998, 2021))

    def _fill(self, template: str, chapter: int) -> str:
        topic = self.rng.choice(bank.TOPICS[chapter])
        return elide(template.format(state=self.name, topic=topic.words[self.k],
                               target=self.rng.choice(bank.TARGETS[chapter])[self.k],
                               agencies=bank.AGENCIES[chapter][self.k],
                               cite=wording.cite(topic.articles, self.lang, self.rng),
                               year=self.rng.randint(2003, 2020)), self.lang)

    def intro(self, published: date) -> None:
        """Section 1: ratification, reviewing States, institutions."""
        rng, lang = self.rng, self.lang
        self.add("heading", wording.intro_heading(lang, self.name), level=1)
        a, b = (r.name_in(lang) for r in self.reviewers)
        signed = date(2003, 12, rng.randint(9, 11))
        ratified = signed + timedelta(days=rng.randint(200, 3000))
        filler = [f.format(state=self.name, d1=wording.long_date(signed, lang), d2=wording.long_date(ratified, lang),
                           tradition=rng.choice(wording.TRADITIONS[lang]), year=published.year - 1)
                  for f in wording.INTRO_FILLER[lang]]
        first = filler.pop(0)
        self.add("para", first)
        self.add("para", wording.reviewers_sentence(lang, self.name, a, b, self.cycle))
        for text in rng.sample(filler, rng.randint(1, len(filler))):
            self.add("para", text)

    def chapter(self, section: int, chapter: int, dotted: bool) -> None:
        """One chapter section: observations, good practices, recommendations, then the needs part."""
        rng, lang = self.rng, self.lang
        self.add("heading", wording.chapter_heading(lang, section, chapter), level=1)
        self.add("heading", wording.subsection_heading(lang, section, 1, dotted), level=2)
        for item in rng.sample(bank.OBSERVATION_HEADINGS[chapter], rng.randint(2, 3)):
            self.add("subheading", f"{item.words[self.k]} {wording.cite(item.articles, lang, rng)}")
            for template in rng.sample(wording.OBSERVATION_FILLER[lang], rng.randint(1, 2)):
                self.add("para", self._fill(template, chapter))
        self.add("heading", wording.subsection_heading(lang, section, 2, dotted), level=2)
        practices = rng.sample(wording.GOOD_PRACTICES[lang], rng.randint(1, 3))
        marker = rng.choice(BULLETS)
        for template in practices:
            self.add("bullet" if len(practices) > 1 else "para", self._fill(template, chapter), marker=marker)
        self.add("heading", wording.subsection_heading(lang, section, 3, dotted), level=2)
        self.add("para", wording.RECOMMENDATION_LEAD[lang].format(state=self.name))
        recs = rng.sample(wording.RECOMMENDATIONS[lang], rng.randint(2, 4))
        for i, template in enumerate(recs):
            end = "." if i == len(recs) - 1 else (" ;" if lang == "fr" else ";")
            self.add("bullet", self._fill(template, chapter) + end, marker=marker)
        self.add("heading", wording.subsection_heading(lang, section, 4, dotted), level=2)
        self.labels[str(chapter)] = self.needs_part(chapter)

    def needs_part(self, chapter: int) -> dict:
        """Write the technical-assistance part of a chapter in one of the forms, and return its ground truth."""
        rng, lang = self.rng, self.lang
        form = rng.choice(FORMS)
        if form == "none":
            statement = wording.no_needs_sentence(lang, self.name, chapter, rng)
            self.add("para", statement)
            return {"status": "no_needs", "form": form, "statement": statement, "needs": []}
        needs: list[dict] = []
        seen: set[str] = set()

        def one(articles: tuple[int, ...] | None = None, cite_p: float = 0.7, heading: str | None = None
                ) -> tuple[str, list[int], str]:
            while True:
                text, found, types = make_need(rng, chapter, lang, articles)
                if text not in seen:
                    break
            seen.add(text)
            cited = bool(found) and rng.random() < cite_p
            if cited:
                text = f"{text} {wording.cite(found, lang, rng)}"
            if cited:
                arts, source = sorted(found), "cited"
            elif articles:
                arts, source = sorted(articles), "heading"
            else:
                arts, source = [], "none"
            needs.append({"text": text, "articles": arts, "article_source": source, "types": sorted(types),
                          "heading": heading})
            return text, arts, source

        if form == "sentence":
            items = [one()[0] for _ in range(rng.randint(2, 5))]
            items = [_lower_first(t) for t in items]
            for need, text in zip(needs, items, strict=True):
                need["text"] = text
            semi = " ;" if lang == "fr" else ";"
            body = f"{semi} ".join(items[:-1]) + f"{semi} {wording.CONJ[lang]} {items[-1]}."
            self.add("para", f"{wording.sentence_lead(lang, self.name, rng)} {body}")
        elif form == "grouped":
            if rng.random() < 0.4:
                self.add("para", wording.needs_intro(lang, self.name, rng))
            groups = {i.articles for i in bank.TOPICS[chapter]}
            marker = rng.choice(BULLETS + [""])
            for articles in rng.sample(sorted(groups), min(len(groups), rng.randint(2, 3))):
                title = bank.ARTICLE_TITLES.get(articles[0])[self.k] if len(articles) == 1 and articles[0] in \
                    bank.ARTICLE_TITLES else None
                heading = wording.article_subheading(articles, lang, title, rng)
                self.add("subheading", heading)
                for _ in range(rng.randint(1, 3)):
                    text = one(articles, cite_p=0.15, heading=heading)[0]
                    self.add("bullet" if marker else "para", text, marker=marker)
        else:
            if rng.random() < 0.6:
                self.add("para", wording.needs_intro(lang, self.name, rng))
            count = rng.randint(1, 7)
            ending = rng.choice(["none", "semicolon", "period"])
            for i in range(count):
                text = one()[0]
                last = i == count - 1
                semi = " ;" if lang == "fr" else ";"
                printed = text + {"none": "", "semicolon": "." if last else semi, "period": "."}[ending]
                if form == "bullets":
                    self.add("bullet", printed, marker=self._bullet(chapter))
                elif form == "numbered":
                    self.add("numbered", printed, marker=f"{i + 1}.")
                else:
                    self.add("lettered", printed, marker=f"({'abcdefghij'[i]})")
        return {"status": "needs", "form": form, "needs": needs}

    def _bullet(self, chapter: int) -> str:
        # One bullet character per chapter part, drawn on first use (keeps the random sequence unchanged).
        if chapter not in self._bullets:
            self._bullets[chapter] = self.rng.choice(BULLETS)
        return self._bullets[chapter]


def symbol_for(cycle: int, year: int, add: int) -> str:
    """A symbol whose cycle matches: CAC/COSP/IRG/I/3/1/Add.12 or CAC/COSP/IRG/II/3/1/Add.12."""
    if cycle == 1:
        return f"CAC/COSP/IRG/I/{min(5, max(1, year - 2010))}/1/Add.{add}"
    return f"CAC/COSP/IRG/II/{min(5, max(1, year - 2016))}/1/Add.{add}"


def published_date(rng: random.Random, cycle: int) -> date:
    """A distribution date: first cycle 2012-2019, second cycle 2017-2026."""
    start, end = (date(2012, 1, 10), date(2019, 12, 20)) if cycle == 1 else (date(2017, 3, 1), date(2026, 10, 30))
    return start + timedelta(days=rng.randint(0, (end - start).days))


def build(rng: random.Random, state: State, cycle: int, lang: str, fmt: str, stem: str, add: int,
          reviewers: tuple[State, State]) -> DocSpec:
    """Draw one document: cover, contents, introduction and the chapters of its cycle."""
    published = published_date(rng, cycle)
    symbol = symbol_for(cycle, published.year, add)
    job_no = f"V.{published.year % 100:02d}-{rng.randint(100, 9999):05d}"
    lang_code = {"en": "E", "fr": "F", "es": "S"}[lang]
    meeting_start = published + timedelta(days=rng.randint(40, 120))
    meeting_start = meeting_start.replace(day=min(meeting_start.day, 24))
    session = min(18, max(1, meeting_start.year - 2009))
    original = wording.ORIGINAL[rng.choice(["en", "en", lang])][LANGS[lang]]
    b = Builder(rng, state, cycle, lang, reviewers)
    cover = wording.cover_lines(lang, symbol, published, f"{job_no} ({lang_code})", session,
                                (meeting_start, meeting_start + timedelta(days=4)), original)
    lines = [part for line in cover for part in line.split("\n")]
    for i, line in enumerate(lines):
        b.add("cover", line)
        if i == 1:
            b.add("notice", wording.SAMPLE_NOTICE)
    contents, page_word, summary = wording.CONTENTS[lang]
    b.add("toc", contents)
    b.add("toc", page_word)
    heading = wording.summary_heading(lang, rng)
    b.add("toc", f"{heading} {'.' * 40} 2")
    b.add("toc", f"{b.name} {'.' * 40} 2")
    b.add("pagebreak")
    b.add("title", heading)
    b.add("title", b.name)
    b.intro(published)
    chapters = [3, 4] if cycle == 1 else [2, 5]
    dotted = rng.random() < 0.7
    for section, chapter in enumerate(chapters, start=2):
        b.chapter(section, chapter, dotted)
    options = {"txt_mode": rng.choice(["paged", "paged", "flat"]), "hyphenate": rng.random() < 0.85,
               "encoding": rng.choice(["utf-8"] * 8 + ["utf-8-sig", "cp1252"]),
               "newline": rng.choice(["\n"] * 4 + ["\r\n"]), "formfeed": rng.random() < 0.5,
               "indent_lists": rng.random() < 0.5}
    return DocSpec(stem, fmt, state, cycle, lang, symbol, f"{job_no} ({lang_code})", published, chapters,
                   b.blocks, b.labels, options)
