"""Moving projects through the library, in batches (the county approves many at once), all or nothing.

Rules: each state may only follow the states in ALLOWED_FROM; 申报/乡审核/实施 are decided by the
township, 县审定/入库/退回 by the county; 退回 needs a reason. The prescribed tables count only the
states in TABLE_STATES (plus projects never put through the library, kept from before it existed).
"""
from __future__ import annotations

from sqlalchemy import func, select

from db.base import utcnow
from db.locking import lock_for_write
from db.models import LibraryTransition, Project
from desktop.core.errors import UserError
from desktop.library.states import ALLOWED_FROM, ROLE_WORDS, STATE_RIGHT, STATE_ROLE, state_label
from desktop.terms import current_terms

COUNTED = ("listed", "implementing")
TABLE_STATES = {kind: COUNTED for kind in ("progress", "risk", "summary", "schedule", "dispatch", "checklist")}


def step_order(t: LibraryTransition) -> tuple:
    """A decision's place in its project's history: its step number, never a clock.

    Rows from before the counter (seq None) come first, in their old time order; two decisions with the
    same number (the township and the county acting on the same state while apart) fall back to time.
    """
    return (t.seq is not None, t.seq or 0, t.acted_at, t.created_at, t.id)


def states_of(s, project_ids=None) -> dict[str, LibraryTransition]:
    """The latest transition of each project (all projects, or those given)."""
    q = select(LibraryTransition).where(LibraryTransition.deleted.is_(False))
    if project_ids is not None:
        q = q.where(LibraryTransition.project_id.in_(list(project_ids)))
    return _latest(s.scalars(q))


def _latest(transitions) -> dict:
    """project id → its latest of `transitions` (ORM objects or rows with the step_order columns)."""
    latest: dict = {}
    for t in transitions:
        have = latest.get(t.project_id)
        if have is None or step_order(t) > step_order(have):
            latest[t.project_id] = t
    return latest


def next_steps(s, project_ids) -> dict[str, int]:
    """The step number each project's next decision takes (1 for a project never in the library)."""
    rows = s.execute(select(LibraryTransition.project_id, func.max(LibraryTransition.seq), func.count())
                     .where(LibraryTransition.project_id.in_(list(project_ids)))
                     .group_by(LibraryTransition.project_id)).all()
    have = {pid: max(top or 0, n) for pid, top, n in rows}
    return {pid: have.get(pid, 0) + 1 for pid in project_ids}


def not_counted_ids(s, kind: str) -> frozenset:
    """Projects a prescribed table leaves out: in the library but not yet in a state it counts.

    Read as plain rows (the ordering columns and the state), not as ORM objects: every table asks
    this first, at the county over every project's decisions."""
    counted = TABLE_STATES.get(kind)
    if counted is None:
        return frozenset()
    t = LibraryTransition.__table__
    latest = _latest(s.execute(select(t.c.project_id, t.c.state, t.c.seq, t.c.acted_at, t.c.created_at, t.c.id)
                               .where(t.c.deleted.is_(False))))
    return frozenset(pid for pid, row in latest.items() if row.state not in counted)


def _project(s, code: str) -> Project:
    p = s.scalar(select(Project).where(Project.code == str(code).strip(), Project.deleted.is_(False)))
    if p is None:
        raise UserError(f"找不到项目编号“{code}”。")
    return p


def advance(app, codes: list[str], state: str, reason: str | None = None, by: str | None = None) -> list[dict]:
    """Move every project in `codes` to `state` in one transaction; one refusal refuses the batch."""
    terms = current_terms_for(app)
    if state not in STATE_ROLE:
        state = terms.code_for("library_states", state, "项目库状态")
    role = app.node.role if app.node else None
    label = state_label(terms, state)
    if STATE_ROLE[state] != role:
        raise UserError(f"“{label}”由{ROLE_WORDS[STATE_ROLE[state]]}办理，本机是{ROLE_WORDS.get(role, '未初始化的数据文件夹')}，不能办理。")
    if state == "returned" and not (reason or "").strip():
        raise UserError("退回须写明理由，乡镇据此修改后重新申报。", field="退回理由")
    if not codes:
        raise UserError("请至少选择一个项目。")
    out = []
    with app.tx(right=STATE_RIGHT[state]) as s:  # 乡审核/县审定/入库/退回 are decisions: review
        lock_for_write(s)
        projects = [_project(s, c) for c in dict.fromkeys(codes)]
        latest = states_of(s, [p.id for p in projects])
        steps = next_steps(s, [p.id for p in projects])
        now = utcnow()
        for p in projects:
            current = latest.get(p.id)
            before = current.state if current else None
            if before not in ALLOWED_FROM[state]:
                allowed = "、".join(state_label(terms, x) for x in ALLOWED_FROM[state])
                raise UserError(f"项目 {p.code}（{p.name}）当前为“{state_label(terms, before)}”，不能直接{label}；"
                                f"只有“{allowed}”的项目可以{label}。整批未办理。")
            if role == "township" and p.township_code != app.node.region_code:
                raise UserError(f"项目 {p.code} 属于{p.township_name}，本乡镇不能办理。整批未办理。")
            s.add(LibraryTransition(project_id=p.id, state=state, from_state=before, acted_by=by or app.user_name,
                                    acted_at=now, role=role, reason=(reason or "").strip() or None,
                                    seq=steps[p.id]))
            out.append({"code": p.code, "name": p.name, "from": state_label(terms, before), "to": label})
        s.flush()
    return out


def _local(at) -> str:
    """Stored times are UTC; people read local time."""
    from datetime import timezone

    return at.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")


def current_terms_for(app):
    with app.read() as s:
        return current_terms(s)


def library_list(app, state: str | None = None, township: str | None = None, year: int | None = None) -> list[dict]:
    """Every project with its library state (never-declared projects show as 未纳入项目库)."""
    with app.read() as s:
        terms = current_terms(s)
        q = select(Project).where(Project.deleted.is_(False))
        if township:
            q = q.where((Project.township_name == township) | (Project.township_code == township))
        if year:
            q = q.where(Project.year == int(year))
        projects = s.scalars(q.order_by(Project.year.desc(), Project.code)).all()
        latest = states_of(s)
        want = None
        if state:
            want = None if state in ("none", "未纳入项目库") else (
                state if state in STATE_ROLE else terms.code_for("library_states", state, "项目库状态"))
        rows = []
        for p in projects:
            t = latest.get(p.id)
            cur = t.state if t else None
            if state and cur != want:
                continue
            rows.append({"code": p.code, "name": p.name, "year": p.year, "township": p.township_name,
                         "state": cur, "state_label": state_label(terms, cur), "by": t.acted_by if t else None,
                         "at": _local(t.acted_at) if t else None,
                         "reason": t.reason if t else None})
        return rows


def library_history(app, code: str) -> list[dict]:
    with app.read() as s:
        terms = current_terms(s)
        p = _project(s, code)
        rows = sorted(s.scalars(select(LibraryTransition).where(LibraryTransition.project_id == p.id,
                                                                LibraryTransition.deleted.is_(False))),
                      key=step_order)
        return [{"state": t.state, "state_label": state_label(terms, t.state),
                 "from_label": state_label(terms, t.from_state), "by": t.acted_by, "role": t.role,
                 "at": _local(t.acted_at), "reason": t.reason} for t in rows]
