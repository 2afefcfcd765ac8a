"""Automatic backups inside the data folder: before imports, restores and once a day.

Why like this: a township PC has one disk and no IT staff, so the program keeps its own safety
net. Each snapshot is a consistent copy of the live database made with VACUUM INTO (never a file
copy), fsynced and renamed into place, with a manifest (hash, schema revision, counts). The
attachment store is content-addressed, so the mirror only ever copies files it lacks (and checks
each file's hash while copying). The last N snapshots of each reason are kept (setting
`backup.keep`). Making a snapshot never writes to the database, so the sync importer can call
`make_backup(app, "import")` right before its own transaction.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop import __version__
from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write_bytes

log = logging.getLogger("towndesk.backup")
KEEP_SETTING = "backup.keep"  # type, default and who may change it: desktop.core.settings
WARN_SETTING = "backup.warn_days"
REASONS = {"daily": "每日自动", "import": "导入前", "restore": "恢复前", "manual": "手动", "migrate": "升级前"}


@dataclass
class Backup:
    path: Path
    reason: str
    created_at: datetime  # local time
    size: int
    manifest: dict

    def as_dict(self) -> dict:
        return {"file": str(self.path), "reason": self.reason, "reason_label": REASONS.get(self.reason, self.reason),
                "created_at": self.created_at.strftime("%Y-%m-%d %H:%M:%S"), "size": self.size,
                "schema_revision": self.manifest.get("schema_revision")}


def auto_dir(layout) -> Path:
    return layout.backups / "auto"


def mirror_dir(layout) -> Path:
    return layout.backups / "attachments"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def require_sqlite(app, what: str) -> None:
    if app.engine.url.get_backend_name() != "sqlite":
        raise UserError(f"{what}只适用于本机数据库（SQLite）。服务器数据库（PostgreSQL）请由管理员用 pg_dump / pg_restore 备份和恢复。")


def vacuum_into(app, dest: Path) -> Path:
    """A consistent copy of the live database at dest (temp name, fsync, rename)."""
    from db.private import create_private

    tmp = create_private(dest.with_name(f".{dest.name}.{os.getpid()}.part"), folder_too=True)  # owner-only from the start
    raw = app.engine.raw_connection()  # outside a transaction: VACUUM cannot run inside one
    try:
        raw.driver_connection.execute("VACUUM INTO ?", (str(tmp),))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        raw.close()
    try:
        _fsync_dir(dest.parent)
    except BaseException:  # the rename may not be durable: do not leave a copy we cannot vouch for
        dest.unlink(missing_ok=True)
        raise
    return dest


def describe_db(path: Path) -> dict:
    """Schema revision, this node and a few counts of a database file (opened read-only)."""
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        def one(sql):
            try:
                return con.execute(sql).fetchone()
            except sqlite3.DatabaseError:
                return None
        rev = one("SELECT version_num FROM alembic_version")
        node = one("SELECT id, name, role, region_code FROM node WHERE is_self = 1")
        counts = {t: (one(f"SELECT count(*) FROM {t}") or [None])[0] for t in ("project", "change_log", "household")}
        shas = [r[0] for r in con.execute("SELECT DISTINCT sha256 FROM attachment")] if one(
            "SELECT 1 FROM sqlite_master WHERE name='attachment'") else []
    finally:
        con.close()
    return {"schema_revision": rev[0] if rev else None,
            "node": dict(zip(("id", "name", "role", "region_code"), node)) if node else None,
            "counts": counts, "attachments": sorted(shas)}


def mirror_attachments(app, shas: list[str]) -> dict:
    """Copy attachment files the mirror lacks (checking each hash); returns counts."""
    from desktop.core.attachments_store import AttachmentStore

    store, root = AttachmentStore(app.layout), mirror_dir(app.layout)
    copied = missing = damaged = 0
    for sha in shas:
        dest = root / sha[:2] / sha
        if dest.exists():
            continue
        src = store.path_for(sha)
        if not src.exists():
            missing += 1
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{sha}.{os.getpid()}.part")
        h = hashlib.sha256()
        try:
            with open(src, "rb") as fin, open(tmp, "wb") as fout:
                for chunk in iter(lambda: fin.read(1 << 20), b""):
                    h.update(chunk)
                    fout.write(chunk)
                fout.flush()
                os.fsync(fout.fileno())
            if h.hexdigest() != sha:
                damaged += 1
                tmp.unlink()
                log.warning("attachment %s is damaged in the store; not mirrored", sha[:12])
                continue
            os.replace(tmp, dest)
            copied += 1
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return {"copied": copied, "missing": missing, "damaged": damaged}


def make_backup(app, reason: str, user: str | None = None) -> Backup | None:
    """Snapshot the database (+ new attachment files) into backups/auto; None on a server database.

    A manual snapshot (the window's 立即备份) is an account's act and needs the `backup` right, which every
    role has; the automatic ones (daily, before import/upgrade/restore) are the program's own."""
    if reason == "manual":
        from desktop.core.identity import authorize

        authorize(app, "backup")
    if app.engine.url.get_backend_name() != "sqlite":
        log.warning("automatic backup skipped: %s is not a local SQLite database", app.engine.url.get_backend_name())
        return None
    now = datetime.now()
    folder = auto_dir(app.layout)
    base = f"{now:%Y%m%d-%H%M%S}-{reason}"
    n = 1
    while (folder / f"{base}.db").exists():
        n += 1
        base = f"{now:%Y%m%d-%H%M%S}-{reason}-{n}"
    db_path = vacuum_into(app, folder / f"{base}.db")
    try:  # a snapshot without its manifest is not a backup: remove it if anything below fails
        info = describe_db(db_path)
        mirrored = mirror_attachments(app, info.pop("attachments"))
        manifest = {"format": "towndesk-auto-backup", "format_version": 1, "reason": reason,
                    "created_at": now.isoformat(), "created_by": user or app.user_name,
                    "app_version": __version__, "db": {"name": db_path.name, "sha256": sha256_file(db_path),
                                                       "size": db_path.stat().st_size},
                    "attachments_mirrored": mirrored, **info}
        atomic_write_bytes(folder / f"{base}.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    except BaseException:
        db_path.unlink(missing_ok=True)
        raise
    prune(app, reason)
    log.info("backup made (%s): %s", reason, db_path.name)
    return Backup(db_path, reason, now, db_path.stat().st_size, manifest)


def list_backups(layout) -> list[Backup]:
    """Automatic snapshots (with manifests) and the pre-migration copies, newest first."""
    out = []
    for m in auto_dir(layout).glob("*.json"):
        try:
            manifest = json.loads(m.read_text(encoding="utf-8"))
            db = m.with_suffix(".db")
            out.append(Backup(db, manifest["reason"], datetime.fromisoformat(manifest["created_at"]),
                              db.stat().st_size, manifest))
        except (OSError, ValueError, KeyError):
            continue  # a half-pruned or foreign file is not a backup
    for db in layout.backups.glob("before-*.db"):  # db.migrate's copies (and older importers' ones)
        m = re.fullmatch(r"before-(migrate|import)-(\d{8}-\d{6}).*", db.stem)
        if not m:
            continue
        try:
            out.append(Backup(db, m[1], datetime.strptime(m[2], "%Y%m%d-%H%M%S"), db.stat().st_size, {}))
        except (OSError, ValueError):
            continue
    return sorted(out, key=lambda b: b.created_at, reverse=True)


def prune(app, reason: str) -> int:
    """Keep the newest N snapshots of this reason; the manifest goes first so no half is listed."""
    from desktop.core import settings

    keep = settings.read(app, KEEP_SETTING)
    old = [b for b in list_backups(app.layout) if b.reason == reason and b.manifest][keep:]
    for b in old:
        b.path.with_suffix(".json").unlink(missing_ok=True)
        b.path.unlink(missing_ok=True)
    return len(old)


def last_backup(layout) -> Backup | None:
    found = list_backups(layout)
    return found[0] if found else None


def daily_backup_if_due(app) -> Backup | None:
    """Once a day: a snapshot if none was made today (any reason counts as today's safety copy)."""
    last = last_backup(app.layout)
    if last is not None and last.created_at.date() == datetime.now().date():
        return None
    return make_backup(app, "daily")


def backup_status(app) -> dict:
    """For the window: when the last backup was made and whether that is too long ago."""
    last = last_backup(app.layout)
    from desktop.core import settings

    warn_days = settings.read(app, WARN_SETTING)
    age = (datetime.now() - last.created_at) if last else None
    return {"last": last.as_dict() if last else None, "age_days": age.days if age else None,
            "warn_days": warn_days, "too_old": last is None or age > timedelta(days=warn_days)}
