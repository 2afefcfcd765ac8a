"""项目资产台账 (asset ledger) as a prescribed table: every asset of the scope, grouped by class with
a 小计 per class, the 合计 first, and after the rows a 小计 per 确权 level (县/乡/村/户 and 未确权).

Words (title, class and level names, the 资产 group header) come from the terms in force, so the
2026 wording (帮扶项目资产台账) needs no code change. Amounts are fen in the lines, as in every table.
"""
from __future__ import annotations

from sqlalchemy import select

from db.models import AssetSource, Project
from desktop.core.errors import UserError
from desktop.reports.model import Col, Line, Report, cn_number, sum_lines
from desktop.terms import current_terms

UNREGISTERED = "未确权"


def asset_columns(terms) -> list[Col]:
    asset = terms.label("asset")
    return [
        Col("seq", "序号", width=5, kind="seq"),
        Col("code", "资产编号", width=16),
        Col("name", "资产名称", width=24, wrap=True),
        Col("subtype", "资产类型", group=asset, width=9),
        Col("projects", "形成项目", group=asset, width=14, wrap=True),
        Col("village", "所在村", group=asset, width=8),
        Col("scale", "规模", group=asset, width=10),
        Col("value", "形成金额", group=asset, width=12, kind="money", total=True),
        Col("built_on", "建成日期", width=11, kind="date"),
        Col("level_label", "确权层级", group="确权登记", width=8),
        Col("owner", "产权所有人", group="确权登记", width=16, wrap=True),
        Col("operator", "经营主体", group="经营管护", width=14, wrap=True),
        Col("manager", "管护主体", group="经营管护", width=14, wrap=True),
        Col("manager_person", "责任人", group="经营管护", width=8),
        Col("handover_on", "移交日期", width=11, kind="date"),
        Col("income", "最近年度收益", group="收益分配", width=11, kind="money", total=True),
        Col("distributed", "已分配", group="收益分配", width=11, kind="money", total=True),
        Col("status_label", "资产状态", width=8),
        Col("note", "处置情况及备注", width=18, wrap=True),
    ]


def _rows(s, assets, terms) -> list[dict]:
    codes: dict[str, list[str]] = {}
    q = (select(AssetSource.asset_id, Project.code).join(Project, Project.id == AssetSource.project_id)
         .where(AssetSource.asset_id.in_([a.id for a in assets]), AssetSource.deleted.is_(False)))
    for asset_id, code in s.execute(q):
        codes.setdefault(asset_id, []).append(code)
    levels, statuses = terms.choices("owner_levels"), terms.choices("asset_statuses")
    rows = []
    for a in assets:
        latest = (a.incomes or [])[-1] if a.incomes else None
        disposal = "；".join(x for x in (a.disposal_reason, a.disposal_doc_no, a.disposal_proceeds) if x)
        rows.append({
            "code": a.code, "name": a.name, "class": a.asset_class, "level": a.owner_level, "subtype": a.subtype,
            "projects": "、".join(sorted(codes.get(a.id, []))), "village": a.village,
            "scale": f"{a.scale.normalize():f}{a.unit or ''}" if a.scale is not None else (a.unit or None),
            "value": a.value_fen, "built_on": a.built_on,
            "level_label": levels.get(a.owner_level, UNREGISTERED) if a.owner_level else UNREGISTERED,
            "owner": a.owner, "operator": a.operator, "manager": a.manager, "manager_person": a.manager_person,
            "handover_on": a.handover_on, "income": latest["amount_fen"] if latest else 0,
            "distributed": sum(d["amount_fen"] for d in latest.get("distribution", [])) if latest else 0,
            "status_label": statuses.get(a.status, a.status), "note": "；".join(x for x in (disposal, a.note) if x),
        })
    return rows


def asset_report(s, township: str | None, place: str, year: int | None = None) -> Report:
    """The asset ledger of a township (or all, at the county); year limits to assets built that year."""
    from desktop.assets.service import query_assets

    terms = current_terms(s)
    assets = query_assets(s, township=township)
    if year:
        assets = [a for a in assets if a.built_on and a.built_on.year == int(year)]
    if not assets:
        where = f"{year}年" if year else ""
        raise UserError(f"{township or place}{where}还没有登记资产，无法生成{terms.label('asset_ledger')}。"
                        "请先在项目的“资产”页或资产台账中登记资产。")
    cols = asset_columns(terms)
    rows = _rows(s, assets, terms)
    lines = [Line("total", {**sum_lines(cols, rows), "name": f"合计（{len(rows)}项）"})]
    classes = terms.choices("asset_classes")
    n = 0
    for code, label in classes.items():
        group = [r for r in rows if r["class"] == code]
        if not group:
            continue
        n += 1
        lines.append(Line("section", {**sum_lines(cols, group), "seq": cn_number(n),
                                      "name": f"{label}资产小计（{len(group)}项）"}))
        lines += [Line("data", {**r, "seq": i}) for i, r in enumerate(group, 1)]
    n += 1
    lines.append(Line("section", {"seq": cn_number(n), "name": "按确权层级小计"}))
    for code, label in list(terms.choices("owner_levels").items()) + [(None, UNREGISTERED)]:
        group = [r for r in rows if r["level"] == code]
        if group:
            lines.append(Line("section", {**sum_lines(cols, group), "name": f"{label}（{len(group)}项）",
                                          "level_label": label}))
    title = f"{year or ''}{'年' if year else ''}{township or place}{terms.label('asset_ledger')}"
    return Report("assets", "", title, "单位：万元", f"填报单位：{township or place}　用语：{terms.title}", cols, lines,
                  notes=[f"注：1.按资产类别分组，分组行为该类小计；表末为按确权层级的小计；2.最近年度收益为登记的最后一个年度；"
                         f"3.数据来源：TownDesk {terms.label('asset_ledger')}。"],
                  sheet_name=terms.label("asset_ledger")[:31])
