"""Asset input: field names (English or Chinese), their checks and the coded choices.

Why a table of specs: the CLI (`assets add --json`, `assets edit --set`), the GUI form and the demo
all go through parse_asset_values, so one refusal message serves them all. Choice labels come from
the terms in force (desktop.terms), codes are what is stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desktop.core.errors import UserError
from desktop.projects.fields import parse_date
from desktop.values.money import yuan_to_fen


@dataclass(frozen=True)
class AssetField:
    name: str
    label: str
    kind: str  # text | money | date | choice | decimal
    max_len: int = 200
    choices: str = ""  # terms kind for choice fields


ASSET_FIELDS: dict[str, AssetField] = {f.name: f for f in [
    AssetField("code", "资产编号", "text", 40),
    AssetField("name", "资产名称", "text", 200),
    AssetField("asset_class", "资产类别", "choice", choices="asset_classes"),
    AssetField("subtype", "资产类型", "text", 40),
    AssetField("village", "所在村", "text", 200),
    AssetField("scale", "规模", "decimal"),
    AssetField("unit", "计量单位", "text", 20),
    AssetField("value_fen", "形成金额", "money"),
    AssetField("built_on", "建成日期", "date"),
    AssetField("accepted_on", "验收日期", "date"),
    AssetField("owner_level", "确权层级", "choice", choices="owner_levels"),
    AssetField("owner", "产权所有人", "text", 200),
    AssetField("operator", "经营主体", "text", 200),
    AssetField("manager", "管护主体", "text", 200),
    AssetField("manager_person", "管护责任人", "text", 100),
    AssetField("handover_on", "移交日期", "date"),
    AssetField("status", "资产状态", "choice", choices="asset_statuses"),
    AssetField("disposal_reason", "处置原因", "text", 2000),
    AssetField("disposal_doc_no", "处置决定文号", "text", 100),
    AssetField("disposal_proceeds", "处置收益去向", "text", 2000),
    AssetField("disposed_on", "处置日期", "date"),
    AssetField("note", "备注", "text", 4000),
]}
ALIASES = {"class": "asset_class", "value_yuan": "value_fen", "value": "value_fen", "形成金额(元)": "value_fen",
           "确权": "owner_level", "owner_level_label": "owner_level", **{f.label: n for n, f in ASSET_FIELDS.items()}}
REQUIRED = ("name", "asset_class")


def parse_value(name: str, raw, terms, where: str = ""):
    """One field's stored value from user input, or UserError naming the field."""
    spec = ASSET_FIELDS[name]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if name in REQUIRED:
            raise UserError(f"{where}{spec.label}不能为空。", field=spec.label)
        return {"money": 0, "choice": "normal" if name == "status" else None}.get(spec.kind)
    try:
        if spec.kind == "text":
            if not isinstance(raw, (str, int)) or isinstance(raw, bool):
                raise UserError(f"{spec.label}应为文字。", field=spec.label)
            text = " ".join(str(raw).split())
            if len(text) > spec.max_len:
                raise UserError(f"{spec.label}太长（{len(text)} 字），最多 {spec.max_len} 字。", field=spec.label)
            return text
        if spec.kind == "money":
            return yuan_to_fen(raw, f"{spec.label}（元）")
        if spec.kind == "date":
            return parse_date(raw, spec.label)
        if spec.kind == "choice":
            return terms.code_for(spec.choices, raw, spec.label)
        if spec.kind == "decimal":
            return _decimal(raw, spec.label)
    except UserError as e:
        raise UserError(where + e.message, field=spec.label) from None
    raise AssertionError(spec.kind)


def _decimal(raw, label: str) -> Decimal:
    if isinstance(raw, bool):
        raise UserError(f"{label} '{raw}' 不是数字。", field=label)
    try:
        value = Decimal(repr(raw) if isinstance(raw, float) else str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise UserError(f"{label} '{raw}' 不是数字，请填写例如 12.5。", field=label) from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e14"):
        raise UserError(f"{label} '{raw}' 应为不小于 0 的数字。", field=label)
    return value.quantize(Decimal("0.0001"))


def field_name(key: str, where: str = "") -> str:
    """The field a JSON key or --set name means; unknown names are refused with the known ones."""
    key = str(key).strip()
    name = ALIASES.get(key, key)
    if name not in ASSET_FIELDS:
        known = "、".join(f"{n}（{f.label}）" for n, f in list(ASSET_FIELDS.items())[:8])
        raise UserError(f"{where}未知字段“{key}”。可用字段如：{known} …", field=key)
    return name


def check_asset(values: dict, where: str = "") -> None:
    """Rules across fields: dates in order; a disposed asset names its reason and decision document."""
    built, accepted, handover = values.get("built_on"), values.get("accepted_on"), values.get("handover_on")
    if built and accepted and accepted < built:
        raise UserError(f"{where}验收日期（{accepted}）早于建成日期（{built}），请检查日期。", field="验收日期")
    if accepted and handover and handover < accepted:
        raise UserError(f"{where}移交日期（{handover}）早于验收日期（{accepted}），请检查日期。", field="移交日期")
    if values.get("status") == "disposed" and not (values.get("disposal_reason") and values.get("disposal_doc_no")):
        raise UserError(f"{where}资产状态为已处置时，须填写处置原因和处置决定文号。", field="处置原因")
    if values.get("owner") and not values.get("owner_level"):
        raise UserError(f"{where}填写了产权所有人，请同时填写确权层级（县级/乡级/村级/户级）。", field="确权层级")


def parse_incomes(raw, where: str) -> list[dict]:
    """Yearly income and its distribution: [{"year", "amount_yuan", "distribution": [{"to", "amount_yuan"}]}]."""
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        raise UserError(f"{where}收益（incomes）应为列表，每项含 year、amount_yuan 和 distribution。", field="收益")
    out = []
    for i, item in enumerate(raw, 1):
        at = f"{where}第 {i} 条收益："
        if not isinstance(item, dict):
            raise UserError(f"{at}应为对象。", field="收益")
        year = item.get("year")
        if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
            raise UserError(f"{at}年度 {year!r} 应为 2000–2100 的整数。", field="收益年度")
        amount = yuan_to_fen(item.get("amount_yuan", 0), f"{at}收益金额（元）")
        shares = []
        for j, d in enumerate(item.get("distribution") or [], 1):
            if not isinstance(d, dict) or not str(d.get("to") or "").strip():
                raise UserError(f"{at}第 {j} 项分配须写明分配对象（to）。", field="收益分配")
            shares.append({"to": str(d["to"]).strip()[:100],
                           "amount_fen": yuan_to_fen(d.get("amount_yuan", 0), f"{at}分配给{d['to']}的金额（元）")})
        if sum(s["amount_fen"] for s in shares) > amount:
            raise UserError(f"{at}分配合计超过当年收益，请核对。", field="收益分配")
        out.append({"year": year, "amount_fen": amount, "distribution": shares})
    years = [r["year"] for r in out]
    if len(set(years)) != len(years):
        raise UserError(f"{where}收益中同一年度出现了两次，请合并为一条。", field="收益年度")
    return sorted(out, key=lambda r: r["year"])
