"""Tests of the oral-update builder: every figure in the text against direct queries, as-of reconstruction, wording."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from app import numbers
from app.oral_update import Point, Scope, build_update, markdown, run_point

SCHEMA = Path(__file__).resolve().parents[1] / "pipelines" / "schema.sql"
GROUPS = ["African States", "Asia-Pacific States", "Eastern European States",
          "Latin American and Caribbean States", "Western European and other States"]
TYPES = ["capacity-building", "legislative", "institution-building", "policymaking", "other"]
TYPE_WORDS = {"capacity-building": "capacity-building", "legislative": "legislative assistance",
              "institution-building": "institution-building", "policymaking": "policymaking",
              "other": "other assistance"}
CHAPTERS = [(1, "I", "General provisions", 1, 4), (2, "II", "Preventive measures", 5, 14),
            (3, "III", "Criminalization and law enforcement", 15, 42), (4, "IV", "International cooperation", 43, 50),
            (5, "V", "Asset recovery", 51, 59)]
RUNS = [("run-a", datetime(2019, 1, 10, 9)), ("run-b", datetime(2019, 6, 1, 9)), ("run-c", datetime(2019, 9, 2, 9))]
WORD = {w: i for i, w in enumerate(numbers.WORDS)}
NUM = r"(\d{1,3}(?:,\d{3})*(?:\.\d)?|zero|one|two|three|four|five|six|seven|eight|nine)"


def value(token: str) -> float:
    """A number read back from the text, in words or digits."""
    token = token.lower()
    return WORD[token] if token in WORD else float(token.replace(",", ""))


def make_data(seed: int, n_docs: int = 40) -> tuple[list[dict], list[dict]]:
    """Random documents and needs with publication dates spread over 2019, some undated."""
    rnd = random.Random(seed)
    docs, needs = [], []
    for i in range(n_docs):
        run_id, started = rnd.choice(RUNS)
        cycle = rnd.choice([1, 2, 2, 2])
        published = None if rnd.random() < 0.25 else date(2019, 1, 1) + timedelta(days=rnd.randrange(300))
        doc = {"document_id": f"doc{i:03d}", "iso3": f"C{i:02d}", "regional_group": rnd.choice(GROUPS),
               "cycle": cycle, "published_on": published, "first_run_id": run_id,
               "first_loaded_at": started + timedelta(minutes=i)}
        docs.append(doc)
        chapters = [2, 5] if cycle == 2 else [3, 4]
        for k in range(rnd.choice([0, 1, 2, 3, 5, 8, 12])):
            ch = rnd.choice(chapters)
            first, last = CHAPTERS[ch - 1][3], CHAPTERS[ch - 1][4]
            arts = rnd.sample(range(first, last + 1), rnd.choice([0, 0, 1, 1, 2]))
            types = rnd.sample(TYPES, rnd.choice([1, 1, 1, 2, 3]))
            if rnd.random() < 0.4:
                types = ["capacity-building"] + [t for t in types if t != "capacity-building"]
            needs.append({"need_id": f"{doc['document_id']}-{k}", "document_id": doc["document_id"],
                          "iso3": doc["iso3"], "regional_group": doc["regional_group"], "cycle": cycle,
                          "chapter": ch, "articles": arts, "types": types})
    return docs, needs


def write_warehouse(con: duckdb.DuckDBPyConnection, docs: list[dict], needs: list[dict]) -> None:
    """Create the contract's tables and fill them with the given documents and needs."""
    con.execute(SCHEMA.read_text())
    con.executemany("INSERT INTO chapters VALUES (?, ?, ?, ?, ?)", CHAPTERS)
    # Titles spell the article in letters so that the only digits in a sentence are figures; multiples of 7 have none.
    titles = [(a, ch, "Title " + "".join(chr(65 + int(c)) for c in str(a)))
              for ch, _, _, lo, hi in CHAPTERS for a in range(lo, hi + 1) if a % 7]
    con.executemany("INSERT INTO articles VALUES (?, ?, ?)", titles)
    con.executemany("INSERT INTO load_runs (run_id, started_at, finished_at, status, paths, files_seen, files_loaded, "
                    "files_unchanged, files_replaced, files_rejected, needs_loaded, documents_total, needs_total) "
                    "VALUES (?, ?, ?, 'published', 'x', 0, 0, 0, 0, 0, 0, 0, 0)",
                    [(r, t, t + timedelta(hours=1)) for r, t in RUNS])
    # Bulk inserts from data frames: row-by-row executemany is slow enough to dominate the test run.
    documents = pd.DataFrame([{
        "document_id": d["document_id"], "symbol": f"CAC/COSP/IRG/{'I' * d['cycle']}/1/1/Add.{d['iso3']}",
        "country": "Country " + d["iso3"], "iso3": d["iso3"],
        "regional_group": d["regional_group"], "cycle": d["cycle"], "language": "en", "published_on": d["published_on"],
        "source_file": "f.txt", "source_format": "txt", "pages": None, "is_sample": True,
        "first_run_id": d["first_run_id"], "first_loaded_at": d["first_loaded_at"], "run_id": d["first_run_id"],
        "loaded_at": d["first_loaded_at"]} for d in docs])
    if docs:
        con.register("documents_df", documents)
        con.execute("INSERT INTO documents BY NAME SELECT * FROM documents_df")
        con.unregister("documents_df")
    if needs:
        rows = pd.DataFrame([{**n, "symbol": None, "country": "x", "article_source": "cited", "subtypes": [],
                              "text": "text", "heading": None, "ordinal": 1, "language": "en", "source_file": "f.txt",
                              "page": None, "paragraph": None, "location": "line 1"} for n in needs])
        con.register("needs_df", rows)
        con.execute("INSERT INTO needs BY NAME SELECT * FROM needs_df")
        con.unregister("needs_df")


def available(doc: dict, point: Point) -> bool:
    """The availability rule, restated in Python for the oracle."""
    if point.on is not None:
        return (doc["published_on"] or doc["first_loaded_at"].date()) <= point.on
    if point.run_id is not None:
        return dict(RUNS)[doc["first_run_id"]] <= dict(RUNS)[point.run_id]
    return True


def in_scope(docs: list[dict], scope: Scope, point: Point) -> list[str]:
    return [d["document_id"] for d in docs if d["cycle"] == scope.cycle and available(d, point)
            and (not scope.groups or d["regional_group"] in scope.groups)]


def direct(con, ids: list[str], scope: Scope, select: str) -> pd.DataFrame:
    """A direct query over the needs of the given documents, restricted to the scope's chapters."""
    ids_sql = ", ".join(f"'{i}'" for i in ids) or "NULL"
    chapters = f"AND chapter IN ({', '.join(map(str, scope.chapters))})" if scope.chapters else ""
    return con.execute(f"WITH s AS (SELECT * FROM needs WHERE document_id IN ({ids_sql}) {chapters}) {select}").df()


@pytest.fixture(scope="module")
def warehouse():
    docs, needs = make_data(7)
    con = duckdb.connect()
    write_warehouse(con, docs, needs)
    yield con, docs, needs
    con.close()


SCOPES = [Scope(2), Scope(1), Scope(2, chapters=(2,)), Scope(2, groups=("African States", "Asia-Pacific States")),
          Scope(2, groups=("Eastern European States",)), Scope(1, groups=tuple(GROUPS[2:]), chapters=(3, 4))]
POINTS = [Point(on=date(2019, 3, 1)), Point(on=date(2019, 7, 15)), Point(on=date(2019, 12, 31)), Point(),
          Point(run_id="run-b", run_started=RUNS[1][1]), Point(run_id="run-c", run_started=RUNS[2][1])]
COMPARE = [None, Point(on=date(2019, 2, 1)), Point(run_id="run-a", run_started=RUNS[0][1])]


def check_sentence_figures(con, docs, s, scope: Scope, as_of: Point, compare_to: Point | None) -> None:
    """Every number stated in sentence s equals the direct query for it; no number goes unchecked."""
    ids = in_scope(docs, scope, as_of)
    text = s.text.replace(as_of.label(), "").replace(compare_to.label() if compare_to else "\0", "")
    checked = 0
    if s.key == "summaries":
        m = re.search(rf"As of [^,]*, {NUM} executive summar", text)
        if ids:
            assert value(m.group(1)) == len(ids)
            checked += 1
        else:
            assert m is None and "no executive summaries" in text
        m = re.search(rf"including {NUM} added since", text)
        if compare_to is not None and ids:
            added = len(set(ids) - set(in_scope(docs, scope, compare_to)))
            assert (m is not None and value(m.group(1)) == added) or (added == 0 and "none has been added" in text)
            checked += m is not None
    elif s.key == "chapters":
        expected = direct(con, ids, scope, "SELECT chapter, count(*) AS n FROM s GROUP BY chapter")
        expected = dict(zip(expected["chapter"], expected["n"], strict=True))
        found = {numbers_roman(r): value(n) for n, r in re.findall(rf"{NUM} (?:relates? )?to chapter ([IVX]+)", text)}
        m = re.search(rf"(?:Of the|All) {NUM} needs?", text) or re.search(r"The (one) need", text)
        if len(expected) > 1:
            assert found == expected
            checked += len(found)
        else:
            assert len(found) == 0 and "relate" in text
        assert value(m.group(1)) == sum(expected.values())
        checked += 1
        if compare_to is not None:
            then = direct(con, in_scope(docs, scope, compare_to), scope,
                          "SELECT chapter, count(*) AS n FROM s GROUP BY chapter")
            then = dict(zip(then["chapter"], then["n"], strict=True))
            stated = {(verb, numbers_roman(x), numbers_roman(y)) for x, verb, y in re.findall(
                r"chapter ([IVX]+) (have now surpassed|are now level with) those under chapter ([IVX]+)", text)}
            truth = set()
            for x in set(then) | set(expected):
                for y in set(then) | set(expected):
                    x0, y0, x1, y1 = then.get(x, 0), then.get(y, 0), expected.get(x, 0), expected.get(y, 0)
                    if x1 > y1 and x0 <= y0:
                        truth.add(("have now surpassed", x, y))
                    if x < y and x1 == y1 and x0 != y0:
                        truth.add(("are now level with", x, y))
            assert stated == truth, (text, then, expected)
            assert ("order of chapters by number of needs is unchanged" in text) == \
                (not truth and len(set(then) | set(expected)) > 1)
            total_then, total_now = sum(then.values()), sum(expected.values())
            m = re.search(rf"the number of needs has (risen|fallen) by {NUM}, from {NUM}", text)
            if total_now != total_then:
                sign = 1 if m.group(1) == "risen" else -1
                assert sign * value(m.group(2)) == total_now - total_then and value(m.group(3)) == total_then
                checked += 2
            else:
                assert m is None
                m = re.search(rf"total number of needs is unchanged at {NUM}", text)
                if m:
                    assert value(m.group(1)) == total_then
                    checked += 1
            for way, n, r in re.findall(rf"(up|down) {NUM} under chapter ([IVX]+)", text):
                ch = numbers_roman(r)
                assert (1 if way == "up" else -1) * value(n) == expected.get(ch, 0) - then.get(ch, 0)
                checked += 1
            m = re.search(rf"the {NUM} additional executive", text)
            if m:
                assert value(m.group(1)) == len(set(ids) - set(in_scope(docs, scope, compare_to)))
                checked += 1
    elif s.key == "types":
        total = direct(con, ids, scope, "SELECT count(*) AS n FROM s")["n"].iloc[0]
        counts = direct(con, ids, scope, "SELECT t, count(DISTINCT need_id) AS n FROM s, unnest(types) AS u(t) "
                                         "GROUP BY t ORDER BY n DESC, t")
        share = {TYPE_WORDS[t]: round_half_up(100 * n / total) for t, n in zip(counts["t"], counts["n"], strict=True)}
        for word, p in re.findall(rf"({'|'.join(TYPE_WORDS.values())}) \((\d+) per cent", text):
            assert share[word] == int(p)
            checked += 1
        m = re.search(r"most frequent type of assistance needed \((\d+) per cent", text)
        if m:
            assert int(m.group(1)) == share[TYPE_WORDS[counts["t"].iloc[0]]]
            checked += 1
        m = re.search(r"each in (\d+) per cent", text)
        if m:
            top = counts[counts["n"] == counts["n"].iloc[0]]
            assert len(top) > 1 and int(m.group(1)) == round_half_up(100 * top["n"].iloc[0] / total)
            checked += 1
        first = counts["t"].iloc[0]
        if len(counts) == 1 or counts["n"].iloc[0] > counts["n"].iloc[1]:
            assert text.lower().startswith(TYPE_WORDS[first])
    elif s.key == "articles":
        counts = direct(con, ids, scope, "SELECT a, count(DISTINCT need_id) AS n FROM s, unnest(articles) AS u(a) "
                                         "GROUP BY a")
        counts = dict(zip(counts["a"], counts["n"], strict=True))
        pairs = re.findall(rf"article (\d+)(?: \([^)]*\))?, in {NUM}", text)
        assert len(pairs) <= 3, text
        for art, n in pairs:
            assert counts[int(art)] == value(n)
            checked += 2
        named = [counts[int(a)] for a, _ in pairs]
        others = [n for a, n in counts.items() if str(a) not in {x for x, _ in pairs}]
        assert not others or min(named, default=max(others) + 1) > max(others), text
        m = re.search(rf"{NUM} other articles? (?:is|are) referred to less often", text)
        tied = re.search(rf"{NUM} other articles are each referred to in {NUM} needs?(?: and {NUM} articles? less "
                         rf"often)?", text)
        if tied:
            top = max(others)
            assert value(tied.group(1)) == sum(n == top for n in others) > 1 and value(tied.group(2)) == top
            fewer = sum(n < top for n in others)
            assert (tied.group(3) is None and fewer == 0) or value(tied.group(3)) == fewer
            checked += 2 + (tied.group(3) is not None)
        else:
            assert (m is not None and value(m.group(1)) == len(others)) or (m is None and (not others or not pairs))
            checked += m is not None
        m = re.search(rf"{NUM} articles are each referred to in {NUM} needs?, more than any other", text)
        if m:
            top = max(counts.values())
            assert not pairs and value(m.group(1)) == sum(n == top for n in counts.values()) > 3
            assert value(m.group(2)) == top
            checked += 2
    elif s.key == "regions":
        rows = con.execute(f"""SELECT d.regional_group, count(DISTINCT d.document_id) AS docs, count(s.need_id) AS n
            FROM documents d LEFT JOIN (SELECT * FROM needs {'WHERE chapter IN (' + ', '.join(map(str, scope.chapters))
            + ')' if scope.chapters else ''}) s USING (document_id)
            WHERE d.document_id IN ({', '.join(repr(i) for i in ids)}) GROUP BY ALL""").df()
        avg = {g: round_half_up(10 * n / k) / 10 for g, n, k in zip(rows["regional_group"], rows["n"], rows["docs"],
                                                                       strict=True)}
        thin = int((rows["docs"] < 5).sum())
        m = re.search(rf"at least (five) executive summaries in scope, and {NUM} of the {NUM} groups", text)
        every = re.search(rf"at least (five) executive summaries in scope, and all {NUM} groups have fewer", text)
        if thin:
            if every:
                assert thin == len(rows) == value(every.group(2))
                checked += 2
            elif "and both groups have fewer" in text:
                assert thin == len(rows) == 2
                checked += 1
            else:
                assert m and value(m.group(2)) == thin and value(m.group(3)) == len(rows)
                checked += 3
            assert "Among regional groups" not in text
            assert len(re.findall(rf"(?<![\w.-]){NUM}(?![\w-])", text)) == checked, text
            return
        best = max(avg.values())
        m = re.search(r"an average of (\d+\.\d)(?: each)?, against (\d+\.\d)", text)
        assert float(m.group(1)) == best
        assert float(m.group(2)) == round_half_up(10 * rows["n"].sum() / rows["docs"].sum()) / 10
        checked += 2
        for group in GROUPS:
            if f"found for the {group} " in text:
                assert avg[group] == best and sorted(avg.values()).count(best) == 1
        for group, n, of in re.findall(rf"For the ([A-Za-z -]+?), the most frequent type is .*? \({NUM} of {NUM} need",
                                       text):
            gids = [i for i in ids if next(d for d in docs if d["document_id"] == i)["regional_group"] == group]
            tc = direct(con, gids, scope, "SELECT t, count(*) AS n FROM s, unnest(list_distinct(types)) AS u(t) "
                                          "GROUP BY t ORDER BY n DESC")
            assert value(n) == tc["n"].iloc[0] and (len(tc) == 1 or tc["n"].iloc[0] > tc["n"].iloc[1])
            assert value(of) == direct(con, gids, scope, "SELECT count(*) AS n FROM s")["n"].iloc[0]
            checked += 2
    tokens = re.findall(rf"(?<![\w.-]){NUM}(?![\w-])", text)
    tokens = [t for t in tokens if not (t == "one" and re.search(r"more than one type|The one need", text))]
    assert len(tokens) == checked, (s.key, text, tokens, checked)


def numbers_roman(r: str) -> int:
    return {v: k for k, v in numbers.ROMAN.items()}[r]


def round_half_up(x: float) -> int:
    return int(x + 0.5 + 1e-9)


@pytest.mark.parametrize("scope", SCOPES)
def test_every_figure_equals_a_direct_query(warehouse, scope):
    con, docs, _ = warehouse
    # Each scope meets every as-of point and, across scopes, every pairing with a comparison point.
    shift = SCOPES.index(scope)
    for i, as_of in enumerate(POINTS):
        compare_to = COMPARE[(i + shift) % len(COMPARE)]
        update = build_update(con, scope, as_of, compare_to)
        assert update.sentences[0].key == "summaries"
        for s in update.sentences:
            check_sentence_figures(con, docs, s, scope, as_of, compare_to)


def comparable(update, labels: list[str]) -> list[tuple]:
    """Sentences with point labels removed, for comparing updates that differ only in how the point is named."""
    out = []
    for s in update.sentences:
        text = s.text
        for label in labels:
            text = text.replace(label, "T")
        figures = s.figures.drop(columns=["as of"], errors="ignore").reset_index(drop=True)
        out.append((s.key, text, figures.to_dict("list"), repr(s.numbers)))
    return out


@pytest.mark.parametrize("point", POINTS[:3] + POINTS[4:])
def test_as_of_equals_warehouse_of_available_documents(warehouse, point):
    con, docs, needs = warehouse
    kept = [d for d in docs if available(d, point)]
    ids = {d["document_id"] for d in kept}
    small = duckdb.connect()
    write_warehouse(small, kept, [n for n in needs if n["document_id"] in ids])
    for scope in SCOPES:
        past = build_update(con, scope, point)
        rebuilt = build_update(small, scope, Point())
        assert comparable(past, [point.label()]) == comparable(rebuilt, [Point().label()])
    small.close()


def doc(i: int, published: date | None, group: str = "African States", cycle: int = 2) -> dict:
    return {"document_id": f"d{i}", "iso3": f"X{i:02d}", "regional_group": group, "cycle": cycle,
            "published_on": published, "first_run_id": "run-a", "first_loaded_at": RUNS[0][1]}


def need(d: dict, k: int, chapter: int, types: list[str] | None = None, articles: list[int] | None = None) -> dict:
    return {"need_id": f"{d['document_id']}-{k}", "document_id": d["document_id"], "iso3": d["iso3"],
            "regional_group": d["regional_group"], "cycle": d["cycle"], "chapter": chapter,
            "articles": articles or [], "types": types or ["capacity-building"]}


def two_points(before: dict[int, int], after: dict[int, int], added_docs: int = 1) -> str:
    """Chapter sentence when chapters had the `before` counts on 1 June and the `after` counts on 1 September."""
    early = doc(0, date(2019, 5, 1))
    docs, needs = [early], []
    for ch, n in before.items():
        needs += [need(early, ch * 100 + k, ch) for k in range(n)]
    late = [doc(i, date(2019, 8, 1)) for i in range(1, added_docs + 1)]
    docs += late
    for ch, n in after.items():
        needs += [need(late[k % len(late)], ch * 100 + k, ch) for k in range(n - before.get(ch, 0))]
    con = duckdb.connect()
    write_warehouse(con, docs, needs)
    update = build_update(con, Scope(2), Point(on=date(2019, 9, 1)), Point(on=date(2019, 6, 1)))
    return " ".join(s.text for s in update.sentences)


def test_surpassed_only_when_it_happened():
    text = two_points({2: 2, 5: 3}, {2: 4, 5: 3}, added_docs=7)
    assert "Taking into account the seven additional executive summaries since 1 June 2019, needs under chapter II " \
           "(Preventive measures) have now surpassed those under chapter V (Asset recovery)." not in text
    assert "the seven additional executive summaries since 1 June 2019, needs under chapter II have now surpassed " \
           "those under chapter V." in text
    assert "eight executive summaries of the second review cycle are available, including seven added since " \
        "1 June 2019" in text
    assert "the number of needs has risen by two, from five: up two under chapter II." in text
    assert "surpassed" in two_points({2: 3, 5: 3}, {2: 4, 5: 3})
    still_below = two_points({2: 1, 5: 3}, {2: 2, 5: 3})
    assert "surpassed" not in still_below and "level" not in still_below and "unchanged" in still_below
    still_above = two_points({2: 4, 5: 3}, {2: 6, 5: 3})
    assert "surpassed" not in still_above and "unchanged" in still_above


def test_a_tie_is_a_tie():
    text = two_points({2: 2, 5: 3}, {2: 3, 5: 3})
    assert "needs under chapter II are now level with those under chapter V" in text
    assert "surpassed" not in text
    assert "three relate to chapter II (Preventive measures) and three to chapter V (Asset recovery)" in text
    from_above = two_points({2: 4, 5: 3}, {2: 4, 5: 4})
    assert "are now level with" in from_above and "surpassed" not in from_above


def test_tied_types_are_level_and_number_words():
    d = [doc(0, date(2019, 1, 1)), doc(1, date(2019, 1, 1), group="Asia-Pacific States")]
    needs = [need(d[0], 0, 2, ["capacity-building"], [9]), need(d[0], 1, 2, ["legislative"], [9]),
             need(d[1], 2, 5, ["legislative", "capacity-building"], [52]), need(d[1], 3, 5, ["other"])]
    con = duckdb.connect()
    write_warehouse(con, d, needs)
    text = " ".join(s.text for s in build_update(con, Scope(2), Point(on=date(2019, 2, 1))).sentences)
    assert "As of 1 February 2019, two executive summaries of the second review cycle are available." in text
    assert "each group has at least five executive summaries in scope, and both groups have fewer." in text
    assert "Capacity-building and legislative assistance are level as the most frequent types of assistance needed, " \
           "each in 50 per cent of needs, followed by other assistance (25 per cent)" in text
    assert "Of the four needs identified, two relate to chapter II (Preventive measures) and two to chapter V" in text
    assert "article 9 (Title J), in two needs" in text


def test_empty_and_unknown():
    con = duckdb.connect()
    write_warehouse(con, [], [])
    update = build_update(con, Scope(2), Point(on=date(2019, 1, 1)), Point(on=date(2018, 1, 1)))
    assert [s.key for s in update.sentences] == ["summaries"]
    assert "no executive summaries of the second review cycle are available" in update.sentences[0].text
    with pytest.raises(ValueError):
        run_point(con, "no-such-run")
    point = run_point(con, "run-b")
    assert point.label() == "the data load of 1 June 2019" and "run-b" in point.describe()
    assert markdown(update).startswith("# Technical assistance needs, second review cycle: update as of 1 January 2019")


def test_number_wording():
    assert [numbers.number(n) for n in (0, 1, 7, 9, 10, 27, 1234)] == \
        ["zero", "one", "seven", "nine", "10", "27", "1,234"]
    assert numbers.counted(1, "executive summary", "executive summaries") == "one executive summary"
    assert numbers.counted(12, "need") == "12 needs"
    shares = [numbers.percent(p, w) for p, w in ((1, 8), (5, 8), (1, 3), (2, 3), (0, 5), (3, 0))]
    assert shares == [13, 63, 33, 67, 0, 0]
    assert numbers.per_cent(5) == "5 per cent"
    assert [numbers.one_decimal(*r) for r in ((9, 2), (1, 20), (2, 3), (1, 0))] == ["4.5", "0.1", "0.7", "0.0"]
    assert numbers.day(date(2019, 9, 4)) == "4 September 2019"
    assert numbers.joined(["a", "b", "c"]) == "a, b and c"


def _page(tmp_path, monkeypatch, docs, needs):
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    write_warehouse(con, docs, needs)
    con.close()
    monkeypatch.setenv("TA_WAREHOUSE", str(path))
    monkeypatch.setenv("TA_ISSUED_UPDATES", str(tmp_path / "issued"))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "pages" / "oral_update.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_page_renders_on_a_warehouse(tmp_path, monkeypatch):
    docs, needs = make_data(3)
    at = _page(tmp_path, monkeypatch, docs, needs)
    draft = at.text_area[0].value
    assert draft.startswith("# Technical assistance needs, second review cycle: update as of")
    assert "executive summaries of the second review cycle" in draft
    shown = " ".join(m.value for m in at.markdown)
    assert all(p.strip() in shown for p in draft.split("\n\n")[1:] if p.strip())
    assert "Illustrative sample data" in at.warning[0].value
    assert any("minutes read aloud" in c.value for c in at.caption)
    # Cycles carry the sidebar's labels; an all-cycles scope exists.
    assert at.selectbox(key="oral-cycle").options == ["Second cycle (ch. II, V)", "First cycle (ch. III, IV)",
                                                      "All cycles"]
    at.multiselect(key="oral-groups").set_value(["African States"]).run()
    assert not at.exception, at.exception
    assert "for the African States" in at.text_area[0].value
    at.selectbox(key="oral-cycle").set_value(0).run()
    assert "of all review cycles for the African States" in at.text_area[0].value


def test_reversed_points_make_no_draft_and_identical_points_no_comparison(tmp_path, monkeypatch):
    docs, needs = make_data(3)
    at = _page(tmp_path, monkeypatch, docs, needs)
    at.date_input(key="as-of-date").set_value(date(2019, 6, 1)).run()
    at.radio(key="compare-mode").set_value("Date").run()
    at.date_input(key="compare-date").set_value(date(2019, 9, 1)).run()
    assert "comes after the as-of point" in at.error[0].value
    assert not at.text_area and not at.get("download_button")
    at.date_input(key="compare-date").set_value(date(2019, 6, 1)).run()
    assert "the draft makes no comparison" in at.info[0].value
    assert "since" not in at.text_area[0].value


def test_a_first_cycle_date_in_2012_is_accepted(tmp_path, monkeypatch):
    docs, needs = make_data(3)
    docs[0] |= {"cycle": 1, "published_on": date(2012, 2, 9)}
    at = _page(tmp_path, monkeypatch, docs, needs)
    at.selectbox(key="oral-cycle").set_value(1).run()
    at.date_input(key="as-of-date").set_value(date(2012, 3, 1)).run()
    assert not at.exception and not at.error
    assert at.text_area[0].value.startswith("# Technical assistance needs, first review cycle: update as of "
                                            "1 March 2012")
    assert "As of 1 March 2012, one executive summary of the first review cycle is available." in \
        at.text_area[0].value


def test_scope_change_keeps_edits(tmp_path, monkeypatch):
    docs, needs = make_data(3)
    at = _page(tmp_path, monkeypatch, docs, needs)
    at.text_area[0].input(at.text_area[0].value + "\n\nMy own closing words.").run()
    at.multiselect(key="oral-groups").set_value(["African States"]).run()
    assert "My own closing words." not in at.text_area[0].value
    assert "other draft" in at.info[0].value
    at.multiselect(key="oral-groups").set_value([]).run()
    assert at.text_area[0].value.endswith("My own closing words.")


def test_page_explains_a_missing_warehouse(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TA_WAREHOUSE", str(tmp_path / "absent.duckdb"))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "pages" / "oral_update.py"), default_timeout=30)
    at.run()
    assert not at.exception
    assert "No warehouse" in at.warning[0].value
    assert "pipelines load" in at.code[0].value
    assert not at.text_area


def test_at_most_three_articles_are_named():
    d = [doc(0, date(2019, 1, 1))]
    needs = [need(d[0], k, 2, ["capacity-building"], [a]) for k, a in enumerate([9, 9, 10, 10, 11, 11, 12, 12, 13])]
    con = duckdb.connect()
    write_warehouse(con, d, needs)
    text = next(s.text for s in build_update(con, Scope(2), Point()).sentences if s.key == "articles")
    assert text == "Four articles are each referred to in two needs, more than any other; none stands out."
    needs += [need(d[0], 20 + k, 2, ["legislative"], [9]) for k in range(9)]
    con = duckdb.connect()
    write_warehouse(con, d, needs)
    text = next(s.text for s in build_update(con, Scope(2), Point()).sentences if s.key == "articles")
    assert text == "The article most often referred to is article 9 (Title J), in 11 needs; 3 other articles are " \
        "each referred to in 2 needs and 1 article less often."


def test_an_issued_update_is_compared_as_said_after_a_replacement(tmp_path):
    from app import issued_updates

    early = [doc(i, date(2019, 3, 1)) for i in range(3)]
    needs = [need(d, k, 2) for d in early for k in range(2)]
    con = duckdb.connect()
    write_warehouse(con, early, needs)
    first = build_update(con, Scope(2), Point(on=date(2019, 4, 1)))
    folder = tmp_path / "issued"
    issued = issued_updates.issue(folder, first, "# Said\n\nThree summaries.", {"Markdown (.md)": ("u.md", b"said")},
                                  "first resumed tenth session of the Implementation Review Group", ["p"])
    assert [i.id for i in issued_updates.listing(folder)] == [issued.id]
    assert issued_updates.file_bytes(folder, issued, "Markdown (.md)") == b"said"
    # The first State's summary is replaced by a new file (new document id, one need more); two States are added.
    replaced = dict(early[0], document_id="d0-new")
    later = [replaced, *early[1:], doc(5, date(2019, 8, 1)), doc(6, date(2019, 8, 1))]
    needs = [need(replaced, k, 5) for k in range(3)] + [need(d, k, 2) for d in later[1:] for k in range(2)]
    con = duckdb.connect()
    write_warehouse(con, later, needs)
    again = issued_updates.load(folder, issued.id)
    update = build_update(con, Scope(2), Point(on=date(2019, 9, 1)), again.point(), again.figures)
    text = " ".join(s.text for s in update.sentences)
    assert "five executive summaries of the second review cycle are available, including two added since the oral " \
           "update as of 1 April 2019 for the first resumed tenth session of the Implementation Review Group " \
           "(Country X05 and Country X06)." in text
    # As said: six needs under chapter II; now 8 under chapter II and 3 under chapter V.
    assert "the number of needs has risen by five, from six: up two under chapter II and up three under chapter V" \
        in text
    assert [r["country"] for r in update.added] == ["Country X05", "Country X06"]


def test_the_page_hides_the_sidebar_filters_and_keeps_them(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.app_warehouse import ROOT, build_warehouse

    monkeypatch.setenv("TA_WAREHOUSE", str(build_warehouse(tmp_path / "warehouse.duckdb")))
    monkeypatch.setenv("TA_ISSUED_UPDATES", str(tmp_path / "issued"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.sidebar.multiselect(key="filter_groups").set_value(["African States"]).run()
    at.switch_page("pages/oral_update.py").run()
    assert not at.exception, at.exception
    assert not [w for w in at.sidebar.multiselect if w.key and w.key.startswith("filter_")]
    assert any("sets its own scope" in c.value for c in at.sidebar.caption)
    assert "for the African States" not in at.text_area[0].value  # the page's scope is its own
    at.switch_page("pages/overview.py").run()
    assert at.sidebar.multiselect(key="filter_groups").value == ["African States"]
