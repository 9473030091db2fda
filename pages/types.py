"""Types of assistance: shares and counts, subtypes, and how each type spreads over chapters and groups."""

import streamlit as st

from app import cached, charts, navigation, queries
from app.filters import TYPE_LABELS
from app.sidebar import current_filters
from app.view import TYPE_RULE, figure, page_header

navigation.through_entrypoint()

f = current_filters()
page_header("Types of assistance", "What kind of assistance the needs ask for.", f)
st.info(TYPE_RULE, icon=":material/info:")

breakdown = cached.run(queries.type_breakdown, f)  # one query for all four charts
by_type = queries.types_of(breakdown)
head = cached.run(queries.headline, f)
figures = st.container()  # filled after the first chart, so its JavaScript is asked for first (as on the Overview)
figure(charts.type_bar(by_type), by_type, key="types_type", f=f, rule=TYPE_RULE,
       drill=[(r.label, charts.drill_key(types=r.type)) for r in by_type.itertuples()])
if not by_type.empty:
    with figures:
        cols = st.columns(len(by_type))
        for col, row in zip(cols, by_type.itertuples(), strict=True):
            col.metric(row.label, f"{row.needs}", f"{row.share:.0%} of {head['needs']} needs", delta_color="off",
                       delta_arrow="off")

subtypes = queries.subtypes_of(breakdown)
figure(charts.subtype_bar(subtypes), subtypes, key="types_subtype", f=f,
       rule="A need counts once under each of its subtypes; needs matching no subtype are not in this chart.",
       drill=[(r.label, charts.drill_key(subtype=r.subtype)) for r in subtypes.itertuples()])

chapter_type = queries.chapter_types_of(breakdown)
figure(charts.by_type_bars(chapter_type, category="label", key_field="chapters", key_column="chapter",
                           title="Types of assistance by chapter", x_label="Chapter"),
       chapter_type, key="types_chapter", f=f, rule=TYPE_RULE,
       drill=[(f"{r.label} × {TYPE_LABELS.get(r.type, r.type)}", charts.drill_key(chapters=r.chapter, types=r.type))
              for r in chapter_type.itertuples()])

group_type = queries.group_types_of(breakdown)
figure(charts.by_type_bars(group_type, category="label", key_field="groups", key_column="regional_group",
                           title="Types of assistance by regional group", x_label="Regional group"),
       group_type, key="types_group", f=f, rule=TYPE_RULE,
       drill=[(f"{r.regional_group} × {TYPE_LABELS.get(r.type, r.type)}",
               charts.drill_key(groups=r.regional_group, types=r.type)) for r in group_type.itertuples()])
