"""Checklist standards as data: validation of a standard file, and which standard a project uses.

Why validate: a county can edit a standard and send it down; a typo in a condition must be
refused with a message naming the file and item, not silently make every item 不适用.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ChecklistItem, ChecklistStandard
from desktop.core.errors import UserError
from desktop.checklists import standards_service as core

CONDITION_KEYS = {"category": list, "category_not": list, "level": list, "level_not": list,
                  "funding_any": list, "min_amount_wan": (int, float), "max_amount_wan": (int, float)}


def validate_standard(data, source: str) -> dict:
    """Check a standard's shape; returns it unchanged or raises UserError naming source and item."""
    if not isinstance(data, dict):
        raise UserError(f"{source}：内容应为一个对象（含 key、name、version、items）。")
    for field, kind in (("key", str), ("name", str), ("version", int), ("items", list)):
        if not isinstance(data.get(field), kind):
            raise UserError(f"{source}：缺少字段 {field} 或类型不对。请对照 resources/checklists/ 中的示例修改。")
    _check_condition(data.get("applies_to"), f"{source}：适用范围 applies_to")
    seen = set()
    for i, item in enumerate(data["items"], 1):
        where = f"{source} 第 {i} 项"
        if not isinstance(item, dict) or not all(isinstance(item.get(f), str) and item.get(f) for f in
                                                 ("key", "name", "stage")):
            raise UserError(f"{where}：每一项须有 key、name、stage 三个文字字段。")
        where += f"（{item['name']}）"
        if item["key"] in seen:
            raise UserError(f"{where}：资料项代码 {item['key']} 重复，请改成唯一的代码。")
        seen.add(item["key"])
        if item["stage"] not in core.STAGE_ORDER:
            raise UserError(f"{where}：阶段 '{item['stage']}' 无效，应为：{'、'.join(core.STAGE_ORDER)}。")
        if not isinstance(item.get("required", True), bool):
            raise UserError(f"{where}：required 应为 true 或 false。")
        _check_condition(item.get("condition"), f"{where}的条件")
    return data


def _check_condition(cond, where: str) -> None:
    if cond is None:
        return
    if not isinstance(cond, dict) or not cond:
        raise UserError(f"{where}应为非空对象，例如 {{\"min_amount_wan\": 400}}。")
    for key, value in cond.items():
        if key not in CONDITION_KEYS:
            raise UserError(f"{where}中的 '{key}' 无法识别，可用：{'、'.join(CONDITION_KEYS)}。")
        if not isinstance(value, CONDITION_KEYS[key]) or isinstance(value, bool):
            raise UserError(f"{where}中的 '{key}' 取值类型不对（应为{'列表' if CONDITION_KEYS[key] is list else '数字'}）。")


def describe_condition(cond: dict | None) -> str:
    """A short Chinese phrase for a condition, e.g. '计划投资≥400万元'."""
    if not cond:
        return ""
    parts = []
    for key, value in cond.items():
        if key == "category":
            parts.append(f"类别为{'/'.join(value)}")
        elif key == "category_not":
            parts.append(f"类别不是{'/'.join(value)}")
        elif key == "level":
            parts.append(f"层级为{'/'.join(value)}")
        elif key == "level_not":
            parts.append(f"层级不是{'/'.join(value)}")
        elif key == "funding_any":
            parts.append(f"资金来源含{'/'.join(value)}")
        elif key == "min_amount_wan":
            parts.append(f"计划投资≥{value:g}万元")
        elif key == "max_amount_wan":
            parts.append(f"计划投资<{value:g}万元")
    return "，".join(parts)


@dataclass(frozen=True)
class StandardInfo:
    id: str
    key: str
    name: str
    version: int
    items: tuple  # of ItemInfo


@dataclass(frozen=True)
class ItemInfo:
    key: str
    name: str
    stage: str
    required: bool
    condition: dict | None
    sort_order: int

    @property
    def stage_index(self) -> int:
        return core.STAGE_ORDER.index(self.stage) if self.stage in core.STAGE_ORDER else len(core.STAGE_ORDER)


class StandardCatalog:
    """The newest version of every standard in the database, read once per unit of work."""

    def __init__(self, session: Session):
        rows = session.scalars(select(ChecklistStandard).where(ChecklistStandard.deleted.is_(False))
                               .order_by(ChecklistStandard.key, ChecklistStandard.std_version.desc())).all()
        newest: dict[str, ChecklistStandard] = {}
        for r in rows:
            newest.setdefault(r.key, r)
        self.rows = sorted(newest.values(), key=lambda r: (r.priority, r.key))
        items: dict[str, list] = {r.id: [] for r in self.rows}
        if items:
            for it in session.scalars(select(ChecklistItem).where(ChecklistItem.standard_id.in_(list(items)),
                                                                  ChecklistItem.deleted.is_(False))
                                      .order_by(ChecklistItem.sort_order)):
                items[it.standard_id].append(ItemInfo(it.key, it.name, it.stage, it.required, it.condition,
                                                      it.sort_order))
        self.by_key = {r.key: StandardInfo(r.id, r.key, r.name, r.std_version, tuple(items[r.id]))
                       for r in self.rows}
        self._add_builtin_fallback()

    def _add_builtin_fallback(self) -> None:
        """Shipped standards not yet in the database are read from resources (reads never write)."""
        for d in core.builtin_standards():
            have = self.by_key.get(d["key"])
            if have is not None and have.version >= d["version"]:
                continue
            items = tuple(ItemInfo(i["key"], i["name"], i["stage"], i.get("required", True), i.get("condition"), n)
                          for n, i in enumerate(d["items"]))
            self.by_key[d["key"]] = StandardInfo(None, d["key"], d["name"], d["version"], items)
            self.rows = [r for r in self.rows if r.key != d["key"]] + [_Row(d)]
        self.rows.sort(key=lambda r: (r.priority, r.key))

    def for_project(self, project) -> StandardInfo | None:
        """The project's named standard; else the first whose applies_to matches; else the default."""
        if project.checklist_standard_key in self.by_key:
            return self.by_key[project.checklist_standard_key]
        for r in self.rows:
            if r.applies_to and core.applies(r.applies_to, project):
                return self.by_key[r.key]
        return self.by_key.get(core.DEFAULT_STANDARD) or (self.by_key[self.rows[0].key] if self.rows else None)

    def list(self) -> list[dict]:
        return [{"key": s.key, "name": s.name, "version": s.version, "items": len(s.items),
                 "applies_to": describe_condition(r.applies_to)} for r, s in
                ((r, self.by_key[r.key]) for r in self.rows)]


class _Row:
    """The fields of a ChecklistStandard row, for a shipped standard not yet loaded."""

    def __init__(self, d: dict):
        self.key, self.name, self.std_version = d["key"], d["name"], d["version"]
        self.applies_to, self.priority = d.get("applies_to"), d.get("priority", 100)


def load_in(session: Session) -> "StandardCatalog":
    """Within a changing transaction: load shipped standards not yet in the database, then read all."""
    core.ensure_builtin(session)
    return StandardCatalog(session)
