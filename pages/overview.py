"""Overview: headline figures, needs by chapter and by type, and what data this is."""

import streamlit as st

from app import cached, charts, navigation, queries
from app.filters import TYPE_LABELS
from app.sidebar import current_filters
from app.view import TYPE_RULE, figure, page_header

navigation.through_entrypoint()

f = current_filters()
page_header("Technical-assistance needs", "Needs identified in the executive summaries of the UNCAC country "
            "reviews, counted from the needs each summary lists, chapter by chapter.", f)
facts = cached.run(queries.warehouse_facts)
head = cached.run(queries.headline, f)
by_type = queries.types_of(cached.run(queries.type_breakdown, f))

# Filled in after the charts, in this place: a first visit then asks for the charts' JavaScript before the headline
# figures' (app/bench_first_paint.py); the figures still show above the charts.
figures = st.container()
if head["states_without"]:
    docs, states = head["documents_without"], head["states_without"]
    where = "the selected chapters" if f.chapters or f.articles else "a chapter"
    st.caption(f"Not counted above: {docs} more summar{'y' if docs == 1 else 'ies'} of {states} "
               f"State{'' if states == 1 else 's'} reviewed {where} "
               "without any need matching the filters; the Country profile lists them.")
st.caption(f"Data: {facts['documents']} executive summaries and {facts['needs']} needs in the warehouse, "
           f"published {facts['published_at'] or facts['last_loaded']}"
           + (" — illustrative sample data, not official." if facts["is_sample"] else "."))

by_chapter = cached.run(queries.needs_by_chapter, f)
left, right = st.columns(2)
with left:
    figure(charts.chapter_bar(by_chapter), by_chapter, key="overview_chapter", f=f, half_width=True,
           drill=[(f"{r.label} {r.title}", charts.drill_key(chapters=r.chapter)) for r in by_chapter.itertuples()])
with right:
    figure(charts.type_bar(by_type), by_type, key="overview_type", f=f, rule=TYPE_RULE, half_width=True,
           drill=[(r.label, charts.drill_key(types=r.type)) for r in by_type.itertuples()])

with figures:
    cols = st.columns(3 + min(3, len(by_type)))
    cols[0].metric("Executive summaries with needs", head["documents"],
                   help="Summaries holding at least one need that matches every filter.")
    cols[1].metric("States with needs", head["states"],
                   help="States holding at least one need that matches every filter.")
    cols[2].metric("Needs", head["needs"])
    for col, row in zip(cols[3:], by_type.sort_values("needs", ascending=False).head(3).itertuples(), strict=False):
        col.metric(TYPE_LABELS.get(row.type, row.type), f"{row.share:.0%}",
                   help="Share of the needs shown that carry this type; a need can carry several types.")
