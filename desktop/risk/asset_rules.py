"""Risk rules about the assets a project formed (项目资产后续管理, 确权登记).

Pure functions like desktop.risk.rules, registered into its rule list. They look at
`facts.assets` — a list of {code, name, status, owner_level, manager} gathered for the project —
and stay silent when that list was not gathered (None), so callers that build Facts by hand see
no change. Idle or damaged assets are yellow: red stays for the 三不 problems a person confirms.
"""
from __future__ import annotations

FINISHED = ("completed", "accepted", "operating")
NO_ASSET_CATEGORIES = ("就业",)  # training and employment projects form no asset to register
STATUS_WORDS = {"idle": "闲置", "damaged": "损毁"}


def _finding(code: str, level: str, text: str) -> dict:
    return {"code": code, "level": level, "text": text}


def _names(assets: list[dict]) -> str:
    shown = "、".join(f"{a['name']}（{a['code']}）" for a in assets[:4])
    return shown + ("等" if len(assets) > 4 else "")


def completed_without_assets(f, today, rules) -> list[dict]:
    """Yellow: a finished project has no asset in the ledger, or assets not registered (no 确权 level)."""
    assets = getattr(f, "assets", None)
    if assets is None or f.project.stage not in FINISHED or f.project.category in NO_ASSET_CATEGORIES:
        return []
    if not assets:
        return [_finding("assets_missing", "yellow", "项目已完工，但资产台账中没有登记其形成的资产")]
    live = [a for a in assets if a["status"] != "disposed"]
    unregistered = [a for a in live if not a.get("owner_level")]
    if unregistered:
        return [_finding("asset_not_registered", "yellow",
                         f"{len(unregistered)} 项资产未确权登记：{_names(unregistered)}")]
    return []


def assets_idle_or_damaged(f, today, rules) -> list[dict]:
    """Yellow: an asset is 闲置 or 损毁 — one finding per state, naming the assets."""
    out = []
    for status, word in STATUS_WORDS.items():
        hit = [a for a in getattr(f, "assets", None) or [] if a["status"] == status]
        if hit:
            out.append(_finding(f"asset_{status}", "yellow", f"{len(hit)} 项资产{word}：{_names(hit)}"))
    return out


def assets_without_manager(f, today, rules) -> list[dict]:
    """Yellow: an asset in use has no 管护主体 (nobody is responsible for upkeep)."""
    hit = [a for a in getattr(f, "assets", None) or [] if a["status"] != "disposed" and not a.get("manager")]
    if hit:
        return [_finding("asset_no_manager", "yellow", f"{len(hit)} 项资产未明确管护主体：{_names(hit)}")]
    return []


ASSET_RULES = (completed_without_assets, assets_idle_or_damaged, assets_without_manager)


def gather_assets(session, ids_q) -> dict[str, list[dict]]:
    """{project_id: [asset facts]} for the selected projects, in one query."""
    from sqlalchemy import select

    from db.models import Asset, AssetSource

    out: dict[str, list[dict]] = {}
    q = (select(AssetSource.project_id, Asset.code, Asset.name, Asset.status, Asset.owner_level, Asset.manager)
         .join(Asset, Asset.id == AssetSource.asset_id)
         .where(AssetSource.project_id.in_(ids_q), AssetSource.deleted.is_(False), Asset.deleted.is_(False))
         .order_by(Asset.code))
    for pid, code, name, status, level, manager in session.execute(q):
        out.setdefault(pid, []).append({"code": code, "name": name, "status": status, "owner_level": level,
                                        "manager": manager})
    return out
