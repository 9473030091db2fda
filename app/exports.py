"""Downloads of tables: CSV in UTF-8 with a BOM (so Excel reads accents right) and real .xlsx workbooks."""

from __future__ import annotations

import io
from collections.abc import Mapping

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_COLUMN_WIDTH = 80


def _listed(value: object) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(map(str, list(value)))
    return value


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The table as CSV, UTF-8 with a byte-order mark, one header row; lists (articles) as '8, 9'."""
    listed = df.copy()
    for column in [c for c in listed.columns if pd.api.types.is_object_dtype(listed[c])]:
        listed[column] = listed[column].map(_listed)
    return listed.to_csv(index=False).encode("utf-8-sig")


def _cell(value: object) -> object:
    if isinstance(value, np.ndarray) or (isinstance(value, np.generic) and not isinstance(value, np.datetime64)):
        value = value.tolist()
    if value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value)):
        return None
    if isinstance(value, (list, tuple)):
        # One article is a number a spreadsheet can sort and filter on; several are listed as text.
        if len(value) == 1 and isinstance(value[0], int):
            return value[0]
        return ", ".join(map(str, value))
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def xlsx_bytes(df: pd.DataFrame, *, sheet: str = "Needs", about: Mapping[str, str] | None = None) -> bytes:
    """The table as an .xlsx workbook: a bold frozen header, sized columns, and an 'About' sheet when given."""
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append([str(c) for c in df.columns])
    for row in df.itertuples(index=False):
        ws.append([_cell(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for i, column in enumerate(df.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in df[column].head(500)])
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_COLUMN_WIDTH, longest + 2)
        if longest > MAX_COLUMN_WIDTH:
            for cell in ws[get_column_letter(i)][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if about:
        info = book.create_sheet("About")
        for key, value in about.items():
            info.append([key, value])
        info.column_dimensions["A"].width = 28
        info.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
