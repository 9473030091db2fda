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
        "document_id": d["document_id"], "symbol": None, "country": "Country " + d["iso3"], "iso3": d["iso3"],
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
        m = re.search(rf"from {NUM} executive summar", text)
        if ids:
            assert value(m.group(1)) == len(ids)
            checked += 1
        else:
            assert m is None and "no executive summaries" in text
        m = re.search(rf"including {NUM} additional", text)
        if compare_to is not None and ids:
            added = len(set(ids) - set(in_scope(docs, scope, compare_to)))
            assert (m is not None and value(m.group(1)) == added) or (added == 0 and "no executive summaries" in text)
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
            assert ("order of chapters is unchanged" in text) == (not truth and len(set(then) | set(expected)) > 1)
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
        assert pairs
        for art, n in pairs:
            assert counts[int(art)] == value(n)
            checked += 2
        named = [counts[int(a)] for a, _ in pairs]
        others = [n for a, n in counts.items() if str(a) not in {x for x, _ in pairs}]
        assert not others or min(named) >= max(others)
    elif s.key == "regions":
        rows = con.execute(f"""SELECT d.regional_group, count(DISTINCT d.document_id) AS docs, count(s.need_id) AS n
            FROM documents d LEFT JOIN (SELECT * FROM needs {'WHERE chapter IN (' + ', '.join(map(str, scope.chapters))
            + ')' if scope.chapters else ''}) s USING (document_id)
            WHERE d.document_id IN ({', '.join(repr(i) for i in ids)}) GROUP BY ALL""").df()
        avg = {g: round_half_up(10 * n / k) / 10 for g, n, k in zip(rows["regional_group"], rows["n"], rows["docs"],
                                                                       strict=True)}
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
    assert "including seven additional executive summaries since 1 June 2019" in text
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
    assert "from two executive summaries" in text
    assert "Capacity-building and legislative assistance are level as the most frequent types of assistance needed, " \
           "each in 50 per cent of needs, followed by other assistance (25 per cent)" in text
    assert "Of the four needs identified, two relate to chapter II (Preventive measures) and two to chapter V" in text
    assert "article 9 (Title J), in two needs" in text
    assert "are level with the most needs per executive summary (an average of 2.0 each" in text


def test_empty_and_unknown():
    con = duckdb.connect()
    write_warehouse(con, [], [])
    update = build_update(con, Scope(2), Point(on=date(2019, 1, 1)), Point(on=date(2018, 1, 1)))
    assert [s.key for s in update.sentences] == ["summaries"]
    assert "no executive summaries of the second review cycle are available" in update.sentences[0].text
    with pytest.raises(ValueError):
        run_point(con, "no-such-run")
    point = run_point(con, "run-b")
    assert point.label() == "the load run of 1 June 2019 (run-b)"
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


def test_page_renders_on_a_warehouse(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    docs, needs = make_data(3)
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    write_warehouse(con, docs, needs)
    con.close()
    monkeypatch.setenv("TA_WAREHOUSE", str(path))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "pages" / "oral_update.py"), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    draft = at.text_area[0].value
    assert draft.startswith("# Technical assistance needs, second review cycle: update as of")
    assert "executive summaries of the second review cycle" in draft
    shown = " ".join(m.value for m in at.markdown)
    assert all(p.strip() in shown for p in draft.split("\n\n")[1:] if p.strip())
    assert len(at.dataframe) >= 4
    at.multiselect[0].set_value(["African States"]).run()
    assert not at.exception, at.exception
    assert "for African States" in at.text_area[0].value
    at.radio[1].set_value("None").run()
    assert "additional" not in at.text_area[0].value and not at.exception


def test_page_explains_a_missing_warehouse(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TA_WAREHOUSE", str(tmp_path / "absent.duckdb"))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "pages" / "oral_update.py"), default_timeout=30)
    at.run()
    assert not at.exception
    assert "No warehouse" in at.warning[0].value
    assert "pipelines load" in at.code[0].value
    assert not at.text_area
