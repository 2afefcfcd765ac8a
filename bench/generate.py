"""Deterministic data at scale: townships × projects, with milestones, money, households,
checklist items and attachments of realistic sizes (scans of 0.2–3 MB).

Two modes. `tracked` goes through the ORM so the change log (and hence sync) sees every record:
use it for package benchmarks. `bulk` inserts with SQLAlchemy Core and no change log: use it
only for read-side benchmarks (ledger filtering, dashboard, tables) at 5,000–200,000 projects.
"""
from __future__ import annotations

import os
import random
import uuid
from datetime import date, datetime

from sqlalchemy import insert

from db.models import Attachment, Disbursement, Expenditure, Milestone, Project, ProjectDocument
from desktop.demo_data import GENERIC_PROJECTS, LEVEL_PLAN, VILLAGES
from desktop.services import checklist_standards as standards

TOWNSHIP_CODES = sorted(VILLAGES)
NAMES = {code: name for code, name in [
    ("533401101000", "建塘镇"), ("533401102000", "小中甸镇"), ("533401103000", "虎跳峡镇"),
    ("533401104000", "金江镇"), ("533401201000", "上江乡"), ("533401202000", "三坝纳西族乡"),
    ("533401203000", "洛吉乡"), ("533401204000", "尼西乡"), ("533401205000", "格咱乡"),
    ("533401206000", "东旺乡"), ("533401207000", "五境乡")]}


def project_rows(n: int, seed: int = 1, townships: list[tuple[str, str]] | None = None) -> list[dict]:
    """n project dicts spread over townships and years 2016–2025, deterministic from seed."""
    rng = random.Random(seed)
    towns = townships or [(c, NAMES[c]) for c in TOWNSHIP_CODES]
    rows = []
    for i in range(n):
        code, tname = towns[i % len(towns)]
        year = 2016 + (i // len(towns)) % 10
        level, sources, (lo, hi), party = LEVEL_PLAN[i % len(LEVEL_PLAN)]
        cat, pattern = GENERIC_PROJECTS[rng.randrange(len(GENERIC_PROJECTS))]
        villages = VILLAGES.get(code, ["一村"])
        village = villages[rng.randrange(len(villages))]
        hh = rng.randint(0, 90)
        rows.append({
            "id": str(uuid.UUID(int=rng.getrandbits(128))), "code": f"B{year}-{code[6:9]}-{i:06d}",
            "name": pattern.format(v=village) + f"（{i}）", "year": year, "level": level,
            "funding_sources": list(sources), "category": cat, "township_code": code, "township_name": tname,
            "village": village, "implementing_unit": f"{tname}人民政府", "supporting_party": party,
            "planned_investment_fen": rng.randint(lo, hi) * 1_000_000, "stage": rng.choice(
                ["preparation", "construction", "completed", "operating"]),
            "works_progress_pct": rng.choice([0, 30, 50, 80, 100]), "beneficiary_households": hh,
            "beneficiary_people": hh * 4, "poor_households": hh // 3, "poor_people": hh * 4 // 3,
            "risk_level": rng.choice([None, "green", "green", "yellow", "red"]),
            "checklist_standard_key": standards.DEFAULT_STANDARD,
            "version": 1, "created_at": datetime(2020, 1, 1), "updated_at": datetime(2020, 1, 1), "deleted": False,
            "joint_account": True, "assets_registered": False, "built_not_finished": False,
            "finished_not_used": False, "used_not_well": False,
        })
    return rows


def bulk_fill(app, n_projects: int, seed: int = 1, children: bool = True) -> int:
    """Core inserts (no change log) for read-side benchmarks. Returns the number of rows written."""
    rows = project_rows(n_projects, seed)
    now = datetime(2020, 1, 1)
    common = {"version": 1, "created_at": now, "updated_at": now, "deleted": False, "origin_node": app.node.id}
    for r in rows:
        r["origin_node"] = app.node.id
    written = len(rows)
    with app.tx() as s:
        s.execute(insert(Project), rows)
        if children:
            ms, ds, es = [], [], []
            for r in rows:
                y = r["year"]
                for k, (m, d, pct) in enumerate([(4, 30, 0), (6, 30, 50), (8, 30, 80), (10, 30, 100)]):
                    ms.append({**common, "id": str(uuid.uuid4()), "project_id": r["id"], "name": f"节点{k + 1}",
                               "planned_date": date(y, m, d), "planned_works_pct": pct, "planned_money_pct": pct,
                               "sort_order": k})
                paid = r["planned_investment_fen"] * r["works_progress_pct"] // 100
                if paid:
                    ds.append({**common, "id": str(uuid.uuid4()), "project_id": r["id"], "paid_on": date(y, 6, 1),
                               "amount_fen": paid})
                    es.append({**common, "id": str(uuid.uuid4()), "project_id": r["id"], "spent_on": date(y, 7, 1),
                               "amount_fen": paid * 8 // 10})
            for model, batch in ((Milestone, ms), (Disbursement, ds), (Expenditure, es)):
                if batch:
                    s.execute(insert(model), batch)
                    written += len(batch)
    return written


def tracked_fill(app, n_projects: int, attachment_mb: float = 0.0, seed: int = 1,
                 township: tuple[str, str] | None = None) -> dict:
    """Through the ORM (change log written) for one township, with attachment files of 0.2–3 MB."""
    from desktop.attachments_store import AttachmentStore

    rng = random.Random(seed)
    town = township or (app.node.region_code, app.node.name)
    rows = project_rows(n_projects, seed, [town])
    store = AttachmentStore(app.layout)
    budget = int(attachment_mb * 1_000_000)
    counts = {"projects": 0, "attachments": 0, "attachment_bytes": 0}
    with app.tx(user="bench") as s:
        standards.ensure_builtin(s)
        items = standards.current_items(s)
        for r in rows:
            r = {k: v for k, v in r.items() if k not in ("version", "created_at", "updated_at", "deleted")}
            p = Project(**r)
            s.add(p)
            s.flush()
            counts["projects"] += 1
            for k, (m, d, pct) in enumerate([(4, 30, 0), (6, 30, 50), (8, 30, 80), (10, 30, 100)]):
                s.add(Milestone(project_id=p.id, name=f"节点{k + 1}", planned_date=date(p.year, m, d),
                                planned_works_pct=pct, planned_money_pct=pct, sort_order=k))
            s.add(Disbursement(project_id=p.id, paid_on=date(p.year, 6, 1), amount_fen=p.planned_investment_fen // 2))
            for item in items[:8]:
                doc = ProjectDocument(project_id=p.id, item_key=item.key, state="collected")
                s.add(doc)
                if counts["attachment_bytes"] < budget:
                    size = rng.randint(200_000, 3_000_000)
                    sha = store.put_bytes(os.urandom(size))
                    s.flush()
                    s.add(Attachment(project_id=p.id, document_id=doc.id, sha256=sha, filename=f"{item.name}.jpg",
                                     size=size, mime="image/jpeg"))
                    counts["attachments"] += 1
                    counts["attachment_bytes"] += size
    return counts
