"""Dashboard of technical-assistance needs in UNCAC executive summaries: `streamlit run dashboard.py`."""

import streamlit as st

from app import cached, display, editor, navigation, queries, warehouse
from app.sidebar import keep_hidden_filters, link_notes, shared_filters

SAMPLE_BANNER = "Illustrative sample data — not official"

st.set_page_config(page_title="UNCAC technical-assistance needs", layout="wide")
navigation.default_by_name()
page = st.navigation(navigation.pages(editor=editor.enabled()))
display.apply()

problem = cached.problem()
if problem:
    st.title("No data to show yet")
    st.error(problem)
    st.markdown("From the project folder, load the executive summaries, then reload this page:")
    st.code(warehouse.LOAD_COMMAND, language="bash")
    st.stop()

facts = cached.run(queries.warehouse_facts)
if facts["is_sample"]:
    st.warning(f"**{SAMPLE_BANNER}.** The documents loaded are the illustrative sample shipped with the project.",
               icon=":material/science:")
if page.url_path in navigation.OWN_SCOPE:
    keep_hidden_filters()
else:
    shared_filters(cached.run(queries.filter_options))
with st.sidebar:
    st.caption(f"Data: {facts['documents']} documents, {facts['needs']} needs; published "
               f"{facts['published_at'] or facts['last_loaded']} (run {facts['last_run_id'] or 'unknown'}).")
for note in link_notes():
    st.warning(note, icon=":material/link_off:")
page.run()
