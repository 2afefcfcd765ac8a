"""The editable project fields: Chinese label, kind, rules. Used by CLI, JSON import and GUI."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.errors import UserError
from desktop.terms.files import BUNDLED_KEYS, bundled
from desktop.terms.words import fill, in_force
from desktop.values.dates import parse_date
from desktop.values.money import wan_to_fen, yuan_to_fen

STAGE_LABELS = {"reserve": "储备", "preparation": "前期", "construction": "在建",
                "completed": "完工", "accepted": "验收", "operating": "移交/运营"}
RISK_LABELS = {"red": "红", "yellow": "黄", "green": "绿"}
DISPOSITION_LABELS = {"consolidate": "巩固", "upgrade": "提升", "revitalize": "盘活", "restart": "另起炉灶"}


def levels() -> list[str]:
    """Project levels (项目层级) of the terms in force: suggestions, not a closed list."""
    return in_force().items("levels")


def categories() -> list[str]:
    return in_force().items("categories")


def funding_sources() -> list[str]:
    return in_force().items("funding_sources")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str  # text | int | pct | money | date | bool | choice | list
    required: bool = False
    max_len: int = 200
    choices: dict[str, str] = field(default_factory=dict)  # code -> label


# Labels that carry a policy word: the spec holds the default wording, field_label() the one in force.
LABEL_TEMPLATES = {"poor_households": "带动{registered_household}数", "poor_people": "带动{registered_household}人数"}

PROJECT_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    FieldSpec("code", "项目编号", "text", True, 40),
    FieldSpec("name", "项目名称", "text", True, 200),
    FieldSpec("year", "年度", "int", True),
    FieldSpec("level", "项目层级", "text", True, 40),
    FieldSpec("funding_sources", "资金来源", "list"),
    FieldSpec("category", "项目类别", "text", False, 40),
    FieldSpec("township_code", "乡镇区划代码", "text", False, 12),
    FieldSpec("township_name", "实施乡镇", "text", False, 100),
    FieldSpec("village", "实施村", "text", False, 200),
    FieldSpec("implementing_unit", "实施单位", "text"),
    FieldSpec("responsible_person", "责任人", "text", False, 100),
    FieldSpec("responsible_phone", "责任人电话", "text", False, 40),
    FieldSpec("supporting_party", "支援方", "text"),
    FieldSpec("operating_entity", "运营主体", "text"),
    FieldSpec("planned_investment_fen", "计划投资", "money"),
    FieldSpec("stage", "项目阶段", "choice", choices=STAGE_LABELS),
    FieldSpec("start_date", "开工日期", "date"),
    FieldSpec("planned_completion_date", "计划完工日期", "date"),
    FieldSpec("actual_completion_date", "实际完工日期", "date"),
    FieldSpec("acceptance_date", "验收日期", "date"),
    FieldSpec("works_progress_pct", "工程进度(%)", "pct"),
    FieldSpec("expected_benefit", "预期效益", "text", False, 4000),
    FieldSpec("benefit_mechanism", "利益联结机制", "text", False, 4000),
    FieldSpec("benefit_share", "分红比例或金额", "text", False, 200),
    FieldSpec("benefit_period", "收益期限", "text", False, 100),
    FieldSpec("benefit_payment_time", "收益支付时间", "text", False, 100),
    FieldSpec("agreement_supervisor", "协议监督方", "text", False, 200),
    FieldSpec("agreement_date", "协议签订日期", "date"),
    FieldSpec("beneficiary_households", "受益户数", "int"),
    FieldSpec("beneficiary_people", "受益人数", "int"),
    FieldSpec("poor_households", fill(LABEL_TEMPLATES["poor_households"], bundled()), "int"),
    FieldSpec("poor_people", fill(LABEL_TEMPLATES["poor_people"], bundled()), "int"),
    FieldSpec("joint_account", "设立共管账户", "bool"),
    FieldSpec("assets_registered", "资产已确权登记", "bool"),
    FieldSpec("risk_level", "风险等级", "choice", choices=RISK_LABELS),
    FieldSpec("built_not_finished", "建而不成", "bool"),
    FieldSpec("finished_not_used", "成而不用", "bool"),
    FieldSpec("used_not_well", "用而不好", "bool"),
    FieldSpec("disposition", "四个一批处置方式", "choice", choices=DISPOSITION_LABELS),
    FieldSpec("checklist_standard_key", "资料清单标准", "text", False, 60),
    FieldSpec("note", "备注", "text", False, 4000),
]}

# Accepted aliases in JSON and --set: English money names in 元/万元, Chinese labels.
MONEY_ALIASES = {"planned_investment_yuan": ("planned_investment_fen", "yuan"),
                 "planned_investment_wan": ("planned_investment_fen", "wan"),
                 "planned_investment": ("planned_investment_fen", "yuan")}
LABEL_ALIASES = {spec.label: name for name, spec in PROJECT_FIELDS.items()}
LABEL_ALIASES.update({fill(text, bundled(key)): name for name, text in LABEL_TEMPLATES.items() for key in BUNDLED_KEYS})


def field_label(name: str) -> str:
    """A field's label in the words in force (带动建档立卡户数 / 带动防止返贫监测对象数 …)."""
    if name in LABEL_TEMPLATES:
        return fill(LABEL_TEMPLATES[name])
    return PROJECT_FIELDS[name].label

def _parse_int(value, label: str) -> int:
    if isinstance(value, bool):
        raise UserError(f"{label} '{value}' 不是整数。", field=label)
    try:
        n = int(str(value).strip().replace(",", ""))
    except ValueError:
        raise UserError(f"{label} '{value}' 不是整数，请填写数字。", field=label) from None
    if n < 0:
        raise UserError(f"{label}不能为负数（填写的是 {value}）。", field=label)
    return n


def _parse_bool(value, label: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y", "是", "有", "√"):
        return True
    if text in ("0", "false", "no", "n", "否", "无", ""):
        return False
    raise UserError(f"{label} '{value}' 请填写 是 或 否。", field=label)


def parse_field(name: str, value):
    """Convert user input for one field to its stored Python value, or raise UserError."""
    spec = PROJECT_FIELDS[name]
    label = field_label(name)
    if value is None or (isinstance(value, str) and value.strip() == "" and spec.kind != "list"):
        if spec.required:
            raise UserError(f"{label}不能为空。", field=label)
        return {"int": 0, "pct": 0, "money": 0, "bool": False}.get(spec.kind)
    if spec.kind == "text":
        text = " ".join(str(value).split())
        if len(text) > spec.max_len:
            raise UserError(f"{label}太长（{len(text)} 字），最多 {spec.max_len} 字。", field=label)
        return text
    if spec.kind == "int":
        n = _parse_int(value, label)
        if name == "year" and not 2000 <= n <= 2100:
            raise UserError(f"{label} '{value}' 不在 2000–2100 之间。", field=label)
        return n
    if spec.kind == "pct":
        n = _parse_int(value, label)
        if n > 100:
            raise UserError(f"{label} '{value}' 不能超过 100。", field=label)
        return n
    if spec.kind == "money":
        return yuan_to_fen(value, label)
    if spec.kind == "date":
        return parse_date(value, label)
    if spec.kind == "bool":
        return _parse_bool(value, label)
    if spec.kind == "choice":
        text = str(value).strip()
        if text in spec.choices:
            return text
        for code, lab in spec.choices.items():
            if text == lab or text in lab.split("/"):
                return code
        allowed = "、".join(spec.choices.values())
        raise UserError(f"{label} '{value}' 不是可选值，可选：{allowed}。", field=label)
    if spec.kind == "list":
        if isinstance(value, str):
            items = re.split(r"[、,，;；/]", value)
        elif isinstance(value, (list, tuple)):
            items = [str(v) for v in value]
        else:
            raise UserError(f"{label} '{value}' 应为列表，例如 {'、'.join(funding_sources()[:2])}。", field=label)
        return [i.strip() for i in items if i.strip()]
    raise AssertionError(spec.kind)


def normalise_input(data: dict, where: str = "") -> dict:
    """Map aliases (元/万元 names, Chinese labels) to field names and parse every value."""
    out: dict = {}
    for key, value in data.items():
        key = str(key).strip()
        key = LABEL_ALIASES.get(key, key)
        if key in MONEY_ALIASES:
            target, unit = MONEY_ALIASES[key]
            label = PROJECT_FIELDS[target].label
            out[target] = wan_to_fen(value, label) if unit == "wan" else yuan_to_fen(value, label)
            continue
        if key not in PROJECT_FIELDS:
            known = "、".join(list(PROJECT_FIELDS)[:8])
            raise UserError(f"{where}未知字段 '{key}'。可用字段如：{known} …（`towndesk projects fields` 列出全部）。",
                            field=key)
        try:
            out[key] = parse_field(key, value)
        except UserError as e:
            raise UserError(where + e.message, field=e.field) from None
    return out


def check_consistency(values: dict, where: str = "") -> None:
    """Rules across fields: dates in order, poor counts within totals."""
    start, planned = values.get("start_date"), values.get("planned_completion_date")
    actual = values.get("actual_completion_date")
    if start and planned and planned < start:
        raise UserError(f"{where}计划完工日期（{planned}）早于开工日期（{start}），请检查日期。", field="计划完工日期")
    if start and actual and actual < start:
        raise UserError(f"{where}实际完工日期（{actual}）早于开工日期（{start}），请检查日期。", field="实际完工日期")
    year = values.get("year")
    if year and start and abs(start.year - year) > 3:
        raise UserError(f"{where}开工日期（{start}）与年度 {year} 相差太远，请检查日期是否填错位置。", field="开工日期")
    if values.get("poor_households", 0) > values.get("beneficiary_households", 0) > 0:
        label = field_label("poor_households")
        raise UserError(f"{where}{label}不能大于受益户数。", field=label)
    if values.get("poor_people", 0) > values.get("beneficiary_people", 0) > 0:
        label = field_label("poor_people")
        raise UserError(f"{where}{label}不能大于受益人数。", field=label)
