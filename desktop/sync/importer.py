"""Import: verify → preview → backup → apply all-or-nothing in one transaction → record → receipt.

A package already imported changes nothing; an older package applies nothing older than what is
held; a gap (the sender assumes we hold changes we do not) is reported with who must send a full
package, and what the package does carry is still applied.
"""
from __future__ import annotations

import logging
import os
import signal
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from db.base import utcnow
from db.migrate import backup_sqlite
from desktop.core import gcpause
from desktop.core.attachments_store import AttachmentStore
from desktop.sync import keys as keymod
from desktop.sync import bookkeeping, chain, durable, trust
from desktop.sync.apply import Applier
from desktop.sync.verify import Verified, verify

log = logging.getLogger("towndesk.sync")
STAGE_FILES = True  # tests turn it off to hold the staged path to the one that reads files out of the zip
CRASH_ENV = "TOWNDESK_CRASH_AT"  # test hook: kill -9 this process at a named point of the import


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def load_keys(app):
    return keymod.load(app.layout.keys / "node.key")


def import_package(app, path, *, dry_run: bool = False, backup: bool = True, progress=None) -> dict:
    """Import one package file (or the first part of a split package). Returns a plain summary.

    Everything is verified (signature, shapes, limits) before any decision, even "already imported",
    which is decided on the signed package id.
    """
    with gcpause.paused():  # every change set of the package is alive until it is applied (desktop/core/gcpause.py)
        v = verify(app, path, load_keys(app), stage_files=STAGE_FILES and not dry_run, flush_early=True)
        try:
            crash_point("verified")
            return run_verified(app, v, dry_run=dry_run, backup=backup, progress=progress)
        finally:
            v.close()


class PartlyApplied(Exception):
    """A package failed while being applied in a transaction it shares with others (desktop/sync/folder.py):
    the caller must roll that transaction back. Deliberately not a UserError, which would leave it open."""


def run_verified(app, v: Verified, *, dry_run: bool, backup: bool, progress=None, user: str | None = None,
                 session=None) -> dict:
    """Decide on a verified package and apply it. `user`: the account a folder import authorized once for
    all its packages (None: authorized here, by app.tx). `session`: a folder import's open transaction to
    read and apply in, committed by the caller (None: this package's own transaction, committed here)."""
    base = _result(v, dry_run)
    with _reading(app, session) as s:  # one read for "seen before?" and the trust step
        s.flush()  # what the ORM read did first: a package of this group's transaction is logged already
        if bookkeeping.seen_before(s.connection(), v.manifest["package_id"], v.sender.id) is not None:
            return {**base, "status": "already_imported",
                    "message": f"同步包 {v.label} 以前已经导入过（第 {v.manifest['package_seq']} 号），本次未做任何更改。"}
        verdict = trust.judge(app, v, s)
    base["trust"] = verdict
    if dry_run:
        session = app.sessions()
        session.info["user_name"] = app.user_name
        try:
            return {**base, **_apply(app, session, v, real=False, progress=progress)}
        finally:
            session.rollback()
            session.close()
    if backup and app.engine.url.get_backend_name() == "sqlite":
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        base["backup"] = str(backup_sqlite(app.engine, app.layout.backups / f"before-import-{stamp}-{v.manifest['package_id'][:8]}.db"))
        crash_point("backed_up")
    if session is not None:
        try:
            out = _apply(app, session, v, real=True, progress=progress)
        except Exception as e:
            raise PartlyApplied(v.label) from e
        return {**base, **out}
    with app.tx(user, right="edit") as own:
        out = _apply(app, own, v, real=True, progress=progress)
        crash_point("before_commit")
    crash_point("committed")
    log_imported(v.manifest["package_id"], v.sender.name, out)
    return {**base, **out}


def log_imported(package_id: str, sender: str, out: dict) -> None:
    log.info("imported package %s from %s: %s", package_id, sender,
             {k: out.get(k) for k in ("status", "added", "updated", "conflicts")})


@contextmanager
def _reading(app, session):
    """The given open transaction, or a read of its own."""
    if session is not None:
        yield session
        return
    with app.read() as own:
        yield own


def _result(v: Verified, dry_run: bool) -> dict:
    m = v.manifest
    return {"status": None, "file": str(v.path), "package_id": m["package_id"], "package_seq": m["package_seq"],
            "sender": {"node_id": v.sender.id, "name": v.sender.name, "region_code": v.sender.region_code,
                       "role": v.sender.role},
            "created_at": m.get("created_at"), "dry_run": dry_run, "added": 0, "updated": 0, "unchanged": 0,
            "conflicts": 0, "skipped": 0, "per_table": {}, "gap": None, "files": len(v.files)}


def _apply(app, session, v: Verified, *, real: bool, progress) -> dict:
    m, sender = v.manifest, v.sender
    state = bookkeeping.counters(session.connection(), sender.id)
    ranges = [list(r) for r in state.applied_ranges]
    base_seq, upto = int(m["base_seq"]), int(m["upto_seq"])
    gap = base_seq > state.applied_in_seq  # the sender thinks we hold changes we do not
    older = int(m["package_seq"]) < state.last_in_package_seq  # the sender made a newer one we already hold
    applier = Applier(session, app.node.id, sender, m["package_id"], v.label, state.applied_in_seq, ranges,
                      careful=gap or bool(ranges))
    total = len(v.change_sets)
    crash_test = real and os.environ.get(CRASH_ENV, "").startswith("apply:")  # read once, not per change set

    def after(i: int) -> None:
        if crash_test:
            crash_point(f"apply:{i}")
        if progress and (i % 200 == 0 or i == total):
            progress(i, total)

    applier.apply_all(v.change_sets, after)
    trust.reassert(session, v)
    if real and v.files:
        _store_files(app, session, v)
    _advance(state, base_seq, upto, gap, ranges)
    sent = getattr(v, "most_sent", None)  # judged moments ago; an export since then could only raise it
    ack = min(int(m["ack"]), trust.most_sent(session, sender.id) if sent is None else sent)  # never more than we sent
    state.acked_out_seq = max(state.acked_out_seq, ack)
    state.last_in_package_seq = max(state.last_in_package_seq, int(m["package_seq"]))
    state.last_received_at = utcnow()
    bookkeeping.save_counters(session, state)
    bookkeeping.ack_transfers(session, sender.id, ack)
    finding = chain.judge_on_import(session, sender, m)
    summary = applier.summary()
    nothing = not (summary["added"] or summary["updated"] or summary["conflicts"])
    status = "outdated" if older and nothing else "applied"
    gap_info = _gap(sender, state, base_seq) if gap else None
    session.flush()  # the change number is read after the import's last logged change
    local_seq = bookkeeping.local_seq(session.connection(), app.node.id)  # the tracker moves it with Core
    counts = {k: summary[k] for k in ("added", "updated", "unchanged", "conflicts", "skipped")}
    bookkeeping.log_package(session, package_id=m["package_id"], direction="in", peer_id=sender.id,
                            package_seq=int(m["package_seq"]), first_event_seq=base_seq + 1, last_event_seq=upto,
                            status=status, counts={**counts, "per_table": summary["per_table"], "chain": finding},
                            file_name=v.label, local_seq=local_seq, applied_in_after=state.applied_in_seq,
                            message=gap_info["message"] if gap_info else None)
    if real and (summary["per_table"] or {}).get("terms_file"):
        from desktop.terms.words import refresh_in_force

        refresh_in_force(session)  # the county's terms arrived: labels from now on use its words
    message = _message(v, status, counts, gap_info) + trust.report_text(v) + chain.message(sender, finding)
    return {**summary, "status": status, "gap": gap_info, "message": message, "chain": finding}


def _advance(state: bookkeeping.Counters, base_seq: int, upto: int, gap: bool, ranges: list) -> None:
    """Move the contiguous 'applied' mark; after a gap, remember the applied range beyond it."""
    if gap:
        ranges.append([base_seq, upto])
    else:
        state.applied_in_seq = max(state.applied_in_seq, upto)
    ranges.sort()
    merged = []
    for lo, hi in ranges:
        if lo <= state.applied_in_seq:
            state.applied_in_seq = max(state.applied_in_seq, hi)
        else:
            merged.append([lo, hi])
    state.applied_ranges = merged


def _gap(sender, state: bookkeeping.Counters, base_seq: int) -> dict:
    return {"from": state.applied_in_seq + 1, "to": base_seq, "peer": sender.name, "region_code": sender.region_code,
            "message": f"缺少 {sender.name} 的第 {state.applied_in_seq + 1}–{base_seq} 号更改（可能本机数据是从旧备份恢复的）。"
                       f"本包带来的更改已导入；请让 {sender.name} 在“同步”页导出时勾选“完整包”，重新导出一个完整包发来补齐。",
            "cli_hint": "对方在命令行可用 towndesk export --full 导出完整包。"}  # printed by the CLI only


def _store_files(app, session, v: Verified) -> None:
    """Put received attachment contents into the store (before commit; at worst an orphan file).

    Written under temporary names without an fsync each, flushed together, then renamed
    (desktop/sync/durable.py): one flush per import instead of one per file. In a folder import's shared
    transaction (session.info["deferred_files"], desktop/sync/folder.py) the flush and the renames wait
    for the group's commit: one flush per group.
    """
    store = AttachmentStore(app.layout)
    taken = {cs["fields"].get("sha256") for cs in v.change_sets if not cs.get("_shipped")}
    deferred = session.info.get("deferred_files")
    flushed = v.flushed()  # a single import's staged copies were flushed while the records were applied
    written: list[tuple[Path, Path]] = []
    received: list[str] = []
    try:
        for sha in v.files:
            if sha not in taken:  # only a record not taken named it (see sync/ownership.py)
                continue
            target = store.path_for(sha)
            if not store.has(sha) and (deferred is None or target not in deferred):
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = v.staged.get(sha)  # copied while verify hashed it: moved, not read again
                if tmp is None or not tmp.is_file():
                    tmp = target.with_name(f".{sha}.{os.getpid()}.part")
                    with v.zip.open(f"files/{sha}") as src, open(tmp, "wb") as out:
                        for block in iter(lambda: src.read(1 << 20), b""):
                            out.write(block)
                elif deferred is not None:
                    v.temps.remove(tmp)  # the group stores it after this package's files are closed
                written.append((tmp, target))
            received.append(sha)
        bookkeeping.mark_received(session, v.sender.id, received)
        if deferred is not None:
            deferred.update((target, tmp) for tmp, target in written)
            written = []
            return
        store_durably(app, written, flushed, whole_fs=False)  # this package's temp zip is still open
    finally:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)


def store_durably(app, written: list[tuple[Path, Path]], flushed=frozenset(), whole_fs: bool = True) -> None:
    """Flush the temporary files' contents (but those `flushed` already), rename them to their targets,
    flush the names (`whole_fs`: see durable.flush_data)."""
    unflushed = [tmp for tmp, _ in written if tmp not in flushed]
    if unflushed:
        durable.flush_data(app.layout.attachments, unflushed, whole_fs)
    for tmp, target in written:
        os.replace(tmp, target)
    durable.flush_names(app.layout.attachments, [target for _, target in written], whole_fs)


def _message(v: Verified, status: str, c: dict, gap: dict | None) -> str:
    who = f"{v.sender.name} 的第 {v.manifest['package_seq']} 号同步包"
    if status == "outdated":
        text = f"{who}比本机已导入的包旧，没有新的更改需要导入（已记录）。"
    elif not (c["added"] or c["updated"] or c["conflicts"]):
        text = f"{who}：没有新的更改（对方的确认已记录）。"
    else:
        text = (f"{who}：新增 {c['added']} 条，更新 {c['updated']} 条，未变 {c['unchanged']} 条，"
                f"冲突 {c['conflicts']} 处，已导入过而跳过 {c['skipped']} 条。")
        if c["conflicts"]:
            text += "冲突两边的值都已保留，请用 towndesk conflicts list 查看并处理。"
    return text + (gap["message"] if gap else "")
