"""Chinese names of tables, operations and fields for the audit views and export."""
from __future__ import annotations

OP_LABELS = {"insert": "新增", "update": "修改", "delete": "删除"}

TABLE_LABELS = {
    "project": "项目", "fund_allocation": "资金下达", "disbursement": "资金拨付", "expenditure": "资金支出",
    "milestone": "工期节点", "progress_report": "进度报告", "household": "受益户", "benefit_link": "利益联结",
    "checklist_standard": "资料标准", "checklist_item": "资料项", "project_document": "项目资料", "attachment": "附件",
    "template": "模板", "generated_document": "生成文书", "inspection": "督查/审计", "rectification": "整改",
    "notice": "督办单", "notice_reply": "督办回复", "risk_assessment": "风险评估",
}

COMMON_FIELDS = {
    "deleted": "删除标记", "project_id": "所属项目", "household_id": "受益户", "amount_fen": "金额(分)",
    "note": "备注", "year": "年度", "id_number": "身份证号", "phone": "电话", "head_name": "户主姓名",
    "members": "人口", "poor_status": "户类别", "village": "村", "township_code": "乡镇代码",
    "mechanism": "联结方式", "annual_income_fen": "年收入(分)", "state": "状态", "reason": "原因",
    "title": "标题", "name": "名称", "content": "内容", "deadline": "期限", "level": "等级",
}


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def field_label(table: str, field: str) -> str:
    if table == "project":
        from desktop.projects.fields import PROJECT_FIELDS

        if field in PROJECT_FIELDS:
            return PROJECT_FIELDS[field].label
    return COMMON_FIELDS.get(field, field)
