"""Review and correct (editor mode only): each extracted need beside its source, and the actions that fix it."""

import importlib
import json
import threading
import time

import pandas as pd
import streamlit as st

from app import cached, corrections, editor, navigation, warehouse
from app.corrections import ACTION_LABELS
from pipelines import corrections as fixes
from pipelines import excerpt
from pipelines.republish import republish
from pipelines.warehouse import WarehouseBusy, published_dir

navigation.through_entrypoint()
if not editor.enabled():  # defence in depth: navigation lists this page in editor mode only
    st.error("The review page exists only in editor mode: `./dev.sh review`.")
    st.stop()

FOLDER = editor.corrections_dir()


@st.cache_resource(show_spinner=False)
def _warm_up() -> bool:
    # Importing Great Expectations takes 5-15 s; doing it while the editor reads the first need keeps the first
    # save's republish to seconds. Only this editor-mode page ever imports it in a dashboard process.
    threading.Thread(target=importlib.import_module, args=("great_expectations",), daemon=True).start()
    return True


_warm_up()
ACTIONS = ["not_a_need", "merge_previous", "split", "edit_text", "set_types", "set_articles", "set_chapter",
           "add_need"]

st.title("Review and correct")
st.caption(f"Corrections are saved to `{FOLDER}` (one row per action, kept across every reload) and the dashboard "
           "is republished at once. A correction whose need has changed since is listed below as stale.")


def _save(rows: list[fixes.Correction]) -> None:
    """Append the rows, republish, and leave the outcome for the next run to show."""
    fixes.append(rows, FOLDER)
    started = time.monotonic()
    try:
        path = warehouse.warehouse_path()
        # The Parquet files too: replicas serving a hall read those (README, "Serving a hall").
        outcome = republish(path, FOLDER, data_docs_dir=None, parquet_dir=published_dir(path))
    except WarehouseBusy as exc:
        st.session_state["review_message"] = ("warning", f"Saved. Not yet shown: {exc}. Press Republish then.")
        return
    seconds = time.monotonic() - started
    if outcome.status == "published":
        st.session_state["review_message"] = (
            "success", f"Saved and republished in {seconds:.1f} s: {outcome.needs_total} needs; "
                       f"{outcome.corrections.line()}.")
    else:
        st.session_state["review_message"] = (
            "error", "Saved, but validation blocked the republish: the dashboard still shows the previous data.\n\n"
                     f"```\n{outcome.validation_summary}\n```")


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _where(line: excerpt.ExcerptLine) -> str:
    return f"p{line.page} l{line.number}" if line.page is not None else f"l{line.number}"


def _name() -> str | None:
    name = st.session_state.get("editor_name", "").strip()
    if not name:
        st.error("Enter your name in the sidebar first: every correction records who made it.")
    return name or None


with st.sidebar:
    st.text_input("Your name (recorded with each correction)", key="editor_name")

message = st.session_state.pop("review_message", None)
if message:
    getattr(st, message[0])(message[1])

with cached.connection() as con:  # closed at once: an open cursor would pin a replaced warehouse

    # The queue.
    documents_all = corrections.queue_documents(con)
    runs = list(dict.fromkeys(documents_all["run_id"]))
    states = sorted(set(zip(documents_all["country"], documents_all["iso3"], strict=True)))
    left, middle, right, far = st.columns(4)
    run = left.selectbox("Loaded by run", ["All runs", *runs], key="review_run",
                         help="Runs newest first: the documents the latest load brought in come first.")
    state = middle.selectbox("State to review", ["All States", *(name for name, _ in states)], key="review_state")
    flag_options = {"Any need": None, "Flagged needs only": "*", **{f"Flag: {f}": f for f in corrections.flags(con)}}
    flag_label = right.selectbox("Doubt signals", list(flag_options), key="review_flag")
    hide_done = far.checkbox("Hide needs already reviewed or corrected", key="review_hide_done")
    iso3 = dict(states).get(state) if state != "All States" else None
    documents = corrections.queue_documents(con, None if run == "All runs" else run, iso3)
    if documents.empty:
        st.info("No document matches.")
        st.stop()
    labels = {r.document_id: f"{r.country}, cycle {r.cycle} — {r.symbol or r.source_file} ({r.needs} needs, "
                              f"{r.flagged} flagged, {r.done} done)" for r in documents.itertuples()}
    choice = st.selectbox("Document", list(labels), format_func=labels.__getitem__, key="review_document")
    doc = documents.set_index("document_id", drop=False).loc[choice]
    chapters = st.multiselect("Chapters to review",
                              sorted(corrections.document_needs(con, doc.document_id)["chapter"].unique()),
                              key="review_chapters")
    queue = corrections.queue_needs(con, doc.document_id, [int(c) for c in chapters], flag_options[flag_label],
                                    hide_done)
    if queue.empty:
        st.info("No need of this document matches: every need may already be reviewed. Use *Add a need the parser "
                "missed* by choosing another filter, or pick another document.")
        st.stop()

    if st.session_state.get("review_position_of") != doc.document_id:
        st.session_state["review_position_of"] = doc.document_id
        st.session_state["review_position"] = 0
    position = min(st.session_state.get("review_position", 0), len(queue) - 1)
    nav = st.columns([1, 1, 6])
    if nav[0].button("Previous", disabled=position == 0, icon=":material/arrow_back:"):
        position -= 1
    if nav[1].button("Next", disabled=position >= len(queue) - 1, icon=":material/arrow_forward:"):
        position += 1
    st.session_state["review_position"] = position
    need = queue.iloc[position]
    nav[2].markdown(f"Need **{position + 1} of {len(queue)}** in this document's queue (flagged needs first).")

    # The need beside its source.
    left, right = st.columns([3, 2])
    with left:
        st.subheader("Extracted")
        st.markdown(f"> {need.text}")
        flags_now = list(need["flags"]) if need["flags"] is not None else []
        done = list(need["corrected"]) if need["corrected"] is not None else []
        st.markdown(
            f"**Chapter** {need.chapter} · **Articles** {', '.join(map(str, need.articles)) or '—'} · "
            f"**Types** {', '.join(need.types)} · **Where** {need.location}  \n"
            f"**Flags** {', '.join(flags_now) or 'none'} · **Corrections so far** "
            f"{', '.join(ACTION_LABELS.get(a, a) for a in done) or 'none'} · `{need.need_id}`")
    with right:
        st.subheader("Source")
        lines = excerpt.source_lines(doc.source_file)
        around = excerpt.around(lines, _int(need.page), _int(need.paragraph), need.text)
        if around:
            st.code("\n".join(f"{'▶' if line.in_need else ' '} {_where(line):>9}  {line.text}" for line in around),
                    language=None, wrap_lines=True)
        else:
            st.warning(f"The source line ({need.location}) could not be found in {doc.source_file}.")
        if doc.source_format == "pdf" and _int(need.page) is not None:
            with st.expander(f"Page {int(need.page)} of the PDF"):
                png = excerpt.page_png(doc.source_file, int(need.page))
                if png:
                    st.image(png)

    # Actions.
    st.subheader("Correct")
    quick = st.columns([2, 5])
    if quick[0].button("Right as extracted", type="primary", icon=":material/check:", key="review_right"):
        name = _name()
        if name:
            _save([fixes.Correction.new(editor=name, document_id=doc.document_id, symbol=doc.symbol,
                                        action=fixes.REVIEWED, need_id=need.need_id, text=need.text,
                                        reason=st.session_state.get("review_reason") or "checked against the source")])
            if not hide_done:  # when reviewed needs are hidden, the next one moves up to this position
                st.session_state["review_position"] = position + 1
            st.rerun()
    action = st.selectbox("Or correct it", ACTIONS, format_func=fixes.ACTIONS.__getitem__, key="review_action")
    value = ""
    problem = None
    doc_needs = corrections.document_needs(con, doc.document_id)
    if action == "merge_previous":
        index = doc_needs.index[doc_needs["need_id"] == need.need_id]
        previous = doc_needs.iloc[index[0] - 1] if len(index) and index[0] > 0 else None
        if previous is None or previous.chapter != need.chapter:
            problem = "This is the first need of its chapter: there is no previous need to merge with."
        else:
            st.markdown(f"Previous need: > {previous.text}")
            value = previous.need_id
    elif action == "split":
        start = st.text_input("The second need starts with (copy its first words)", key="review_split")
        at = need.text.find(start.strip()) if start.strip() else -1
        if at <= 0:
            problem = "Type the first words of the second need, exactly as in the text above."
        else:
            value = str(at)
            st.markdown(f"1. {need.text[:at].strip()}\n2. {need.text[at:].strip()}")
    elif action == "edit_text":
        value = st.text_area("Corrected text", value=need.text, key=f"review_text_{need.need_id}")
    elif action == "set_types":
        taxonomy = [r[0] for r in con.execute(
            "SELECT type FROM assistance_types GROUP BY type ORDER BY min(sort_order)").fetchall()]
        chosen = st.multiselect("Types", taxonomy, default=[t for t in need.types if t in taxonomy],
                                key=f"review_types_{need.need_id}")
        value = ";".join(chosen)
        problem = None if chosen else "Choose at least one type."
    elif action == "set_articles":
        value = st.text_input("Articles, separated by ;", value="; ".join(map(str, need.articles)),
                              key=f"review_articles_{need.need_id}")
    elif action == "set_chapter":
        value = str(st.selectbox("Chapter", range(1, 9), index=int(need.chapter) - 1, key="review_chapter"))
    elif action == "add_need":
        window = excerpt.around(lines, _int(need.page), _int(need.paragraph), need.text,
                                before=20, after=30)
        picked = st.multiselect("Source lines of the missed need", [line.index for line in window],
                                format_func=lambda i: (f"p. {lines[i].page} " if lines[i].page else "")
                                                      + f"line {lines[i].number}: {lines[i].text}",
                                key=f"review_lines_{need.need_id}")
        chapter = st.selectbox("Its chapter", range(1, 9), index=int(need.chapter) - 1, key="review_add_chapter")
        text = " ".join(lines[i].text.strip() for i in sorted(picked)).strip()
        text = st.text_input("Its text (edit to drop a bullet or number)", value=text,
                             key=f"review_add_text_{'-'.join(map(str, sorted(picked)))}").strip()
        if not picked or not text:
            problem = "Select the source lines of the missed need."
        else:
            first = lines[min(picked)]
            before = doc_needs[(doc_needs["chapter"] == chapter)
                               & (doc_needs["page"].fillna(0) * 10**6 + doc_needs["paragraph"].fillna(0)
                                  <= (first.page or 0) * 10**6 + first.number)]
            value = json.dumps({"text": text, "chapter": chapter, "page": first.page, "paragraph": first.number,
                                "after": before["need_id"].iloc[-1] if len(before) else None}, ensure_ascii=False)
    reason = st.text_input("Reason (short)", key="review_reason")
    if problem:
        st.caption(problem)
    if st.button("Save correction", disabled=bool(problem), icon=":material/save:", key="review_save"):
        name = _name()
        if name and not reason.strip():
            st.error("Give a short reason.")
        elif name:
            if action == "add_need":
                row = fixes.Correction.new(editor=name, document_id=doc.document_id, symbol=doc.symbol, action=action,
                                           text=json.loads(value)["text"], value=value, reason=reason)
            else:
                row = fixes.Correction.new(editor=name, document_id=doc.document_id, symbol=doc.symbol, action=action,
                                           need_id=need.need_id, text=need.text, value=value, reason=reason)
            _save([row])
            st.rerun()

    with st.expander("History of this need"):
        st.dataframe(corrections.history(con, need.need_id), hide_index=True, width="stretch")

    # Stale corrections.
    stale = corrections.stale(con)
    st.subheader(f"Stale corrections ({len(stale)})")
    if stale.empty:
        st.success("Every saved correction applies to the need it was made on.")
    else:
        st.caption("Not applied: the document was replaced or the parser changed the need. Confirm one to apply it "
                   "to the current need of the same id, or drop it.")
        current = {r[0]: r for r in con.execute("SELECT need_id, document_id, text, symbol FROM needs").fetchall()}
        for row in stale.itertuples():
            columns = st.columns([6, 1, 1])
            columns[0].markdown(f"**{ACTION_LABELS.get(row.action, row.action)}** by {row.editor} on "
                                f"{row.recorded_at[:16]} — {row.symbol or row.document_id[:12]}: {row.detail}. "
                                f"Reason: {row.reason or '—'}")
            target = current.get(row.need_id)
            if columns[1].button("Confirm", key=f"confirm_{row.correction_id}", disabled=target is None,
                                 help="Apply it to the current need with this id" if target else "No such need now"):
                name = _name()
                if name:
                    _save([fixes.Correction.new(editor=name, document_id=target[1], symbol=target[3], action=row.action,
                                                need_id=row.need_id, text=target[2], value=row.value,
                                                reason=f"confirmed {row.correction_id}: {row.reason}"),
                           fixes.Correction.new(editor=name, document_id=row.document_id, action=fixes.DROP,
                                                value=row.correction_id, reason="confirmed on the current need")])
                    st.rerun()
            if columns[2].button("Drop", key=f"drop_{row.correction_id}"):
                name = _name()
                if name:
                    _save([fixes.Correction.new(editor=name, document_id=row.document_id, action=fixes.DROP,
                                                value=row.correction_id, reason="dropped in the review page")])
                    st.rerun()
    if st.button("Republish now", key="review_republish", help="Apply the saved corrections and publish again"):
        _save([])
        st.rerun()
