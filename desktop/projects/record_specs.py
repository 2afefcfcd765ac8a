"""The records that hang under a project (money, schedule, benefit, oversight): fields and rules.

Why a table of specs: the GUI builds its forms and columns from it, the service parses and
validates with it, so a label or a rule is written once and the Chinese message always
names the field the clerk sees.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from db.models import (
    BenefitLink, Disbursement, Expenditure, FundAllocation, Inspection, Milestone, ProgressReport,
    Rectification,
)
from desktop.core.errors import UserError
from desktop.values.money import yuan_to_fen
from desktop.terms.words import LiveChoices, poor_status_code
from desktop.values.dates import parse_date

INSPECTION_KINDS = {"inspection": "督查", "visit": "调研", "audit": "审计"}
AUDIT_PHASES = {"before": "事前", "during": "事中", "after": "事后"}
RECT_STATUSES = {"open": "未整改", "in_progress": "整改中", "done": "已完成"}
POOR_STATUS_LABELS = LiveChoices("poor_status")  # the household kinds in the words in force
MECHANISMS = ("分红", "务工", "土地流转", "订单收购", "资产收益", "其他")
PERIODS = {"monthly": "月报", "half-monthly": "半月调度", "quarterly": "季报"}


@dataclass(frozen=True)
class RecField:
    name: str
    label: str
    kind: str  # text | longtext | int | pct | money | date | choice | combo (free text with suggestions)
    required: bool = False
    choices: dict = field(default_factory=dict)
    max_len: int = 200
    on: str = "record"  # "household": stored on the linked Household (benefit links only)

    def meta(self) -> dict:
        return {"name": self.name, "label": self.label, "kind": self.kind, "required": self.required,
                "choices": dict(self.choices)}


@dataclass(frozen=True)
class RecKind:
    key: str
    label: str
    model: type
    fields: tuple[RecField, ...]
    order_by: str


def _f(*args, **kw) -> RecField:
    return RecField(*args, **kw)


KINDS: dict[str, RecKind] = {k.key: k for k in [
    RecKind("allocation", "资金下达", FundAllocation, (
        _f("source", "资金来源", "combo", True, LiveChoices("funding_sources"), 60),
        _f("amount_fen", "下达金额(元)", "money", True),
        _f("allocated_on", "下达日期", "date"),
        _f("document_no", "文号", "text", max_len=100),
        _f("note", "备注", "longtext", max_len=2000)), "allocated_on"),
    RecKind("disbursement", "资金拨付", Disbursement, (
        _f("paid_on", "拨付日期", "date", True),
        _f("amount_fen", "拨付金额(元)", "money", True),
        _f("source", "资金来源", "combo", False, LiveChoices("funding_sources"), 60),
        _f("voucher_no", "凭证号", "text", max_len=100),
        _f("note", "备注", "longtext", max_len=2000)), "paid_on"),
    RecKind("expenditure", "资金支出", Expenditure, (
        _f("spent_on", "支出日期", "date", True),
        _f("amount_fen", "支出金额(元)", "money", True),
        _f("payee", "收款单位", "text"),
        _f("purpose", "用途", "text"),
        _f("voucher_no", "凭证号", "text", max_len=100)), "spent_on"),
    RecKind("milestone", "工期节点", Milestone, (
        _f("name", "节点名称", "text", True, max_len=100),
        _f("planned_date", "计划日期", "date", True),
        _f("actual_date", "实际完成日期", "date"),
        _f("planned_works_pct", "计划工程进度(%)", "pct"),
        _f("planned_money_pct", "计划资金拨付(%)", "pct"),
        _f("note", "备注", "longtext", max_len=2000)), "planned_date"),
    RecKind("progress", "进度报告", ProgressReport, (
        _f("report_date", "报告日期", "date", True),
        _f("period", "报告类型", "choice", True, PERIODS),
        _f("works_pct", "工程进度(%)", "pct"),
        _f("disbursed_fen", "累计拨付(元)", "money"),
        _f("spent_fen", "累计支出(元)", "money"),
        _f("summary", "进展情况", "longtext", max_len=4000),
        _f("problems", "存在问题", "longtext", max_len=4000)), "report_date"),
    RecKind("benefit", "受益户", BenefitLink, (
        _f("head_name", "户主姓名", "text", True, max_len=60, on="household"),
        _f("id_number", "身份证号", "text", max_len=18, on="household"),
        _f("phone", "联系电话", "text", max_len=40, on="household"),
        _f("village", "所在村", "text", max_len=100, on="household"),
        _f("members", "家庭人口", "int", on="household"),
        _f("poor_status", "户类别", "choice", True, POOR_STATUS_LABELS, on="household"),
        _f("mechanism", "联结方式", "combo", True, {m: m for m in MECHANISMS}, 40),
        _f("annual_income_fen", "年增收(元)", "money"),
        _f("year", "年度", "int"),
        _f("note", "备注", "longtext", max_len=2000)), "created_at"),
    RecKind("inspection", "督查调研审计", Inspection, (
        _f("kind", "类型", "choice", True, INSPECTION_KINDS),
        _f("phase", "审计阶段", "choice", False, AUDIT_PHASES),
        _f("inspected_on", "日期", "date", True),
        _f("organisation", "检查单位", "text"),
        _f("findings", "发现问题", "longtext", max_len=4000)), "inspected_on"),
    RecKind("rectification", "整改", Rectification, (
        _f("issue", "问题", "longtext", True, max_len=2000),
        _f("measure", "整改措施", "longtext", max_len=2000),
        _f("deadline", "整改期限", "date"),
        _f("responsible", "责任人", "text", max_len=100),
        _f("status", "整改状态", "choice", True, RECT_STATUSES),
        _f("completed_on", "完成日期", "date"),
        _f("evidence", "佐证材料", "longtext", max_len=2000)), "deadline"),
]}

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check_id_number(value: str, label: str = "身份证号") -> str:
    """An 18-character resident ID with a correct check digit (upper-case X)."""
    s = value.strip().upper()
    if len(s) != 18 or not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        raise UserError(f"{label}应为 18 位（最后一位可以是 X），填写的有 {len(s)} 位。", field=label)
    if "10X98765432"[sum(int(c) * w for c, w in zip(s, _ID_WEIGHTS)) % 11] != s[17]:
        raise UserError(f"{label}校验位不对，请核对后重新填写。", field=label)
    return s


def parse_value(spec: RecField, value):
    """User input for one field → stored value, or UserError naming the field."""
    label = spec.label
    if value is None or (isinstance(value, str) and not value.strip()):
        if spec.required:
            raise UserError(f"{label}不能为空。", field=label)
        return {"int": 0, "pct": 0, "money": 0}.get(spec.kind)
    if spec.kind in ("text", "longtext", "combo"):
        text = str(value).strip() if spec.kind == "longtext" else " ".join(str(value).split())
        if len(text) > spec.max_len:
            raise UserError(f"{label}太长（{len(text)} 字），最多 {spec.max_len} 字。", field=label)
        if spec.name == "id_number":
            return check_id_number(text, label)
        return text
    if spec.kind in ("int", "pct"):
        try:
            n = int(str(value).strip().replace(",", ""))
        except ValueError:
            raise UserError(f"{label} '{value}' 不是整数，请填写数字。", field=label) from None
        if n < 0 or (spec.kind == "pct" and n > 100):
            raise UserError(f"{label} '{value}' 应在 0–{100 if spec.kind == 'pct' else '∞'} 之间。", field=label)
        return n
    if spec.kind == "money":
        try:
            return yuan_to_fen(value, label)
        except UserError as e:
            raise UserError(e.message, field=label) from None
    if spec.kind == "date":
        return parse_date(value, label)
    if spec.kind == "choice":
        text = str(value).strip()
        if text in spec.choices:
            return text
        for code, lab in spec.choices.items():
            if text == lab:
                return code
        if spec.choices is POOR_STATUS_LABELS and poor_status_code(text):
            return poor_status_code(text)  # the other wording's word for the same kind
        raise UserError(f"{label} '{value}' 不是可选值，可选：{'、'.join(spec.choices.values())}。", field=label)
    raise AssertionError(spec.kind)


def kind_of(key: str) -> RecKind:
    try:
        return KINDS[key]
    except KeyError:
        raise UserError(f"未知的记录类型 '{key}'，可用：{'、'.join(KINDS)}。") from None


def fields_meta(key: str) -> list[dict]:
    """Field descriptions for building a form or table columns."""
    return [f.meta() for f in kind_of(key).fields]
