"""Checklist standards shipped as JSON in resources/checklists/, loaded into the database.

Conditions keep a small village project from demanding a tender file:
  {"category": [...]}      required only for these categories
  {"category_not": [...]}  not required for these categories
  {"level": [...]}         required only for these levels
  {"min_amount_wan": N}    required only when planned investment ≥ N 万元
  {"level_not": [...]}, {"max_amount_wan": N} (< N 万元), {"funding_any": [...]} (any source listed)
Several keys in one condition must all hold. desktop.checklists.standards validates a standard.
"""
from __future__ import annotations

import json
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ChecklistItem, ChecklistStandard, Node
from desktop.core.paths import resource_path

DEFAULT_STANDARD = "hudian"
STAGE_ORDER = ["申报立项", "前期审批", "招投标与合同", "实施", "资金", "带贫", "验收与结算", "资产"]


def builtin_standards() -> list[dict]:
    from desktop.checklists.standards import validate_standard

    return [validate_standard(json.loads(p.read_text(encoding="utf-8")), f"资料清单标准文件 {p.name}")
            for p in sorted(resource_path("checklists").glob("*.json"))]


def builtin_id(*parts) -> str:
    """The same UUID on every installation for a shipped standard (and item), so the county's
    copy and a township's copy are one record to sync, not two rows fighting over (key, version)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "towndesk:checklist:" + ":".join(map(str, parts))))


def builtin_records(std: dict) -> list[tuple[type, dict]]:
    """A shipped standard's rows as the program loads them, every column given: what ensure_builtin writes
    and what verify holds an unlogged copy to (desktop.core.ledger_check)."""
    sid = builtin_id(std["key"], std["version"])
    rows = [(ChecklistStandard, dict(id=sid, key=std["key"], name=std["name"], std_version=std["version"],
                                     description=std.get("description"), active=True,
                                     applies_to=std.get("applies_to"), priority=std.get("priority", 100),
                                     deleted=False))]
    for i, item in enumerate(std["items"]):
        rows.append((ChecklistItem, dict(id=builtin_id(std["key"], std["version"], item["key"]), standard_id=sid,
                                         key=item["key"], name=item["name"], stage=item["stage"],
                                         required=item.get("required", True), condition=item.get("condition"),
                                         sort_order=i, deleted=False)))
    return rows


def ensure_builtin(session: Session) -> None:
    """Load each shipped standard version once.

    A township does not log what it loads (db.tracking `unlogged`): the records are the program's, the
    same ids and values on every installation, and the county owns them. Logged, each township sent its
    copy in its first package, for the county to parse, check and leave (86 of ~200 change sets there).
    The county logs its load: its packages are how a township on an older program gets a newer standard.
    """
    unlogged = None if _is_county(session) else session.info.setdefault("unlogged", set())
    for std in builtin_standards():
        exists = session.scalar(select(ChecklistStandard.id).where(
            ChecklistStandard.key == std["key"], ChecklistStandard.std_version == std["version"]))
        if exists:
            continue
        (_, head), *items = builtin_records(std)
        if unlogged is not None:
            unlogged.update([head["id"], *(i["id"] for _, i in items)])
        session.add(ChecklistStandard(**head))
        session.flush()  # the standard before its items (foreign key)
        session.add_all(ChecklistItem(**fields) for _, fields in items)
    session.flush()


def _is_county(session: Session) -> bool:
    node = session.get(Node, session.info.get("node_id")) if session.info.get("node_id") else None
    return node is not None and node.role == "county"


def current_items(session: Session, key: str = DEFAULT_STANDARD) -> list[ChecklistItem]:
    std = session.scalar(select(ChecklistStandard).where(ChecklistStandard.key == key, ChecklistStandard.deleted.is_(False))
                         .order_by(ChecklistStandard.std_version.desc()).limit(1))
    if std is None:
        return []
    return list(session.scalars(select(ChecklistItem).where(ChecklistItem.standard_id == std.id,
                                                            ChecklistItem.deleted.is_(False))
                                .order_by(ChecklistItem.sort_order)))


def applies(condition: dict | None, project) -> bool:
    """Whether an item is required for this project (a condition not met means 不适用)."""
    if not condition:
        return True
    if "category" in condition and project.category not in condition["category"]:
        return False
    if "category_not" in condition and project.category in condition["category_not"]:
        return False
    if "level" in condition and project.level not in condition["level"]:
        return False
    if "min_amount_wan" in condition and project.planned_investment_fen < condition["min_amount_wan"] * 1_000_000:
        return False
    if "level_not" in condition and project.level in condition["level_not"]:
        return False
    if "max_amount_wan" in condition and project.planned_investment_fen >= condition["max_amount_wan"] * 1_000_000:
        return False
    if "funding_any" in condition and not set(project.funding_sources or []) & set(condition["funding_any"]):
        return False
    return True
