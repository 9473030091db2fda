"""Margins that already fit a chart's labels, so plotly.js draws each chart once.

Left to itself (axis automargin, colour bars, legends), plotly.js draws a chart, measures its tick labels, finds they
spill over the margins, widens them and draws the whole chart again. Every chart of a page is drawn in one go before
the browser paints any, so those second draws came straight on top of a delegate's first view of a page (the
first-paint benchmark, app/bench_first_paint.py: about a third of the charts' drawing time on Chapters). Here the
labels are measured in Python with the font the page draws them in (Streamlit's own Source Sans), and the margins
are set to what plotly.js would have pushed them to. Automargin stays on: should an estimate fall short (another
font, a browser's rounding), plotly.js still widens the margin, at the cost of the second draw only.

Category labels that would not fit side by side on a common laptop screen get an explicit slant, so the room they
need does not depend on the width of the screen the chart is drawn on; on a narrower one plotly.js slants the others
itself.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
import streamlit
from PIL import ImageFont

# Streamlit ships the fonts its pages use; the charts name Source Sans (app.charts.PAGE_FONT).
_FONT_FILES = sorted((Path(streamlit.__file__).parent / "static").rglob("SourceSansVF-Upright*.woff2"))
_AVERAGE_EM = 0.56  # a generous average width of a character, should the font not be found
# plotly.js's spacing around axis labels and titles, in px (measured in Chromium on every chart of the dashboard).
_LABEL_GAP = 6
_TITLE_GAP = 10
_SAFETY = 6
# px of plot area of a full-width chart on a common laptop screen, and of a chart in one of two columns: labels that
# would collide there are slanted on every screen.
FULL_PLOT, HALF_PLOT = 800, 380
HALL_PLOT = 1600  # a full-width chart on the hall display's 1920 px wall screen
_COLOUR_BAR = 30 + 10 + 5 + 10  # its thickness, padding, ticks and the gap before their labels
SLANT = 30  # degrees: plotly.js's own first choice when category labels collide


@lru_cache(maxsize=1)
def _font() -> ImageFont.FreeTypeFont | None:
    for path in _FONT_FILES:
        try:
            font = ImageFont.truetype(str(path), 100)
            # A variable font: its default instance is the lightest (200); the page draws text at weight 400.
            font.set_variation_by_axes([400])
            return font
        except OSError:
            continue
    return None


@lru_cache(maxsize=8192)
def _width_at_100px(text: str) -> float:
    # Cached: the same labels come back on every rerun, and shaping one costs tens of microseconds.
    font = _font()
    return len(text) * 100 * _AVERAGE_EM if font is None else font.getlength(text)


def text_px(text: str, size: float) -> float:
    """Width in px of one line of text at size px in the page's font."""
    return _width_at_100px(text) * size / 100


def _lines(label: object) -> list[str]:
    return str(label).replace("<br />", "<br>").replace("<br/>", "<br>").split("<br>")


def _label_box(labels: list[object], size: float) -> tuple[float, int]:
    """The widest line among the labels and the most lines any label has."""
    lines = [_lines(label) for label in labels] or [[""]]
    return max(text_px(line, size) for parts in lines for line in parts), max(len(parts) for parts in lines)


def _tick_text(top: float) -> str:
    """The widest tick label plotly.js gives an axis of counts from 0 to about top."""
    reach = max(1.0, top * 1.15)  # autorange pads the longest bar; a tick can sit just above the data
    if reach >= 10_000:
        return f"{math.ceil(reach / 1000)}k"
    return str(math.ceil(reach))


def _size(font: dict | None, fallback: float) -> float:
    return float((font or {}).get("size") or fallback)


def _axis_parts(data: list[dict], axis: str) -> tuple[list[object], float]:
    """Category labels on the axis ('x' or 'y'), or none and the largest count plotted along it."""
    labels: list[object] = []
    top = 0.0
    for trace in data:
        kind = trace.get("type", "scatter")
        if kind in ("choropleth", "scattergeo"):
            continue
        horizontal = trace.get("orientation") == "h"
        categorical = (kind == "heatmap") or (kind == "bar" and (horizontal == (axis == "y")))
        values = trace.get(axis)
        if values is None:
            continue
        if categorical:
            labels.extend(values)
        elif kind == "bar":
            top = max([top, *(float(v) for v in values if v is not None)])
    return list(dict.fromkeys(labels)), top


def _colour_bar_width(data: list[dict], size: float) -> float:
    widest = 0.0
    for trace in data:
        if trace.get("showscale") is False or trace.get("type") not in ("heatmap", "choropleth"):
            continue
        bar = trace.get("colorbar") or {}
        tick_size = _size(bar.get("tickfont"), size)
        ticks = bar.get("ticktext") or [_tick_text(max((max(row) if isinstance(row, list) else row)
                                                      for row in trace.get("z") or [0]))]
        title = ((bar.get("title") or {}).get("text")) or ""
        title_size = _size((bar.get("title") or {}).get("font"), size)
        # Beyond the page's 16 px, the bar's spacing grows with the text (measured on the hall display's 24 px).
        widest = max(widest, _COLOUR_BAR + 2 * max(0.0, title_size - 16)
                     + max(_label_box(list(ticks), tick_size)[0], text_px(str(title), title_size)))
    return widest


def fit(fig: go.Figure, *, plot_width: int = FULL_PLOT) -> go.Figure:
    """The figure with margins (and, for long category labels, a slant) that leave plotly.js nothing to widen;
    plot_width: the px of plot area the chart has on a common screen (FULL_PLOT, or HALF_PLOT in a column)."""
    spec = fig.to_plotly_json()
    layout = dict(spec.get("layout") or {})
    data = [dict(trace) for trace in spec.get("data") or []]
    if not data:
        return fig
    base = _size(layout.get("font"), 12)
    margin = dict(layout.get("margin") or {})
    needed: dict[str, float] = {}
    for name, side in (("xaxis", "b"), ("yaxis", "l")):
        axis = dict(layout.get(name) or {})
        if axis.get("visible") is False:
            continue
        labels, top = _axis_parts(data, name[0])
        if not labels and not top:
            continue  # no cartesian trace on it (a map)
        tick_size = _size(axis.get("tickfont"), base)
        # plotly.js keeps room for an axis title even when it is empty (the horizontal bars' y axis has none).
        title_room = _size((axis.get("title") or {}).get("font"), base) * 1.2 + _TITLE_GAP
        if name == "yaxis":
            width = _label_box(labels, tick_size)[0] if labels else text_px(_tick_text(top), tick_size)
            needed[side] = width + _LABEL_GAP + title_room
            continue
        width, lines = _label_box(labels, tick_size) if labels else (text_px(_tick_text(top), tick_size), 1)
        line = tick_size * 1.3
        if labels and "tickangle" not in axis and width + 12 > plot_width / max(1, len(labels)):
            axis["tickangle"] = SLANT
            layout[name] = axis
        angle = math.radians(abs(float(axis.get("tickangle") or 0)))
        height = width * math.sin(angle) + line * lines * math.cos(angle)
        needed[side] = height + _LABEL_GAP + title_room
    bar = _colour_bar_width(data, base)
    if bar:
        needed["r"] = bar
    for side, room in needed.items():
        margin[side] = max(int(margin.get(side, 10)), math.ceil(room + _SAFETY))
    layout["margin"] = margin
    return go.Figure({"data": data, "layout": layout}, _validate=False)
