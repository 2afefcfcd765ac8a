"""The missing-documents view: required items only, most urgent first, filters, Excel export."""
from __future__ import annotations

from datetime import date

import pytest

from desktop.checklists import missing, service
from desktop.checklists.xlsx import missing_xlsx
from desktop.core.errors import UserError

TODAY = date(2020, 9, 1)


def test_only_required_pending_items_sorted_by_urgency(small_app):
    """不适用, optional and collected items are left out; overdue items come first, then due, then later stages."""
    service.set_item(small_app, "2020-102-001", "impl_plan", "collected")
    service.set_item(small_app, "2020-102-001", "joint_approval", "需补正", reason="批复缺少联审单位盖章")
    rows = missing.missing_documents(small_app, today=TODAY)
    keys = {(r["code"], r["item_key"]) for r in rows}
    assert ("2020-102-001", "impl_plan") not in keys
    assert ("2020-102-002", "tender_docs") not in keys  # 5万元: condition not met
    assert ("2021-102-001", "change_approval") not in keys  # optional item of 衔接资金 standard
    fix = next(r for r in rows if r["item_key"] == "joint_approval" and r["code"] == "2020-102-001")
    assert fix["state_label"] == "需补正" and fix["reason"] == "批复缺少联审单位盖章"
    ranks = [missing.URGENCY_RANK[r["urgency"]] for r in rows]
    assert ranks == sorted(ranks) and ranks[0] == 0 and 2 in ranks
    overdue = [r for r in rows if r["urgency"] == "overdue"]
    assert all(r["days_overdue"] > 0 for r in overdue)
    assert [r["deadline"] for r in overdue] == sorted(r["deadline"] for r in overdue)


def test_filters_by_year_township_and_stage(small_app):
    """Year, township and a checklist stage or project stage narrow the list; an unknown stage is refused."""
    assert {r["year"] for r in missing.missing_documents(small_app, year=2021)} == {2021}
    assert missing.missing_documents(small_app, township="尼西乡") == []
    assert {r["stage"] for r in missing.missing_documents(small_app, stage="前期审批")} == {"前期审批"}
    assert {r["code"] for r in missing.missing_documents(small_app, stage="前期")} == {"2020-102-002"}
    with pytest.raises(UserError, match="阶段 '施工中' 无法识别"):
        missing.missing_documents(small_app, stage="施工中")


def test_overview_gives_completeness_per_project(small_app):
    """The overview lists every project with overall and current-stage completeness."""
    rows = {r["code"]: r for r in missing.completeness_overview(small_app)}
    assert set(rows) == {"2020-102-001", "2020-102-002", "2021-102-001"}
    assert rows["2021-102-001"]["standard"].startswith("衔接推进")
    assert rows["2020-102-001"]["overall"]["pct"] == 0.0


def test_xlsx_export_reads_back_and_keeps_formulas_as_text(small_app, tmp_path):
    """The Excel file holds one row per missing item; user text starting with '=' stays text."""
    from openpyxl import load_workbook

    service.set_item(small_app, "2020-102-001", "apply_form", "needs_fix", reason="=HYPERLINK(\"x\")补盖章")
    rows = missing.missing_documents(small_app, today=TODAY)
    out = tmp_path / "缺失.xlsx"
    assert missing_xlsx(small_app, out, rows)["rows"] == len(rows)
    ws = load_workbook(out, read_only=True).active
    values = list(ws.iter_rows(values_only=True))
    assert values[1][:3] == ("项目编号", "项目名称", "乡镇") and len(values) == len(rows) + 2
    cells = [c for row in load_workbook(out).active.iter_rows() for c in row if c.value == "=HYPERLINK(\"x\")补盖章"]
    assert cells and cells[0].data_type == "s"
    with pytest.raises(UserError, match="应为以 .xlsx 结尾"):
        missing_xlsx(small_app, tmp_path / "a.csv", rows)
