"""Writing a Report as the .xlsx an office hands in: title, unit line, merged two-level header,
合计 and section 小计 lines, frozen header, A4 landscape with the header repeated on each page.

Write-only mode keeps memory flat for 10,000 rows. Each style is made when a cell first uses it and
given to the cells as their attributes, so the file carries only the styles its cells use. Amounts are fen
in the lines: cells hold 万元 (or 元) numbers at full precision and show two decimals; user text goes
through desktop.core.xlsx_safe, never a formula.
"""
from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from desktop.core.fileio import atomic_target
from desktop.reports.model import Report
from desktop.reports.xlsx_fast import add_fast_sheet
from desktop.values.money import fen_to_wan, fen_to_yuan

FONT = "宋体"
THIN = Side(style="thin", color="555555")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {"header": "DCE3EC", "section": "F2F2F2", "total": "E8EEF6"}
RISK_FILLS = {"红": "F4B6B6", "黄": "FBE7A1", "绿": "C9E7C4"}
NUMBER_FORMATS = {"money": "#,##0.00", "int": "#,##0", "pct": "0.0%", "date": "yyyy-mm-dd"}
HEADER_ROWS = (4, 5)


def _style_catalog() -> dict:
    """Each style of the tables by name, as the cell attributes it gives, made when a cell first uses it:
    one per (line kind, column kind), plus title, unit line and header. Why given to cells directly, and
    only when used: the 35 as named styles, added up front, cost ≈ 6 ms a workbook (building, binding,
    writing them in styles.xml), more than writing a 60-line table; the cells look the same either way."""
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def look(font, alignment=None, border=None, fill=None, number_format="General"):
        return lambda: {"font": font(), "border": border or Border(), "fill": fill or PatternFill(),
                        "alignment": alignment or Alignment(), "number_format": number_format}

    made: dict = {
        "td_title": look(lambda: Font(name="黑体", size=16, bold=True), Alignment(horizontal="center", vertical="center")),
        "td_small": look(lambda: Font(name=FONT, size=10), Alignment(vertical="center")),
        "td_unit": look(lambda: Font(name=FONT, size=10), Alignment(horizontal="right", vertical="center")),
        "td_attach": look(lambda: Font(name="黑体", size=11)),
        "td_header": look(lambda: Font(name=FONT, size=10, bold=True), center, BOX,
                          PatternFill("solid", fgColor=FILLS["header"])),
    }
    for line in ("data", "section", "total"):
        fill = PatternFill("solid", fgColor=FILLS[line]) if line in FILLS else PatternFill()
        for kind in _KINDS:
            if kind in ("text", "wrap"):
                align = Alignment(vertical="center", wrap_text=kind == "wrap" or line != "data")
            elif kind in ("seq", "date", "risk", "flag"):
                align = center
            else:
                align = Alignment(horizontal="right", vertical="center")
            made[f"td_{line}_{kind}"] = look(lambda bold=line != "data": Font(name=FONT, size=10, bold=bold), align,
                                             BOX, fill, NUMBER_FORMATS.get(kind, "General"))
    for word, colour in RISK_FILLS.items():
        made[f"td_risk_{word}"] = look(lambda: Font(name=FONT, size=10, bold=True), center, BOX,
                                       PatternFill("solid", fgColor=colour))
    return made


def cell_value(col, value, unit: str):
    """What a cell holds: money as the Decimal the PDF prints (one rounding rule), text as text, blanks as None."""
    if value is None or value == "":
        return None
    if col.kind == "money":
        return fen_to_wan(value) if unit == "万元" else fen_to_yuan(value)
    return value


def write_report(report: Report, out, progress=None, installation: str = "") -> Path:
    """Write atomically to `out`; returns the path."""
    out = Path(out)
    wb = Workbook(write_only=True)
    ws = add_fast_sheet(wb, report.sheet_name[:31], looks=_style_catalog())
    cols = report.shown
    n = len(cols)
    last = get_column_letter(n)
    for i, c in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    _page_setup(ws, report, last)
    ws.row([(report.attachment, "td_attach")] if report.attachment else [])
    ws.row([(report.title, "td_title")], height=30)
    split = max(2, n - 3)
    ws.row([(report.info_line, "td_small")] + [None] * (split - 1) + [(report.unit_line, "td_unit")])
    merges = [f"A2:{last}2", f"A3:{get_column_letter(split)}3", f"{get_column_letter(split + 1)}3:{last}3"]
    top, sub = [], []
    i = 0
    while i < n:
        c = cols[i]
        if c.group:
            j = i
            while j + 1 < n and cols[j + 1].group == c.group:
                j += 1
            top += [(c.group, "td_header")] + [(None, "td_header")] * (j - i)
            sub += [(cols[k].title, "td_header") for k in range(i, j + 1)]
            merges.append(f"{get_column_letter(i + 1)}4:{get_column_letter(j + 1)}4")
            i = j + 1
        else:
            top.append((_title(c, report), "td_header"))
            sub.append((None, "td_header"))
            merges.append(f"{get_column_letter(i + 1)}4:{get_column_letter(i + 1)}5")
            i += 1
    for m in merges:
        ws.merged_cells.add(CellRange(m))
    ws.row(top, height=30)
    ws.row(sub, height=30)
    total = len(report.lines)
    wrapped = [c for c in cols if c.wrap]
    plan = [_column_plan(c, report.money_unit) for c in cols]
    for k, line in enumerate(report.lines):
        values = line.values
        lines_needed = max([_lines(values.get(c.key), c.width) for c in wrapped] + [1])
        styles = _LINE_STYLES[line.kind]
        cells = []
        add = cells.append
        for key, money, kinds in plan:  # _line_cell inlined: this loop runs once per cell of the table
            value = values.get(key)
            if value is None or value == "":
                add((None, styles[kinds[0]]))
            elif value.__class__ is str:
                add((value, _RISK_STYLES[value] if kinds[2] and value in _RISK_STYLES else styles[kinds[1]]))
            else:
                add(_line_cell(value, money, kinds, styles))
        ws.row(cells, height=13.5 * lines_needed + 3 if lines_needed > 1 else None)
        if progress and k % 500 == 0:
            progress(k, total)
    ws.row([])
    for note in report.notes + ["填表人：　　　　　　审核人：　　　　　　分管领导：　　　　　　填报日期：　　年　　月　　日"]:
        ws.row([(note, "td_small")])
    with atomic_target(out) as tmp:
        wb.save(tmp)
    return out


_WIDE = re.compile("[\u2e81-\U0010ffff]")  # what the width counts as two units (CJK and beyond)


def _lines(text, width: float) -> int:
    """Lines a wrapped cell needs (Chinese characters are two units wide), so rows are tall enough
    in every program: not all recompute row heights when they open a file."""
    if not isinstance(text, str) or not text:
        return 1
    wide = len(text) - len(_WIDE.sub("", text))  # counted in C: a table's wrapped cells hold ~100,000 characters
    tenths = 20 * wide + 11 * (len(text) - wide)  # in tenths of a unit: exact, no float sum to round
    per_line = max(20, round(width * 10) - 15)
    return min(12, -(-tenths // per_line) + text.count("\n"))


def _title(col, report: Report) -> str:
    if col.kind == "money":
        return f"{col.title}\n（{report.money_unit}）"
    return col.title


_KINDS = ("text", "wrap", "money", "int", "pct", "date", "seq", "risk", "flag")
_LINE_STYLES = {line: {k: f"td_{line}_{k}" for k in _KINDS} for line in ("data", "section", "total")}
_RISK_STYLES = {word: f"td_risk_{word}" for word in RISK_FILLS}


def _column_plan(col, unit: str) -> tuple:
    """(key, money converter or None, (style kind for its own values, for text in it), risk?) worked out once per column."""
    money = (fen_to_wan if unit == "万元" else fen_to_yuan) if col.kind == "money" else None
    kind = "wrap" if col.wrap else ("text" if col.kind == "text" else col.kind)
    as_text = "text" if col.kind in ("int", "money", "pct", "date") else kind
    return col.key, money, (kind, as_text, col.kind == "risk")


def _line_cell(value, money, kinds, styles):
    """(value, style name) of one cell: money as the Decimal the PDF prints, text as text, blanks as None."""
    if value is None or value == "":
        return None, styles[kinds[0]]
    if money is not None and not isinstance(value, str):
        return money(value), styles[kinds[0]]
    if isinstance(value, str):
        if kinds[2] and value in _RISK_STYLES:
            return value, _RISK_STYLES[value]
        return value, styles[kinds[1]]
    return value, styles[kinds[0]]


def _page_setup(ws, report: Report, last: str) -> None:
    ws.freeze_panes = "D6" if any(c.key == "name" for c in report.shown[:3]) else "C6"
    ws.print_title_rows = f"{HEADER_ROWS[0]}:{HEADER_ROWS[1]}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddHeader.right.text = report.title[:60]
