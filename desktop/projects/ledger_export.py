"""Export the ledger rows a clerk sees to an Excel file.

Why here and not in ui/: the file is data (written atomically, read back by tests), and user
text must never become a formula in Excel, which is a rule of the data, not of the window.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.fileio import atomic_target

MONEY_FORMAT = "#,##0.00"
PCT_FORMAT = "0.0"


def _cell(ws, value, kind: str):
    from openpyxl.cell import WriteOnlyCell

    if kind == "money":
        c = WriteOnlyCell(ws, value=Decimal(int(value or 0)) / Decimal(1_000_000))
        c.number_format = MONEY_FORMAT
    elif kind in ("int", "pct"):
        c = WriteOnlyCell(ws, value=value or 0)
        if kind == "pct":
            c.number_format = PCT_FORMAT
    else:
        c = WriteOnlyCell(ws, value="" if value is None else str(value))
        c.data_type = "s"  # text stays text: '=SUM(…)' typed by a clerk is not a formula
    return c


def export_rows(rows: list[dict], columns: list[tuple[str, str, str]], path, title: str = "项目台账",
                progress=None) -> dict:
    """Write rows to `path` (.xlsx). columns: (key, header, kind) with kind text|int|money|pct|risk.

    Money columns are written in 万元 as numbers; a totals row sums money and count columns.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31] or "Sheet1")
    bold = Font(bold=True)
    head = []
    for _, header, _ in columns:
        c = _cell(ws, header, "text")
        c.font = bold
        head.append(c)
    ws.append([_cell(ws, title + f"（导出时间 {datetime.now():%Y-%m-%d %H:%M}，共 {len(rows)} 个项目）", "text")])
    ws.append(head)
    totals = {key: 0 for key, _, kind in columns if kind in ("money", "int") and key != "year"}
    n = len(rows)
    for i, row in enumerate(rows):
        out = []
        for key, _, kind in columns:
            value = row.get(key)
            if kind == "risk":
                value = row.get("risk_label") or ""
            out.append(_cell(ws, value, kind))
            if key in totals:
                totals[key] += int(value or 0)
        ws.append(out)
        if progress and i % 500 == 0:
            progress(i, n)
    last = []
    for j, (key, _, kind) in enumerate(columns):
        if j == 0:
            c = _cell(ws, "合计", "text")
        elif key in totals:
            c = _cell(ws, totals[key], kind)
        else:
            c = _cell(ws, "", "text")
        c.font = bold
        last.append(c)
    ws.append(last)
    try:
        with atomic_target(path) as tmp:
            wb.save(tmp)
    except OSError as e:
        raise UserError(f"无法写入文件 {path}：{e.strerror or e}。请检查文件是否正在 Excel 中打开，或换一个位置。") from None
    return {"path": str(path), "rows": n}
