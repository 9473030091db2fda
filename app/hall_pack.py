"""A hall pack: one self-contained HTML file for a room with no network, `python -m app.hall_pack --out hall.html`.

The file holds the current slides (chart and takeaway) and the dashboard's key charts for one scope, each with its
numbers as a table, plotly.js from the installed plotly package inlined and every figure's data embedded: opened
from a memory stick, it makes no request at all (no script, font, map or image from anywhere).
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qs

import duckdb
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from app import charts, queries, slides, warehouse
from app.filters import Filters, from_params

# No MathJax, no topojson, no logo link: plotly.js would fetch the first two from the web.
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "typesetMath": False,
               "toImageButtonOptions": {"format": "png", "scale": 2}}
STYLE = """
body { font-family: "Source Sans Pro", Arial, Helvetica, sans-serif; color: #1F2933; margin: 0 auto;
       max-width: 1200px; padding: 1rem 2rem; }
h1 { margin-bottom: .2rem; } .scope { font-style: italic; } .facts, .rule { color: #52606D; font-size: .9rem; }
section { page-break-inside: avoid; margin: 2.5rem 0; } .takeaway { font-size: 1.4rem; margin: .3rem 0; }
details { margin: .5rem 0 1rem; } table { border-collapse: collapse; font-size: .9rem; }
td, th { border: 1px solid #CBD2D9; padding: .2rem .5rem; text-align: left; }
.sample { background: #FFF3C4; padding: .5rem 1rem; border-left: 4px solid #E69F00; }
nav a { margin-right: 1rem; } h2.part { border-bottom: 2px solid #1F2933; }
"""


@dataclass
class Chart:
    """One figure of the pack with the sentence said about it and the numbers behind it."""

    anchor: str
    title: str
    figure: go.Figure | None  # None: a slide whose one sentence says it all
    data: pd.DataFrame
    takeaway: str = ""
    rule: str = ""
    subtitle: str = ""


def _view() -> ModuleType:
    """app.view, for its scope line and counting rules, without the warning its caches give outside a server."""
    import streamlit.runtime.caching.cache_data_api as cache_api

    logging.getLogger(cache_api.__name__).setLevel(logging.ERROR)
    from app import view

    return view


def key_charts(con: duckdb.DuckDBPyConnection, f: Filters) -> list[Chart]:
    """The dashboard's main breakdowns for the scope: by chapter, type, regional group and article."""
    view = _view()
    ARTICLE_RULE, TYPE_RULE = view.ARTICLE_RULE, view.TYPE_RULE  # noqa: N806 - the constants' own names

    by_chapter = queries.needs_by_chapter(con, f)
    by_type = queries.types_of(queries.type_breakdown(con, f))
    by_group = queries.needs_by_group(con, f)
    by_article = queries.needs_by_article(con, f)
    return [
        Chart("chart-chapter", "Needs by chapter", charts.chapter_bar(by_chapter), by_chapter),
        Chart("chart-type", "Needs by type of assistance", charts.type_bar(by_type), by_type, rule=TYPE_RULE),
        Chart("chart-group", "Needs by regional group", charts.group_bar(by_group), by_group),
        Chart("chart-article", "Needs by article", charts.article_bar(by_article), by_article, rule=ARTICLE_RULE),
    ]


def slide_charts(con: duckdb.DuckDBPyConnection, f: Filters) -> list[Chart]:
    """The presentation's slides for the scope, as the wall screen shows them."""
    return [Chart(f"slide-{n}", s.title, s.figure, pd.DataFrame(), takeaway=s.takeaway, rule=s.note,
                  subtitle=s.subtitle)
            for n, s in enumerate(slides.slides_for_filters(con, f), start=1)]


def _table(data: pd.DataFrame) -> str:
    shown = data[[c for c in data.columns if data[c].map(lambda v: not isinstance(v, (list, dict))).all()]]
    return shown.to_html(index=False, border=0, escape=True)


def _section(chart: Chart) -> str:
    parts = [f'<section id="{chart.anchor}"><h2>{html.escape(chart.title)}</h2>']
    if chart.subtitle:
        parts.append(f'<p class="scope">{html.escape(chart.subtitle)}</p>')
    if chart.takeaway:
        parts.append(f'<p class="takeaway">{html.escape(chart.takeaway)}</p>')
    if chart.figure is not None:
        # </script> inside a label must not end the script element: escape the slash in every JSON string.
        payload = chart.figure.to_json().replace("</", "<\\/")
        parts.append(f'<div class="chart" id="{chart.anchor}-plot"></div>')
        parts.append(f'<script type="application/json" id="{chart.anchor}-spec">{payload}</script>')
    if chart.rule:
        parts.append(f'<p class="rule">{html.escape(chart.rule)}</p>')
    if not chart.data.empty:
        parts.append(f"<details><summary>Numbers: {html.escape(chart.title)}</summary>{_table(chart.data)}</details>")
    parts.append("</section>")
    return "\n".join(parts)


def render(con: duckdb.DuckDBPyConnection, f: Filters, source: str) -> str:
    """The whole pack as one HTML document."""
    filters_summary = _view().filters_summary
    facts = queries.warehouse_facts(con)
    names = dict(queries.filter_options(con).states)
    slide_list, chart_list = slide_charts(con, f), key_charts(con, f)
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    sample = ('<p class="sample"><strong>Illustrative sample data — not official.</strong> The documents loaded '
              'are the illustrative sample shipped with the project.</p>') if facts["is_sample"] else ""
    def links(items: list[Chart]) -> str:
        return " ".join(f'<a href="#{c.anchor}">{html.escape(c.title)}</a>' for c in items)

    nav = f"<p>Slides: {links(slide_list)}</p><p>Dashboard charts: {links(chart_list)}</p>"
    body = ("<h2 class=\"part\">Slides</h2>\n" + "\n".join(_section(c) for c in slide_list)
            + "\n<h2 class=\"part\">Dashboard charts</h2>\n" + "\n".join(_section(c) for c in chart_list))
    draw = """
document.querySelectorAll('script[type="application/json"]').forEach(function (node) {
  var spec = JSON.parse(node.textContent);
  Plotly.newPlot(node.id.replace(/-spec$/, '-plot'), spec.data, spec.layout, CONFIG);
});"""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; \
style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>UNCAC technical-assistance needs — hall pack</title>
<style>{STYLE}</style>
<script>{get_plotlyjs()}</script>
</head><body>
<h1>Technical-assistance needs identified in UNCAC executive summaries</h1>
<p class="scope">{html.escape(filters_summary(f, names))}</p>
<p class="facts">Data: {facts['documents']} executive summaries and {facts['needs']} needs, published
{html.escape(str(facts['published_at'] or facts['last_loaded']))} (run {html.escape(str(facts['last_run_id']))});
pack made {made} from {html.escape(source)}. Works with no network: everything is in this file.</p>
{sample}
<nav>{nav}</nav>
{body}
<script>var CONFIG = {json.dumps(PLOT_CONFIG)};{draw}</script>
</body></html>
"""


def scope(con: duckdb.DuckDBPyConnection, link: str) -> tuple[Filters, list[str]]:
    """The filters of a dashboard link (its query string, or the whole address), as the dashboard reads them."""
    query = link.split("?", 1)[1] if "?" in link else link
    params = {name: values for name, values in parse_qs(query.lstrip("?")).items()}
    return from_params(params, queries.filter_options(con))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("hall.html"), help="the HTML file to write")
    parser.add_argument("--warehouse", type=Path, default=None,
                        help="a .duckdb file or published Parquet folder (default: $TA_WAREHOUSE, else "
                             "data/warehouse.duckdb)")
    parser.add_argument("--link", default="",
                        help="scope: a dashboard link or its query string, e.g. 'group=African&chapter=II'")
    args = parser.parse_args(argv)
    source = args.warehouse or warehouse.warehouse_path()
    problem = warehouse.problem(source)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    con = warehouse.connect(source)
    try:
        filters, notes = scope(con, args.link)
        for note in notes:
            print(note, file=sys.stderr)
        text = render(con, filters, str(source))
    finally:
        con.close()
    args.out.write_text(text, encoding="utf-8")
    print(f"Wrote {args.out} ({len(text.encode()) / 2**20:.1f} MB): open it in any browser, no network needed.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
