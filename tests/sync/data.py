"""Helpers that make real records (through the ORM, so the tracker logs them) and compare copies."""
from __future__ import annotations

import os
from datetime import date

from sqlalchemy import select

from db.base import BOOKKEEPING_COLUMNS
from db.models import SYNCED_MODELS, Attachment, Disbursement, Household, Milestone, Project, RiskAssessment
from desktop.core.attachments_store import AttachmentStore


def add_project(app, name="联合村乡村旅游", code=None, with_children=True, attachment_bytes: bytes | None = None) -> str:
    """A township project with a milestone, a disbursement, a household and optionally an attachment."""
    with app.tx() as s:
        n = len(s.scalars(select(Project.id)).all())
        p = Project(code=code or f"2020-{app.node.region_code[6:9]}-{n + 1:03d}", name=name, year=2020, level="市级",
                    funding_sources=["沪滇协作资金"], township_code=app.node.region_code, township_name=app.node.name,
                    village="联合村", planned_investment_fen=1_690_000_000, start_date=date(2020, 3, 1))
        s.add(p)
        s.flush()
        if with_children:
            s.add(Milestone(project_id=p.id, name="完成50%建设量和资金拨付", planned_date=date(2020, 6, 30),
                            planned_works_pct=50, planned_money_pct=50))
            s.add(Disbursement(project_id=p.id, paid_on=date(2020, 5, 12), amount_fen=300_000_000, voucher_no="拨-001"))
            s.add(Household(township_code=app.node.region_code, village="联合村", head_name="和建华",
                            id_number="533421198001011234", phone="13988700000", members=4, poor_status="registered_poor"))
        if attachment_bytes is not None:
            sha = AttachmentStore(app.layout).put_bytes(attachment_bytes)
            s.add(Attachment(project_id=p.id, sha256=sha, filename="环评批复.pdf", size=len(attachment_bytes),
                             mime="application/pdf"))
        return p.id


def set_fields(app, model, record_id, **values) -> None:
    with app.tx() as s:
        obj = s.get(model, record_id)
        for k, v in values.items():
            setattr(obj, k, v)


def grade(app, project_id, level="red") -> str:
    """The county grades a project: a RiskAssessment and the project's risk_level."""
    with app.tx() as s:
        ra = RiskAssessment(project_id=project_id, level=level, reasons=["建而不成"], assessed_by="县工作专班")
        s.add(ra)
        s.get(Project, project_id).risk_level = level
        s.flush()
        return ra.id


def snapshot(app, township_code: str | None = None) -> dict:
    """Every synced record's user fields (optionally only one township's), for comparing copies."""
    out = {}
    with app.read() as s:
        for table, model in SYNCED_MODELS.items():
            for obj in s.scalars(select(model)):
                code = _code(s, obj)
                if township_code and code not in (township_code, None):
                    continue
                out[(table, obj.id)] = {c.key: getattr(obj, c.key) for c in model.__table__.columns
                                        if c.key not in BOOKKEEPING_COLUMNS}
    return out


def _code(s, obj):
    if isinstance(obj, Project):
        return obj.township_code
    code = getattr(obj, "township_code", None) or getattr(obj, "scope_code", None)
    if code is None and getattr(obj, "project_id", None):
        code = s.get(Project, obj.project_id).township_code
    return code


def random_bytes(n: int) -> bytes:
    return os.urandom(n)
