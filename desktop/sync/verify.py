"""Checking a package completely before anything is written: envelope, sender, recipient, signature,
every hash, versions, names and sizes. The result is a decrypted temp zip under the data folder's
tmp/ and the parsed change sets; `Verified.close()` removes the temp files.
"""
from __future__ import annotations

import functools
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select

from db import migrate
from db.models import Node
from desktop.core.errors import UserError
from desktop.sync import archive, checks, container, durable, shapes

log = logging.getLogger("towndesk.sync")


@dataclass
class Verified:
    path: Path
    label: str
    header: dict
    manifest: dict
    sender: SimpleNamespace
    change_sets: list
    zip: object
    temps: list = field(default_factory=list)
    trust: dict = field(default_factory=dict)  # filled by desktop/sync/trust.judge
    dropped: list = field(default_factory=list)  # (table, id, field) of county fields not taken
    staged: dict = field(default_factory=dict)  # sha256 -> checked copy of a received file (verify(stage_files))
    flushing: object = None  # durable.Flushing of the staged copies, started when verify has written them

    def flushed(self) -> frozenset:
        """Wait for the staged copies' background flush; the ones on disk (raises the flush's OSError)."""
        return self.flushing.done() if self.flushing is not None else frozenset()

    @property
    def files(self) -> list[str]:
        return [n[6:] for n in self.manifest["entries"] if n.startswith("files/")]

    def close(self) -> None:
        if self.flushing is not None:
            self.flushing.wait()  # never unlink a file the flush thread may hold open (Windows refuses to)
        try:
            self.zip.close()
        finally:
            for t in self.temps:
                Path(t).unlink(missing_ok=True)


def temp_path(app, kind: str) -> Path:
    app.layout.tmp.mkdir(parents=True, exist_ok=True)
    return app.layout.tmp / f"sync-{os.getpid()}-{os.urandom(4).hex()}.{kind}"


def clean_stale_temps(app) -> None:
    """Remove temp files left by an export or import that was killed (their process is gone)."""
    for p in app.layout.tmp.glob("sync-*"):
        try:
            pid = int(p.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            p.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    from desktop.platform.process import pid_alive

    return pid_alive(pid)  # not os.kill(pid, 0): on Windows that sends CTRL_C_EVENT


@functools.lru_cache(maxsize=1)
def revisions() -> tuple[frozenset, str]:
    """(every schema revision this program knows, the head), once per process: read from the migration
    files' text when that is certain (db.migrate.quick_revisions), else from Alembic's scripts."""
    quick = migrate.quick_revisions()
    if quick is not None:
        return quick
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return frozenset(r.revision for r in script.walk_revisions()), script.get_current_head()


def known_revision(rev: str) -> bool:
    return str(rev) in revisions()[0]


def _newer(label: str, app_version=None) -> UserError:
    """The version a package names is the sender's word, so it is not repeated as advice."""
    return UserError(f"同步包 {label} 由较新版本的 TownDesk 生成，本机的版本读不了它。"
                     "请把 TownDesk 升级到最新版本后再导入，未导入任何数据。")


def verify(app, path, keys, *, stage_files: bool = False, nodes: dict | None = None,
           flush_early: bool = False) -> Verified:
    """All checks; raises UserError naming the file and what to do. Nothing in the database is touched.

    With `stage_files` (an import that will write), each received file the store does not hold yet is
    copied under tmp/ while its entry is hashed, for the import to move into the store: read once, not
    hashed here and read out of the zip again later. The copies are temp files like the zip (`close()`).
    `nodes` (id → Node row) is given by a folder import that read them once (import_many); without it
    they are read here, and temp files left by a killed import are cleared first. With `flush_early` (a single
    import) the copies start going to disk on the flush thread at once (durable.Flushing); a folder import
    flushes its group's copies together instead, once (desktop/sync/folder.py)."""
    path = Path(path)
    label = path.name
    if not path.is_file():
        raise UserError(f"找不到同步包文件 {path}，请检查路径。")
    if nodes is None:
        clean_stale_temps(app)
        nodes = known_nodes(app)
    temps: list[Path] = []
    try:
        if container.read_part_head(path):
            joined = temp_path(app, "joined")
            temps.append(joined)
            container.join_parts(path, joined)
            source = joined
        else:
            source = path
        zip_tmp = temp_path(app, "zip")
        temps.append(zip_tmp)
        staged: dict[str, Path] = {}
        stage = _stager(app, temps, staged) if stage_files else None
        header, manifest, sender, zf = _open(app, source, label, keys, zip_tmp, stage, nodes)
        try:
            sets = _load_changes(zf, manifest, label)
        except BaseException:
            zf.close()
            raise
        flushing = durable.Flushing(app.layout.attachments, list(staged.values())) if staged and flush_early else None
        return Verified(path, label, header, manifest, sender, sets, zf, temps, staged=staged, flushing=flushing)
    except OSError as e:
        for t in temps:
            t.unlink(missing_ok=True)
        raise UserError(f"读取同步包 {label} 时出错：{e.strerror or e}。请检查U盘是否插好、数据文件夹所在磁盘空间是否足够，"
                        "然后重试，未导入任何数据。") from None
    except BaseException:
        for t in temps:
            t.unlink(missing_ok=True)
        raise


def _stager(app, temps: list, staged: dict):
    """stage(entry name) for archive.open_checked: a temp path for a file the store lacks, else None. Only
    when tmp/ and the store share a file system (a copy is moved into the store by renaming it)."""
    from desktop.core.attachments_store import AttachmentStore

    app.layout.tmp.mkdir(parents=True, exist_ok=True)
    app.layout.attachments.mkdir(parents=True, exist_ok=True)
    if os.stat(app.layout.tmp).st_dev != os.stat(app.layout.attachments).st_dev:
        return None
    store = AttachmentStore(app.layout)

    def stage(name: str):
        sha = name[6:] if name.startswith("files/") else None  # the name was checked (check_name) already
        if sha is None or sha in staged or store.has(sha):
            return None
        path = temp_path(app, "file")
        temps.append(path)
        staged[sha] = path
        return path
    return stage


def known_nodes(app) -> dict:
    """Every node this one knows (itself and its registered peers), by id."""
    with app.engine.connect() as conn:
        return {n.id: n for n in conn.execute(select(Node)).all()}


def _open(app, source: Path, label: str, keys, zip_tmp: Path, stage, nodes: dict):
    with open(source, "rb") as f:
        header, head_bytes = container.read_header(f, label)
        if header["format"] > container.FORMAT_VERSION or not known_revision(header["schema"]):
            raise _newer(label, header.get("app_version"))
        sender = _sender(app, header, label, f, keys, nodes)
        key = container.open_key(f, label, keys.box)
        free = shutil.disk_usage(app.layout.tmp).free - (64 << 20)
        if free < source.stat().st_size:
            raise UserError(f"数据文件夹所在磁盘空间不足，无法检查同步包 {label}（需要约 {source.stat().st_size >> 20} MB）。"
                            "请清理磁盘后重试，未导入任何数据。")
        container.decrypt_to(f, label, key, head_bytes, zip_tmp, min(archive.Limits.max_total_bytes, max(free, 1 << 20)))
    zf, manifest, _ = archive.open_checked(zip_tmp, label, sender.sign_public_key, stage)
    try:
        _check_manifest(manifest, header, label)
    except BaseException:
        zf.close()
        raise
    return header, manifest, sender, zf


def _sender(app, header: dict, label: str, f, keys, nodes: dict) -> SimpleNamespace:
    self_id = app.node.id
    if header["recipient"] != self_id:
        pos = f.tell()
        try:
            container.open_key(f, label, keys.box)
            ours = True
        except UserError:
            ours = False
        f.seek(pos)
        if ours:  # the key opens for us: the recipient in the clear header was altered
            raise container.damaged(label, "文件头被改动")
        other = nodes.get(header["recipient"])
        who = f"{other.name}（{other.region_code}）" if other else "另一台电脑"
        raise UserError(f"同步包 {label} 是发给{who}的，不是发给本机（{app.node.name}）的，未导入任何数据。"
                        "请确认文件没有拿错；如对方登记错了接收方，请让对方重新登记本机身份后再导出。")
    if header["sender"] == self_id:
        raise UserError(f"同步包 {label} 是本机自己导出的，不能导入本机。请把它发给接收方。")
    node = nodes.get(header["sender"])
    if node is None or node.is_self or not node.sign_public_key:
        raise UserError(f"同步包 {label} 来自未登记的发送方（节点 {str(header['sender'])[:8]}…），已拒绝，未导入任何数据。"
                        "请先让对方用 towndesk keys export 导出身份文件，电话核对指纹后用 towndesk peers add 登记。")
    return SimpleNamespace(id=node.id, role=node.role, name=node.name, region_code=node.region_code,
                           sign_public_key=node.sign_public_key)


def _check_manifest(m: dict, header: dict, label: str) -> None:
    """The signed manifest: shapes first, then it must agree with the clear header in every field."""
    if not isinstance(m, dict):
        raise archive._refuse(label, "清单 manifest.json 无法读取")
    try:
        checks.manifest(m)
    except checks.Refused as e:
        raise archive._refuse(label, e.what) from None
    if not shapes.is_int(m.get("format")) or m["format"] > container.FORMAT_VERSION \
            or not isinstance(m.get("schema"), str) or not known_revision(m["schema"]):
        raise _newer(label, m.get("app_version"))
    same = (m["package_id"] == header["package_id"] and m["sender"].get("node_id") == header["sender"]
            and m["recipient"].get("node_id") == header["recipient"] and m["package_seq"] == header["package_seq"]
            and m["schema"] == header["schema"] and m["format"] == header["format"])
    if not same:
        raise archive._refuse(label, "清单与文件头不一致")


def _load_changes(zf, manifest: dict, label: str) -> list[dict]:
    """Every change set checked by shape before any is used; files must be referenced by one of them."""
    sets = []
    base, upto = manifest["base_seq"], manifest["upto_seq"]
    try:
        with zf.open(archive.CHANGES) as f:
            n = 0
            while True:
                raw = f.readline(checks.MAX_LINE + 1)
                if not raw:
                    break
                n += 1
                cs = checks.parse_line(raw, n)
                checks.change_set(cs, n, base, upto)
                sets.append(cs)
                if len(sets) > manifest["change_sets"]:
                    break
        if len(sets) != manifest["change_sets"]:
            raise checks.Refused("变更条数与清单不符")
        if any(b["seq"] < a["seq"] for a, b in zip(sets, sets[1:])):
            raise checks.Refused("变更顺序不对")
        checks.files_referenced(sets, [n[6:] for n in manifest["entries"] if n.startswith("files/")])
    except checks.Refused as e:
        raise archive._refuse(label, e.what) from None
    return sets
