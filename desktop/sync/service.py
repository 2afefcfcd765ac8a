"""The sync API the GUI and the command line call. Every function takes `app` and returns plain data.

Long work (export, import) accepts `progress(done, total)`; export also accepts `cancel` (a callable
or a threading.Event). Bad input raises desktop.core.errors.UserError with a Chinese message.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.models import Node, PackageLog, PeerState
from desktop.core.errors import UserError
from desktop.sync import container
from desktop.sync.changes import local_time
from desktop.sync.conflicts import list_conflicts, resolve_conflict  # noqa: F401  (re-exported)
from desktop.sync.exporter import export_package  # noqa: F401
from desktop.sync.folder import import_many
from desktop.sync.importer import import_package
from desktop.sync.peers import add_peer, export_identity, identity, list_peers  # noqa: F401


def preview(app, path) -> dict:
    """Verify and show what importing would change, without changing anything."""
    return import_package(app, path, dry_run=True)


def apply(app, path, progress=None) -> dict:
    return import_package(app, path, progress=progress)


def package_files(folder) -> list[Path]:
    """Packages in a folder, one entry per split package (its first part found), sorted by sender and number."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"找不到文件夹 {folder}，请检查路径。")
    items, seen_parts = [], set()
    for p in sorted(folder.glob("*.tdpkg")):
        key = (str(p), 0)
        try:
            part = container.read_part_head(p)
            if part:
                head = part[0]
                if head["package_id"] in seen_parts:
                    continue
                seen_parts.add(head["package_id"])
                key = (str(head["sender"]), int(head["package_seq"]))
            else:
                with open(p, "rb") as f:
                    header, _ = container.read_header(f, p.name)
                key = (str(header["sender"]), int(header["package_seq"]))
        except (UserError, OSError):
            pass  # unreadable: import_many reports it
        items.append((key, p))
    return [p for _, p in sorted(items, key=lambda kp: (kp[0], str(kp[1])))]


def import_folder(app, folder, dry_run: bool = False, progress=None) -> dict:
    """A county's folder of packages: each in sequence order per sender; says who must send again."""
    files = package_files(folder)
    if not files:
        raise UserError(f"文件夹 {folder} 中没有 .tdpkg 同步包。")
    results = import_many(app, files, dry_run=dry_run, progress=progress)
    resend = sorted({_resend_label(r) for r in results if r["status"] == "rejected"}
                    | {r["gap"]["peer"] for r in results if r.get("gap")})
    return {"files": results, "applied": sum(r["status"] == "applied" for r in results),
            "already_imported": sum(r["status"] == "already_imported" for r in results),
            "outdated": sum(r["status"] == "outdated" for r in results),
            "rejected": sum(r["status"] == "rejected" for r in results), "must_send_again": resend}


def _resend_label(r: dict) -> str:
    """Who must send again: a verified sender by name; a file that failed before its signature was
    checked only by file name, with the name its unauthenticated header claims marked as a claim."""
    sender, name = r.get("sender") or {}, Path(r["file"]).name
    if not sender.get("name"):
        return name
    return f"{name}（文件头自称来自 {sender['name']}，未经验证）" if sender.get("claimed") else sender["name"]


def history(app, limit: int = 500) -> list[dict]:
    """Packages sent and received, newest first, with whether the peer has acknowledged ours."""
    with app.read() as s:
        names = {n.id: n.name for n in s.scalars(select(Node))}
        acked = {p.peer_id: p.acked_out_seq for p in s.scalars(select(PeerState))}
        rows = s.scalars(select(PackageLog).order_by(PackageLog.at.desc()).limit(limit))
        return [{"package_id": r.package_id, "direction": r.direction, "peer": names.get(r.peer_id, r.peer_id[:8]),
                 "peer_id": r.peer_id, "package_seq": r.package_seq, "at": local_time(r.at),
                 "status": r.status, "counts": r.counts, "file": r.file_name, "message": r.message,
                 "acknowledged": (acked.get(r.peer_id, 0) >= r.last_event_seq) if r.direction == "out" else None}
                for r in rows]
