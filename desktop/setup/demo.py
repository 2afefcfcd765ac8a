"""A realistic, deterministic demo: a township (or a county of townships) over 2019–2021.

It includes the projects the seeds name (小中甸镇联合村乡村旅游, 安南村牦牛养殖 …) with their
figures, milestones on the 2020 targets, money, households, checklists in every state,
inspections with rectifications and risk grades of all three colours.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from db.models import (
    BenefitLink, Disbursement, Expenditure, FundAllocation, Household, Inspection, Milestone, Notice,
    ProgressReport, Project, Rectification, Region, RiskAssessment,
)
from desktop.setup.demo_data import (
    GENERIC_PROJECTS, GIVEN, LEVEL_PLAN, MECHANISMS, SEED_PROJECTS, SURNAMES, VILLAGES,
)
from desktop.core.errors import UserError
from desktop.checklists import standards_service as standards
from desktop.checklists import item_state

MILESTONES = [("前期工作全面完成", (4, 30), 0, 0), ("完成50%建设量和资金拨付", (6, 30), 50, 50),
              ("完成80%建设任务和资金拨付", (8, 30), 80, 80), ("全面完成年度任务", (10, 30), 100, 100)]


def fill_demo(app, seed: int = 2020, projects_per_township: int | None = None, today: date | None = None) -> dict:
    """Fill an initialised data folder. Refuses a folder that already has projects."""
    rng = random.Random(seed)
    today = today or date.today()
    with app.tx(user="演示数据") as s:
        if s.scalar(select(func.count()).select_from(Project)):
            raise UserError("数据文件夹中已有项目，演示数据只能生成在新的数据文件夹中。")
        standards.ensure_builtin(s)
        if app.node.role == "township":
            towns = [(app.node.region_code, app.node.name)]
            per_town = projects_per_township or 48
        else:
            rows = s.execute(select(Region.code, Region.name).where(Region.parent_code == app.node.region_code,
                                                                    Region.level == "township")
                             .order_by(Region.code)).all()
            towns = [(c, n) for c, n in rows][:6] or [(app.node.region_code[:9] + "101000", "示例镇")]
            per_town = projects_per_township or 14
        gen = _Generator(s, rng, today)
        for code, name in towns:
            gen.township(code, name, per_town)
        gen.notice_for(towns[0])
        from desktop.setup.demo_assets import add_demo_assets

        gen.counts["资产"] = add_demo_assets(s, seed)
        return gen.counts


class _Generator:
    def __init__(self, session, rng: random.Random, today: date):
        self.s, self.rng, self.today = session, rng, today
        self.items = standards.current_items(session)
        self.counts = {"项目": 0, "受益户": 0, "拨付": 0, "督查": 0}
        self.n = {}

    def township(self, code: str, name: str, count: int) -> None:
        seeds = [p for p in SEED_PROJECTS if p[0] == code]
        for sp in seeds:
            _, pname, village, year, level, cat, wan, benefit, extra = sp
            plan = next(lp for lp in LEVEL_PLAN if lp[0] == level)
            self.project(code, name, pname, village, year, level, cat, wan, plan[1], benefit, {**extra, "seed": True})
        villages = VILLAGES.get(code, ["一村", "二村", "三村"])
        years = [2019, 2020, 2021]
        for i in range(count - len(seeds)):
            year = years[i % 3] if i < count - 6 else self.today.year
            level, sources, (lo, hi), party = LEVEL_PLAN[i % 4 if i % 9 else 4]
            cat, pattern = GENERIC_PROJECTS[self.rng.randrange(len(GENERIC_PROJECTS))]
            village = villages[self.rng.randrange(len(villages))]
            wan = self.rng.randint(lo, hi)
            hh = self.rng.randint(10, 90) if cat not in ("卫生", "教育") else 0
            people = hh * self.rng.randint(3, 5)
            poor = hh * self.rng.randint(20, 50) // 100
            benefit = (hh, people, poor, poor * self.rng.randint(3, 4) if poor else 0)
            self.project(code, name, pattern.format(v=village), village, year, level, cat, wan, sources, benefit,
                         {"supporting_party": party})

    def project(self, tcode, tname, pname, village, year, level, cat, wan, sources, benefit, extra) -> None:
        rng, today = self.rng, self.today
        key = (tcode, year)
        self.n[key] = self.n.get(key, 0) + 1
        amount = wan * 1_000_000
        current = year == today.year
        progress = 100 if year < 2021 or rng.random() < 0.75 else rng.choice([30, 60, 80, 90])
        if current:
            progress = rng.choice([40, 70, 85, 100, 100])
        if extra.get("overdue_50"):
            progress = 35
        stage = ("operating" if progress == 100 and year < 2021 else "completed" if progress == 100 else "construction")
        if rng.random() < 0.08 and "seed" not in extra:
            stage, progress = "preparation", 0
        start = date(year, 5, rng.randint(1, 20))
        p = Project(code=f"{year}-{tcode[6:9]}-{self.n[key]:03d}", name=pname, year=year, level=level,
                    funding_sources=list(sources), category=cat, township_code=tcode, township_name=tname,
                    village=village, implementing_unit=f"{tname}人民政府", responsible_person=_person(rng),
                    responsible_phone=f"139{rng.randint(10000000, 99999999)}",
                    supporting_party=extra.get("supporting_party"), operating_entity=extra.get("operating_entity")
                    or (f"{village}股份经济合作社" if cat in ("产业", "乡村旅游") else None),
                    planned_investment_fen=amount, stage=stage, start_date=start if progress else None,
                    planned_completion_date=date(year, 10, 30),
                    actual_completion_date=date(year, 10, rng.randint(10, 30)) if progress == 100 else None,
                    acceptance_date=date(year, 12, rng.randint(1, 28)) if stage == "operating" else None,
                    works_progress_pct=progress, expected_benefit=extra.get("expected_benefit"),
                    benefit_mechanism=extra.get("benefit_mechanism") or (rng.choice(MECHANISMS) if benefit[0] else None),
                    beneficiary_households=benefit[0], beneficiary_people=benefit[1], poor_households=benefit[2],
                    poor_people=benefit[3], joint_account=rng.random() < 0.8, assets_registered=stage == "operating",
                    checklist_standard_key=standards.DEFAULT_STANDARD)
        self._risk(p, extra)
        if p.risk_level == "green":
            progress = self._in_order(p, progress)
        self.s.add(p)
        self.s.flush()
        self.counts["项目"] += 1
        self._assessment(p)
        self._money(p, sources, progress)
        self._milestones(p, progress, extra)
        self._documents(p, extra)
        seed = "seed" in extra
        if benefit[2] and (seed or rng.random() < 0.3):
            self._households(p, benefit, seed)
        if rng.random() < 0.35 or seed:
            self._inspection(p)

    def _risk(self, p: Project, extra) -> None:
        r = self.rng.random()
        if extra.get("overdue_50") or (p.category == "产业" and r < 0.12):
            p.risk_level, p.built_not_finished = "red", True
            p.disposition = "upgrade"
        elif p.category in ("产业", "乡村旅游") and r < 0.35:
            p.risk_level = "yellow"
            p.joint_account = False
            p.disposition = "consolidate"
        elif p.category in ("产业", "乡村旅游"):
            p.risk_level = "green"

    def _in_order(self, p: Project, progress: int) -> int:
        """A project graded green is kept in order (finished on time in an earlier year, account, acceptance,
        assets), so the rules find nothing either; returns its works progress."""
        p.joint_account = True
        if p.planned_completion_date < self.today and progress < 100:
            progress, p.stage, p.works_progress_pct = 100, "completed", 100
            p.start_date, p.actual_completion_date = p.start_date or date(p.year, 5, 10), date(p.year, 10, 20)
        if p.stage == "completed" and p.actual_completion_date:
            p.acceptance_date = p.actual_completion_date + timedelta(days=30)
            p.stage = "operating" if p.acceptance_date < self.today else "completed"
        if p.stage in ("accepted", "operating"):
            p.assets_registered = True
        return progress

    def _assessment(self, p: Project) -> None:
        if p.risk_level:
            self.s.add(RiskAssessment(project_id=p.id, level=p.risk_level, proposed_level=p.risk_level,
                                      reasons=_reasons(p), supervision_level=_supervision(p.planned_investment_fen),
                                      disposition=p.disposition, assessed_by="县工作专班",
                                      assessed_at=datetime(p.year, 9, 15, 10, 0)))

    def _money(self, p: Project, sources, progress) -> None:
        total = p.planned_investment_fen
        split = [total] if len(sources) == 1 else [total * 8 // 10, total - total * 8 // 10]
        for src, amt in zip(sources, split):
            self.s.add(FundAllocation(project_id=p.id, source=src, amount_fen=amt, allocated_on=date(p.year, 3, 20),
                                      document_no=f"香沪滇办〔{p.year}〕{self.rng.randint(3, 40)}号"))
        paid = total * progress // 100
        if not paid:
            return
        parts = [paid // 2, paid * 3 // 10, paid - paid // 2 - paid * 3 // 10] if paid > 100_000 else [paid]
        for i, amt in enumerate(parts):
            when = date(p.year, 5 + i * 2, 15)
            self.s.add(Disbursement(project_id=p.id, paid_on=when, amount_fen=amt, source=sources[0],
                                    voucher_no=f"BF{p.year}{self.rng.randint(1000, 9999)}"))
            spent = amt * self.rng.choice([7, 8, 9, 10]) // 10
            self.s.add(Expenditure(project_id=p.id, spent_on=when + timedelta(days=20), amount_fen=spent,
                                   payee=f"{p.village}施工队", purpose="工程款"))
            self.counts["拨付"] += 1
        self.s.add(ProgressReport(project_id=p.id, report_date=date(p.year, 6, 29), period="half-monthly",
                                  works_pct=min(progress, 50), disbursed_fen=parts[0], spent_fen=parts[0] * 8 // 10,
                                  summary="按倒排工期推进"))

    def _milestones(self, p: Project, progress, extra) -> None:
        for i, (name, (m, d), works, money) in enumerate(MILESTONES):
            planned = date(p.year, m, d)
            reached = progress >= max(works, 1) and not (extra.get("overdue_50") and works >= 50)
            actual = planned - timedelta(days=self.rng.randint(-12, 6)) if reached and planned <= self.today else None
            self.s.add(Milestone(project_id=p.id, name=name, planned_date=planned, actual_date=actual,
                                 planned_works_pct=works, planned_money_pct=money, sort_order=i))

    def _documents(self, p: Project, extra) -> None:
        missing = set(extra.get("missing", []))
        stage_rank = ["reserve", "preparation", "construction", "completed", "accepted", "operating"].index(p.stage)
        for item in self.items:
            if not standards.applies(item.condition, p):
                state, reason = "not_applicable", "不符合该项条件"
            elif item.key in missing:
                state, reason = "missing", None
            else:
                needed_by = standards.STAGE_ORDER.index(item.stage)
                due = needed_by <= 1 or stage_rank >= 2 and needed_by <= 5 or stage_rank >= 4
                r = 0.0 if p.risk_level == "green" else self.rng.random()
                state = ("collected" if due and r < 0.85 else "needs_fix" if due and r < 0.92 else "missing")
                reason = "缺少签字盖章，需补正" if state == "needs_fix" else None
            got = state == "collected"
            self.s.add(item_state.new_document(
                p.id, item.key, True, state=state, reason=reason, received_on=date(p.year, 6, 1) if got else None,
                pages=self.rng.randint(1, 30) if got else None,
                location=f"{p.year}-档案盒{self.rng.randint(1, 20):02d}" if got else None))

    def _households(self, p: Project, benefit, seed: bool) -> None:
        total = benefit[0] if seed else min(benefit[0], 12)
        poor = benefit[2] if seed else min(benefit[2], total)
        for i in range(total):
            status = "registered_poor" if i < poor else "ordinary"
            h = Household(township_code=p.township_code, village=p.village, head_name=_person(self.rng),
                          id_number=_id_number(self.rng), phone=f"138{self.rng.randint(10000000, 99999999)}",
                          members=self.rng.randint(2, 6), poor_status=status)
            self.s.add(h)
            self.s.flush()
            self.s.add(BenefitLink(project_id=p.id, household_id=h.id, mechanism=self.rng.choice(MECHANISMS),
                                   annual_income_fen=self.rng.randint(800, 5000) * 100, year=p.year))
            self.counts["受益户"] += 1

    def _inspection(self, p: Project) -> None:
        kind = self.rng.choice(["inspection", "visit", "audit"])
        ins = Inspection(project_id=p.id, kind=kind, phase="during" if kind == "audit" else None,
                         inspected_on=date(p.year, 7, self.rng.randint(1, 28)),
                         organisation={"audit": "第三方审计公司", "visit": "州扶贫办", "inspection": "市沪滇办"}[kind],
                         findings="资料缺失：实施方案批复未归档；倒排工期表未更新")
        self.s.add(ins)
        self.s.flush()
        done = self.rng.random() < 0.6
        self.s.add(Rectification(project_id=p.id, inspection_id=ins.id, issue="实施方案批复未归档",
                                 measure="补齐批复文件并归档", deadline=ins.inspected_on + timedelta(days=30),
                                 responsible=p.responsible_person, status="done" if done else "open",
                                 completed_on=ins.inspected_on + timedelta(days=20) if done else None))
        self.counts["督查"] += 1

    def notice_for(self, town) -> None:
        friday = self.today + timedelta(days=(4 - self.today.weekday()) % 7 or 7)
        red = self.s.scalars(select(Project.id).where(Project.township_code == town[0], Project.risk_level == "red")).all()
        self.s.add(Notice(number=7, year=self.today.year, title="关于加快红色风险项目整改的督办单", township_code=town[0],
                          issued_on=self.today - timedelta(days=3), deadline=friday,
                          content="请于期限内报送整改情况及佐证材料。", project_ids=list(red)))


def _person(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _id_number(rng) -> str:
    body = f"533421{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
    return body + check


def _reasons(p: Project) -> list[str]:
    if p.risk_level == "red":
        return ["建而不成：未按节点完成建设"]
    if p.risk_level == "yellow":
        return ["未设立共管账户"]
    return ["运营正常" if p.stage == "operating" else "未发现风险"]


def _supervision(fen: int) -> str:
    return "州级" if fen >= 10_000_000 * 100 else "县级专班"
