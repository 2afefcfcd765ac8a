"""The rows of the ledger table and the choices of its filters, in one read.

Why not projects.list_projects: the ledger shows thousands of rows, so it selects only the
columns it shows (no ORM objects) and precomputes each row's search key once, off the UI thread.
"""
from __future__ import annotations

from sqlalchemy import String, func, select, type_coerce

from db.models import Disbursement, Expenditure, Project, ProjectDocument
from db.reads import JsonTexts, core_rows
from desktop.projects import char_index
from desktop.projects.fields import RISK_LABELS, STAGE_LABELS
from desktop.projects.search import initials_mask, pair_mask, row_key

COLUMNS = (Project.code, Project.name, Project.year, Project.level,
           type_coerce(Project.funding_sources, String).label("funding_sources"), Project.category,
           Project.township_name, Project.township_code, Project.village, Project.implementing_unit,
           Project.responsible_person, Project.supporting_party, Project.operating_entity, Project.stage,
           Project.planned_investment_fen, Project.works_progress_pct, Project.beneficiary_households,
           Project.beneficiary_people, Project.poor_households, Project.poor_people, Project.risk_level,
           Project.version)


def ledger_rows(app, with_keys: bool = True, progress=None, codes=None, index_totals=None) -> dict:
    """{"rows", "keys": [(text, initials)…], "masks": [initials_mask…], "pairs": [pair_mask…], "choices"}
    for every live project.

    With `codes`, only those projects (a refresh after a save); deleted or renamed ones are absent.
    With `index_totals` (the totalled columns), also "char_index": desktop.projects.char_index.build.
    """
    with app.read() as s:
        ids = None
        if codes is not None:
            ids = select(Project.id).where(Project.code.in_(list(codes)))

        def per_project(q, model):
            return q.where(model.project_id.in_(ids)) if ids is not None else q
        disbursed = dict(s.execute(per_project(select(Disbursement.project_id, func.sum(Disbursement.amount_fen))
                                               .where(Disbursement.deleted.is_(False)), Disbursement)
                                   .group_by(Disbursement.project_id)).all())
        spent = dict(s.execute(per_project(select(Expenditure.project_id, func.sum(Expenditure.amount_fen))
                                           .where(Expenditure.deleted.is_(False)), Expenditure)
                               .group_by(Expenditure.project_id)).all())
        docs_missing = dict(s.execute(per_project(
            select(ProjectDocument.project_id, func.count()).where(
                ProjectDocument.deleted.is_(False), ProjectDocument.state.in_(("missing", "needs_fix"))),
            ProjectDocument).group_by(ProjectDocument.project_id)).all())
        q = select(Project.id, *COLUMNS).where(Project.deleted.is_(False))
        if codes is not None:
            q = q.where(Project.code.in_(list(codes)))
        result = core_rows(s, q.order_by(Project.year.desc(), Project.code))
        names = list(result.keys())
        pooled = [i for i, name in enumerate(names) if name in _REPEATING]
        pool: dict = {}
        funding = JsonTexts()
        rows = []
        for values in result.all():
            values = list(values)
            for i in pooled:  # one object per distinct value: 50,000 rows hold a few hundred villages
                values[i] = pool.setdefault(values[i], values[i])
            r = dict(zip(names, values))
            pid = r["id"]
            r["township"] = r.pop("township_name")
            r["funding_sources"] = funding.get(r["funding_sources"], _joined)
            r["disbursed_fen"] = int(disbursed.get(pid) or 0)
            r["spent_fen"] = int(spent.get(pid) or 0)
            r["docs_missing"] = int(docs_missing.get(pid) or 0)
            r["stage_label"] = STAGE_LABELS.get(r["stage"], r["stage"])
            r["risk_label"] = RISK_LABELS.get(r["risk_level"] or "", "")
            planned = r["planned_investment_fen"]
            r["spending_pct"] = round(100.0 * r["spent_fen"] / planned, 1) if planned else 0.0
            rows.append(r)
    keys, masks, pairs = [], [], []
    if with_keys:
        n = len(rows)
        for i, r in enumerate(rows):
            key = row_key(r)
            keys.append(key)
            masks.append(initials_mask(key[1]))
            pairs.append(pair_mask(key[1]))
            if progress and i % 2000 == 0:
                progress(i, n)
    out = {"rows": rows, "keys": keys, "masks": masks, "pairs": pairs, "choices": _choices(rows)}
    if with_keys and index_totals:
        out["char_index"] = char_index.build([k[0] for k in keys], masks,
                                             {c: [r.get(c) or 0 for r in rows] for c in index_totals})
    return out


# Columns whose values repeat across projects (a township holds a few villages, units, people and
# stages): the ledger keeps one string object per distinct value instead of one per row.
_REPEATING = frozenset(("year", "level", "category", "township_name", "township_code", "village",
                        "implementing_unit", "responsible_person", "supporting_party", "operating_entity",
                        "stage", "risk_level"))


def _joined(sources) -> str:
    return "、".join(sources or [])


def choices_of(rows: list[dict]) -> dict:
    return _choices(rows)


def _choices(rows: list[dict]) -> dict:
    """Distinct values present in the data, for the filter drop-downs."""
    def distinct(key):
        return sorted({r[key] for r in rows if r.get(key)}, key=str)
    sources = sorted({s for r in rows for s in (r["funding_sources"] or "").split("、") if s})
    villages = sorted({(r["township"], r["village"]) for r in rows if r.get("village")})
    return {"years": sorted({r["year"] for r in rows}, reverse=True), "levels": distinct("level"),
            "sources": sources, "townships": distinct("township"), "villages": [list(v) for v in villages],
            "stages": [k for k in STAGE_LABELS if any(r["stage"] == k for r in rows)],
            "categories": distinct("category")}
