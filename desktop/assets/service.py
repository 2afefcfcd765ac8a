"""Asset services: list, add (all or nothing), edit. Every change is one transaction.

An asset belongs to the township of the project(s) that formed it: a township clerk may only
register assets of the township's own projects, and one asset never spans two townships.
"""
from __future__ import annotations

import json

from sqlalchemy import select

from db.locking import lock_for_write
from db.models import Asset, AssetSource, Project
from desktop.assets.fields import ASSET_FIELDS, check_asset, field_name, parse_incomes, parse_value
from desktop.core.errors import UserError
from desktop.terms import current_terms
from desktop.values.money import fen_to_yuan_str, yuan_to_fen


def _iso(d):
    return d.isoformat() if d else None


def asset_dict(a: Asset, sources: list[tuple[str, str | None, int]], terms) -> dict:
    """An asset as the CLI and GUI show it; sources are (project code, funding source, fen)."""
    label = lambda kind, code: terms.choices(kind).get(code) if code else None  # noqa: E731
    ordered = sorted(sources, key=lambda t: (-t[2], t[0]))
    return {
        "id": a.id, "code": a.code, "name": a.name, "class": a.asset_class,
        "class_label": label("asset_classes", a.asset_class), "subtype": a.subtype,
        "project_code": ordered[0][0] if ordered else None, "project_codes": sorted({t[0] for t in sources}),
        "sources": [{"project_code": c, "source": s, "amount_yuan": fen_to_yuan_str(f)} for c, s, f in ordered],
        "township": a.township_name, "township_code": a.township_code, "village": a.village,
        "scale": f"{a.scale.normalize():f}" if a.scale is not None else None, "unit": a.unit,
        "value_fen": a.value_fen, "value_yuan": fen_to_yuan_str(a.value_fen),
        "built_on": _iso(a.built_on), "accepted_on": _iso(a.accepted_on),
        "owner_level": a.owner_level, "owner_level_label": label("owner_levels", a.owner_level),
        "owner": a.owner, "operator": a.operator, "manager": a.manager, "manager_person": a.manager_person,
        "handover_on": _iso(a.handover_on), "handover_attachment_id": a.handover_attachment_id,
        "status": a.status, "status_label": label("asset_statuses", a.status),
        "disposal_reason": a.disposal_reason, "disposal_doc_no": a.disposal_doc_no,
        "disposal_proceeds": a.disposal_proceeds, "disposed_on": _iso(a.disposed_on),
        "incomes": [{"year": r["year"], "amount_yuan": fen_to_yuan_str(r["amount_fen"]),
                     "distribution": [{"to": d["to"], "amount_yuan": fen_to_yuan_str(d["amount_fen"])}
                                      for d in r.get("distribution", [])]} for r in a.incomes or []],
        "note": a.note, "version": a.version,
    }


def _sources_by_asset(s, asset_ids) -> dict[str, list]:
    out: dict[str, list] = {}
    q = (select(AssetSource.asset_id, Project.code, AssetSource.source, AssetSource.amount_fen)
         .join(Project, Project.id == AssetSource.project_id)
         .where(AssetSource.asset_id.in_(asset_ids), AssetSource.deleted.is_(False)))
    for asset_id, code, source, fen in s.execute(q):
        out.setdefault(asset_id, []).append((code, source, fen))
    return out


def query_assets(s, project: str | None = None, township: str | None = None, status: str | None = None):
    """The assets of a selection, ordered by township, class and code (shared by list and report)."""
    q = select(Asset).where(Asset.deleted.is_(False))
    if project:
        p = _project(s, project, "")
        q = q.where(Asset.id.in_(select(AssetSource.asset_id).where(AssetSource.project_id == p.id,
                                                                     AssetSource.deleted.is_(False))))
    if township:
        q = q.where((Asset.township_name == township) | (Asset.township_code == township))
    if status:
        q = q.where(Asset.status == current_terms(s).code_for("asset_statuses", status, "资产状态"))
    return list(s.scalars(q.order_by(Asset.township_code, Asset.asset_class, Asset.code)))


def list_assets(app, project: str | None = None, township: str | None = None, status: str | None = None) -> list[dict]:
    with app.read() as s:
        terms = current_terms(s)
        assets = query_assets(s, project, township, status)
        sources = _sources_by_asset(s, [a.id for a in assets])
        return [asset_dict(a, sources.get(a.id, []), terms) for a in assets]


def assets_of_project(app, code: str) -> list[dict]:
    return list_assets(app, project=code)


def _project(s, code, where: str) -> Project:
    p = s.scalar(select(Project).where(Project.code == str(code).strip(), Project.deleted.is_(False)))
    if p is None:
        raise UserError(f"{where}找不到项目编号“{code}”，资产必须挂在已有项目下（先录入或导入项目）。", field="项目编号")
    return p


def _find(s, code: str) -> Asset:
    a = s.scalar(select(Asset).where(Asset.code == code, Asset.deleted.is_(False)))
    if a is None:
        raise UserError(f"找不到资产编号“{code}”。请用“资产台账”或 towndesk assets list 查看已有资产。")
    return a


def get_asset(app, code: str) -> dict:
    with app.read() as s:
        a = _find(s, code)
        return asset_dict(a, _sources_by_asset(s, [a.id]).get(a.id, []), current_terms(s))


def _sources_input(data: dict, where: str) -> list[dict]:
    if "projects" in data:
        items = data["projects"]
        if not isinstance(items, list) or not items:
            raise UserError(f"{where}projects 应为非空列表，每项含 project（项目编号）、source、amount_yuan。", field="项目编号")
    elif data.get("project") or data.get("project_code") or data.get("项目编号"):
        items = [{"project": data.get("project") or data.get("project_code") or data.get("项目编号"),
                  "source": data.get("source"), "amount_yuan": data.get("amount_yuan")}]
    else:
        raise UserError(f"{where}缺少形成该资产的项目（project 或 projects）。", field="项目编号")
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict) or not (item.get("project") or item.get("project_code")):
            raise UserError(f"{where}projects 第 {i} 项缺少项目编号（project）。", field="项目编号")
    return items


def _township_only(app, where: str) -> None:
    """Assets belong to the township that owns the project (db.models.asset.OWNERS): the county reads them."""
    if app.node and app.node.is_county:
        raise UserError(f"{where}资产由项目所属乡镇登记和修改，县级办公室通过同步包查看；请通知乡镇办理。")


def _own_township(app, p: Project, where: str) -> None:
    if app.node and app.node.role == "township" and p.township_code != app.node.region_code:
        raise UserError(f"{where}项目 {p.code} 属于{p.township_name}，本乡镇只能登记本乡镇项目形成的资产。", field="项目编号")


def _next_code(s, p: Project) -> str:
    taken = set(s.scalars(select(Asset.code).where(Asset.code.like(f"ZC-{p.code}-%"))))
    n = 1
    while f"ZC-{p.code}-{n:02d}" in taken:
        n += 1
    return f"ZC-{p.code}-{n:02d}"


def add_in_session(s, app, data: dict, where: str, terms) -> Asset:
    _township_only(app, where)
    if not isinstance(data, dict):
        raise UserError(f"{where}应为对象，例如 {{\"name\": \"…\", \"class\": \"经营性\", \"project\": \"项目编号\"}}。")
    items = _sources_input(data, where)
    values: dict = {}
    for key, raw in data.items():
        if key in ("project", "project_code", "项目编号", "projects", "source", "amount_yuan", "incomes"):
            continue
        name = field_name(key, where)
        values[name] = parse_value(name, raw, terms, where)
    for name in ("name", "asset_class"):
        if name not in values:
            raise UserError(f"{where}缺少必填字段：{ASSET_FIELDS[name].label}（{name}）。", field=ASSET_FIELDS[name].label)
    values.setdefault("status", "normal")
    values["incomes"] = parse_incomes(data.get("incomes"), where)
    check_asset(values, where)
    sources = []
    for i, item in enumerate(items, 1):
        p = _project(s, item.get("project") or item.get("project_code"), where)
        _own_township(app, p, where)
        raw = item.get("amount_yuan")
        fen = yuan_to_fen(raw, f"{where}项目 {p.code} 形成金额（元）") if raw not in (None, "") else None
        sources.append((p, item.get("source"), fen))
    towns = {p.township_code for p, _, _ in sources}
    if len(towns) > 1:
        raise UserError(f"{where}形成该资产的项目分属不同乡镇（{'、'.join(sorted({p.township_name for p, _, _ in sources}))}），"
                        "请按乡镇分别登记。", field="项目编号")
    if len(sources) == 1 and sources[0][2] is None:
        sources[0] = (sources[0][0], sources[0][1], values.get("value_fen", 0))
    if any(f is None for _, _, f in sources):
        raise UserError(f"{where}由多个项目形成的资产，须写明每个项目的形成金额（amount_yuan）。", field="形成金额")
    if "value_fen" not in values:
        values["value_fen"] = sum(f for _, _, f in sources)
    first = sources[0][0]
    values.setdefault("code", None)
    if not values["code"]:
        values["code"] = _next_code(s, first)
    if s.scalar(select(Asset.id).where(Asset.code == values["code"])):
        raise UserError(f"{where}资产编号“{values['code']}”已存在，请换一个编号。", field="资产编号")
    values.setdefault("village", first.village)
    asset = Asset(township_code=first.township_code, township_name=first.township_name, **values)
    s.add(asset)
    s.flush()
    for p, source, fen in sources:
        s.add(AssetSource(asset_id=asset.id, project_id=p.id, source=(str(source)[:60] if source else None),
                          amount_fen=fen))
    s.flush()
    return asset


def add_assets(app, items, source: str = "输入") -> list[dict]:
    """Register one asset or a list of them; one bad item refuses them all, naming the item."""
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list) or not items:
        raise UserError(f"{source}：应为一个资产对象或资产对象的数组。")
    with app.tx(right="edit") as s:
        terms = current_terms(s)
        made = []
        for i, data in enumerate(items, 1):
            name = data.get("name") or data.get("资产名称") if isinstance(data, dict) else None
            made.append(add_in_session(s, app, data, f"{source} 第 {i} 项（{name or '未命名'}）：", terms))
        sources = _sources_by_asset(s, [a.id for a in made])
        return [asset_dict(a, sources.get(a.id, []), terms) for a in made]


def edit_asset(app, code: str, changes: dict, expected_version: int | None = None) -> dict:
    """Change fields of one asset (F=V pairs, or a dict from the form); checked as a whole before saving."""
    with app.tx(right="edit") as s:
        lock_for_write(s)
        terms = current_terms(s)
        a = _find(s, code)
        if expected_version is not None and a.version != expected_version:
            raise UserError(f"资产 {code} 已被他人修改，请重新打开后再保存。")
        where = f"资产 {code}："
        _township_only(app, where)
        current = {n: getattr(a, n) for n in ASSET_FIELDS}
        incomes = None
        for key, raw in changes.items():
            if key in ("incomes", "收益"):
                try:
                    incomes = parse_incomes(json.loads(raw) if isinstance(raw, str) else raw, where)
                except json.JSONDecodeError:
                    raise UserError(f"{where}收益应为 JSON 列表，例如 [{{\"year\": 2025, \"amount_yuan\": 12000}}]。",
                                    field="收益") from None
                continue
            name = field_name(key, where)
            current[name] = parse_value(name, raw, terms, where)
        if not current["code"]:
            raise UserError(f"{where}资产编号不能为空。", field="资产编号")
        if current["code"] != a.code and s.scalar(select(Asset.id).where(Asset.code == current["code"])):
            raise UserError(f"{where}资产编号“{current['code']}”已存在。", field="资产编号")
        check_asset(current, where)
        if app.node and app.node.role == "township" and a.township_code != app.node.region_code:
            raise UserError(f"{where}该资产属于{a.township_name}，本乡镇不能修改。")
        for name, value in current.items():
            if getattr(a, name) != value:
                setattr(a, name, value)
        if incomes is not None and incomes != a.incomes:
            a.incomes = incomes
        s.flush()
        return asset_dict(a, _sources_by_asset(s, [a.id]).get(a.id, []), terms)
