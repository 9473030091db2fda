"""Chapters and articles: needs by chapter, by article within a chapter, and the article x type heatmap."""

import streamlit as st

from app import cached, charts, navigation, queries
from app.filters import TYPE_LABELS, TYPES
from app.sidebar import current_filters
from app.view import ARTICLE_RULE, TYPE_RULE, figure, page_header

navigation.through_entrypoint()

f = current_filters()
page_header("Chapters and articles", "Where in the Convention the needs fall: by chapter, then by article.", f)

by_chapter = cached.run(queries.needs_by_chapter, f)
figure(charts.chapter_bar(by_chapter), by_chapter, key="chapters_chapter", f=f,
       drill=[(f"{r.label} {r.title}", charts.drill_key(chapters=r.chapter)) for r in by_chapter.itertuples()])

chapter_names = {int(r.chapter): f"Chapter {r.numeral}: {r.title}" for r in by_chapter.itertuples()}
chosen = st.selectbox("Articles of chapter", list(chapter_names), format_func=chapter_names.get, index=None,
                      placeholder="All chapters shown", key="chapters_article_chapter")
scope = f if chosen is None else f.narrow(chapters=(chosen,))
by_article = cached.run(queries.needs_by_article, scope)
title = "Needs by article" + (f" — {chapter_names[chosen]}" if chosen is not None else "")
figure(charts.article_bar(by_article, title), by_article, key="chapters_article", f=scope, rule=ARTICLE_RULE,
       drill=[(f"{r.label} {r.title}", charts.drill_key(articles=r.article)) for r in by_article.itertuples()])

matrix = cached.run(queries.article_type, scope)
matrix = matrix.assign(type_label=matrix["type"].map(TYPE_LABELS))
figure(charts.heatmap(matrix, x="type_label", y="label", x_key=("types", "type"), y_key=("articles", "article"),
                      title="Needs by article and type", x_label="Type of assistance", y_label="Article",
                      x_order=[TYPE_LABELS[t] for t in TYPES]),
       matrix, key="chapters_heatmap", f=scope, rule=TYPE_RULE + " " + ARTICLE_RULE.split(": ", 1)[1],
       drill=[(f"{r.label} × {r.type_label}", charts.drill_key(articles=r.article, types=r.type))
              for r in matrix.itertuples()])
