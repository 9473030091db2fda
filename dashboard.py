"""Dashboard of technical-assistance needs in UNCAC executive summaries: `streamlit run dashboard.py`."""

import streamlit as st

from app import cached, display, editor, navigation, queries, warehouse
from app.sidebar import draw_filters, keep_hidden_filters, link_notes, shared_filters

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
own_scope = page.url_path in navigation.OWN_SCOPE
if own_scope:
    keep_hidden_filters()
else:
    shared_filters(cached.run(queries.filter_options))
with st.sidebar:
    filter_box = st.container()
    st.caption(f"Data: {facts['documents']} documents, {facts['needs']} needs; published "
               f"{facts['published_at'] or facts['last_loaded']} (run {facts['last_run_id'] or 'unknown'}).")
for note in link_notes():
    st.warning(note, icon=":material/link_off:")
try:
    page.run()
except navigation.PageEnd:
    pass
finally:
    # The filter widgets after the page, so a first visit loads the charts' JavaScript before theirs; in a finally,
    # so a page that ends early or fails still draws them and their values are kept.
    if not own_scope:
        with filter_box:
            draw_filters(cached.run(queries.filter_options))
