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
from pathlib import Path

from sqlalchemy import insert

from db.models import Attachment, Disbursement, Expenditure, Milestone, Project, ProjectDocument
from desktop.setup.demo_data import GENERIC_PROJECTS, LEVEL_PLAN, VILLAGES
from desktop.checklists import standards_service as standards

TOWNSHIP_CODES = sorted(VILLAGES)
NAMES = {code: name for code, name in [
    ("533401101000", "建塘镇"), ("533401102000", "小中甸镇"), ("533401103000", "虎跳峡镇"),
    ("533401104000", "金江镇"), ("533401201000", "上江乡"), ("533401202000", "三坝纳西族乡"),
    ("533401203000", "洛吉乡"), ("533401204000", "尼西乡"), ("533401205000", "格咱乡"),
    ("533401206000", "东旺乡"), ("533401207000", "五境乡")]}
# Villages for townships beyond the 11 real ones (synthetic region codes, see township_list).
OTHER_VILLAGES = ["一村", "新村", "和谐村", "团结村", "光明村"]


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
        villages = VILLAGES.get(code) or OTHER_VILLAGES
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
    from desktop.core.attachments_store import AttachmentStore

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


# -- Real data folders: enrolled townships, their packages, a county (`towndesk bench generate`) -------------
COUNTY = ("533401000000", "香格里拉市")


def township_list(n: int) -> list[tuple[str, str]]:
    """n townships: the 11 real ones of 香格里拉市 first, then synthetic codes 5334013NN000 (试点NN乡)."""
    real = [(c, NAMES[c]) for c in TOWNSHIP_CODES]
    extra = [(f"5334013{k:02d}000", f"试点{k:02d}乡") for k in range(1, max(0, n - len(real)) + 1)]
    if n > len(real) + 99:
        raise ValueError("at most 110 townships in one county")
    return (real + extra)[:n]


def province_townships(prefectures: int = 16, counties: int = 8, townships: int = 10) -> list[tuple[str, str]]:
    """Synthetic province: prefectures × counties × townships with 12-digit codes 53PPCC1TT000."""
    return [(f"53{p:02d}{c:02d}1{t:02d}000", f"{p:02d}州{c:02d}县{t:02d}乡")
            for p in range(1, prefectures + 1) for c in range(1, counties + 1) for t in range(1, townships + 1)]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _id_number(rng: random.Random, code: str) -> str:
    """A made-up 18-character resident ID number (region prefix, birth date, serial, check character)."""
    body = f"{code[:6]}{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def attachment_plan(rng: random.Random, n_projects: int, attachments_mb: float, per_project: int = 8) -> dict:
    """{project index: [sizes]}: scans of 0.2–3 MB until the budget is spent, spread evenly over the projects."""
    budget, sizes, total = int(attachments_mb * 1_000_000), [], 0
    while total < budget and len(sizes) < n_projects * per_project:
        size = rng.randint(200_000, 3_000_000)
        if total + size > budget:  # the last scan fills the budget exactly, every scan staying within 0.2–3 MB
            rest = budget - total
            if rest >= 200_000:
                size = rest
            elif sizes and sizes[-1] + rest <= 3_000_000:
                sizes[-1] += rest
                break
            elif sizes:  # the last one is over 2.8 MB: lend the remainder enough to be a scan
                sizes[-1] -= 200_000 - rest
                size = 200_000
            else:
                break  # a budget under 0.2 MB holds no scan
        sizes.append(size)
        total += size
    plan: dict[int, list[int]] = {}
    for t, size in enumerate(sizes):
        plan.setdefault(t * n_projects // len(sizes), []).append(size)
    return plan


def fill_township(app, n_projects: int, attachments_mb: float = 0.0, seed: int = 1,
                  township: tuple[str, str] | None = None, households_per_project: int = 3) -> dict:
    """One township's file through the ORM (so the change log and sync see every record), deterministic from
    seed: projects with milestones, allocation, disbursements, expenditure, two half-monthly reports, 8 checklist
    items (collected / missing / needs fix), beneficiary households (ID numbers and phones: personal data)
    linked to the project, and scans of 0.2–3 MB (content from the seed) spread evenly over the projects."""
    from db.models import BenefitLink, Expenditure, FundAllocation, Household, ProgressReport
    from desktop.core.attachments_store import AttachmentStore
    from desktop.setup.demo_data import GIVEN, MECHANISMS, SURNAMES

    rng = random.Random(seed * 7919 + 17)  # not `seed`: project_rows draws its ids from Random(seed)
    town = township or (app.node.region_code, app.node.name)
    rows = project_rows(n_projects, seed, [town])
    plan = attachment_plan(rng, n_projects, attachments_mb)
    store = AttachmentStore(app.layout)
    counts = {"projects": 0, "households": 0, "attachments": 0, "attachment_bytes": 0, "records": 0}
    with app.tx(user="bench") as s:
        standards.ensure_builtin(s)
        items = standards.current_items(s)[:8]
        batch: dict[int, list] = {0: [], 1: [], 2: []}
        for i, r in enumerate(rows):
            r = {k: v for k, v in r.items() if k not in ("version", "created_at", "updated_at", "deleted")}
            r["responsible_person"] = rng.choice(SURNAMES) + rng.choice(GIVEN)
            r["responsible_phone"] = f"139{rng.randint(0, 99_999_999):08d}"
            p = Project(**r)
            batch[0].append(p)
            y, planned = p.year, p.planned_investment_fen
            for k, (m, d, pct) in enumerate([(4, 30, 0), (6, 30, 50), (8, 30, 80), (10, 30, 100)]):
                batch[1].append(Milestone(id=_uuid(rng), project_id=p.id, name=f"节点{k + 1}",
                                      planned_date=date(y, m, d), planned_works_pct=pct, planned_money_pct=pct,
                                      actual_date=date(y, m, d - 3 * (k % 2)) if p.works_progress_pct >= pct else None,
                                      sort_order=k))
            batch[1].append(FundAllocation(id=_uuid(rng), project_id=p.id, source=p.funding_sources[0],
                                       amount_fen=planned, allocated_on=date(y, 3, 15),
                                       document_no=f"香财农〔{y}〕{rng.randint(1, 120)}号"))
            paid = planned * p.works_progress_pct // 100
            for part, day in ((paid // 2, date(y, 6, 1)), (paid - paid // 2, date(y, 9, 1))):
                if part:
                    batch[1].append(Disbursement(id=_uuid(rng), project_id=p.id, paid_on=day, amount_fen=part,
                                             voucher_no=f"拨{y}{rng.randint(1000, 9999)}"))
            if paid:
                batch[1].append(Expenditure(id=_uuid(rng), project_id=p.id, spent_on=date(y, 10, 1),
                                        amount_fen=paid * 8 // 10, payee=p.implementing_unit, purpose="工程款"))
            for day, pct in ((date(y, 6, 14), p.works_progress_pct // 2), (date(y, 6, 29), p.works_progress_pct)):
                batch[1].append(ProgressReport(id=_uuid(rng), project_id=p.id, report_date=day, period="half-monthly",
                                           works_pct=pct, disbursed_fen=paid * pct // 100, spent_fen=0,
                                           summary="按倒排工期推进", problems="雨季施工进度受影响" if pct < 50 else None))
            sizes = list(plan.get(i, []))
            for item in items:
                state = rng.choices(["collected", "missing", "needs_fix"], [7, 2, 1])[0]
                doc = ProjectDocument(id=_uuid(rng), project_id=p.id, item_key=item.key, state=state,
                                      reason="缺少签字盖章，需补正" if state == "needs_fix" else None,
                                      pages=rng.randint(1, 40) if state == "collected" else None)
                batch[1].append(doc)
                if sizes:
                    size = sizes.pop()
                    sha = store.put_bytes(rng.randbytes(size))
                    batch[2].append(Attachment(id=_uuid(rng), project_id=p.id, document_id=doc.id, sha256=sha,
                                           filename=f"{item.name}.jpg", size=size, mime="image/jpeg"))
                    counts["attachments"] += 1
                    counts["attachment_bytes"] += size
            for _ in range(households_per_project):
                members = rng.randint(1, 7)
                hh = Household(id=_uuid(rng), township_code=town[0], village=p.village,
                               head_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                               id_number=_id_number(rng, town[0]), phone=f"13{rng.randint(0, 999_999_999):09d}",
                               members=members, poor_status=rng.choice(["registered_poor", "lifted", "monitored",
                                                                        "ordinary"]))
                batch[0].append(hh)
                batch[1].append(BenefitLink(id=_uuid(rng), project_id=p.id, household_id=hh.id,
                                         mechanism=rng.choice(MECHANISMS), annual_income_fen=rng.randint(500, 8000) * 100,
                                         year=y))
                counts["households"] += 1
            counts["projects"] += 1
            if i % 100 == 99 or i == len(rows) - 1:
                # Parents first, then what refers to them: with no relationship() between these models the
                # unit of work would not order the inserts by foreign key.
                for level in (0, 1, 2):
                    s.add_all(batch[level])
                    s.flush()
                    counts["records"] += len(batch[level])
                    batch[level] = []
    return counts


def enroll(county_app, town_app, root: Path) -> None:
    """Both directions of the enrollment step, with the fingerprint checked as the phone call would."""
    from desktop.sync import peers

    root.mkdir(parents=True, exist_ok=True)
    for a, b in ((town_app, county_app), (county_app, town_app)):
        ident_file = root / f"{a.node.region_code}.json"
        ident = peers.export_identity(a, ident_file)
        peers.add_peer(b, ident_file, ident["fingerprint"])


def generate_enrolled(out, townships: int, projects_per_township: int, attachments_mb: float = 0.0, seed: int = 1,
                      import_into_county: bool = True, progress=print) -> dict:
    """out/county (county node), out/townships/<code> (one per township, enrolled both ways with real keys,
    filled through the ORM), out/packages (one package from each township to the county), and unless told not to,
    the county with every package imported. `attachments_mb` is per township. Data are deterministic from seed;
    keys, record timestamps and package ids are not."""
    from desktop.core.app import init_data_folder
    from desktop.sync import service

    out = Path(out)
    if out.exists() and any(out.iterdir()):
        from desktop.core.errors import UserError
        raise UserError(f"文件夹 {out} 不是空的。请指定一个新的（或空的）文件夹，以免覆盖已有数据。")
    county = init_data_folder(out / "county", role="county", region_code=COUNTY[0], name=COUNTY[1])
    packages = out / "packages"
    packages.mkdir(parents=True)
    total = {"townships": 0, "projects": 0, "households": 0, "attachments": 0, "attachment_bytes": 0,
             "records": 0, "package_bytes": 0}
    for k, (code, name) in enumerate(township_list(townships)):
        town = init_data_folder(out / "townships" / code, role="township", region_code=code, name=name)
        enroll(county, town, out / "identities")
        counts = fill_township(town, projects_per_township, attachments_mb, seed=seed * 1000 + k, township=(code, name))
        res = service.export_package(town, packages)
        town.dispose()
        total["townships"] += 1
        total["package_bytes"] += res["bytes"]
        for key in ("projects", "households", "attachments", "attachment_bytes", "records"):
            total[key] += counts[key]
        if progress:
            progress(f"{name}（{code}）：{counts['projects']} 个项目，{counts['attachments']} 个附件，"
                     f"同步包 {res['bytes'] / 1e6:.1f} MB")
    if import_into_county:
        res = service.import_folder(county, packages)
        total["imported"] = res["applied"]
        total["rejected"] = res["rejected"]
    county.dispose()
    total["folder"] = str(out)
    return total


def bulk_fill_townships(app, townships: list[tuple[str, str]], projects_per_township: int, seed: int = 1,
                        chunk_townships: int = 50) -> int:
    """Core inserts (no change log) for read-side scale over any list of townships, in chunks so memory stays
    flat at 200,000 projects. Project codes carry the full region code (unique across a province)."""
    now = datetime(2020, 1, 1)
    common = {"version": 1, "created_at": now, "updated_at": now, "deleted": False, "origin_node": app.node.id}
    written = 0
    for start in range(0, len(townships), chunk_townships):
        rows, ms, ds, es = [], [], [], []
        for k, town in enumerate(townships[start:start + chunk_townships], start):
            for i, r in enumerate(project_rows(projects_per_township, seed * 100_000 + k, [town])):
                r.update(origin_node=app.node.id, code=f"B{r['year']}-{town[0]}-{i:05d}")
                rows.append(r)
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
        with app.tx() as s:
            for model, batch in ((Project, rows), (Milestone, ms), (Disbursement, ds), (Expenditure, es)):
                if batch:
                    s.execute(insert(model), batch)
                    written += len(batch)
    return written


def generate_bulk(out, townships: int, projects_per_township: int, seed: int = 1) -> dict:
    """out: one county folder with townships × projects written by Core inserts (no change log, no sync):
    for trying the ledger, dashboard and tables at scale."""
    from desktop.core.app import init_data_folder

    app = init_data_folder(out, role="county", region_code=COUNTY[0], name=COUNTY[1])
    rows = bulk_fill_townships(app, township_list(townships), projects_per_township, seed)
    app.dispose()
    return {"folder": str(out), "projects": townships * projects_per_township, "rows": rows}
