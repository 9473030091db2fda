"""Draft of an oral update: each sentence built from a warehouse query, with the figures behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations

import duckdb
import pandas as pd

from app.numbers import capital, counted, day, joined, number, one_decimal, ordinal, per_cent, percent, roman

# How the secretariat names each top-level type in running text; unknown types are written as stored.
TYPE_WORDS = {
    "capacity-building": "capacity-building",
    "legislative": "legislative assistance",
    "institution-building": "institution-building",
    "policymaking": "policymaking",
    "other": "other assistance",
}
TOP_ARTICLES = 3
# Ties at the cut-off are all named, unless that would list more than this many articles.
MAX_ARTICLES = 6
# A group's own top type is reported only when it rests on at least this many needs.
MIN_GROUP_NEEDS = 5


@dataclass(frozen=True)
class Scope:
    """What the update covers: one cycle, optionally some regional groups and some chapters."""

    cycle: int
    groups: tuple[str, ...] = ()
    chapters: tuple[int, ...] = ()


@dataclass(frozen=True)
class Point:
    """A moment in the data: a date, a load run, or (neither) everything loaded."""

    on: date | None = None
    run_id: str | None = None
    run_started: datetime | None = None

    def label(self) -> str:
        """How the point is named in the text."""
        if self.on is not None:
            return day(self.on)
        if self.run_id is not None:
            when = f" of {day(self.run_started.date())}" if self.run_started else ""
            return f"the load run{when} ({self.run_id})"
        return "the latest load"

    def short_label(self) -> str:
        """A few words naming the point on a chart (4 September 2019, run of 1 June 2019, latest load)."""
        if self.on is not None:
            return day(self.on)
        if self.run_started is not None:
            return f"run of {day(self.run_started.date())}"
        return self.run_id or "latest load"


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

    @property
    def title(self) -> str:
        """Title of the update, naming cycle and as-of point."""
        when = self.as_of.label()
        return f"Technical assistance needs, {ordinal(self.scope.cycle)} review cycle: update as of {when}"


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
    groups, p_groups = _in("d.regional_group", scope.groups)
    chapters, p_chapters = _in("n.chapter", scope.chapters)
    sql = f"""WITH docs AS (
    SELECT d.document_id, d.iso3, d.regional_group FROM documents d
    WHERE d.cycle = ? AND {groups} AND {available}
), scoped_needs AS (
    SELECT n.need_id, n.document_id, docs.regional_group, n.chapter,
           list_distinct(n.articles) AS articles, list_distinct(n.types) AS types
    FROM needs n JOIN docs USING (document_id)
    WHERE {chapters}
)
"""
    return sql, [scope.cycle, *p_groups, *p_available, *p_chapters]


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


def _chapter_counts(con, scope: Scope, point: Point) -> pd.DataFrame:
    return query(con, scope, point, """
SELECT n.chapter, c.numeral, c.title, count(*) AS needs
FROM scoped_needs n LEFT JOIN chapters c USING (chapter)
GROUP BY ALL ORDER BY needs DESC, n.chapter""")


def _type_counts(con, scope: Scope, point: Point) -> pd.DataFrame:
    return query(con, scope, point, """
SELECT t.type, count(*) AS needs FROM scoped_needs, unnest(types) AS t(type)
GROUP BY t.type ORDER BY needs DESC, t.type""")


def _summaries(con, update_scope: Scope, as_of: Point, compare_to: Point | None) -> tuple[Sentence, int]:
    now = set(query(con, update_scope, as_of, "SELECT document_id FROM docs")["document_id"])
    where = _scope_words(update_scope)
    figures = {"as of": [as_of.label()], "executive summaries": [len(now)]}
    numbers: dict[str, object] = {"summaries": len(now)}
    if not now:
        text = f"As of {as_of.label()}, no executive summaries {where} are available."
    else:
        text = f"As of {as_of.label()}, technical assistance needs are drawn from {counted(len(now), 'executive summary', 'executive summaries')} {where}"  # noqa: E501
    added = 0
    if compare_to is not None:
        then = set(query(con, update_scope, compare_to, "SELECT document_id FROM docs")["document_id"])
        added = len(now - then)
        numbers |= {"summaries_then": len(then), "added": added}
        figures |= {"at comparison point": [len(then)], "added since": [added]}
        if now:
            if added:
                text += (f", including {number(added)} additional executive "
                         f"{'summary' if added == 1 else 'summaries'} since {compare_to.label()}.")
            else:
                text += f"; no executive summaries have been added since {compare_to.label()}."
    elif now:
        text += "."
    return Sentence("summaries", "Executive summaries", text, pd.DataFrame(figures), numbers), added


def _scope_words(scope: Scope) -> str:
    words = f"of the {ordinal(scope.cycle)} review cycle"
    if scope.groups:
        words += " for " + joined(list(scope.groups))
    return words


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


def _chapters(con, scope: Scope, as_of: Point, compare_to: Point | None, added: int) -> Sentence:
    now = _chapter_counts(con, scope, as_of)
    total = int(now["needs"].sum())
    names = [_chapter_name(r) for r in now.itertuples()]
    counts = [int(n) for n in now["needs"]]
    if len(names) == 1:
        lead = "The one need identified relates" if total == 1 else f"All {counted(total, 'need')} identified relate"
        text = f"{lead} to {names[0]}."
    else:
        verb = "relates" if counts[0] == 1 else "relate"
        items = [f"{number(counts[0])} {verb} to {names[0]}"]
        items += [f"{number(n)} to {name}" for n, name in zip(counts[1:], names[1:], strict=True)]
        text = f"Of the {counted(total, 'need')} identified, {joined(items)}."
    figures = now.rename(columns={"needs": "needs now"})
    numbers: dict[str, object] = {"needs": total, "by_chapter": dict(zip(now["chapter"], now["needs"], strict=True))}
    if compare_to is not None:
        then = _chapter_counts(con, scope, compare_to)
        before = dict(zip(then["chapter"], then["needs"], strict=True))
        after = numbers["by_chapter"]
        names = {int(r.chapter): f"chapter {r.numeral if isinstance(r.numeral, str) else roman(int(r.chapter))}"
                 for r in pd.concat([now, then]).itertuples()}
        changes = []
        for a, b in combinations(sorted(set(before) | set(after)), 2):
            change = _order_change(before.get(a, 0), before.get(b, 0), after.get(a, 0), after.get(b, 0))
            if change == "level":
                changes.append(f"needs under {names[a]} are now level with those under {names[b]}")
            elif change:
                hi, lo = (a, b) if change == "first" else (b, a)
                changes.append(f"needs under {names[hi]} have now surpassed those under {names[lo]}")
        numbers |= {"needs_then": int(then["needs"].sum()), "by_chapter_then": before, "changes": changes}
        figures = figures.merge(then.rename(columns={"needs": "needs then"}), on=["chapter", "numeral", "title"],
                                how="outer").fillna({"needs now": 0, "needs then": 0})
        figures = figures.astype({"needs now": int, "needs then": int}).sort_values(
            ["needs now", "chapter"], ascending=[False, True], ignore_index=True)
        if changes:
            since = f"the {number(added)} additional executive {'summary' if added == 1 else 'summaries'}" \
                if added else "the data"
            text += f" Taking into account {since} since {compare_to.label()}, {joined(changes)}."
        elif len(set(before) | set(after)) > 1:
            text += f" The order of chapters is unchanged since {compare_to.label()}."
    return Sentence("chapters", "Needs by chapter", text, figures, numbers)


def _type_word(t: str) -> str:
    return TYPE_WORDS.get(t, t)


def _types(con, scope: Scope, as_of: Point, compare_to: Point | None, total: int) -> Sentence:
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
        if compare_to is not None:
            then = _type_counts(con, scope, compare_to)
            if len(then):
                strict_then = len(then) == 1 or then["needs"].iloc[0] > then["needs"].iloc[1]
                verb = "remains" if strict_then and then["type"].iloc[0] == top["type"].iloc[0] else "is now"
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
    cut = int(counts["needs"].iloc[min(TOP_ARTICLES, len(counts)) - 1])
    chosen = counts[counts["needs"] >= cut]
    if len(chosen) > MAX_ARTICLES:
        chosen = counts[counts["needs"] > cut]
    if chosen.empty:
        text = (f"{capital(counted(len(counts[counts['needs'] == cut]), 'article'))} are each referred to in "
                f"{counted(cut, 'need')}; none stands out.")
        return Sentence("articles", "Articles", text, counts, {"articles": {}})
    items = []
    for i, r in enumerate(chosen.itertuples()):
        title = f" ({r.title})" if isinstance(r.title, str) else ""
        count = counted(int(r.needs), "need") if i == 0 else number(int(r.needs))
        items.append(f"article {int(r.article)}{title}, in {count}")
    lead = "The article most often referred to is" if len(items) == 1 else "The articles most often referred to are"
    text = f"{lead} {joined(items)}."
    numbers = {"articles": dict(zip(chosen["article"], chosen["needs"], strict=True))}
    return Sentence("articles", "Most frequent articles", text, chosen.reset_index(drop=True), numbers)


def _regions(con, scope: Scope, as_of: Point, overall: pd.DataFrame) -> Sentence | None:
    groups = query(con, scope, as_of, """
SELECT d.regional_group, count(DISTINCT d.document_id) AS summaries, count(n.need_id) AS needs
FROM docs d LEFT JOIN scoped_needs n USING (document_id)
GROUP BY ALL ORDER BY d.regional_group""")
    if len(groups) < 2:
        return None
    pairs = zip(groups["needs"], groups["summaries"], strict=True)
    groups["per summary"] = [one_decimal(int(n), int(s)) for n, s in pairs]
    best = max(groups["per summary"], key=float)
    leaders = list(groups.loc[groups["per summary"] == best, "regional_group"])
    total = one_decimal(int(groups["needs"].sum()), int(groups["summaries"].sum()))
    if len(leaders) == 1:
        text = f"Among regional groups, the most needs per executive summary are found for the {leaders[0]} " \
               f"(an average of {best}, against {total} across the groups in scope)."
    else:
        text = f"Among regional groups, the {joined(leaders)} are level with the most needs per executive summary " \
               f"(an average of {best} each, against {total} across the groups in scope)."
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
            text += (f" For the {name}, the most frequent type is {_type_word(t)} rather than "
                     f"{_type_word(overall_top)} ({number(n)} of {counted(of, 'need')}).")
        numbers["differing"] = differing
    return Sentence("regions", "Needs per executive summary by regional group", text, groups, numbers)


def build_update(con: duckdb.DuckDBPyConnection, scope: Scope, as_of: Point, compare_to: Point | None = None
                 ) -> Update:
    """Draft update for scope as the data stood at as_of, with changes since compare_to when given."""
    summaries, added = _summaries(con, scope, as_of, compare_to)
    sentences = [summaries]
    if summaries.numbers["summaries"]:
        chapters = _chapters(con, scope, as_of, compare_to, added)
        total = int(chapters.numbers["needs"])
        if total == 0:
            sentences.append(Sentence("chapters", "Needs by chapter", "No technical assistance needs are recorded "
                                      "in these executive summaries for the chapters in scope.", pd.DataFrame(),
                                      {"needs": 0}))
        else:
            types = _types(con, scope, as_of, compare_to, total)
            sentences += [chapters, types]
            extra = [_articles(con, scope, as_of), _regions(con, scope, as_of, types.figures)]
            sentences += [s for s in extra if s is not None]
    return Update(scope, as_of, compare_to, sentences)


def markdown(update: Update) -> str:
    """The draft as Markdown: a title, then one paragraph per sentence."""
    lines = [f"# {update.title}", ""]
    for s in update.sentences:
        lines += [s.text, ""]
    return "\n".join(lines)


def scope_options(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """Cycles, regional groups and chapters present in the warehouse, for the scope pickers."""
    cycles = [r[0] for r in con.execute("SELECT DISTINCT cycle FROM documents ORDER BY cycle").fetchall()]
    groups = [r[0] for r in con.execute("SELECT DISTINCT regional_group FROM documents ORDER BY 1").fetchall()]
    chapters = con.execute("""
SELECT DISTINCT n.cycle, n.chapter, COALESCE(c.numeral, CAST(n.chapter AS VARCHAR)) AS numeral, COALESCE(c.title, '')
FROM needs n LEFT JOIN chapters c USING (chapter) ORDER BY 1, 2""").fetchall()
    return {"cycles": cycles, "groups": groups, "chapters": chapters}
