"""Oral-update builder: pick a scope and two points in time, get an editable draft with its figures and exports."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

import duckdb
import pandas as pd
import streamlit as st

from app import navigation, warehouse
from app.oral_update import Point, Scope, Update, build_update, load_runs, markdown, run_point, scope_options
from app.update_export import to_docx, to_pptx, update_charts

navigation.through_entrypoint()

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@st.cache_resource(max_entries=2)
def _connection(path: str, version: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    return warehouse.connect(path)


def _deck(update: Update) -> bytes:
    # Runs only when the button is clicked: rendering the charts takes a few seconds in Chromium.
    return to_pptx(update, update_charts(update))


@st.cache_data(max_entries=32)
def _update(path: str, version: tuple[int, int], scope: Scope, as_of: Point, compare_to: Point | None) -> Update:
    return build_update(_connection(path, version), scope, as_of, compare_to)


def _point(label: str, runs: pd.DataFrame, con, default_date: date, default_run: int, allow_none: bool,
           key: str) -> Point | None:
    modes = ["Date", "Load run"] + (["None"] if allow_none else [])
    default_mode = 1 if allow_none and len(runs) > 1 else 0
    mode = st.radio(label, modes, index=default_mode, horizontal=True, key=f"{key}-mode")
    if mode == "Date":
        return Point(on=st.date_input(f"{label}: date", value=default_date, key=f"{key}-date"))
    if mode == "Load run":
        if runs.empty:
            st.caption("No published load run yet.")
            return None
        run_id = st.selectbox(f"{label}: load run", list(runs["run_id"]), index=min(default_run, len(runs) - 1),
                              format_func=lambda r: f"{r} ({runs.set_index('run_id').loc[r, 'started_at']:%d %b %Y})",
                              key=f"{key}-run")
        return run_point(con, run_id)
    return None


st.title("Oral update")
st.caption("A draft of the secretariat's oral update, each sentence built from a query on the warehouse.")
path = warehouse.warehouse_path()
problem = warehouse.problem(path)
if problem:
    st.warning(problem)
    st.code(f"{warehouse.LOAD_COMMAND} data/raw", language="bash")
    st.stop()

version = warehouse.version(path)
con = _connection(str(path), version)
options = scope_options(con)
runs = load_runs(con)

left, middle, right = st.columns(3)
with left:
    cycle = st.selectbox("Review cycle", options["cycles"], index=len(options["cycles"]) - 1)
    groups = st.multiselect("Regional groups (all when empty)", options["groups"])
    chapter_rows = [c for c in options["chapters"] if c[0] == cycle]
    chapters = st.multiselect("Chapters (all when empty)", [c[1] for c in chapter_rows],
                              format_func=lambda n: next(f"{c[2]} {c[3]}" for c in chapter_rows if c[1] == n))
with middle:
    as_of = _point("As of", runs, con, date.today(), 0, allow_none=False, key="as-of")
with right:
    compare_to = _point("Compared with", runs, con, date.today() - timedelta(days=365), 1, allow_none=True,
                        key="compare")

if as_of is None:
    st.stop()
scope = Scope(cycle, tuple(groups), tuple(chapters))
update = _update(str(path), version, scope, as_of, compare_to)

st.subheader(update.title)
for s in update.sentences:
    text_col, figures_col = st.columns([3, 2])
    text_col.markdown(s.text)
    if s.figures is not None and not s.figures.empty:
        figures_col.dataframe(s.figures, hide_index=True)

draft = st.text_area("Draft (edit before exporting)", markdown(update), height=320,
                     key=f"draft-{hash((scope, as_of, compare_to, version))}")
md_col, docx_col, pptx_col = st.columns(3)
md_col.download_button("Markdown (.md)", draft.encode("utf-8"), "oral_update.md", "text/markdown")
docx_col.download_button("Word (.docx)", partial(to_docx, update, draft), "oral_update.docx", DOCX)
pptx_col.download_button("Slides (.pptx)", partial(_deck, update), "oral_update.pptx", PPTX)
st.caption("The Word file holds the edited draft and the figures behind it; the slides hold the figures as "
           "generated, one chart per headline.")
