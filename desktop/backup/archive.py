"""The one-file backup (`towndesk backup --out FILE.zip`) and its strict reader.

Why a zip: a clerk can copy one file to a USB stick, and Windows can look inside it. It holds
`manifest.json` (format, schema revision, node, SHA-256 and size of every member),
`towndesk.db` (a VACUUM INTO snapshot) and `attachments/<aa>/<sha256>`. The node's private
keys are not in it (DESIGN: a backup never carries them). The reader trusts nothing: only
those names, no links, bounded counts and sizes, every byte hashed while it is extracted
into a staging folder, and nothing is extracted by a name taken from the file.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import stat
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

from desktop import __version__
from desktop.backup.snapshot import describe_db, require_sqlite, vacuum_into
from desktop.core.errors import UserError
from desktop.core.fileio import atomic_target

FORMAT, FORMAT_VERSION = "towndesk-backup", 1
MANIFEST, DB_NAME = "manifest.json", "towndesk.db"
ATTACHMENT_RE = re.compile(r"attachments/([0-9a-f]{2})/([0-9a-f]{64})")


class Limits:
    """Bounds for reading a backup; a test may tighten them."""

    max_entries = 200_000
    max_manifest_bytes = 32 << 20
    max_total_bytes = 64 << 30


def default_name(app) -> str:
    code = app.node.region_code if app.node else "towndesk"
    return f"towndesk-backup-{code}-{datetime.now():%Y%m%d-%H%M%S}.zip"


def write_archive(app, out: Path) -> dict:
    """Snapshot the database and pack it with its attachments into one zip (atomic). Needs the backup right."""
    from desktop.core.attachments_store import AttachmentStore
    from desktop.core.identity import authorize

    authorize(app, "backup")

    require_sqlite(app, "备份")
    out = Path(out)
    stage = app.layout.tmp / f"backup-{datetime.now():%Y%m%d%H%M%S%f}"
    try:
        db = vacuum_into(app, stage / DB_NAME)
        info = describe_db(db)
        store = AttachmentStore(app.layout)
        members, missing = [], []
        with atomic_target(out) as tmp:
            from db.private import create_private

            create_private(tmp)  # the zip holds personal data: owner-only before a byte is written
            with zipfile.ZipFile(tmp, "w", allowZip64=True) as z:
                members.append(_add(z, db, DB_NAME, zipfile.ZIP_DEFLATED))
                for sha in info["attachments"]:
                    src = store.path_for(sha)
                    if not src.exists():
                        missing.append(sha)
                        continue
                    entry = _add(z, src, f"attachments/{sha[:2]}/{sha}", zipfile.ZIP_STORED)
                    if entry["sha256"] != sha:
                        raise UserError(f"附件 {sha[:12]}… 在附件库中已损坏，备份未完成。请先运行 towndesk verify 查看。")
                    members.append(entry)
                manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
                            "created_at": datetime.now().isoformat(timespec="seconds"), "created_by": app.user_name,
                            "schema_revision": info["schema_revision"], "node": info["node"], "counts": info["counts"],
                            "files": members, "missing_attachments": missing}
                z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1), zipfile.ZIP_DEFLATED)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return {"file": str(out), "size": out.stat().st_size, "attachments": len(members) - 1,
            "missing_attachments": len(missing), "schema_revision": info["schema_revision"]}


def save_archive(app, out: Path, user: str | None = None) -> dict:
    """Write a backup archive and record it in the audit log: the one way the CLI and the window make one.

    The archive is written first (atomically); the audit event follows in its own transaction, so a
    failed backup leaves no event and a recorded backup always exists on disk.
    """
    from desktop.audit import events

    out = Path(out)
    if out.suffix.lower() != ".zip":
        raise UserError(f"备份文件 {out.name} 应以 .zip 结尾。")
    result = write_archive(app, out)
    with app.tx(right="backup") as s:
        events.record(s, "backup", user=user or app.user_name, subject=out.name,
                      detail={"size": result["size"], "attachments": result["attachments"]})
    return result


def _add(z: zipfile.ZipFile, src: Path, name: str, method: int) -> dict:
    h, size = hashlib.sha256(), 0
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = method
    with open(src, "rb") as fin, z.open(info, "w", force_zip64=True) as fout:
        for chunk in iter(lambda: fin.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
            fout.write(chunk)
    return {"name": name, "sha256": h.hexdigest(), "size": size}


def _refuse(path: Path, what: str) -> UserError:
    return UserError(f"备份文件 {path.name} 无法使用（{what}），未做任何更改。请换一个备份文件。")


def read_archive(path: Path, stage: Path) -> dict:
    """Check a backup zip and extract it into `stage`; returns the manifest. Raises UserError."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到备份文件 {path}，请检查路径。")
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise _refuse(path, f"不是完整的 zip 文件：{e.__class__.__name__}") from None
    with z:
        infos = z.infolist()
        if len(infos) > Limits.max_entries:
            raise _refuse(path, f"条目过多（{len(infos)}）")
        names = set()
        for i in infos:
            if i.filename in names:
                raise _refuse(path, f"条目重复：{i.filename[:80]}")
            names.add(i.filename)
            if stat.S_ISLNK(i.external_attr >> 16):
                raise _refuse(path, f"含有链接条目：{i.filename[:80]}")
            if i.filename not in (MANIFEST, DB_NAME) and not ATTACHMENT_RE.fullmatch(i.filename):
                raise _refuse(path, f"含有不允许的条目名：{i.filename[:80]!r}")
        if MANIFEST not in names or DB_NAME not in names:
            raise _refuse(path, "缺少 manifest.json 或 towndesk.db，不是 TownDesk 备份")
        manifest = _manifest(z, path)
        files = {f["name"]: f for f in manifest["files"]}
        if set(files) != names - {MANIFEST}:
            raise _refuse(path, "清单与文件内容不一致")
        if sum(f["size"] for f in files.values()) > Limits.max_total_bytes:
            raise _refuse(path, "声明的总大小超出上限")
        stage.mkdir(parents=True, exist_ok=True)
        for name, f in files.items():
            m = ATTACHMENT_RE.fullmatch(name)
            if m and m.group(1) != m.group(2)[:2] or m and f["sha256"] != m.group(2):
                raise _refuse(path, f"附件名与哈希不符：{name}")
            dest = stage / DB_NAME if name == DB_NAME else stage / "attachments" / f["sha256"]
            _extract(z, name, dest, f, path)
    return manifest


def _manifest(z: zipfile.ZipFile, path: Path) -> dict:
    info = z.getinfo(MANIFEST)
    if info.file_size > Limits.max_manifest_bytes:
        raise _refuse(path, "清单过大")
    try:
        with z.open(MANIFEST) as f:
            data = f.read(Limits.max_manifest_bytes + 1)
        manifest = json.loads(data.decode("utf-8"))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as e:
        raise _refuse(path, f"清单损坏：{e.__class__.__name__}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(path, "不是 TownDesk 备份文件")
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] > FORMAT_VERSION:
        raise UserError(f"备份文件 {path.name} 由更新版本的 TownDesk 制作（格式 {manifest.get('format_version')}），"
                        "请先升级本程序再恢复。未做任何更改。")
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) and isinstance(f.get("size"), int)
            and f["size"] >= 0 and isinstance(f.get("sha256"), str) and re.fullmatch(r"[0-9a-f]{64}", f["sha256"])
            for f in files):
        raise _refuse(path, "清单格式不正确")
    return manifest


def _extract(z: zipfile.ZipFile, name: str, dest: Path, f: dict, path: Path) -> None:
    """Stream one member to dest, never past its declared size, hashing as it goes."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    h, size = hashlib.sha256(), 0
    try:
        src = z.open(name)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as e:
        raise _refuse(path, f"{name} 无法读取：{e.__class__.__name__}") from None
    with src, open(dest, "wb") as out:  # a write error (disk full) propagates as itself
        while True:
            try:
                chunk = src.read(1 << 20)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as e:
                raise _refuse(path, f"{name} 读取失败：{e.__class__.__name__}") from None
            if not chunk:
                break
            size += len(chunk)
            if size > f["size"]:
                raise _refuse(path, f"{name} 比清单所写的大（可能是压缩炸弹或文件被改动）")
            h.update(chunk)
            out.write(chunk)
    if size != f["size"] or h.hexdigest() != f["sha256"]:
        raise _refuse(path, f"{name} 的哈希或大小与清单不符（文件损坏或被改动）")
