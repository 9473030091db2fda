"""Oral-update builder: pick a scope and two points, edit the draft, download exactly what is on screen, issue it."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from functools import partial

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from app import issued_updates, navigation, warehouse
from app.filters import CYCLE_LABELS
from app.numbers import minutes_aloud
from app.oral_update import (
    Figures,
    Point,
    Scope,
    Update,
    build_update,
    check_points,
    date_range,
    load_runs,
    markdown,
    readable,
    run_point,
    scope_options,
)
from app.sessions import sessions
from app.update_export import provenance, split_draft, to_docx, to_markdown, to_pptx, update_charts

navigation.through_entrypoint()

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DRAFT = "oral-draft"  # the text area's key
DRAFT_FOR = "oral-draft-for"  # which scope and points the text area holds
EDITS = "oral-edits"  # edited text per scope and points, kept when the officer looks at another scope
BOX = "oral-box"  # what the downloads build from: written at the end of every run, read when a download is clicked


@st.cache_resource(max_entries=2)
def _connection(path: str, version: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    return warehouse.connect(path)


@st.cache_data(max_entries=32)
def _update(path: str, version: tuple[int, int], scope: Scope, as_of: Point, compare_to: Point | None,
            then_json: str | None) -> Update:
    then = Figures.from_json(then_json) if then_json else None
    return build_update(warehouse.use(_connection(path, version).cursor()), scope, as_of, compare_to, then)


def _settled(session_id: str | None, quiet: float = 0.8, timeout: float = 60.0) -> None:
    """Return once this session has had no script run going for `quiet` seconds (or after `timeout`).

    A click on a download right after typing also commits the typed text (the box loses focus), which starts a
    rerun; the browser may send that rerun a moment before or after the download request. Waiting for a quiet
    spell after the click, and for any run to finish, is what makes the file hold the text and dates on screen.
    Streamlit has no public call for this, so the session's runner is looked up through the runtime; when that is
    not possible the wait is the quiet spell alone.
    """
    try:
        from streamlit.runtime import Runtime

        manager = Runtime.instance()._session_mgr  # noqa: SLF001 - see the docstring
    except Exception:  # noqa: BLE001
        manager = None
    start = time.monotonic()
    calm_since = start
    while time.monotonic() - start < timeout:
        info = manager.get_session_info(session_id) if manager and session_id else None
        if info is not None and getattr(info.session, "_scriptrunner", None) is not None:
            calm_since = time.monotonic()
        elif time.monotonic() - calm_since >= quiet:
            return
        time.sleep(0.05)


def _export(box: dict, session_id: str | None, kind: str) -> bytes:
    _settled(session_id)
    update, text = box["update"], box["text"]
    if kind == "md":
        return to_markdown(update, text)
    if kind == "docx":
        return to_docx(update, text)
    return to_pptx(update, update_charts(update), text)


def _point(label: str, runs: pd.DataFrame, con, span: tuple[date, date], key: str, compare: bool,
           issued: list[issued_updates.Issued]) -> tuple[Point | None, str | None]:
    """A point chosen by the officer, with the figures as said when it is an issued update."""
    modes = (["Issued update"] if compare else []) + ["Session", "Date", "Load run"] + \
        (["None"] if compare else ["Latest load"])
    # As of today by default; compared with the last issued update when there is one, else with nothing.
    default = (0 if issued else len(modes) - 1) if compare else modes.index("Date")
    mode = st.radio(label, modes, index=default, horizontal=True, key=f"{key}-mode")
    if mode == "Issued update":
        if not issued:
            st.caption("No update has been issued for this scope yet.")
            return None, None
        chosen = st.selectbox(f"{label}: issued update", issued, format_func=lambda i: i.label(), key=f"{key}-issued")
        return chosen.point(), chosen.figures.to_json()
    if mode == "Session":
        known = sessions()
        if not known:
            st.caption("No sessions in data/reference/sessions.csv.")
            return None, None
        chosen = st.selectbox(f"{label}: session", known, format_func=lambda s: s.label(), key=f"{key}-session")
        st.caption("The data as it stood on the session's opening day.")
        return Point(on=chosen.start, session=chosen.name), None
    if mode == "Date":
        default_day = span[1] - timedelta(days=365) if compare else span[1]
        picked = st.date_input(f"{label}: date", value=max(span[0], default_day), min_value=span[0],
                               max_value=span[1], format="DD/MM/YYYY", key=f"{key}-date")
        st.caption(f"Any day from {span[0]:%d %B %Y} (the earliest executive summary) to today.")
        return Point(on=picked), None
    if mode == "Load run":
        if runs.empty:
            st.caption("No published load run yet.")
            return None, None
        started = runs.set_index("run_id")["started_at"]
        run_id = st.selectbox(f"{label}: load run", list(runs["run_id"]), index=min(int(compare), len(runs) - 1),
                              format_func=lambda r: f"{started[r]:%d %B %Y %H:%M} ({r})", key=f"{key}-run")
        return run_point(con, run_id), None
    return (None, None) if compare else (Point(), None)


def _remember(key: str, generated: str) -> None:
    edits = st.session_state.setdefault(EDITS, {})
    text = st.session_state.get(DRAFT, generated)
    if text == generated:
        edits.pop(key, None)
    else:
        edits[key] = text


def _reset(key: str, generated: str) -> None:
    st.session_state.setdefault(EDITS, {}).pop(key, None)
    st.session_state[DRAFT] = generated


st.title("Oral update")
st.caption("A draft of the secretariat's oral update, each sentence built from a query on the warehouse. Edit it, "
           "then download it: the files hold the text and dates shown here.")
path = warehouse.warehouse_path()
problem = warehouse.problem(path)
if problem:
    st.warning(problem)
    st.code(f"{warehouse.LOAD_COMMAND} data/raw", language="bash")
    st.stop()

version = warehouse.version(path)
con = warehouse.use(_connection(str(path), version).cursor())
options = scope_options(con)
runs = load_runs(con)
span = date_range(con)
store = issued_updates.folder_for(path)
all_issued = issued_updates.listing(store)

left, middle, right = st.columns(3)
with left:
    cycles = [c for c in (2, 1) if c in options["cycles"]] + [c for c in options["cycles"] if c not in (1, 2)]
    # 0 stands for all cycles: a None option would not survive Streamlit's round trip of labels.
    cycle = st.selectbox("Review cycle", cycles + [0], key="oral-cycle",
                         format_func=lambda c: "All cycles" if not c else CYCLE_LABELS.get(c, f"Cycle {c}")) or None
    groups = st.multiselect("Regional groups", options["groups"], key="oral-groups", placeholder="All groups")
    chapter_rows = [c for c in options["chapters"] if cycle is None or c[0] == cycle]
    chapter_names = {c[1]: f"{c[2]} {c[3]}" for c in chapter_rows}
    chapters = st.multiselect("Chapters", list(chapter_names), key="oral-chapters", placeholder="All chapters",
                              format_func=lambda n: chapter_names.get(n, str(n)))
scope = Scope(cycle, tuple(groups), tuple(sorted(chapters)))
same_scope = [i for i in all_issued if i.scope == scope]
with middle:
    as_of, _ = _point("As of", runs, con, span, "as-of", compare=False, issued=[])
with right:
    compare_to, then_json = _point("Compared with", runs, con, span, "compare", compare=True, issued=same_scope)

if as_of is None:
    st.stop()
compare_to, error, note = check_points(as_of, compare_to)
if error:
    st.error(error)
    st.stop()
if note:
    st.info(note)
update = _update(str(path), version, scope, as_of, compare_to, then_json if compare_to else None)
facts = provenance(update)
if update.facts.get("is_sample"):
    st.warning(facts[0])

key = json.dumps([scope.to_dict(), as_of.to_dict(), compare_to.to_dict() if compare_to else None, list(version)])
generated = markdown(update)
edits = st.session_state.setdefault(EDITS, {})
if st.session_state.get(DRAFT_FOR) != key or DRAFT not in st.session_state:
    st.session_state[DRAFT] = edits.get(key, generated)
    st.session_state[DRAFT_FOR] = key

st.subheader(update.title)
for s in update.sentences:
    st.markdown(s.text)
    if s.figures is not None and not s.figures.empty:
        with st.expander(f"Figures: {s.headline.lower()}"):
            st.dataframe(readable(s.figures), hide_index=True, width="stretch")
if update.added:
    with st.expander(f"Executive summaries added since {update.compare_to.label()} ({len(update.added)})"):
        st.dataframe(pd.DataFrame([{"State": r["country"], "Symbol": r.get("symbol") or ""} for r in update.added]),
                     hide_index=True, width="stretch")
if not update.annex.empty:
    with st.expander("Needs per State and chapter (the Word file's annex)"):
        st.dataframe(update.annex, hide_index=True, width="stretch")

text = st.text_area("Draft to read aloud (edit here; the downloads hold this text)", height=340, key=DRAFT,
                    on_change=_remember, args=(key, generated))
others = [k for k in edits if k != key]
# Always drawn (disabled without edits): a button appearing when the box loses focus would move the buttons below
# it under the pointer of someone clicking them.
st.button("Discard my edits and use the generated text", on_click=_reset, args=(key, generated),
          disabled=key not in edits and text == generated)
if others:
    st.info(f"Your edits to {len(others)} other draft{'s' if len(others) > 1 else ''} (another scope or other points) "
            "are kept: choose that scope and those points again to continue them.")
_, paragraphs = split_draft(text)
spoken = " ".join(paragraphs)
st.caption(f"About {minutes_aloud(spoken):.1f} minutes read aloud ({len(spoken.split())} words at 130 words a "
           "minute).")

box = st.session_state.setdefault(BOX, {})
box.update(update=update, text=text)
ctx = get_script_run_ctx()
session_id = ctx.session_id if ctx else None
stamp = (as_of.on or date.today()).isoformat()
md_col, docx_col, pptx_col = st.columns(3)
md_col.download_button("Markdown (.md)", partial(_export, box, session_id, "md"), f"oral_update_{stamp}.md",
                       "text/markdown", key="oral-md")
docx_col.download_button("Word (.docx)", partial(_export, box, session_id, "docx"), f"oral_update_{stamp}.docx",
                         DOCX, key="oral-docx")
pptx_col.download_button("Slides (.pptx)", partial(_export, box, session_id, "pptx"), f"oral_update_{stamp}.pptx",
                         PPTX, key="oral-pptx")
with st.expander("What every file says about itself"):
    st.markdown("\n".join(f"- {line}" for line in facts))

st.subheader("Issue this update")
st.caption("Issuing keeps the text as edited, its scope and points, every figure behind it and the three files, in "
           f"`{store}`. A later draft can be compared with it as it was said, even after documents are replaced.")
known_sessions = sessions()
session = st.selectbox("For the session", [None] + known_sessions, key="oral-issue-session",
                       format_func=lambda s: "No session" if s is None else s.label())
if st.button("Issue this update", key="oral-issue"):
    files = {"Markdown (.md)": (f"oral_update_{stamp}.md", to_markdown(update, text)),
             "Word (.docx)": (f"oral_update_{stamp}.docx", to_docx(update, text)),
             "Slides (.pptx)": (f"oral_update_{stamp}.pptx", to_pptx(update, update_charts(update), text))}
    try:
        issued = issued_updates.issue(store, update, text, files, session.name if session else None, facts)
    except OSError as exc:
        st.error(f"The update could not be issued: {exc}")
    else:
        st.success(f"Issued as {issued.id}.")
        all_issued = issued_updates.listing(store)

if all_issued:
    st.subheader("Issued updates")
    for issued in all_issued:
        with st.expander(issued.label()):
            st.markdown("\n".join(f"- {line}" for line in issued.provenance))
            columns = st.columns(len(issued.files))
            for column, (label, name) in zip(columns, issued.files.items(), strict=True):
                column.download_button(label, issued_updates.file_bytes(store, issued, label), name,
                                       key=f"issued-{issued.id}-{label}")
