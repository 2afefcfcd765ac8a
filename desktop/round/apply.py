"""Saving a round: every changed project in one transaction, as the records they are — a progress
report, a payment and a spending entry dated the report date — and undoing that save.

The receipt of a save lists what it created and which fields it changed (old → new), so the undo is
exact and refuses to touch anything someone changed after the save. Rows that are refused are not
written; with strict=True (the grid's Save) one refused row writes nothing at all.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.base import new_uuid
from db.models import Disbursement, Expenditure, Milestone, ProgressReport, Project
from desktop.core.errors import UserError
from desktop.round.active import ROUND_TAG, figures
from desktop.round.dates import date_label, period_of
from desktop.round.rules import Entry, Verdict, judge

MODELS = {m.__tablename__: m for m in (Disbursement, Expenditure, Milestone, ProgressReport, Project)}
FIELDS = {"deleted", "amount_fen", "works_pct", "disbursed_fen", "spent_fen", "summary", "works_progress_pct",
          "actual_date"}  # all a save ever changes: a receipt naming anything else is not one of ours


def _township_only(app) -> str:
    if app.node is None:
        raise UserError("数据文件夹尚未初始化，请先完成首次设置。")
    if app.node.is_county:
        raise UserError("半月调度由乡镇填报；县级办公室在“半月填报”页查看各乡镇是否已报送，并生成全县半月调度表。")
    return app.node.region_code


def _projects(s, codes: list[str], township: str) -> dict[str, Project]:
    rows = s.scalars(select(Project).where(Project.code.in_(codes), Project.deleted.is_(False)))
    return {p.code: p for p in rows if p.township_code == township}


class _Writer:
    """Writes one project's verdict and remembers what it did, for the receipt."""

    def __init__(self, s, when: date):
        self.s, self.when = s, when
        self.created: list[list] = []  # [table, id]; lists, so a receipt read back from its file compares equal
        self.changed: list[list] = []  # [table, id, field, old, new]

    def _set(self, rec, field: str, value) -> None:
        old = getattr(rec, field)
        if old != value:
            setattr(rec, field, value)
            self.changed.append([rec.__tablename__, rec.id, field, _plain(old), _plain(value)])

    def _add(self, rec) -> None:
        rec.id = new_uuid()  # known now: no flush per record, so the whole save is one change set
        self.s.add(rec)
        self.created.append([rec.__tablename__, rec.id])

    def money(self, model, date_col: str, tag_col: str, p: Project, diff: int) -> None:
        if diff > 0:
            self._add(model(project_id=p.id, amount_fen=diff, **{date_col: self.when, tag_col: ROUND_TAG}))
            return
        q = (select(model).where(model.project_id == p.id, model.deleted.is_(False),
                                 getattr(model, date_col) == self.when, getattr(model, tag_col) == ROUND_TAG)
             .order_by(model.created_at.desc()))
        for rec in self.s.scalars(q):  # take back from this round's own entries, newest first
            if diff == 0:
                break
            take = min(rec.amount_fen, -diff)
            if take == rec.amount_fen:
                self._set(rec, "deleted", True)
            else:
                self._set(rec, "amount_fen", rec.amount_fen - take)
            diff += take

    def project(self, p: Project, fig: dict, v: Verdict) -> None:
        self.money(Disbursement, "paid_on", "note", p, v.paid_diff)
        self.money(Expenditure, "spent_on", "purpose", p, v.spent_diff)
        own = self.s.scalars(select(ProgressReport).where(
            ProgressReport.project_id == p.id, ProgressReport.deleted.is_(False),
            ProgressReport.report_date == self.when, ProgressReport.period == "half-monthly")).first()
        if own is None:
            own = ProgressReport(project_id=p.id, report_date=self.when, period="half-monthly", works_pct=v.works,
                                 disbursed_fen=v.paid_total, spent_fen=v.spent_total, summary=v.note or None)
            self._add(own)
        else:
            self._set(own, "works_pct", v.works)
            self._set(own, "disbursed_fen", v.paid_total)
            self._set(own, "spent_fen", v.spent_total)
            if v.note is not None:
                self._set(own, "summary", v.note or None)
        later = self.s.scalar(select(ProgressReport.id).where(
            ProgressReport.project_id == p.id, ProgressReport.deleted.is_(False),
            ProgressReport.report_date > self.when).limit(1))
        if later is None:  # a late round for an older date does not turn today's figure back
            self._set(p, "works_progress_pct", v.works)
        if v.milestone and fig.get("next_milestone_id"):
            self._set(self.s.get(Milestone, fig["next_milestone_id"]), "actual_date", self.when)


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def apply_round(app, when: date, entries: list[Entry], *, dry_run: bool = False, strict: bool = False,
                today: date | None = None) -> dict:
    """Judge every entry, write the changed ones in one transaction; a per-row result and the receipt."""
    township = _township_only(app)
    prev, when = period_of(when)
    if when > (today or date.today()):
        raise UserError(f"报送日 {when.isoformat()} 还没到，不能提前登记这一期的拨付和支出。")
    rows, seen = [], set()
    with app.tx() as s:
        projects = _projects(s, [e.code for e in entries], township)
        active = {f["code"]: f for f in figures(s, [p for p in projects.values()], when)}
        from desktop.round.active import active_projects
        active_codes = {p.code for p in active_projects(s, when, township)}
        writer = _Writer(s, when)
        s.autoflush = False  # one flush at commit: one change set, not one per record (60 projects: 4 s → well under 1 s)
        for e in entries:
            fig = active.get(e.code)
            row = {"row": e.row, "code": e.code, "name": fig["name"] if fig else "", "status": "", "reason": ""}
            if e.code in seen:
                row.update(status="refused", reason=f"项目编号 {e.code} 在表中出现了不止一次，只认第一行。")
            elif fig is None or e.code not in active_codes:
                row.update(status="refused", reason=f"项目编号 {e.code} 不是本乡镇在{date_label(when)}的在办项目"
                           "（编号写错、项目已验收销账，或属于其他乡镇）。")
            else:
                v = judge(fig, e)
                row.update(status="applied" if v.status == "changed" else v.status, reason=v.reason)
                if v.status == "changed":
                    row.update(works=v.works, paid_diff=v.paid_diff, spent_diff=v.spent_diff)
                    writer.project(projects[e.code], fig, v)
            seen.add(e.code)
            rows.append(row)
        refused = [r for r in rows if r["status"] == "refused"]
        if strict and refused:
            raise UserError("以下项目未通过检查，本次没有保存任何数据：\n" + "\n".join(
                f"{r['code']} {r['name']}：{r['reason']}" for r in refused))
        if dry_run:
            s.rollback()
    result = {"date": when.isoformat(), "period_start": prev.isoformat(), "dry_run": dry_run, "rows": rows,
              "applied": sum(r["status"] == "applied" for r in rows),
              "unchanged": sum(r["status"] == "unchanged" for r in rows), "refused": len(refused)}
    result["receipt"] = None if dry_run or not result["applied"] else {
        "date": when.isoformat(), "created": writer.created, "changed": writer.changed}
    if result["receipt"]:
        _remember(app, result["receipt"])
    return result


def _receipt_file(app):
    return app.layout.root / "round-last-save.json"


def _remember(app, receipt: dict) -> None:
    """Keep the last save's receipt in the data folder, so it can still be undone after a restart."""
    import json

    from desktop.core.fileio import atomic_write_bytes

    try:
        atomic_write_bytes(_receipt_file(app), json.dumps(receipt, ensure_ascii=False).encode("utf-8"))
    except OSError:  # the save itself is done; only its undo after a restart is lost
        pass


def last_receipt(app) -> dict | None:
    """The receipt of the last round saved in this data folder, or None (none, undone, or unreadable)."""
    import json

    try:
        data = json.loads(_receipt_file(app).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and {"date", "created", "changed"} <= set(data) else None
    except (OSError, ValueError):
        return None


def undo_round(app, receipt: dict | None = None) -> dict:
    """Take back one save (by default the last one) exactly, as a new change; refused if changed since."""
    receipt = receipt or last_receipt(app)
    if not receipt:
        raise UserError("没有可以撤销的半月调度保存。")
    if any(table not in MODELS for table, *_ in receipt["changed"] + receipt["created"]) or \
            any(field not in FIELDS for _, _, field, *_ in receipt["changed"]):
        raise UserError("撤销记录无法识别，未做任何更改。")
    with app.tx() as s:
        s.autoflush = False
        for table, rid, field, old, new in reversed(receipt["changed"]):
            rec = s.get(MODELS[table], rid)
            if rec is None or _plain(getattr(rec, field)) != new:
                raise UserError("保存之后这些数据又被修改过（在项目页或导入的同步包中），不能整体撤销；"
                                "请到相关项目中逐项修改。")
            setattr(rec, field, date.fromisoformat(old) if field.endswith("_date") and old else old)
        for table, rid in receipt["created"]:
            rec = s.get(MODELS[table], rid)
            if rec is None or rec.deleted:
                raise UserError("保存之后这些记录已被删除或修改，不能整体撤销；请到相关项目中逐项修改。")
            rec.deleted = True
    if receipt == last_receipt(app):
        _receipt_file(app).unlink(missing_ok=True)
    return {"date": receipt["date"], "removed": len(receipt["created"]), "restored": len(receipt["changed"])}
