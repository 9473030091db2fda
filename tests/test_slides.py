"""Slides: takeaways equal direct SQL, wall-screen fonts, direct labels; the presentation page steps through them."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app import slides
from app.filters import Filters
from app.oral_update import Point, Scope, build_update
from tests.app_warehouse import ROOT, build_warehouse

DASHBOARD = str(ROOT / "dashboard.py")
PAGE = "pages/presentation.py"


@pytest.fixture(scope="module")
def warehouse_file(tmp_path_factory):
    return build_warehouse(tmp_path_factory.mktemp("slides") / "warehouse.duckdb")


@pytest.fixture
def con(warehouse_file):
    connection = duckdb.connect(str(warehouse_file), read_only=True)
    yield connection
    connection.close()


def _sizes(fig) -> list[float]:
    layout = fig.layout
    sizes = [layout.font.size, layout.title.font.size]
    for axis in (layout.xaxis, layout.yaxis):
        sizes += [axis.tickfont.size or layout.font.size, axis.title.font.size or layout.font.size]
    sizes += [trace.textfont.size for trace in fig.data]
    sizes += [a.font.size or layout.font.size for a in layout.annotations]
    return sizes


def test_type_takeaway_equals_direct_sql(con):
    deck = slides.slides_for_filters(con, Filters())
    total, = con.execute("SELECT count(*) FROM needs").fetchone()
    kind, count = con.execute("""SELECT t, count(*) AS c FROM (SELECT DISTINCT need_id, unnest(types) AS t FROM needs)
                                 GROUP BY t ORDER BY c DESC, t LIMIT 1""").fetchone()
    label = slides.queries.TYPE_LABELS[kind]
    assert deck[0].takeaway == f"{label} is the most frequent type: {round(100 * count / total)} per cent of needs"


def test_chapter_and_article_takeaways_equal_direct_sql(con):
    deck = {s.title: s for s in slides.slides_for_filters(con, Filters())}
    numeral, title, count = con.execute("""SELECT c.numeral, c.title, count(*) AS n FROM needs JOIN chapters c
        USING (chapter) GROUP BY ALL ORDER BY n DESC, min(chapter) LIMIT 1""").fetchone()
    total, = con.execute("SELECT count(*) FROM needs").fetchone()
    assert deck["Needs by chapter"].takeaway == (
        f"Chapter {numeral} ({title}) has the most needs: {round(100 * count / total)} per cent")
    article, count = con.execute("""SELECT a, count(*) AS n FROM (SELECT DISTINCT need_id, unnest(articles) AS a
        FROM needs) GROUP BY a ORDER BY n DESC, a LIMIT 1""").fetchone()
    article_slide = next(s for t, s in deck.items() if t.startswith("Top"))
    assert article_slide.takeaway.startswith(f"Article {article} (")
    assert article_slide.takeaway.endswith(f": {count} needs")


def test_filters_narrow_the_slides(con):
    whole = slides.slides_for_filters(con, Filters())
    narrowed = slides.slides_for_filters(con, Filters(types=("legislative",)))
    legislative, = con.execute("SELECT count(*) FROM needs WHERE list_contains(types, 'legislative')").fetchone()
    # One type in scope: the type slide is a sentence, not a chart of one bar at 100 per cent.
    assert narrowed[0].takeaway == f"All {legislative} needs in scope are legislative assistance."
    assert narrowed[0].figure is None
    assert [s.takeaway for s in narrowed] != [s.takeaway for s in whole]
    assert slides.slides_for_filters(con, Filters(search="no such words anywhere")) == []


def test_every_slide_is_readable_and_labelled_directly(con):
    update = build_update(con, Scope(2), Point())
    deck = slides.slides_for_filters(con, Filters()) + slides.slides_for_update(update)
    assert len(deck) >= 4 + len(update.sentences)
    for slide in deck:
        fig = slide.figure
        if fig is None:
            continue
        assert min(s for s in _sizes(fig) if s is not None) >= 18, slide.title
        assert fig.layout.title.font.size in (None, slides.TITLE_SIZE)
        assert fig.layout.showlegend is False
        for trace in fig.data:
            assert trace.text is not None and len(trace.text) == len(trace.y if trace.orientation == "h" else trace.x)


def test_slides_name_their_scope_and_count_multi_type_needs(con):
    f = Filters(cycles=(2,), groups=("African States",))
    deck = slides.slides_for_filters(con, f)
    assert {s.subtitle for s in deck} == {"Scope: cycle II; African States — data: run 20261120T093000Z-ab12 of "
                                          "20 November 2026, illustrative sample data, not official"}
    group = next(s for s in deck if s.title == "Needs by regional group")
    needs, states = con.execute("SELECT count(*), count(DISTINCT iso3) FROM needs WHERE cycle = 2 AND "
                                "regional_group = 'African States'").fetchone()
    assert group.figure is None
    assert group.takeaway == f"All {needs} needs in scope come from African States ({states} States)."
    shares = con.execute("SELECT sum(len(list_distinct(types))) / count(*) FROM needs").fetchone()[0]
    note = slides.slides_for_filters(con, Filters())[0].note
    assert shares > 1 and note.startswith(f"The shares add up to {round(100 * shares)} per cent")
    assert slides.slides_for_filters(con, Filters(states=("NGA",), cycles=(2,)))[0].note == ""


def test_long_names_are_wrapped_not_cut(con):
    for slide in slides.slides_for_filters(con, Filters()):
        for trace in slide.figure.data:
            for name in trace.y:
                assert "…" not in name and all(len(line) <= slides.LABEL_CHARS for line in name.split("<br>"))


def test_update_slides_say_the_sentences(con):
    update = build_update(con, Scope(2), Point())
    deck = slides.slides_for_update(update)
    assert [s.takeaway for s in deck] == [s.text for s in update.sentences]


@pytest.fixture
def app(warehouse_file, monkeypatch) -> AppTest:
    monkeypatch.setenv("TA_WAREHOUSE", str(warehouse_file))
    return AppTest.from_file(DASHBOARD, default_timeout=60)


def _counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "Slide " in m.value)


def test_page_steps_forward_and_back(app):
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception
    assert "Slide 1 of 4" in _counter(app)
    assert app.title[0].value == "Needs by type of assistance"
    app.button(key="slide-next").click().run()
    assert "Slide 2 of 4" in _counter(app) and app.query_params["slide"] == "2"
    assert app.title[0].value == "Needs by chapter"
    app.button(key="slide-previous").click().run()
    assert "Slide 1 of 4" in _counter(app)
    assert app.button(key="slide-previous").disabled


def test_page_opens_the_slide_in_the_link(app):
    app.query_params = {"slide": "3", "source": "update"}
    app.run()
    app.switch_page(PAGE).run()
    assert "Slide 3 of" in _counter(app)
    assert app.markdown[0].value != "" and app.title[0].value != "Needs by type of assistance"


def test_page_presents_the_oral_update(app, con):
    app.run()
    app.session_state["presentation_param_source"] = "update"
    app.switch_page(PAGE).run()
    assert not app.exception
    update = build_update(con, Scope(2), Point())
    assert _counter(app).count(f"of {len(update.sentences)}") == 1
    assert app.query_params["source"] == "update" and app.query_params["slide"] == "1"
    for _ in update.sentences[1:]:
        app.button(key="slide-next").click().run()
    assert f"Slide {len(update.sentences)} of" in _counter(app) and app.button(key="slide-next").disabled
    assert any(m.value == update.sentences[-1].text for m in app.markdown)


def test_page_survives_a_missing_warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv("TA_WAREHOUSE", str(tmp_path / "missing.duckdb"))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
