"""Demo assets: every finished demo project forms assets, in all three classes (经营性, 公益性, 到户类).

Its own random generator, so adding assets leaves the rest of the demo exactly as before. A few
assets are idle, damaged, disposed, unregistered or without a 管护主体, so the asset rules and the
ledger's 小计 by class and 确权 level have something to show.
"""
from __future__ import annotations

import random

from sqlalchemy import select

from db.models import Asset, AssetSource, Project
from desktop.risk.asset_rules import NO_ASSET_CATEGORIES as NO_ASSET

FINISHED = ("completed", "accepted", "operating")
SUBTYPES = {"基础设施": "道路交通", "饮水": "供水饮水", "人居环境": "人居环境设施", "教育": "教育卫生设施",
            "卫生": "教育卫生设施", "乡村旅游": "乡村旅游设施"}
SCALES = {"道路交通": ("3.2", "公里"), "供水饮水": ("5.6", "公里管网"), "人居环境设施": ("12", "处"),
          "教育卫生设施": ("860", "平方米"), "乡村旅游设施": ("2400", "平方米"), "产业基地": ("120", "亩"),
          "加工设施": ("1", "座")}


def _subtype(p: Project) -> str:
    if p.category == "产业":
        return "加工设施" if "加工" in p.name else "产业基地"
    return SUBTYPES.get(p.category, "其他")


def _class(p: Project) -> str:
    return "operating" if p.category in ("产业", "乡村旅游") else "public"


def add_demo_assets(s, seed: int) -> int:
    """Assets for the finished demo projects already flushed in session `s`; returns how many."""
    rng = random.Random(seed * 31 + 20)
    projects = s.scalars(select(Project).where(Project.stage.in_(FINISHED), Project.category.not_in(NO_ASSET))
                         .order_by(Project.code)).all()
    made = 0
    for i, p in enumerate(projects):
        registered = bool(p.assets_registered)
        value = p.planned_investment_fen * rng.randint(88, 100) // 100
        main_value = value if not (p.category == "产业" and p.beneficiary_households) else value * 7 // 10
        kind = _subtype(p)
        scale, unit = SCALES.get(kind, ("1", "处"))
        operating = _class(p) == "operating"
        status = "normal"
        if registered and i % 11 == 3:
            status = "idle"
        elif registered and i % 17 == 5:
            status = "damaged"
        asset = Asset(code=f"ZC-{p.code}-01", name=p.name.removesuffix("项目").removesuffix("建设") + ("设施" if not operating else ""),
                      asset_class=_class(p), subtype=kind, township_code=p.township_code, township_name=p.township_name,
                      village=p.village, scale=scale, unit=unit, value_fen=main_value, built_on=p.actual_completion_date,
                      accepted_on=p.acceptance_date, owner_level=("village" if i % 5 else "township") if registered else None,
                      owner=(f"{p.village}股份经济合作社" if i % 5 else f"{p.township_name}人民政府") if registered else None,
                      operator=p.operating_entity if operating else None,
                      manager=None if i % 13 == 7 else (p.operating_entity or f"{p.village}村民委员会"),
                      manager_person=f"{p.village[:1]}{rng.choice('建国明华志强')}" if i % 13 != 7 else None,
                      handover_on=p.acceptance_date, status=status, incomes=_incomes(p, main_value, rng) if operating and registered else [])
        if registered and i % 19 == 9:
            asset.status, asset.disposal_reason = "disposed", "设施老化，经评估无修复价值，依程序报废"
            asset.disposal_doc_no, asset.disposal_proceeds = f"{p.township_name[:2]}政发〔2024〕{i}号", "残值收入 3200 元纳入村集体经济收入"
        s.add(asset)
        s.flush()
        s.add(AssetSource(asset_id=asset.id, project_id=p.id, source=(p.funding_sources or [None])[0], amount_fen=main_value))
        made += 1
        if main_value != value:  # 到户类: livestock or materials handed to households
            home = Asset(code=f"ZC-{p.code}-02", name=f"{p.village}到户产业扶持物资", asset_class="household",
                         subtype="产业基地", township_code=p.township_code, township_name=p.township_name,
                         village=p.village, scale=str(p.beneficiary_households), unit="户", value_fen=value - main_value,
                         built_on=p.actual_completion_date, accepted_on=p.acceptance_date,
                         owner_level="household" if registered else None,
                         owner=f"受益农户（{p.beneficiary_households}户）" if registered else None,
                         manager="受益农户自行管护", handover_on=p.acceptance_date, incomes=[])
            s.add(home)
            s.flush()
            s.add(AssetSource(asset_id=home.id, project_id=p.id, source=(p.funding_sources or [None])[0],
                              amount_fen=value - main_value))
            made += 1
    s.flush()
    return made


def _incomes(p: Project, value: int, rng) -> list[dict]:
    out = []
    for year in range(p.year + 1, 2026):
        amount = value * rng.randint(3, 8) // 100 // 100 * 100
        out.append({"year": year, "amount_fen": amount,
                    "distribution": [{"to": "脱贫户分红", "amount_fen": amount * 6 // 10},
                                     {"to": "村集体经济", "amount_fen": amount * 2 // 10}]})
    return out
