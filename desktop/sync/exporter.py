"""Export: everything the peer has not acknowledged (or everything, with full), as one signed,
encrypted `.tdpkg` (or numbered parts), written under a temporary name and renamed at the end.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from db.base import new_uuid, utcnow
from db.models import AttachmentTransfer, Node, PackageLog, PeerState
from desktop import __version__
from desktop.core.attachments_store import AttachmentStore
from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write
from desktop.sync import archive, chain, container
from desktop.sync.changes import SeenIndex, change_sets
from desktop.sync.errors import Cancelled
from desktop.sync.importer import crash_point, load_keys
from desktop.sync.peers import resolve_peer
from desktop.sync.verify import clean_stale_temps, revisions, temp_path

log = logging.getLogger("towndesk.sync")


def default_name(app, peer: Node, seq: int) -> str:
    return f"{app.node.region_code}-to-{peer.region_code}-{seq:04d}-{datetime.now():%Y%m%d-%H%M}.tdpkg"


def export_package(app, dest=None, *, peer: str | None = None, full: bool = False, split_mb: int | None = None,
                   progress=None, cancel=None) -> dict:
    """Write a package for `peer`. `progress(done, total)` is called as work proceeds; `cancel()` → stop."""
    if split_mb is not None and split_mb < 1:
        raise UserError("分卷大小至少为 1 MB。", cli_hint="--split-mb 1")
    keys = load_keys(app)
    clean_stale_temps(app)
    whole_tmp = temp_path(app, "whole")
    try:
        with app.tx(right="edit") as s:
            return _export(app, s, keys, dest, peer, full, split_mb, progress, cancel, whole_tmp)
    except OSError as e:  # a pulled USB stick, a full disk, no permission: nothing was recorded as sent
        raise UserError(f"无法写入同步包 {dest or app.layout.exports}：{e.strerror or e}。"
                        "请检查U盘是否插好、是否有写入权限、空间是否足够，然后重新导出（未记录为已发出）。") from None
    finally:
        whole_tmp.unlink(missing_ok=True)


def _export(app, s, keys, dest, peer_arg, full, split_mb, progress, cancel, whole_tmp) -> dict:
    peer = resolve_peer(s, app, peer_arg)
    me = s.get(Node, app.node.id)
    state = s.get(PeerState, peer.id) or PeerState(peer_id=peer.id, last_out_package_seq=0, acked_out_seq=0,
                                                   applied_in_seq=0, last_in_package_seq=0, applied_ranges=[])
    s.add(state)
    base, upto = (0 if full else state.acked_out_seq), me.last_seq
    seq, package_id = state.last_out_package_seq + 1, new_uuid()
    dest = Path(dest) if dest else app.layout.exports
    if dest.is_dir():
        dest = dest / default_name(app, peer, seq)
    if dest.suffix.lower() != ".tdpkg":
        dest = dest.with_name(dest.name + ".tdpkg")
    _remove_stale_parts(dest)
    header = {"format": container.FORMAT_VERSION, "schema": revisions()[1], "app_version": __version__,
              "sender": app.node.id, "recipient": peer.id, "package_id": package_id, "package_seq": seq}
    if split_mb:  # the part headers need the count of parts: the envelope goes to a temp file first
        with open(whole_tmp, "wb") as out:
            made = _stream(app, s, keys, me, peer, state, header, base, upto, full, out, progress, cancel)
        written = container.write_parts(whole_tmp, dest, header, split_mb << 20)
    else:  # one pass: zip entries → encryption → the file under its temporary name
        with atomic_write(dest) as out:
            made = _stream(app, s, keys, me, peer, state, header, base, upto, full, out, progress, cancel)
            crash_point("export_written")  # test hook: the whole file is written, not yet renamed
        written = [dest]
    n_sets, counts, files, head, total = made
    state.last_out_package_seq = seq
    _record_transfers(s, peer.id, [sha for sha, _ in files], upto)
    size = sum(p.stat().st_size for p in written)
    s.add(PackageLog(package_id=package_id, direction="out", peer_id=peer.id, package_seq=seq, first_event_seq=base + 1,
                     last_event_seq=upto, status="sent", file_name=str(written[0]),
                     counts={"change_sets": n_sets, "files": len(files), "bytes": size, "chain_rows": head["rows"],
                             "per_table": {t: dict(c) for t, c in counts.items()}}))
    if progress:
        progress(total, total)
    log.info("exported package %s (#%d) to %s: %d change sets, %d files", package_id, seq, peer.name, n_sets, len(files))
    return {"status": "exported", "package_id": package_id, "package_seq": seq, "files": [str(p) for p in written],
            "peer": {"node_id": peer.id, "name": peer.name, "region_code": peer.region_code},
            "base_seq": base, "upto_seq": upto, "ack": state.applied_in_seq, "change_sets": n_sets,
            "attachments": len(files), "bytes": size, "full": bool(full),
            "counts": {t: dict(c) for t, c in sorted(counts.items())}}


def _stream(app, s, keys, me, peer, state, header, base, upto, full, out, progress, cancel):
    """Write the whole envelope into `out` in one pass: each zip entry is hashed as it is written and
    encrypted as it leaves the zip writer; the signed manifest is the last entry."""
    counts, shas = defaultdict(lambda: defaultdict(int)), set()
    check = _canceller(cancel)
    sink = container.EncryptingWriter(out, header, peer.box_public_key)
    writer = archive.InnerZipWriter(sink)
    n_sets = 0

    def lines():
        nonlocal n_sets
        for cs in change_sets(s, app.node.id, peer, base, upto, SeenIndex(s, peer.id)):
            n_sets += 1
            counts[cs.table][cs.op] += 1
            if cs.sha256:
                shas.add(cs.sha256)
            if n_sets % 500 == 0:
                check()
                if progress:
                    progress(n_sets, 0)
            yield cs.line

    writer.write_lines(archive.CHANGES, lines())
    files = _files_to_send(app, s, peer, shas, full)
    total = n_sets + sum(p.stat().st_size for _, p in files) + 1
    done = [n_sets]

    def step(n):
        done[0] += n
        check()
        if progress:
            progress(min(done[0], total), total)

    for sha, path in files:
        writer.add_file(sha, path, progress=step)
    head = chain.head_for_export(s, peer.id)  # signed: the county notices a rewritten history
    manifest = {**header, "sender": _who(me), "recipient": _who(peer), "base_seq": base, "upto_seq": upto,
                "full": bool(full), "ack": state.applied_in_seq, "created_at": utcnow().isoformat(timespec="seconds"),
                "chain_head": head,
                "change_sets": n_sets, "counts": {t: dict(c) for t, c in sorted(counts.items())}}
    writer.finish(manifest, keys.signing)
    sink.close()
    check()
    return n_sets, counts, files, head, total


def _remove_stale_parts(dest: Path) -> None:
    """A killed export leaves `.<name>.<pid>.part` beside the target: remove it when that process is gone."""
    from desktop.sync.verify import _alive

    for p in dest.parent.glob(f".{dest.stem}*.part"):
        try:
            pid = int(p.name.rsplit(".", 2)[-2])
        except (ValueError, IndexError):
            continue
        if not _alive(pid):
            p.unlink(missing_ok=True)


def _who(node: Node) -> dict:
    return {"node_id": node.id, "role": node.role, "region_code": node.region_code, "name": node.name}


def _canceller(cancel):
    def check():
        if cancel is not None and (cancel.is_set() if hasattr(cancel, "is_set") else cancel()):
            raise Cancelled("已取消导出，没有生成同步包，数据未被改动。")
    return check


def _files_to_send(app, s, peer: Node, shas: set, full: bool) -> list[tuple[str, Path]]:
    """Store files referenced by exported records that the peer has not acknowledged (all, with full)."""
    if not shas:
        return []
    acked = set() if full else set(s.scalars(select(AttachmentTransfer.sha256).where(
        AttachmentTransfer.peer_id == peer.id, AttachmentTransfer.acked == 1)))
    store = AttachmentStore(app.layout)
    out = []
    for sha in sorted(shas - acked):
        path = store.path_for(sha)
        if not path.is_file():
            raise UserError(f"附件文件 {sha[:12]}… 在附件库中找不到，无法导出。请运行 towndesk verify 检查，"
                            "从备份恢复或重新添加该附件后再导出。")
        out.append((sha, path))
    return out


def _record_transfers(s, peer_id: str, shas: list[str], upto: int) -> None:
    held = {}  # the peer's rows for these files, one query per 500 (not one get each)
    for i in range(0, len(shas), 500):
        held.update((r.sha256, r) for r in s.scalars(select(AttachmentTransfer).where(
            AttachmentTransfer.peer_id == peer_id, AttachmentTransfer.sha256.in_(shas[i:i + 500]))))
    for sha in shas:
        row = held.get(sha)
        if row is None:
            s.add(AttachmentTransfer(peer_id=peer_id, sha256=sha, sent_in_event_seq=upto, acked=0))
        elif not row.acked:
            row.sent_in_event_seq = upto
