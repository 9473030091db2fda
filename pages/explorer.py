"""Needs explorer: the need statements matching every filter and keyword, with CSV and Excel downloads."""

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from app import cached, exports, navigation, queries, scope, sources
from app.sidebar import current_filters
from app.view import NEEDS_COLUMN_CONFIG, SYMBOL_LINK, linked, page_header, state_names, table_height

navigation.through_entrypoint()

f = current_filters()
page_header("Needs explorer", "Every need statement matching the filters and the keyword in the sidebar, with the "
            "State, group, chapter, articles, types and the symbol of its document.", f)

total = cached.run(queries.count_needs, f)
table = cached.run(queries.needs_table, f)
shown = len(table)
st.markdown(f"**{total} need{'s' if total != 1 else ''}** match"
            + (f" — the first {shown} are shown below; the downloads hold all {total}." if total > shown else "."))

facts = cached.run(queries.warehouse_facts)
names = state_names()
stem = scope.file_stem("ta-needs", f, facts, names)
about = scope.about(f, facts, names, **{
    "Needs": str(total), "Exported": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    "Counting rule": "One row per need; a need with several types lists them all in Types.",
    "Articles": "A number when the need cites one article; several are listed as text (8, 9); titles beside them."})


def _everything() -> pd.DataFrame:
    # For people, not programs: titles and labels rather than codes, the link to each document.
    export = cached.run(queries.needs_export, f)
    return export.assign(**{"Document link": export["Symbol"].map(sources.symbol_url)})


left, right = st.columns(2)
left.download_button("Download CSV", lambda: exports.csv_bytes(_everything()), file_name=f"{stem}.csv",
                     mime=exports.CSV_MIME, key="explorer_csv", on_click="ignore", icon=":material/download:",
                     disabled=total == 0)
right.download_button("Download Excel (.xlsx)", lambda: exports.xlsx_bytes(_everything(), about=about),
                      file_name=f"{stem}.xlsx", mime=exports.XLSX_MIME, key="explorer_xlsx",
                      on_click="ignore", icon=":material/download:", disabled=total == 0)
st.dataframe(linked(table), hide_index=True, width="stretch", height=table_height(shown),
             column_config=NEEDS_COLUMN_CONFIG)

documents = cached.run(queries.needs_documents, f)
st.subheader(f"Documents behind these needs ({len(documents)})")
st.caption("The executive summaries the needs above come from, with how many of those needs each holds.")
st.dataframe(linked(documents), hide_index=True, width="stretch", height=table_height(len(documents), most=420),
             column_config={"Published": st.column_config.DateColumn(format="D MMM YYYY"), "Symbol": SYMBOL_LINK})
