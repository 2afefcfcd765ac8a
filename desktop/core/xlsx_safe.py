"""Writing user text into Excel safely: always as text, never as a formula.

Why: text such as `=HYPERLINK(...)`, `+1+cmd|...`, `-2+3` or `@SUM(...)` typed into a field
becomes a live formula when a workbook is opened (CSV/formula injection). openpyxl turns any
string starting with '=' into a formula, so every writer goes through these helpers: strings
are stored as text (data_type 's') and risky ones also get Excel's quote prefix, so they stay
text even after someone edits the cell. Control characters XML cannot hold are removed.
"""
from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def clean(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def text_cell(ws, value, **style):
    """A write-only cell; strings are text whatever they start with."""
    cell = WriteOnlyCell(ws, value=clean(value))
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(RISKY_START):
            cell.quotePrefix = True
    for k, v in style.items():
        setattr(cell, k, v)
    return cell


def set_text(cell, value) -> None:
    """The same for a normal (not write-only) worksheet cell."""
    cell.value = clean(value)
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(RISKY_START):
            cell.quotePrefix = True


def safe_row(ws, values) -> list:
    """Cells for ws.append() in write-only mode."""
    return [text_cell(ws, v) for v in values]
