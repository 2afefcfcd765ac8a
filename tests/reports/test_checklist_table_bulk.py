"""资料目录对照表 from the bulk checklist evaluation equals evaluating each project's checklist one by one."""
from __future__ import annotations

from sqlalchemy import select

from db.models import Project, ProjectDocument
from desktop.checklists.evaluate import completeness, evaluate_items
from desktop.checklists.standards import StandardCatalog
from desktop.reports import build_table


def test_every_line_equals_the_per_project_evaluation(demo_app):
    """Counts and missing names of each project's line equal evaluate_items + completeness for that project."""
    report = build_table(demo_app, "checklist")
    lines = {ln.values["code"]: ln.values for ln in report.lines if ln.kind == "data"}
    with demo_app.read() as s:
        catalog = StandardCatalog(s)
        projects = list(s.scalars(select(Project).where(Project.deleted.is_(False))))
        assert set(lines) == {p.code for p in projects}
        for p in projects:
            std = catalog.for_project(p)
            docs = {d.item_key: d for d in s.scalars(select(ProjectDocument).where(
                ProjectDocument.project_id == p.id, ProjectDocument.deleted.is_(False)))}
            items = evaluate_items(p, std, docs)
            c = completeness(items)["overall"]
            got = lines[p.code]
            assert (got["required"], got["collected"], got["needs_fix"], got["missing"], got["not_applicable"]) == (
                c["required"], c["collected"], c["needs_fix"], c["missing"], c["not_applicable"]), p.code
            want = "；".join(it["name"] + ("（需补正）" if it["state"] == "needs_fix" else "") for it in items
                             if it["required"] and it["state"] in ("missing", "needs_fix"))
            assert got["missing_names"] == want, p.code
