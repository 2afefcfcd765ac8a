"""All inspections, rectifications and supervision notices across projects, for the 督查整改 page."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import Inspection, Notice, Project, Rectification
from desktop.projects.record_specs import AUDIT_PHASES, INSPECTION_KINDS, RECT_STATUSES


def oversight_lists(app, today: date | None = None) -> dict:
    """{"rectifications": [...], "inspections": [...], "notices": [...]}, newest/most urgent first."""
    today = today or date.today()
    live = Project.deleted.is_(False)
    with app.read() as s:
        rects = s.execute(select(Rectification, Project.code, Project.name)
                          .join(Project, Project.id == Rectification.project_id)
                          .where(live, Rectification.deleted.is_(False))
                          .order_by(Rectification.status == "done", Rectification.deadline.is_(None),
                                    Rectification.deadline, Project.code)).all()
        inspections = s.execute(select(Inspection, Project.code, Project.name)
                                .join(Project, Project.id == Inspection.project_id)
                                .where(live, Inspection.deleted.is_(False))
                                .order_by(Inspection.inspected_on.desc(), Project.code)).all()
        nq = select(Notice.number, Notice.year, Notice.title, Notice.issued_on, Notice.deadline, Notice.status,
                    Notice.project_ids, Notice.content).where(Notice.deleted.is_(False))
        if app.node and app.node.role == "township":
            nq = nq.where(Notice.township_code == app.node.region_code)
        notices = s.execute(nq.order_by(Notice.year.desc(), Notice.number.desc())).all()
        ids = {i for n in notices for i in (n.project_ids or [])}
        codes = dict(s.execute(select(Project.id, Project.code).where(Project.id.in_(ids))).all()) if ids else {}
    out_r = []
    for r, code, name in rects:
        late = (today - r.deadline).days if r.deadline and r.status != "done" else None
        out_r.append({"code": code, "project": name, "issue": r.issue, "measure": r.measure or "",
                      "deadline": r.deadline.isoformat() if r.deadline else "", "responsible": r.responsible or "",
                      "status": RECT_STATUSES.get(r.status, r.status), "done": r.status == "done",
                      "overdue_days": late if late and late > 0 else 0,
                      "completed_on": r.completed_on.isoformat() if r.completed_on else ""})
    out_i = [{"code": code, "project": name, "kind": INSPECTION_KINDS.get(i.kind, i.kind),
              "phase": AUDIT_PHASES.get(i.phase or "", ""), "date": i.inspected_on.isoformat(),
              "organisation": i.organisation or "", "findings": i.findings or ""} for i, code, name in inspections]
    out_n = [{"number": n.number, "year": n.year, "title": n.title, "issued_on": n.issued_on.isoformat(),
              "deadline": n.deadline.isoformat(), "status": {"open": "办理中", "closed": "已办结"}.get(n.status, n.status),
              "days_left": (n.deadline - today).days, "codes": [codes[i] for i in (n.project_ids or []) if i in codes],
              "content": n.content or ""} for n in notices]
    return {"rectifications": out_r, "inspections": out_i, "notices": out_n}
