"""Excel export of the missing-documents list (资料缺失清单).

User text is written as text, never as a formula: a note starting with '=' stays a note.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from desktop.checklists.missing import MISSING_COLUMNS
from desktop.core.errors import UserError
from desktop.core.fileio import atomic_target

WIDTHS = {"code": 14, "project_name": 34, "township": 10, "village": 10, "year": 6, "project_stage_label": 9,
          "stage": 12, "item_name": 26, "state_label": 8, "reason": 24, "deadline": 12, "urgency_label": 11,
          "days_overdue": 9}


def missing_xlsx(app, out, rows: list[dict], *, filters: str = "") -> dict:
    """Write rows from missing.missing_documents to an .xlsx (temp name, then rename)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(out).expanduser()
    if path.is_dir() or path.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件 {out} 应为以 .xlsx 结尾的文件名，例如 资料缺失清单.xlsx。未写入任何文件。")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("资料缺失清单")
    for i, (key, _) in enumerate(MISSING_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(key, 12)
    ws.freeze_panes = "A3"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E4E8EE")

    def text(value, **style):
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"
        for k, v in style.items():
            setattr(c, k, v)
        return c

    installation = app.node.name if app.node else ""
    ws.append([text(f"资料缺失清单（{installation}）{filters}  导出时间 {datetime.now():%Y-%m-%d %H:%M}", font=bold)])
    ws.append([text(h, font=bold, fill=fill) for _, h in MISSING_COLUMNS])
    for r in rows:
        ws.append([text(r.get(k)) for k, _ in MISSING_COLUMNS])
    with atomic_target(path) as tmp:
        wb.save(tmp)
    return {"path": str(path), "rows": len(rows)}
