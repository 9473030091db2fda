"""Data quality and provenance: load runs, rejected files and why, validation results, the counting rules."""

import streamlit as st

from app import cached, corrections, navigation, queries
from app.sidebar import current_filters
from app.view import COUNTING_RULES, page_header
from app.warehouse import warehouse_path

navigation.through_entrypoint()

# Loads write their Data Docs beside the warehouse they publish.
DATA_DOCS = warehouse_path().parent / "data_docs"

f = current_filters()
page_header("Data quality and provenance", "What was loaded, what was rejected and why, and what the checks found. "
            "The filters do not apply to this page.", f)

facts = cached.run(queries.warehouse_facts)
st.markdown(f"Warehouse published **{facts['published_at'] or facts['last_loaded']}** by run "
            f"`{facts['last_run_id'] or 'unknown'}` (schema version {facts['schema_version'] or 'unknown'}): "
            f"{facts['documents']} executive summaries, {facts['needs']} needs"
            + (" — **illustrative sample data, not official**." if facts["is_sample"] else "."))

st.subheader("Counting rules")
st.markdown(COUNTING_RULES)

st.subheader("Validation results")
results = cached.run(queries.validation_results)
if results.empty:
    st.info("No validation results recorded yet.")
else:
    failed = results[~results["success"]]
    critical = failed[failed["severity"] == "critical"]
    warnings = failed[failed["severity"] == "warning"]
    cols = st.columns(3)
    cols[0].metric("Checks run", len(results))
    cols[1].metric("Critical failures", len(critical), help="Critical failures block publishing.")
    cols[2].metric("Warnings", len(warnings), help="Warnings are published, recorded and shown here.")
    if not critical.empty:
        st.error("Critical checks failed in the latest validation: that load was blocked.")
        st.dataframe(critical, hide_index=True, width="stretch")
    if not warnings.empty:
        st.warning(f"{len(warnings)} warning check(s) failed in the latest validation.")
        st.dataframe(warnings, hide_index=True, width="stretch")
    with st.expander(f"All {len(results)} checks of run {results['run_id'].iloc[0]}"):
        st.dataframe(results, hide_index=True, width="stretch")
index = next(iter(sorted(DATA_DOCS.rglob("index.html"))), None) if DATA_DOCS.is_dir() else None
if index is not None:
    st.markdown(f"Great Expectations Data Docs: [{index}]({index.as_uri()}) "
                "(open the file in a browser on this machine).")
else:
    st.caption(f"No Data Docs found in {DATA_DOCS} (every load and validation run rebuilds them there).")

st.subheader("Load runs")
st.dataframe(cached.run(queries.load_runs), hide_index=True, width="stretch")

st.subheader("Rejected files")
rejected = cached.run(queries.rejections)
if rejected.empty:
    st.success("No file has been rejected.")
else:
    st.dataframe(rejected[["rejected_at", "source_file", "reason", "message", "action", "location", "run_id"]],
                 hide_index=True, width="stretch")

st.subheader("Corrections by editors")
with cached.connection() as con:  # closed at once: an open cursor would pin a replaced warehouse
    marks = corrections.need_marks(con)
    cols = st.columns(3)
    cols[0].metric("Needs corrected", marks["corrected"], help="Needs changed by an editor: split, edited, retyped, "
                   "re-chaptered, merged into or added. Marked in the needs explorer and its downloads.")
    cols[1].metric("Needs reviewed as right", marks["reviewed"], help="Checked by an editor and right as extracted.")
    cols[2].metric("Extractions removed", marks["removed"], help="Not a need, or merged into the previous need.")
    st.dataframe(corrections.counts_by_action(con), hide_index=True, width="stretch")
    stale = corrections.stale(con)
    if stale.empty:
        st.caption("No stale correction: every saved correction applies to the need it was made on.")
    else:
        st.warning(f"{len(stale)} correction(s) are stale and not applied (their document was replaced or the parser "
                   "changed the need): an editor should confirm or drop them in the review page.")
        st.dataframe(stale[["recorded_at", "editor", "symbol", "action", "value", "reason", "detail"]],
                     hide_index=True, width="stretch")
    need_id = st.text_input("History of a need: its id (the explorer's Need id column)", key="quality_need_history")
    if need_id.strip():
        st.dataframe(corrections.history(con, need_id.strip()), hide_index=True, width="stretch")
