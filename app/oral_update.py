"""Draft of an oral update: each sentence built from a warehouse query, with the figures behind it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from itertools import combinations

import duckdb
import pandas as pd

from app.numbers import capital, day, joined, number, numerals, one_decimal, ordinal, per_cent, percent, roman

# How the secretariat names each top-level type in running text; unknown types are written as stored.
TYPE_WORDS = {
    "capacity-building": "capacity-building",
    "legislative": "legislative assistance",
    "institution-building": "institution-building",
    "policymaking": "policymaking",
    "other": "other assistance",
}
# A sentence read aloud names at most this many articles; the rest are summarized in one clause.
MAX_ARTICLES = 3
# Regional groups are compared only when each group in scope has at least this many executive summaries:
# an average over two or three summaries swings with a single document.
MIN_GROUP_SUMMARIES = 5
# A group's own top type is reported only when it rests on at least this many needs.
MIN_GROUP_NEEDS = 5
# States whose summaries were added are named aloud up to this many; all of them, with symbols, go in the notes.
MAX_STATES_ALOUD = 6
# Column headers of the figure tables as people read them (page, Word); the codes stay in the frames.
HEADERS = {
    "as of": "As of", "executive summaries": "Executive summaries", "at comparison point": "At comparison point",
    "added since": "Added since", "chapter": "Chapter no.", "numeral": "Chapter", "title": "Title",
    "needs now": "Needs now", "needs then": "Needs at comparison point", "type": "Type of assistance",
    "needs": "Needs", "share": "Share (per cent)", "article": "Article", "regional_group": "Regional group",
    "summaries": "Executive summaries", "per summary": "Needs per summary", "change": "Change",
}


@dataclass(frozen=True)
class Scope:
    """What the update covers: one cycle (None: all cycles), optionally some regional groups and some chapters."""

    cycle: int | None
    groups: tuple[str, ...] = ()
    chapters: tuple[int, ...] = ()

    def words(self) -> str:
        """The scope in running text: 'of the second review cycle for the African States'."""
        text = "of all review cycles" if self.cycle is None else f"of the {ordinal(self.cycle)} review cycle"
        if self.groups:
            text += " for " + joined([f"the {g}" for g in self.groups])
        return text

    def describe(self) -> str:
        """The scope for a provenance line: cycle, groups and chapters, all named."""
        cycle = "all review cycles" if self.cycle is None else f"{ordinal(self.cycle)} review cycle"
        groups = joined([f"the {g}" for g in self.groups]) if self.groups else "all regional groups"
        chapters = ("chapters " + joined([roman(c) for c in self.chapters])) if self.chapters else "all chapters"
        return f"{capital(cycle)}; {groups}; {chapters}"

    def to_dict(self) -> dict:
        return {"cycle": self.cycle, "groups": list(self.groups), "chapters": list(self.chapters)}

    @classmethod
    def from_dict(cls, d: dict) -> Scope:
        return cls(d["cycle"], tuple(d["groups"]), tuple(d["chapters"]))


@dataclass(frozen=True)
class Point:
    """A moment in the data: a date (maybe a session's opening day), a load run, an issued update, or the latest load.

    An issued update is a point whose figures are the ones that were said, kept beside the warehouse.
    """

    on: date | None = None
    run_id: str | None = None
    run_started: datetime | None = None
    session: str | None = None
    issued: str | None = None

    def label(self) -> str:
        """How the point is named in spoken text (never a run id)."""
        if self.issued is not None:
            return f"the oral update as of {day(self.on)}" if self.on else "the last oral update"
        if self.on is not None:
            return day(self.on)
        if self.run_started is not None:
            return f"the data load of {day(self.run_started.date())}"
        return "the latest data load"

    def short_label(self) -> str:
        """A few words naming the point on a chart (4 September 2019, run of 1 June 2019, latest load)."""
        if self.on is not None:
            return ("update of " if self.issued else "") + day(self.on)
        if self.run_started is not None:
            return f"run of {day(self.run_started.date())}"
        return "latest load"

    def describe(self) -> str:
        """The point for a provenance line, run id included."""
        if self.issued is not None:
            return f"issued update {self.issued} ({self.label()})"
        if self.session and self.on:
            return f"{day(self.on)}, opening of the {self.session}"
        if self.run_id is not None:
            return f"load run {self.run_id}" + (f" of {day(self.run_started.date())}" if self.run_started else "")
        return self.label()

    def moment(self) -> datetime:
        """When the point stands, for ordering: the end of its day, the run's start, or the far future."""
        if self.on is not None:
            return datetime.combine(self.on, time.max)
        if self.run_started is not None:
            return self.run_started
        return datetime.max

    def to_dict(self) -> dict:
        d = asdict(self)
        return {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in d.items()}

    @classmethod
    def from_dict(cls, d: dict) -> Point:
        return cls(on=date.fromisoformat(d["on"]) if d.get("on") else None, run_id=d.get("run_id"),
                   run_started=datetime.fromisoformat(d["run_started"]) if d.get("run_started") else None,
                   session=d.get("session"), issued=d.get("issued"))


def check_points(as_of: Point, compare_to: Point | None) -> tuple[Point | None, str | None, str | None]:
    """(comparison point to use, error that forbids a draft, note to show) for a pair of points.

    A comparison point after the as-of point would make every "since" sentence false, so it is refused;
    a point compared with itself is no comparison, and the draft says so instead of reporting "no change".
    """
    if compare_to is None:
        return None, None, None
    same = compare_to == as_of or (compare_to.issued is None and compare_to.moment() == as_of.moment())
    if same:
        return None, None, f"The comparison point is the as-of point ({as_of.label()}): the draft makes no comparison."
    if compare_to.moment() > as_of.moment():
        return None, (f"The comparison point ({compare_to.label()}) comes after the as-of point ({as_of.label()}). "
                      "Choose a comparison point before the as-of point; no draft is made until then."), None
    return compare_to, None, None


@dataclass
class Figures:
    """The counts a draft states, at one point: which reviews, needs by chapter and by type.

    Kept with an issued update, so a later draft compares with what was said, not with today's data.
    """

    reviews: dict[str, dict]  # "KEN-2": {"country": ..., "symbol": ..., "cycle": ...}
    by_chapter: dict[int, int]
    by_type: dict[str, int]

    @property
    def needs(self) -> int:
        return sum(self.by_chapter.values())

    def to_json(self) -> str:
        return json.dumps({"reviews": self.reviews, "by_chapter": {str(k): v for k, v in self.by_chapter.items()},
                           "by_type": self.by_type}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Figures:
        d = json.loads(text)
        return cls(d["reviews"], {int(k): int(v) for k, v in d["by_chapter"].items()},
                   {k: int(v) for k, v in d["by_type"].items()})


@dataclass
class Sentence:
    """One sentence of the draft, the table it rests on and the numbers it states."""

    key: str
    headline: str
    text: str
    figures: pd.DataFrame
    numbers: dict[str, object] = field(default_factory=dict)


@dataclass
class Update:
    """A draft oral update: its scope, its two points in time and its sentences in speaking order."""

    scope: Scope
    as_of: Point
    compare_to: Point | None
    sentences: list[Sentence]
    now: Figures | None = None
    then: Figures | None = None
    added: list[dict] = field(default_factory=list)  # reviews added since compare_to: country, symbol
    annex: pd.DataFrame = field(default_factory=pd.DataFrame)  # needs per State and chapter
    facts: dict[str, object] = field(default_factory=dict)  # is_sample, run_id, published_at

    @property
    def title(self) -> str:
        """Title of the update, naming cycle and as-of point."""
        cycle = "all review cycles" if self.scope.cycle is None else f"{ordinal(self.scope.cycle)} review cycle"
        when = f"{self.as_of.session} (as of {day(self.as_of.on)})" if self.as_of.session and self.as_of.on \
            else self.as_of.label()
        return f"Technical assistance needs, {cycle}: update as of {when}" if not self.as_of.session \
            else f"Technical assistance needs, {cycle}: update for the {when}"


def as_of_filter(point: Point, alias: str = "d") -> tuple[str, list]:
    """SQL condition on documents alias: the document was available at point; with its parameters."""
    if point.on is not None:
        return f"COALESCE({alias}.published_on, CAST({alias}.first_loaded_at AS DATE)) <= ?", [point.on]
    if point.run_id is not None:
        first = f"COALESCE((SELECT r.started_at FROM load_runs r WHERE r.run_id = {alias}.first_run_id), " \
                f"{alias}.first_loaded_at)"
        return f"{first} <= (SELECT r.started_at FROM load_runs r WHERE r.run_id = ?)", [point.run_id]
    return "TRUE", []


def _in(column: str, values: tuple) -> tuple[str, list]:
    if not values:
        return "TRUE", []
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def scoped(scope: Scope, point: Point) -> tuple[str, list]:
    """WITH clause defining docs and scoped_needs (types and articles de-duplicated) at point; with parameters."""
    available, p_available = as_of_filter(point, "d")
    cycles, p_cycles = _in("d.cycle", () if scope.cycle is None else (scope.cycle,))
    groups, p_groups = _in("d.regional_group", scope.groups)
    chapters, p_chapters = _in("n.chapter", scope.chapters)
    sql = f"""WITH docs AS (
    SELECT d.document_id, d.iso3, d.cycle, d.country, d.symbol, d.regional_group, d.iso3 || '-' || d.cycle AS review
    FROM documents d
    WHERE {cycles} AND {groups} AND {available}
), scoped_needs AS (
    SELECT n.need_id, n.document_id, docs.regional_group, n.chapter,
           list_distinct(n.articles) AS articles, list_distinct(n.types) AS types
    FROM needs n JOIN docs USING (document_id)
    WHERE {chapters}
)
"""
    return sql, [*p_cycles, *p_groups, *p_available, *p_chapters]


def query(con: duckdb.DuckDBPyConnection, scope: Scope, point: Point, select: str, params: list | None = None
          ) -> pd.DataFrame:
    """Run select over docs and scoped_needs of scope at point."""
    with_sql, with_params = scoped(scope, point)
    return con.execute(with_sql + select, with_params + (params or [])).df()


def load_runs(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Load runs that published data, newest first, for choosing a point."""
    return con.execute(
        "SELECT run_id, started_at, status, documents_total FROM load_runs "
        "WHERE status LIKE 'published%' ORDER BY started_at DESC"
    ).df()


def run_point(con: duckdb.DuckDBPyConnection, run_id: str) -> Point:
    """The point of a load run, with its start time; ValueError when there is no such run."""
    row = con.execute("SELECT started_at FROM load_runs WHERE run_id = ?", [run_id]).fetchone()
    if row is None:
        raise ValueError(f"No load run {run_id} in the warehouse.")
    return Point(run_id=run_id, run_started=row[0])


def date_range(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """Earliest date a document stands at (its publication, else its first load) and today, for date pickers."""
    row = con.execute("SELECT min(COALESCE(published_on, CAST(first_loaded_at AS DATE))) FROM documents").fetchone()
    today = date.today()
    earliest = row[0] if row and row[0] else today
    return min(earliest, today), today


def warehouse_facts(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Whether the data is the illustrative sample, and which run published it when: for every export's provenance."""
    sample = con.execute("SELECT COALESCE(bool_or(is_sample), false) FROM documents").fetchone()[0]
    info = dict(con.execute("SELECT key, value FROM warehouse_info").fetchall())
    run_id = info.get("last_run_id")
    if run_id is None:
        row = con.execute("SELECT run_id FROM load_runs ORDER BY started_at DESC LIMIT 1").fetchone()
        run_id = row[0] if row else None
    return {"is_sample": bool(sample), "run_id": run_id, "published_at": info.get("published_at")}


def _chapter_counts(con, scope: Scope, point: Point) -> pd.DataFrame:
    return query(con, scope, point, """
SELECT n.chapter, c.numeral, c.title, count(*) AS needs
FROM scoped_needs n LEFT JOIN chapters c USING (chapter)
GROUP BY ALL ORDER BY needs DESC, n.chapter""")


def _type_counts(con, scope: Scope, point: Point) -> pd.DataFrame:
    return query(con, scope, point, """
SELECT t.type, count(*) AS needs FROM scoped_needs, unnest(types) AS t(type)
GROUP BY t.type ORDER BY needs DESC, t.type""")


def figures_at(con: duckdb.DuckDBPyConnection, scope: Scope, point: Point) -> Figures:
    """The reviews and counts of scope at point, as a draft states them."""
    docs = query(con, scope, point, "SELECT review, country, symbol, cycle FROM docs ORDER BY country, cycle")
    reviews = {r.review: {"country": r.country, "symbol": r.symbol if isinstance(r.symbol, str) else None,
                          "cycle": int(r.cycle)} for r in docs.itertuples()}
    chapters = _chapter_counts(con, scope, point)
    types = _type_counts(con, scope, point)
    return Figures(reviews, {int(c): int(n) for c, n in zip(chapters["chapter"], chapters["needs"], strict=True)},
                   {str(t): int(n) for t, n in zip(types["type"], types["needs"], strict=True)})


def _summaries(update_scope: Scope, as_of: Point, compare_to: Point | None, now: Figures, then: Figures | None
               ) -> tuple[Sentence, list[dict]]:
    where = update_scope.words()
    figures = {"as of": [as_of.label()], "executive summaries": [len(now.reviews)]}
    numbers: dict[str, object] = {"summaries": len(now.reviews)}
    added: list[dict] = []
    if not now.reviews:
        text = f"As of {as_of.label()}, no executive summaries {where} are available."
        return Sentence("summaries", "Executive summaries", text, pd.DataFrame(figures), numbers), added
    if then is None:
        total, = numerals(len(now.reviews))
        text = f"As of {as_of.label()}, {total} executive {_summary_noun(len(now.reviews))} {where} " \
               f"{'is' if len(now.reviews) == 1 else 'are'} available."
    else:
        keys = sorted(set(now.reviews) - set(then.reviews), key=lambda k: (now.reviews[k]["country"], k))
        added = [{"review": k, **now.reviews[k]} for k in keys]
        total, more = numerals(len(now.reviews), len(added))
        numbers |= {"summaries_then": len(then.reviews), "added": len(added)}
        figures |= {"at comparison point": [len(then.reviews)], "added since": [len(added)]}
        verb = "is" if len(now.reviews) == 1 else "are"
        text = f"As of {as_of.label()}, {total} executive {_summary_noun(len(now.reviews))} {where} {verb} available"
        if added:
            states = ""
            if len(added) <= MAX_STATES_ALOUD:
                states = f" ({joined(_state_names(added))})"
            made_for = f" for the {compare_to.session}" if compare_to.issued and compare_to.session else ""
            text += f", including {more} added since {compare_to.label()}{made_for}{states}."
        else:
            made_for = f" for the {compare_to.session}" if compare_to.issued and compare_to.session else ""
            text += f"; none has been added since {compare_to.label()}{made_for}."
    return Sentence("summaries", "Executive summaries", text, pd.DataFrame(figures), numbers), added


def _state_names(reviews: list[dict]) -> list[str]:
    # A State reviewed in both cycles appears once per cycle only when the scope spans cycles.
    cycles = {r["cycle"] for r in reviews}
    return [r["country"] + (f" ({ordinal(r['cycle'])} cycle)" if len(cycles) > 1 else "") for r in reviews]


def _summary_noun(n: int) -> str:
    return "summary" if n == 1 else "summaries"


def _chapter_name(row) -> str:
    numeral = row.numeral if isinstance(row.numeral, str) else roman(int(row.chapter))
    title = f" ({row.title})" if isinstance(row.title, str) else ""
    return f"chapter {numeral}{title}"


def _order_change(a_then: int, b_then: int, a_now: int, b_now: int) -> str | None:
    """'first' when a has overtaken b, 'second' when b has overtaken a, 'level' when they became equal, else None."""
    if a_now == b_now:
        return "level" if a_then != b_then else None
    if a_now > b_now and a_then <= b_then:
        return "first"
    if b_now > a_now and b_then <= a_then:
        return "second"
    return None


def _change_text(compare_to: Point, before: dict[int, int], after: dict[int, int]) -> str:
    """'Since T, the number of needs has risen by 15, from 105: by 10 under chapter II and by 5 under chapter V.'"""
    total_then, total_now = sum(before.values()), sum(after.values())
    delta = total_now - total_then
    moved = [(c, after.get(c, 0) - before.get(c, 0)) for c in sorted(set(before) | set(after))]
    moved = [(c, d) for c, d in moved if d]
    if not delta and not moved:
        return f" The number of needs is unchanged since {compare_to.label()}."
    forms = numerals(abs(delta), total_then, *[abs(d) for _, d in moved])
    if delta:
        text = (f" Since {compare_to.label()}, the number of needs has {'risen' if delta > 0 else 'fallen'} "
                f"by {forms[0]}, from {forms[1]}")
    else:
        text = f" Since {compare_to.label()}, the total number of needs is unchanged at {forms[1]}"
    if len(moved) > 1 or (moved and (len(set(before) | set(after)) > 1 or not delta)):
        parts = [f"{'up' if d > 0 else 'down'} {form} under chapter {roman(c)}"
                 for (c, d), form in zip(moved, forms[2:], strict=True)]
        text += ": " + joined(parts)
    return text + "."


def _chapters(con, scope: Scope, as_of: Point, compare_to: Point | None, then: Figures | None,
              added: int) -> Sentence:
    now = _chapter_counts(con, scope, as_of)
    total = int(now["needs"].sum())
    if not total:
        return Sentence("chapters", "Needs by chapter", "", pd.DataFrame(), {"needs": 0})
    names = [_chapter_name(r) for r in now.itertuples()]
    counts = [int(n) for n in now["needs"]]
    forms = numerals(total, *counts)
    if len(names) == 1:
        lead = "The one need identified relates" if total == 1 else f"All {forms[0]} needs identified relate"
        text = f"{lead} to {names[0]}."
    else:
        verb = "relates" if counts[0] == 1 else "relate"
        items = [f"{forms[1]} {verb} to {names[0]}"]
        items += [f"{form} to {name}" for form, name in zip(forms[2:], names[1:], strict=True)]
        text = f"Of the {forms[0]} needs identified, {joined(items)}."
    figures = now.rename(columns={"needs": "needs now"})
    after = dict(zip((int(c) for c in now["chapter"]), counts, strict=True))
    numbers: dict[str, object] = {"needs": total, "by_chapter": after}
    if compare_to is not None and then is not None:
        before = dict(then.by_chapter)
        text += _change_text(compare_to, before, after)
        changes = []
        for a, b in combinations(sorted(set(before) | set(after)), 2):
            change = _order_change(before.get(a, 0), before.get(b, 0), after.get(a, 0), after.get(b, 0))
            if change == "level":
                changes.append(f"needs under chapter {roman(a)} are now level with those under chapter {roman(b)}")
            elif change:
                hi, lo = (a, b) if change == "first" else (b, a)
                changes.append(f"needs under chapter {roman(hi)} have now surpassed those under chapter {roman(lo)}")
        numbers |= {"needs_then": sum(before.values()), "by_chapter_then": before, "changes": changes}
        then_frame = pd.DataFrame({"chapter": list(before), "needs then": list(before.values())}, dtype="int64")
        figures = figures.merge(then_frame, on="chapter", how="outer").fillna({"needs now": 0, "needs then": 0})
        titles = con.execute("SELECT chapter, numeral, title FROM chapters").df().set_index("chapter")
        figures["numeral"] = [roman(int(c)) if not isinstance(n, str) else n
                              for c, n in zip(figures["chapter"], figures["numeral"], strict=True)]
        figures["title"] = [t if isinstance(t, str) else titles["title"].get(int(c))
                            for c, t in zip(figures["chapter"], figures["title"], strict=True)]
        figures = figures.astype({"needs now": int, "needs then": int}).sort_values(
            ["needs now", "chapter"], ascending=[False, True], ignore_index=True)
        figures["change"] = figures["needs now"] - figures["needs then"]
        if changes:
            since = f"the {number(added)} additional executive {_summary_noun(added)}" if added else "the data"
            text += f" Taking into account {since} since {compare_to.label()}, {joined(changes)}."
        elif len(set(before) | set(after)) > 1:
            text += " The order of chapters by number of needs is unchanged."
    return Sentence("chapters", "Needs by chapter", text, figures, numbers)


def _type_word(t: str) -> str:
    return TYPE_WORDS.get(t, t)


def _types(con, scope: Scope, as_of: Point, then: Figures | None, total: int) -> Sentence:
    now = _type_counts(con, scope, as_of)
    now["share"] = [percent(int(n), total) for n in now["needs"]]
    top = now[now["needs"] == now["needs"].iloc[0]]
    shares = dict(zip(now["type"], now["share"], strict=True))
    if len(top) > 1:
        text = (f"{capital(joined([_type_word(t) for t in top['type']]))} are level as the most frequent types of "
                f"assistance needed, each in {per_cent(int(top['share'].iloc[0]))} of needs")
        rest = now.iloc[len(top):len(top) + 2]
    else:
        verb = "is"
        if then is not None and then.by_type:
            ranked = sorted(then.by_type.items(), key=lambda kv: (-kv[1], kv[0]))
            strict_then = len(ranked) == 1 or ranked[0][1] > ranked[1][1]
            verb = "remains" if strict_then and ranked[0][0] == top["type"].iloc[0] else "is now"
        first = top["type"].iloc[0]
        text = (f"{capital(_type_word(first))} {verb} the most frequent type of assistance needed "
                f"({per_cent(shares[first])} of needs)")
        rest = now.iloc[1:3]
    if len(rest):
        text += ", followed by " + joined([f"{_type_word(r.type)} ({per_cent(int(r.share))})"
                                          for r in rest.itertuples()])
    multi = int(now["needs"].sum()) > total
    text += "; a need may be of more than one type." if multi else "."
    numbers = {"needs": total, "by_type": dict(zip(now["type"], now["needs"], strict=True)), "shares": shares}
    return Sentence("types", "Share of needs by type of assistance", text, now, numbers)


def _articles(con, scope: Scope, as_of: Point) -> Sentence | None:
    counts = query(con, scope, as_of, """
SELECT a.article, r.title, count(*) AS needs
FROM scoped_needs, unnest(articles) AS a(article) LEFT JOIN articles r ON r.article = a.article
GROUP BY ALL ORDER BY needs DESC, a.article""")
    if counts.empty:
        return None
    needs = [int(n) for n in counts["needs"]]
    named = min(MAX_ARTICLES, len(counts))
    # A tie across the cut-off would name some of the tied articles and not others: name only those above it.
    while 0 < named < len(counts) and needs[named] == needs[named - 1]:
        named -= 1
    chosen, rest = counts.iloc[:named], counts.iloc[named:]
    if chosen.empty:
        tied = len(counts[counts["needs"] == needs[0]])
        n_articles, n_needs = numerals(tied, needs[0])
        text = f"{capital(n_articles)} articles are each referred to in {n_needs} " \
               f"{'need' if needs[0] == 1 else 'needs'}, more than any other; none stands out."
        return Sentence("articles", "Articles", text, counts, {"articles": {}, "tied": tied})
    # The articles tied just below the named ones (a tie across the cut-off) are counted, not named.
    tied = int((rest["needs"] == needs[named]).sum()) if len(rest) and needs[named:named + 2] == [needs[named]] * 2 \
        else 0
    # Only the counts spoken share one form: the rest's size is not said when the tied ones are.
    spoken = [tied, needs[named], len(rest) - tied] if tied else [len(rest)]
    forms = numerals(*needs[:named], *spoken)
    items = []
    for i, r in enumerate(chosen.itertuples()):
        title = f" ({r.title})" if isinstance(r.title, str) else ""
        noun = (" need" if needs[i] == 1 else " needs") if i == 0 else ""
        items.append(f"article {int(r.article)}{title}, in {forms[i]}{noun}")
    lead = "The article most often referred to is" if len(items) == 1 else "The articles most often referred to are"
    text = f"{lead} {'; '.join(items[:-1]) + '; and ' + items[-1] if len(items) > 2 else joined(items)}"
    n_tied, tied_needs, n_fewer = forms[named:named + 3] if tied else (None, None, None)
    n_rest = forms[named]
    if tied:
        noun = "need" if needs[named] == 1 else "needs"
        text += f"; {n_tied} other articles are each referred to in {tied_needs} {noun}"
        if len(rest) > tied:
            text += f" and {n_fewer} {'article' if len(rest) - tied == 1 else 'articles'} less often"
        text += "."
    elif len(rest):
        text += f"; {n_rest} other {'article is' if len(rest) == 1 else 'articles are'} referred to less often."
    else:
        text += "."
    numbers = {"articles": dict(zip(chosen["article"], chosen["needs"], strict=True)), "others": len(rest)}
    return Sentence("articles", "Most frequent articles", text, counts.reset_index(drop=True), numbers)


def _regions(con, scope: Scope, as_of: Point, overall: pd.DataFrame) -> Sentence | None:
    groups = query(con, scope, as_of, """
SELECT d.regional_group, count(DISTINCT d.document_id) AS summaries, count(n.need_id) AS needs
FROM docs d LEFT JOIN scoped_needs n USING (document_id)
GROUP BY ALL ORDER BY d.regional_group""")
    if len(groups) < 2:
        return None
    pairs = zip(groups["needs"], groups["summaries"], strict=True)
    groups["per summary"] = [one_decimal(int(n), int(s)) for n, s in pairs]
    thin = int((groups["summaries"] < MIN_GROUP_SUMMARIES).sum())
    if thin:
        few, of = numerals(thin, len(groups))
        which = ("both groups have" if thin == 2 else f"all {of} groups have") if thin == len(groups) else \
            f"{few} of the {of} groups {'has' if thin == 1 else 'have'}"
        text = (f"No comparison between regional groups is made: such a comparison is drawn only when each group "
                f"has at least {number(MIN_GROUP_SUMMARIES)} executive summaries in scope, and {which} fewer.")
        numbers = {"thin": thin, "groups": len(groups), "threshold": MIN_GROUP_SUMMARIES}
        return Sentence("regions", "Regional groups", text, groups, numbers)
    best = max(groups["per summary"], key=float)
    leaders = list(groups.loc[groups["per summary"] == best, "regional_group"])
    total = one_decimal(int(groups["needs"].sum()), int(groups["summaries"].sum()))
    if len(leaders) == 1:
        text = f"Among regional groups, the most needs per executive summary are found for the {leaders[0]} " \
               f"(an average of {best}, against {total} across the groups in scope)."
    else:
        text = f"Among regional groups, {joined([f'the {g}' for g in leaders])} are level with the most needs per " \
               f"executive summary (an average of {best} each, against {total} across the groups in scope)."
    per_summary = dict(zip(groups["regional_group"], groups["per summary"], strict=True))
    numbers: dict[str, object] = {"leaders": leaders, "best": best, "overall": total, "per_summary": per_summary}
    strict = len(overall) == 1 or (len(overall) > 1 and overall["needs"].iloc[0] > overall["needs"].iloc[1])
    differing = []
    if len(overall) and strict:
        overall_top = overall["type"].iloc[0]
        by_group = query(con, scope, as_of, """
SELECT n.regional_group, t.type, count(*) AS needs FROM scoped_needs n, unnest(n.types) AS t(type)
GROUP BY ALL ORDER BY n.regional_group, needs DESC, t.type""")
        for name, rows in by_group.groupby("regional_group", sort=True):
            counts = list(rows["needs"])
            group_needs = int(groups.loc[groups["regional_group"] == name, "needs"].iloc[0])
            strict_top = len(counts) == 1 or counts[0] > counts[1]
            if strict_top and rows["type"].iloc[0] != overall_top and group_needs >= MIN_GROUP_NEEDS:
                differing.append((name, rows["type"].iloc[0], int(counts[0]), group_needs))
        for name, t, n, of in differing:
            n_form, of_form = numerals(n, of)
            text += (f" For the {name}, the most frequent type is {_type_word(t)} rather than "
                     f"{_type_word(overall_top)} ({n_form} of {of_form} needs).")
        numbers["differing"] = differing
    return Sentence("regions", "Needs per executive summary by regional group", text, groups, numbers)


def _annex(con, scope: Scope, as_of: Point) -> pd.DataFrame:
    """Needs per State (with its symbol) and chapter at as_of: the Word file's annex; States without needs kept."""
    rows = query(con, scope, as_of, """
SELECT docs.country, docs.cycle, COALESCE(docs.symbol, '') AS symbol, n.chapter, count(n.need_id) AS needs
FROM docs LEFT JOIN scoped_needs n USING (document_id)
GROUP BY ALL ORDER BY docs.country, docs.cycle""")
    if rows.empty:
        return pd.DataFrame()
    chapters = sorted({int(c) for c in rows["chapter"].dropna()})
    table: dict[tuple, dict[int, int]] = {}
    for r in rows.itertuples():
        counts = table.setdefault((r.country, int(r.cycle), r.symbol), {})
        if not pd.isna(r.chapter):
            counts[int(r.chapter)] = int(r.needs)
    out = pd.DataFrame([{"State": country, "Cycle": roman(cycle), "Symbol": symbol,
                         **{f"Chapter {roman(c)}": counts.get(c, 0) for c in chapters},
                         "Total": sum(counts.values())} for (country, cycle, symbol), counts in table.items()])
    return out


def build_update(con: duckdb.DuckDBPyConnection, scope: Scope, as_of: Point, compare_to: Point | None = None,
                 then: Figures | None = None) -> Update:
    """Draft update for scope as the data stood at as_of, with changes since compare_to when given.

    then: the figures at compare_to when they are not the warehouse's (an issued update's, as said).
    """
    compare_to, error, _ = check_points(as_of, compare_to)
    if error:
        raise ValueError(error)
    now = figures_at(con, scope, as_of)
    if compare_to is not None and then is None:
        then = figures_at(con, scope, compare_to)
    if compare_to is None:
        then = None
    summaries, added = _summaries(scope, as_of, compare_to, now, then)
    sentences = [summaries]
    if now.reviews:
        chapters = _chapters(con, scope, as_of, compare_to, then, len(added))
        total = int(chapters.numbers["needs"])
        if total == 0:
            sentences.append(Sentence("chapters", "Needs by chapter", "No technical assistance needs are recorded "
                                      "in these executive summaries for the chapters in scope.", pd.DataFrame(),
                                      {"needs": 0}))
        else:
            types = _types(con, scope, as_of, then, total)
            sentences += [chapters, types]
            extra = [_articles(con, scope, as_of), _regions(con, scope, as_of, types.figures)]
            sentences += [s for s in extra if s is not None]
    return Update(scope, as_of, compare_to, sentences, now=now, then=then, added=added,
                  annex=_annex(con, scope, as_of), facts=warehouse_facts(con))


def markdown(update: Update) -> str:
    """The draft as Markdown: a title, then one paragraph per sentence."""
    lines = [f"# {update.title}", ""]
    for s in update.sentences:
        lines += [s.text, ""]
    return "\n".join(lines)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A figure table with headers people read ('Needs now', not 'needs now')."""
    return frame.rename(columns=HEADERS)


def scope_options(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """Cycles, regional groups and chapters present in the warehouse, for the scope pickers."""
    cycles = [r[0] for r in con.execute("SELECT DISTINCT cycle FROM documents ORDER BY cycle").fetchall()]
    groups = [r[0] for r in con.execute("SELECT DISTINCT regional_group FROM documents ORDER BY 1").fetchall()]
    chapters = con.execute("""
SELECT DISTINCT n.cycle, n.chapter, COALESCE(c.numeral, CAST(n.chapter AS VARCHAR)) AS numeral, COALESCE(c.title, '')
FROM needs n LEFT JOIN chapters c USING (chapter) ORDER BY 1, 2""").fetchall()
    return {"cycles": cycles, "groups": groups, "chapters": chapters}
