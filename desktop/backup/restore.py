"""`towndesk restore FILE`: check a backup completely, keep the current data, then swap atomically.

Order, so that a crash or a bad file at any step leaves a working data folder:
1. extract into a staging folder, checking every hash (zip) or the manifest hash (snapshot);
2. check the staged database: integrity_check, a schema revision this program knows (newer is
   refused), this node's identity, the change-log chain and its head;
3. snapshot the current data into backups/auto (reason "restore");
4. add the backup's attachment files the store lacks (adding content-addressed files is harmless);
5. make sure no one else has the database open (switching it out of WAL fails otherwise), then
   one os.replace puts the staged file in place. Before it: old data; after it: restored data.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop.backup import archive
from desktop.backup.snapshot import (
    _fsync_dir, describe_db, make_backup, mirror_dir, require_sqlite, sha256_file,
)
from desktop.core.errors import UserError
from desktop.core.paths import DataLayout, resolve_data_dir
from desktop.platform.process import pid_alive


def _refuse(path: Path, what: str) -> UserError:
    return UserError(f"备份文件 {path.name} 无法使用（{what}），未做任何更改。")


def check_staged_db(db: Path, source: Path) -> dict:
    """integrity, known schema revision, node identity, change-log chain of a staged database."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from db.engine import make_engine, sqlite_url
    from db.migrate import alembic_config
    from desktop.audit.chain import check_all
    from desktop.core.verify import check_change_chain

    try:
        con = sqlite3.connect(db)
        try:
            result = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise _refuse(source, f"其中的数据库无法打开：{e}") from None
    if result != ["ok"]:
        raise _refuse(source, f"数据库完整性检查失败：{'；'.join(result[:3])}")
    info = describe_db(db)
    rev = info["schema_revision"]
    if rev is None or info["node"] is None:
        raise _refuse(source, "不是 TownDesk 数据库（缺少版本或本机身份）")
    try:
        known = ScriptDirectory.from_config(alembic_config()).get_revision(rev)
    except (CommandError, KeyError, ValueError):
        known = None
    if known is None:
        raise UserError(f"备份 {source.name} 来自更新版本的 TownDesk（数据库版本 {rev}），请先升级本程序再恢复。未做任何更改。")

    class _Probe:  # verify's chain checks take an object with an engine
        engine = make_engine(sqlite_url(db))
    try:
        problems = check_change_chain(_Probe) + check_all(_Probe)
    finally:
        _Probe.engine.dispose()
    _single_file(db)
    if problems:
        raise _refuse(source, "备份中的变更记录链不完整：" + problems[0])
    return info


def _single_file(db: Path) -> None:
    """Leave a database as one file (journal_mode=DELETE), fsynced, ready to be renamed."""
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
    with open(db, "rb+") as f:
        os.fsync(f.fileno())


def _stage(file: Path, stage: Path, layout: DataLayout) -> tuple[Path, dict | None, list[Path]]:
    """(staged db, manifest, folders to take attachments from)."""
    if file.suffix.lower() == ".zip":
        manifest = archive.read_archive(file, stage)
        return stage / archive.DB_NAME, manifest, [stage / "attachments"]
    if not file.is_file():
        raise UserError(f"找不到备份文件 {file}，请检查路径。")
    manifest = None
    side = file.with_suffix(".json")
    if side.exists():
        import json

        try:
            manifest = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise _refuse(file, f"说明文件 {side.name} 已损坏") from None
    stage.mkdir(parents=True, exist_ok=True)
    staged = stage / archive.DB_NAME
    shutil.copyfile(file, staged)
    if manifest and sha256_file(staged) != manifest.get("db", {}).get("sha256"):
        raise _refuse(file, "数据库文件的哈希与说明文件不符（文件损坏或被改动）")
    return staged, manifest, [mirror_dir(layout)]


def _current_node(layout: DataLayout) -> dict | None:
    if not layout.database.exists():
        return None
    from desktop.core.app import open_app

    app = open_app(layout.root, require_init=False)
    try:
        require_sqlite(app, "从备份恢复")
        return {"id": app.node.id, "name": app.node.name} if app.node else None
    finally:
        app.dispose()


def _add_attachments(layout: DataLayout, shas: list[str], sources: list[Path]) -> list[str]:
    """Copy the backup's attachment files the store lacks; returns those found nowhere."""
    from desktop.core.attachments_store import AttachmentStore

    store, missing = AttachmentStore(layout), []
    for sha in shas:
        if store.has(sha):
            continue
        src = next((p for p in (d / sha for d in sources) if p.exists()), None)
        src = src or next((p for p in (d / sha[:2] / sha for d in sources) if p.exists()), None)
        if src is None:
            missing.append(sha)
            continue
        got, _ = store.put_file(src)
        if got != sha:
            missing.append(sha)
    return missing


def _swap(layout: DataLayout, staged: Path) -> None:
    live = layout.database
    if live.exists():
        try:
            con = sqlite3.connect(live, timeout=2)
            try:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            finally:
                con.close()
        except sqlite3.OperationalError:
            mode = None
        if mode != "delete" or live.with_name(live.name + "-wal").exists():
            raise UserError("数据库正被其他程序使用（例如还开着的 TownDesk 窗口或另一个命令）。请关闭后重试，未做任何更改。")
    # A hard link to the current file (no data written) lets a failed swap be undone: if the folder's new
    # entry cannot be made durable, the old database goes back under its name and nothing has changed.
    aside = live.with_name(f".{live.name}.{os.getpid()}.before-restore")
    try:
        aside.unlink(missing_ok=True)
        os.link(live, aside) if live.exists() else None
    except OSError:
        aside = None
    try:
        os.replace(staged, live)
    except PermissionError:
        _drop(aside)
        raise UserError("数据库文件正被其他程序占用，无法替换。请关闭 TownDesk 的所有窗口后重试，未做任何更改。") from None
    except OSError:
        _drop(aside)
        raise
    try:
        _fsync_dir(live.parent)
    except OSError:
        if aside is not None and aside.exists():
            os.replace(aside, live)  # back to the database as it was
        raise
    _drop(aside)


def _drop(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def _clean_stale_stages(layout: DataLayout) -> None:
    """Remove staging folders left by a restore that was killed (its process is gone)."""
    for d in layout.tmp.glob("restore-*"):
        try:
            pid = int(d.name.split("-")[1])
        except (IndexError, ValueError):
            pid = 0
        if pid == os.getpid() or not pid_alive(pid):  # not os.kill(pid, 0): CTRL_C_EVENT on Windows
            shutil.rmtree(d, ignore_errors=True)


def restore(data_dir, file, *, user: str | None = None, allow_other_node: bool = False) -> dict:
    """Restore a backup zip or snapshot into the data folder (see module docstring)."""
    from desktop.core.app import open_app
    from desktop.audit import events

    layout = DataLayout(resolve_data_dir(data_dir))
    file = Path(file).resolve()
    layout.make_dirs()
    _clean_stale_stages(layout)
    stage = layout.tmp / f"restore-{os.getpid()}-{datetime.now():%Y%m%d%H%M%S%f}"
    safety = None
    try:
        staged, manifest, sources = _stage(file, stage, layout)
        info = check_staged_db(staged, file)
        current = _current_node(layout)
        if current and current["id"] != info["node"]["id"] and not allow_other_node:
            raise UserError(f"备份属于 {info['node']['name']}，而本数据文件夹是 {current['name']}：不能互相恢复，未做任何更改。"
                            "如要在新电脑上恢复，请使用一个新的空数据文件夹。")
        if current is not None:
            app = open_app(layout.root)
            try:
                safety = make_backup(app, "restore", user)
            finally:
                app.dispose()
        missing = _add_attachments(layout, info["attachments"], sources)
        if missing and file.suffix.lower() == ".zip" and not (manifest or {}).get("missing_attachments"):
            raise _refuse(file, f"缺少 {len(missing)} 个附件文件")
        _swap(layout, staged)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    app = open_app(layout.root)  # migrates a backup from an older version (after its own copy)
    try:
        with app.tx(user=user) as s:
            events.record(s, "restore", user=user, subject=file.name,
                          detail={"backup_revision": info["schema_revision"], "safety_copy":
                                  safety.path.name if safety else None, "missing_attachments": len(missing)})
        keys_ok = (layout.keys / "node.key").exists()
    finally:
        app.dispose()
    return {"file": str(file), "node": info["node"], "counts": info["counts"],
            "safety_copy": str(safety.path) if safety else None, "missing_attachments": len(missing),
            "keys_present": keys_ok}
