"""Printed checklists (one project, or a batch in one PDF) and the printed missing-documents list.

The PDF is written to a temporary name and renamed, so a cancelled or failed print leaves
no half-written file under the name asked for.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from desktop.checklists.evaluate import completeness, project_summary
from desktop.checklists.missing import iter_project_checklists
from desktop.checklists.states import AUTO_NA_REASON
from desktop.core.errors import UserError
from desktop.core.fileio import atomic_target

NUMERALS = "一二三四五六七八九十"
ITEM_HEADER = ["序号", "资料名称", "要求", "状态", "收到日期", "页数", "档案位置", "说明", "核对"]
ITEM_WIDTHS_MM = [10, 50, 12, 14, 19, 9, 24, 32, 10]
MISSING_HEADER = ["序号", "紧急程度", "项目编号", "项目名称", "乡镇/村", "项目阶段", "资料阶段", "缺少的资料",
                  "状态及需补正内容", "应归档日期", "逾期天数"]
MISSING_WIDTHS_MM = [9, 16, 24, 52, 26, 16, 23, 42, 31, 18, 10]


def _check_out(out) -> Path:
    path = Path(out).expanduser()
    if path.is_dir():
        raise UserError(f"输出位置 {out} 是一个文件夹，请写出 PDF 文件名，例如 {Path(out) / '资料清单.pdf'}。")
    if path.suffix.lower() != ".pdf":
        raise UserError(f"输出文件 {out} 应以 .pdf 结尾。未写入任何文件。")
    return path


def _installation(app) -> str:
    return app.node.name if app.node else "TownDesk"


def checklist_pdf(app, out, *, codes: list[str] | None = None, year=None, township=None,
                  today: date | None = None, printed_at: datetime | None = None) -> dict:
    """Write the checklists of the given projects (or all matching the filters) into one PDF."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from desktop.pdf.grid import Grid, LineBreaker
    from desktop.pdf.page import RecordDoc, new_section
    from desktop.pdf.tables import styles

    path = _check_out(out)
    with app.read() as s:
        if codes:
            from desktop.projects.projects import find
            for c in codes:
                find(s, c)
        sections = [(project_summary(p), std, items)
                    for p, std, items in iter_project_checklists(s, year=year, township=township, codes=codes,
                                                                 today=today)]
    if not sections:
        raise UserError("没有符合条件的项目，未生成 PDF。请检查年度、乡镇等筛选条件。")
    title = "项目资料目录对照表"
    with atomic_target(path) as tmp:
        doc = RecordDoc(str(tmp), title=title, installation=_installation(app), printed_at=printed_at,
                        batch=len(sections) > 1)
        st = styles(doc.font)
        widths = [w * mm for w in ITEM_WIDTHS_MM]  # worked out once for the whole batch
        breaker = LineBreaker(doc.font, 8.5)  # character widths measured once for the whole batch

        def story():  # made as reportlab asks for it: memory stays flat for a batch of 1,000
            for n, (proj, std, items) in enumerate(sections):
                yield from new_section(f"{title} · {proj['code']} {proj['name']}", first=n == 0)
                yield Paragraph(title, st["title"])
                yield Paragraph(f"{std.name}（第 {std.version} 版）", st["subtitle"])
                yield _info_table(proj, completeness(items), doc.font, breaker)
                yield Paragraph("“要求”：必备、不需（条件不符）或选备；完整度只计必备资料，不适用的不计入。"
                                "“核对”栏由审核人核对原件后打勾，每页签字。", st["small"])
                yield Spacer(1, 2 * mm)
                rows, groups = _item_rows(items)
                yield Grid(ITEM_HEADER, rows, widths, font=doc.font, groups=groups, centred=(0, len(widths) - 1),
                           breaker=breaker)

        doc.build_story(story())
    return {"path": str(path), "projects": len(sections), "pages": doc.page}


def _info_table(proj: dict, comp: dict, font: str, breaker=None):
    """The project's facts in four label/value columns, labels shaded (a grid with no header shade)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    from desktop.pdf.grid import Grid

    o, d = comp["overall"], comp["due"]
    rows = [
        ["项目编号", proj["code"], "年度", str(proj["year"])],
        ["项目名称", proj["name"], "层级/类别", f"{proj['level']} / {proj['category'] or '—'}"],
        ["乡镇/村", f"{proj['township']} {proj['village'] or ''}".strip(), "计划投资", f"{proj['planned_investment_wan']} 万元"],
        ["项目阶段", proj["stage_label"], "完整度",
         f"全部 {o['collected']}/{o['counted']}（{o['pct']:g}%）；本阶段应有 {d['collected']}/{d['counted']}"],
    ]
    shade = colors.HexColor("#EEF1F5")
    return Grid(rows[0], rows[1:], [22 * mm, 73 * mm, 20 * mm, 65 * mm], font=font, breaker=breaker,
                header_fill=None, column_fills={0: shade, 2: shade})


def _item_rows(items: list[dict]) -> tuple[list[list], list[int]]:
    from desktop.pdf.grid import TICK

    rows, groups, stage, n, k = [], [], None, 0, 0
    for it in items:
        if it["stage"] != stage:
            stage = it["stage"]
            group = [i for i in items if i["stage"] == stage and i["required"]]
            done = sum(i["state"] == "collected" for i in group)
            counted = sum(i["state"] != "not_applicable" for i in group)
            groups.append(len(rows))
            rows.append([f"{NUMERALS[k] if k < 10 else k + 1}、{stage}（已收集 {done}/{counted}）"])
            k += 1
        n += 1
        need = "必备" if it["required"] else ("选备" if it["optional"] else "不需")
        reason = it["reason"] if it["state"] in ("needs_fix", "not_applicable") and it["reason"] != AUTO_NA_REASON \
            else None
        notes = [x for x in (reason,
                             it["note"], f"附件 {len(it['attachments'])} 份" if it["attachments"] else None,
                             f"条件：{it['condition']}" if it["conditional"] and not it["required"] else None) if x]
        rows.append([str(n), it["name"], need, it["state_label"], it["received_on"] or "",
                     str(it["pages"]) if it["pages"] else "", it["location"] or "", "；".join(notes),
                     TICK])
    return rows, groups


def missing_pdf(app, out, rows: list[dict], *, filters: str = "", printed_at: datetime | None = None) -> dict:
    """Print the 资料缺失清单 (rows from missing.missing_documents) in landscape A4."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from desktop.pdf.page import RecordDoc
    from desktop.pdf.tables import record_table, styles

    path = _check_out(out)
    title = "资料缺失清单"
    with atomic_target(path) as tmp:
        doc = RecordDoc(str(tmp), title=title, installation=_installation(app), landscape_mode=True,
                        printed_at=printed_at)
        st = styles(doc.font)
        overdue = sum(r["urgency"] == "overdue" for r in rows)
        data = [[str(i), r["urgency_label"], r["code"], r["project_name"], f"{r['township']} {r['village'] or ''}".strip(),
                 r["project_stage_label"], r["stage"], r["item_name"],
                 r["state_label"] + (f"：{r['reason']}" if r["reason"] else ""), r["deadline"] or "",
                 str(r["days_overdue"]) if r["days_overdue"] is not None else ""] for i, r in enumerate(rows, 1)]
        story = [Paragraph(title, st["title"]),
                 Paragraph(f"{filters + '；' if filters else ''}共 {len(rows)} 项，其中已逾期 {overdue} 项；"
                           "按紧急程度排序（已逾期、本阶段应有、后续阶段）", st["subtitle"])]
        if data:
            story.append(record_table(MISSING_HEADER, data, [w * mm for w in MISSING_WIDTHS_MM], font=doc.font,
                                      extra=[("TEXTCOLOR", (1, 1), (1, -1), "#B00020")] if overdue else []))
        else:
            story.append(Paragraph("没有缺失的必备资料。", st["body"]))
        doc.build_story(story)
    return {"path": str(path), "rows": len(rows), "pages": doc.page}
