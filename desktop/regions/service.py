"""Regions in a data folder: the node's own county copied from the national list, and the init check.

The database keeps only the county this installation works in (its townships, with the code the
office quotes — 统计用 2023 where it exists — and both codes with their editions in `source`).
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Node, Region
from desktop.core.errors import UserError
from desktop.regions import lookup
from desktop.regions.data import Unit, dataset, describe


class UnknownRegionCode(UserError):
    """A well-formed code the shipped list does not know: a new unit, or a typing error; ask."""


def source_text(unit: Unit) -> str:
    ds = dataset()
    parts = []
    if unit.nbs_code:
        parts.append(f"统计用区划代码 {ds.edition('nbs_code')}：{unit.nbs_code}")
    if unit.mca_code:
        parts.append(f"民政部代码 {ds.edition('mca_code')}：{unit.mca_code}")
    return "；".join(parts)


def builtin_regions(county_code: str | None = None) -> list[dict]:
    """Rows for the region table: one county with its townships and its province/prefecture above.

    Without a county: every county-level unit (what a county office picks from)."""
    ds = dataset()
    if county_code is None:
        units = [u for u in ds.units.values() if u.level == "county" and u.current]
    else:
        county = lookup.county_by_code(county_code)
        if county is None:
            return []
        units = ds.path(county) + [u for u in ds.children.get(county.key, []) if u.current and u.level == "township"]
    rows = []
    for u in units:
        parent = ds.units.get(u.parent)
        rows.append({"code": u.code, "name": u.name, "level": u.level, "parent_code": parent.code if parent else None,
                     "source": source_text(u), "inferred": False})
    return rows


def load_builtin(session: Session) -> int:
    """Copy this node's county from the shipped list into the region table; returns rows added."""
    node = session.scalar(select(Node).where(Node.is_self.is_(True)))
    if node is None:
        return 0
    county_code = node.region_code if node.role == "county" else (node.parent_code or node.region_code[:6])
    known = set(session.scalars(select(Region.code)))
    added = 0
    for r in builtin_regions(county_code):
        if r["code"] not in known:
            session.add(Region(**r))
            known.add(r["code"])
            added += 1
    return added


def township_name(session: Session, code: str) -> str | None:
    return session.scalar(select(Region.name).where(Region.code == code))


def townships_of(session: Session, county_code: str) -> list[Region]:
    return list(session.scalars(select(Region).where(Region.parent_code == county_code,
                                                     Region.level == "township").order_by(Region.code)))


def check_code_name(role: str, code: str, name: str, *, new_unit: bool = False) -> dict | None:
    """A code against its name, for init and the wizard: the unit when they agree.

    A code naming another unit is refused with the right name; a code not in the list raises
    UnknownRegionCode unless `new_unit` confirms it (new units appear every year): then None."""
    levels = ("township",) if role == "township" else ("county", "prefecture")
    ds = dataset()
    hits = [(system, u) for system, u in ds.by_code(code) if u.level in levels]
    if role == "county":
        hits = [(s, u) for s, u in hits if u.level == "county" or lookup.county_by_code(u.code) is u]
    if not hits:
        if new_unit:
            return None
        raise UnknownRegionCode(
            f"区划代码 {code} 不在随附的区划表中（民政部 {ds.edition('mca_code')} 版、统计用 {ds.edition('nbs_code')} 版）。"
            "可能是新设的单位，也可能是输错了：请核对；确认是新设单位后再继续。", field="区划代码")
    for system, unit in hits:
        if _same_unit(unit, name):
            return {**describe(unit), "system": system}
    return _refuse(code, name, hits)


def name_note(role: str, code: str, name: str) -> str | None:
    """When `name` is a former name of the unit `code` names, what to tell the clerk; else None.

    init accepts 香格里拉县 with 533401's code (the name changed in 2014) and suggests the current name."""
    levels = ("township",) if role == "township" else ("county", "prefecture")
    for _system, unit in dataset().by_code(code):
        if unit.level not in levels:
            continue
        county = dataset().units.get(unit.parent)
        for m in lookup.find(name, county=county, levels=(unit.level,), every_rule=True):
            if m.unit.key == unit.key:
                if m.rule not in ("former", "history") or not m.note.startswith(("原名", "原属")):
                    return None
                return f"{unit.name}，{m.note}。“{lookup.clean(name)}”是旧名，已接受；建议使用现名 {unit.name}。"
    return None


def _same_unit(unit: Unit, name: str) -> bool:
    county = dataset().units.get(unit.parent)
    levels = (unit.level,)
    return any(m.unit.key == unit.key for m in lookup.find(name, county=county, levels=levels, every_rule=True))


def _refuse(code: str, name: str, hits: list[tuple[str, Unit]]):
    ds = dataset()
    label = {"nbs": f"统计用区划代码（{ds.edition('nbs_code')}）", "mca": f"民政部代码（{ds.edition('mca_code')}）"}
    said = "，".join(f"在{label[s]}中是 {u.name}" for s, u in hits)
    county = ds.units.get(hits[0][1].parent)
    named = lookup.find(name, county=county, levels=(hits[0][1].level,)) if county else []
    hint = f"名为“{name}”的单位是：{lookup.describe_choices(named)}。" if named else \
        f"如果本单位是 {hits[0][1].name}，请把名称改为 {hits[0][1].name}。"
    raise UserError(f"区划代码 {code} {said}，不是“{name}”。{hint}请核对代码和名称。", field="区划代码")
