"""The round as one Excel sheet: written with the figures so far and unlocked input cells, read back
from whatever Excel, WPS or LibreOffice saved, and applied row by row.

The sheet says which township and report date it belongs to twice: on a hidden sheet (kept by every
office program) and in the visible second line, so a sheet of another township or date is refused.
Columns are found by their header text, so a clerk who moves a column does not break the read.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from desktop.core.errors import UserError
from desktop.round.dates import date_label, period_of
from desktop.round.rules import Entry

FIXED = ["项目编号", "项目名称", "项目年度", "计划投资(元)", "上期累计拨付(元)", "上期累计支出(元)",
         "上期工程进度(%)", "下一节点"]
INPUT = ["本期工程进度(%)", "本期拨付(元)", "本期支出(元)", "备注"]
HEADERS = FIXED + INPUT
HEADER_ROW = 3
META_SHEET = "TownDesk"
FORMAT = "towndesk-round-1"
INFO_RE = re.compile(r"（(\d{12})）.*?报送日：(\d{4}-\d{2}-\d{2})")


def _fixed_values(r: dict) -> list:
    return [r["code"], r["name"], r["year"], r["planned"] / 100, r["paid_before"] / 100, r["spent_before"] / 100,
            r["works_prev"], r["next_milestone"] or "—"]


def _input_values(r: dict) -> list:
    """Prefilled with what is already recorded for the period, so re-applying changes nothing."""
    return [r["works_now"], r["paid_period"] / 100 if r["paid_period"] else None,
            r["spent_period"] / 100 if r["spent_period"] else None, r["note"] or None]


def write_sheet(app, when: date, out, township: str | None = None) -> dict:
    """Write the round sheet for `when` atomically; returns file, date and the number of projects."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from desktop.core.fileio import atomic_target
    from desktop.core.xlsx_safe import set_text
    from desktop.round.active import round_rows

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件 {out.name} 的扩展名应为 .xlsx。")
    prev, when = period_of(when)
    rows = round_rows(app, when, township)
    if not rows:
        raise UserError(f"{date_label(when)}没有在办项目（已开工或待开工、尚未验收的项目），未生成填报表。")
    code = township or (app.node.region_code if app.node else "")
    name = rows[0]["township"] if rows else (app.node.name if app.node else "")
    wb = Workbook()
    ws = wb.active
    ws.title = "半月填报"
    set_text(ws.cell(1, 1), f"{name}帮扶项目半月调度填报表（{date_label(when)}）")
    ws.cell(1, 1).font = Font(name="黑体", size=14, bold=True)
    set_text(ws.cell(2, 1), f"乡镇：{name}（{code}）　报送日：{when.isoformat()}　本期：{prev.isoformat()} 次日至 "
                            f"{when.isoformat()}　只填白色格子；本期拨付、本期支出填本期合计（元），可写“万元”。")
    head_fill, lock_fill = PatternFill("solid", fgColor="DCE3EC"), PatternFill("solid", fgColor="F2F2F2")
    for c, title in enumerate(HEADERS, 1):
        set_text(ws.cell(HEADER_ROW, c), title)
        ws.cell(HEADER_ROW, c).font = Font(bold=True)
        ws.cell(HEADER_ROW, c).fill = head_fill
        ws.cell(HEADER_ROW, c).alignment = Alignment(horizontal="center", wrap_text=True)
    first = HEADER_ROW + 1
    for i, r in enumerate(rows):
        for c, value in enumerate(_fixed_values(r) + _input_values(r), 1):
            cell = ws.cell(first + i, c)
            set_text(cell, value) if isinstance(value, str) else setattr(cell, "value", value)
            if c <= len(FIXED):
                cell.fill = lock_fill
            else:
                cell.protection = Protection(locked=False)
            if c in (4, 5, 6, 10, 11):
                cell.number_format = "#,##0.00"
    last = first + len(rows) - 1
    set_text(ws.cell(last + 1, 1), "合计")
    for c in (4, 5, 6, 10, 11):
        letter = ws.cell(1, c).column_letter
        ws.cell(last + 1, c).value = f"=SUM({letter}{first}:{letter}{last})"
        ws.cell(last + 1, c).number_format = "#,##0.00"
    pct = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                         showErrorMessage=True, errorTitle="工程进度", error="请填写 0 到 100 的整数（百分比）。")
    money = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                           showErrorMessage=True, errorTitle="金额", error="请填写不小于 0 的金额（元）。")
    ws.add_data_validation(pct)
    ws.add_data_validation(money)
    pct.add(f"I{first}:I{last}")
    money.add(f"J{first}:K{last}")
    for c, width in zip(range(1, 13), (14, 30, 7, 14, 14, 14, 8, 22, 10, 14, 14, 30)):
        ws.column_dimensions[ws.cell(1, c).column_letter].width = width
    ws.freeze_panes = f"C{first}"
    ws.protection.sheet = True  # no password: a clerk may unprotect it, but nothing is typed over by accident
    ws.protection.formatColumns = False
    meta = wb.create_sheet(META_SHEET)
    for k, (key, value) in enumerate((("format", FORMAT), ("township_code", code), ("township", name),
                                      ("report_date", when.isoformat())), 1):
        set_text(meta.cell(k, 1), key)
        set_text(meta.cell(k, 2), value)
    meta.sheet_state = "hidden"
    with atomic_target(out) as tmp:
        wb.save(tmp)
    return {"file": str(out), "date": when.isoformat(), "projects": len(rows)}


def _meta(wb, path: Path) -> tuple[str, date]:
    """(township code, report date) from the hidden sheet, else from the visible info line."""
    code = when = None
    if META_SHEET in wb.sheetnames:
        values = {str(r[0]): r[1] for r in wb[META_SHEET].iter_rows(max_col=2, values_only=True) if r[0]}
        if values.get("format") == FORMAT:
            code, when = str(values.get("township_code") or ""), str(values.get("report_date") or "")
    if not code:
        ws = _data_sheet(wb, path)
        m = INFO_RE.search(str(ws.cell(2, 1).value or ""))
        if not m:
            raise UserError(f"{path.name} 不是 TownDesk 生成的半月填报表（找不到乡镇和报送日）。"
                            "请先在“半月填报”页导出填报表，在那份表里填写。")
        code, when = m[1], m[2]
    try:
        return code, date.fromisoformat(when)
    except ValueError:
        raise UserError(f"{path.name} 的报送日“{when}”无效。请重新导出填报表。") from None


def _data_sheet(wb, path: Path):
    for ws in wb.worksheets:
        if ws.title != META_SHEET:
            return ws
    raise UserError(f"{path.name} 中没有工作表。")


def _header(ws, path: Path) -> dict[str, int]:
    for r in range(1, 11):
        titles = {str(ws.cell(r, c).value or "").strip().replace("（", "(").replace("）", ")"): c
                  for c in range(1, ws.max_column + 1)}
        if "项目编号" in titles:
            missing = [h for h in ["项目编号"] + INPUT if h not in titles]
            if missing:
                raise UserError(f"{path.name} 第{r}行缺少列：{'、'.join(missing)}。请不要删除或改名这些列。")
            return {"row": r, **titles}
    raise UserError(f"{path.name} 前10行中找不到“项目编号”列标题，不是半月填报表。")


def _works(value, where: str) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip().rstrip("%％")
    try:
        d = Decimal(repr(value) if isinstance(value, float) else text)
    except InvalidOperation:
        raise UserError(f"{where}本期工程进度“{value}”不是数字，请填 0 到 100 的整数。") from None
    if d != d.to_integral_value():
        raise UserError(f"{where}本期工程进度“{value}”请填整数百分比（例如 45）。")
    return int(d)


def _money(value, label: str, where: str) -> int | None:
    from desktop.values.money import amount_to_fen

    if value is None or str(value).strip() == "":
        return None
    return amount_to_fen(value, "元", f"{where}{label}")


def read_sheet(path) -> tuple[str, date, list[Entry], list[dict]]:
    """(township code, date, entries, refused rows) — a row that cannot be read is refused with its reason."""
    from openpyxl import load_workbook

    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到文件 {path}。")
    try:
        wb = load_workbook(path, data_only=True)
        formulas = load_workbook(path)  # to tell a blank cell from a formula no program has calculated yet
    except Exception:  # noqa: BLE001 - any unreadable file gets the same plain answer
        raise UserError(f"无法读取 {path.name}：不是有效的 .xlsx 文件（请用 Excel/WPS 另存为 .xlsx）。") from None
    code, when = _meta(wb, path)
    ws = _data_sheet(wb, path)
    fws = formulas[ws.title]
    cols = _header(ws, path)
    entries, refused = [], []
    for r in range(cols["row"] + 1, ws.max_row + 1):
        project = str(ws.cell(r, cols["项目编号"]).value or "").strip()
        if not project or project == "合计":
            continue
        where = f"第{r}行（{project}）"
        try:
            def get(h, r=r, where=where):
                value = ws.cell(r, cols[h]).value
                if value is None and fws.cell(r, cols[h]).data_type == "f":
                    raise UserError(f"{where}“{h}”是公式，但表格保存时没有算出结果；请在 Excel/WPS 中打开、保存后再导入，"
                                    "或直接填写数字。")
                return value

            note = get("备注")
            entries.append(Entry(project, works=_works(get("本期工程进度(%)"), where),
                                 paid=_money(get("本期拨付(元)"), "本期拨付", where),
                                 spent=_money(get("本期支出(元)"), "本期支出", where),
                                 note=None if note is None else str(note), row=r))
        except UserError as e:
            refused.append({"row": r, "code": project, "name": str(ws.cell(r, cols.get("项目名称", 2)).value or ""),
                            "status": "refused", "reason": e.message})
    return code, when, entries, refused


def apply_sheet(app, path, *, dry_run: bool = False, expect_date: date | None = None,
                today: date | None = None) -> dict:
    """Read a filled sheet and apply it; rows that cannot be read are reported as refused."""
    from desktop.round.apply import apply_round

    path = Path(path)
    code, when, entries, refused = read_sheet(path)
    if app.node is not None and not app.node.is_county and code != app.node.region_code:
        raise UserError(f"{path.name} 是乡镇 {code} 的填报表，不是本乡镇（{app.node.name}，{app.node.region_code}）的，"
                        "未导入任何数据。")
    if expect_date is not None and when != expect_date:
        raise UserError(f"{path.name} 是 {date_label(when)} 的填报表，不是 {date_label(expect_date)} 的，未导入任何数据。"
                        "请改选该报送日，或重新导出本期的填报表。")
    result = apply_round(app, when, entries, dry_run=dry_run, today=today)
    result["rows"] = sorted(result["rows"] + refused, key=lambda r: r["row"] or 0)
    result["refused"] += len(refused)
    result["file"] = str(path)
    return result
