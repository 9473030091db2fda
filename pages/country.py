"""Country profile: one State's needs by chapter and type, its documents with symbols, and every need statement."""

import streamlit as st

from app import cached, charts, navigation, queries, sources
from app.filters import TYPE_LABELS
from app.sidebar import choose_state, current_filters
from app.view import NEEDS_COLUMN_CONFIG, SYMBOL_LINK, TYPE_RULE, figure, linked, page_header, state_names, table_height

navigation.through_entrypoint()

PICK, TABLE = "country_pick", "country_table"

f = current_filters()
states = state_names()
iso3 = f.states[0] if f.states and f.states[0] in states else None
# The chooser offers the States the cycle and group filters leave, with their status on the chapters in scope.
overview = cached.run(queries.states_overview, f.narrow(states=()))
choices = overview["iso3"].tolist() + ([iso3] if iso3 and iso3 not in set(overview["iso3"]) else [])
status = dict(zip(overview["iso3"], overview["Needs"], strict=True))
st.session_state[PICK] = iso3


def _picked_row(iso3s: list[str]) -> None:
    rows = st.session_state[TABLE].selection.rows
    if rows:
        choose_state(iso3s[rows[0]])


if iso3 is None:
    page_header("Country profile", "One State's executive summaries, needs by chapter and type, and every need "
                "statement. Choose a State here, in the State filter, or click a row of the table.", f)
else:
    scope = f.narrow(states=(iso3,))
    page_header(f"Country profile: {states[iso3]}", "This State's executive summaries and every need they list.",
                scope)
st.selectbox("State", choices, format_func=lambda s: f"{states.get(s, s)} ({status.get(s, 0)} needs in scope)",
             key=PICK, placeholder="Choose a State", on_change=lambda: choose_state(st.session_state[PICK]))
if iso3 is None:
    st.subheader(f"States with executive summaries loaded ({len(overview)})")
    counts = overview["Status"].value_counts()
    st.caption("; ".join(f"{label}: {counts.get(label, 0)}" for label in queries.STATUS_LABELS.values())
               + ". Needs count the needs matching every filter.")
    st.dataframe(overview.drop(columns="iso3"), hide_index=True, width="stretch", key=TABLE, on_select=lambda: (
        _picked_row(overview["iso3"].tolist())), selection_mode="single-row", height=table_height(len(overview)))
    navigation.end_page()

if len(f.states) > 1:
    st.caption("Several States are selected in the filters; the profile shows the first one.")

documents = cached.run(queries.state_documents, iso3=iso3)
st.subheader("Executive summaries")
st.dataframe(linked(documents.rename(columns={"cycle": "Cycle", "symbol": "Symbol", "language": "Language",
                                              "published_on": "Published", "source_file": "Source file",
                                              "chapters": "Chapters reviewed (needs)", "loaded_at": "Loaded"})),
             hide_index=True, width="stretch",
             column_config={"Published": st.column_config.DateColumn(format="D MMM YYYY"), "Symbol": SYMBOL_LINK,
                            "Loaded": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")})
# The files the needs were read from, as loaded: the reader can check a need against its source.
originals = [(row, sources.original_file(row.source_file)) for row in documents.itertuples()]
columns = st.columns(max(1, len(originals)))
for column, (row, path) in zip(columns, originals, strict=True):
    if path is None:
        column.caption(f"Cycle {row.cycle}: the original file ({row.source_file}) is not on this server.")
        continue
    column.download_button(f"Original file, cycle {row.cycle} ({path.suffix.lstrip('.').upper()})", path.read_bytes,
                           file_name=path.name, mime=sources.mime(path), key=f"original_{row.cycle}",
                           on_click="ignore", icon=":material/download:")
no_needs = cached.run(queries.state_no_needs, iso3=iso3)
for row in no_needs.itertuples():
    st.caption(f"Cycle {row.cycle}, {row.chapter}: no needs identified — “{row.statement}” ({row.symbol}, "
               f"{row.location}).")

chapter_type = cached.run(queries.chapter_type, scope)
figure(charts.by_type_bars(chapter_type, category="label", key_field="chapters", key_column="chapter",
                           title=f"Needs of {states[iso3]} by chapter and type", x_label="Chapter"),
       chapter_type, key="country_chapter_type", f=scope, rule=TYPE_RULE,
       drill=[(f"{r.label} × {TYPE_LABELS.get(r.type, r.type)}", charts.drill_key(chapters=r.chapter, types=r.type))
              for r in chapter_type.itertuples()])

total = cached.run(queries.count_needs, scope)
table = cached.run(queries.needs_table, scope)
st.subheader(f"All {total} need statements")
if total == 0:
    # Why none: reviewed on the chapters in scope and none identified (or none of the kind asked for), or not
    # reviewed on them at all.
    state = cached.run(queries.state_status, scope).set_index("iso3")
    label = queries.STATUS_LABELS.get(state["status"].get(iso3, queries.STATUS_NOT_REVIEWED), "")
    st.info(f"No needs in scope for {states[iso3]}: {label.lower()}.", icon=":material/info:")
if total > len(table):
    st.caption(f"First {len(table)} shown; the Needs explorer downloads all of them.")
st.dataframe(linked(table), hide_index=True, width="stretch", height=table_height(len(table)),
             column_config=NEEDS_COLUMN_CONFIG)
