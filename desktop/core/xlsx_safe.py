"""Writing user text into Excel safely: always as text, never as a formula.

Why: text such as `=HYPERLINK(...)`, `+1+cmd|...`, `-2+3` or `@SUM(...)` typed into a field
becomes a live formula when a workbook is opened (CSV/formula injection). openpyxl turns any
string starting with '=' into a formula, so every writer goes through these helpers: strings
are stored as text (data_type 's') and risky ones also get Excel's quote prefix, so they stay
text even after someone edits the cell. Control characters XML cannot hold are removed.
"""
from __future__ import annotations

import re

from openpyxl.cell import WriteOnlyCell

RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# What XML 1.0 cannot hold: openpyxl's own list (control characters) plus lone surrogates (a file name or a
# command-line argument that was not UTF-8) and U+FFFE/U+FFFF, which would make a workbook Excel cannot open.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value):
    """`value` with every character an xlsx cannot hold removed (other values unchanged)."""
    if isinstance(value, str):
        return NOT_XML.sub("", value)
    return value


def text_cell(ws, value, **style):
    """A write-only cell; strings are text whatever they start with."""
    value = clean(value)  # first: a risky start hidden behind a dropped character still gets its prefix
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(RISKY_START):
            cell.quotePrefix = True
    for k, v in style.items():
        setattr(cell, k, v)
    return cell


def set_text(cell, value) -> None:
    """The same for a normal (not write-only) worksheet cell."""
    value = clean(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(RISKY_START):
            cell.quotePrefix = True


def safe_row(ws, values) -> list:
    """Cells for ws.append() in write-only mode."""
    return [text_cell(ws, v) for v in values]
