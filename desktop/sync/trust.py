"""The import's trust step, between verify() and apply: bounded claims, then the owner rules.

Why a separate step: verify() proves who sent a package and that it is well formed; this step
decides whether that sender may say what it says — its claims about our changes (`seen`, `ack`)
are capped at what we actually sent it, its own counters must agree with the change sets it
carries, and every change set must lie within its rights (desktop/sync/ownership.py). It reads
the database only; a refusal leaves nothing written (no backup, no log, no file).
"""
from __future__ import annotations

from sqlalchemy import select

from desktop.core.errors import UserError
from desktop.sync import ownership
from desktop.sync.conflicts import TABLE_LABELS

SHOWN = 5  # refused records named in the message


def most_sent(session, peer_id: str) -> int:
    """The highest of our change numbers we ever put in a package for this peer."""
    from desktop.sync import bookkeeping

    return bookkeeping.most_sent(session.connection(), peer_id)  # Core: exports write it, no ORM state involved


def judge(app, v, session=None) -> dict:
    """Cap the sender's claims, check its counters and rights; raises UserError to refuse the package.
    Reads in `session` when the import has one open for its other reads, else in a read of its own."""
    if session is None:
        with app.read() as s:
            sent, reduced, verdict = _claims_and_rights(s, v)
    else:
        sent, reduced, verdict = _claims_and_rights(session, v)
    check_templates(app, v)
    m = v.manifest
    v.dropped = sorted({(t, r, f) for t, r, f, _ in verdict.dropped})
    v.most_sent = sent  # the import caps `ack` with it too: read once (a later export only raises it)
    v.trust = {"claims_reduced": reduced, "ack_reduced": int(m["ack"]) > sent,
               "fields_not_taken": [{"table": t, "record_id": r, "field": f, "rule": rule}
                                    for t, r, f, rule in verdict.dropped[:200]],
               "shipped_not_taken": verdict.shipped}
    return v.trust


def _claims_and_rights(s, v) -> tuple:
    m, sender = v.manifest, v.sender
    sent = most_sent(s, sender.id)
    reduced = 0
    for cs in v.change_sets:
        if (cs.get("seen") or 0) > sent:
            cs["seen"] = sent  # it cannot have seen what we never sent: conflicts stay visible
            reduced += 1
    if sender.role == "township" and v.change_sets and m["upto_seq"] > v.change_sets[-1]["seq"]:
        raise UserError(f"同步包 {v.label}（来自 {sender.name}）声明的更改范围（到第 {m['upto_seq']} 号）"
                        f"超出包内实际的更改（到第 {v.change_sets[-1]['seq']} 号），已拒绝，未导入任何数据。"
                        "请联系该乡镇核实其 TownDesk 是否被改动，并让对方用正式版本重新导出。")
    verdict = ownership.check(s, sender, v.change_sets)
    if verdict.refused:
        raise UserError(_refusal(s, v, verdict))
    return sent, reduced, verdict


def _refusal(s, v, verdict) -> str:
    rows = [f"{TABLE_LABELS.get(t, t)} {_describe(s, t, r)}（规则：{rule}）" for t, r, rule in verdict.refused[:SHOWN]]
    more = f"等共 {len(verdict.refused)} 条" if len(verdict.refused) > SHOWN else ""
    return (f"同步包 {v.label} 来自 {v.sender.name}（{v.sender.region_code}），其中有写入不属于该乡镇的记录："
            f"{'；'.join(rows)}{more}。整个包已拒绝，未导入任何数据。"
            f"正式版本的 TownDesk 不会生成这样的包：请联系 {v.sender.name} 核实其电脑上的程序是否被改动。")


def _describe(s, table: str, record_id: str) -> str:
    """A record as people know it (project code and name) when the county holds it, else its id."""
    from db.models import SYNCED_MODELS, Project

    model = SYNCED_MODELS[table]
    obj = s.get(model, record_id)
    project = obj if isinstance(obj, Project) else (
        s.get(Project, obj.project_id) if obj is not None and getattr(obj, "project_id", None) else None)
    if project is not None:
        return f"{record_id[:8]}（项目 {project.code} {project.name}）"
    return record_id


def check_templates(app, v) -> None:
    """A template arriving by package passes the same checks as one a clerk adds by hand."""
    if not any(cs["table"] == "template" for cs in v.change_sets):
        return  # the checker's imports (docx, XML) cost more than most imports: load them only when needed
    from desktop.core.attachments_store import AttachmentStore
    from desktop.templates.checker import check_parts
    from desktop.templates.docxsafe import MAX_BYTES, check_bytes

    store, in_package = AttachmentStore(app.layout), set(v.files)
    for cs in v.change_sets:
        sha = cs["fields"].get("sha256")
        if cs["table"] != "template" or cs.get("_shipped") or not sha:
            continue
        name = cs["fields"].get("name") or cs["id"]
        where = f"同步包 {v.label} 中的模板“{name}”"
        if sha in in_package:
            if v.zip.getinfo(f"files/{sha}").file_size > MAX_BYTES:
                raise UserError(f"{where}超过模板上限 {MAX_BYTES >> 20} MB，整个包已拒绝，未导入任何数据。")
            data = v.zip.read(f"files/{sha}")
        elif store.has(sha):
            data = store.path_for(sha).read_bytes()
        else:
            continue  # the file is not here yet: a template without its file is never rendered
        try:
            result = check_parts(check_bytes(data, f"模板“{name}”"))
        except UserError as e:
            raise UserError(f"{where}无法使用（{e.message}）整个包已拒绝，未导入任何数据。请让发送方修正模板后重新导出。") from None
        if not result.ok:
            raise UserError(f"{where}未通过模板检查：{'；'.join(result.errors[:3])}。整个包已拒绝，未导入任何数据。"
                            "请让发送方修正模板后重新导出。")


REASSERT_CORE = True  # tests turn it off to hold the Core path to the ORM one


def reassert(session, v) -> None:
    """Log the county's own value of each field it did not take, so the decision travels back and the
    township's copy agrees again (the same mechanism as a settled conflict)."""
    from db import tracking
    from db.models import SYNCED_MODELS

    dropped = list(getattr(v, "dropped", ()))
    if not dropped:
        return
    if REASSERT_CORE and all(t == "project" for t, _, _ in dropped):
        _reassert_projects(session, dropped)
        return
    held = {}  # the records in one query per table (kept referenced: the session holds them weakly)
    for table in {t for t, _, _ in dropped}:
        model, ids = SYNCED_MODELS[table], sorted({r for t, r, _ in dropped if t == table})
        for i in range(0, len(ids), 500):
            held.update(((table, o.id), o) for o in session.scalars(select(model).where(model.id.in_(ids[i:i + 500]))))
    pairs = [(held[(t, r)], f) for t, r, f in dropped if (t, r) in held]
    tracking.log_decisions(session, pairs)  # one change number for all of them, not one each


def _reassert_projects(session, dropped: list) -> None:
    """The rows `tracking.log_decisions` writes for projects, from one Core read of the fields instead of
    loading each project as an ORM object: a county's project has no personal field, and its scope is its
    own township code (tracking._scope)."""
    from db import bulk, tracking
    from db.models import Project

    session.flush()  # what log_decisions does first: the values read are the ones the import left
    fields = sorted({f for _, _, f in dropped})
    table = Project.__table__
    got = {r[0]: r for r in bulk.rows_by_ids(session.connection(), table,
                                             [table.c.township_code, *(table.c[f] for f in fields)],
                                             [r for _, r, _ in dropped])}
    at = {f: i + 2 for i, f in enumerate(fields)}
    rows = []
    for _, record_id, field in dropped:
        row = got.get(record_id)
        if row is None:
            continue
        value = tracking.to_json_value(row[at[field]])
        rows.append({"table_name": "project", "record_id": record_id, "project_id": record_id,
                     "scope_code": row[1], "op": "update", "field": field, "old_value": value, "new_value": value})
    if rows:
        tracking.write_decided(session, rows)


def report_text(v) -> str:
    """What the import report adds about fields and records that were not taken."""
    t = getattr(v, "trust", None) or {}
    parts = []
    if t.get("fields_not_taken"):
        parts.append(f"{len(t['fields_not_taken'])} 处风险等级/处置方式由县级确定，未采用乡镇的值")
    if t.get("claims_reduced"):
        parts.append(f"{t['claims_reduced']} 条更改声称已看到县级尚未发出的更改，已按实际发出的处理")
    if t.get("shipped_not_taken"):
        parts.append(f"{t['shipped_not_taken']} 条是县级下发的资料清单标准或模板在乡镇的副本，以县级的为准，未采用")
    return ("（" + "；".join(parts) + "。）") if parts else ""
