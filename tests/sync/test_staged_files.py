"""Issue 17, round 5: received files copied while verify hashes them, then moved into the store."""
from __future__ import annotations

import hashlib

import pytest

from desktop.core.attachments_store import AttachmentStore
from desktop.core.errors import UserError
from desktop.sync import importer, service
from desktop.sync.importer import load_keys
from desktop.sync.verify import verify
from tests.sync.craft import craft
from tests.sync.data import add_project
from tests.sync.test_import_fastpaths import _twin
from tests.sync.test_onepass import _rows


def _store(app) -> dict:
    """Every file in the attachment store (temp names included), by name, with its content's hash."""
    root = app.layout.attachments
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


@pytest.mark.sqlite_only(reason="copies the county's SQLite folder to import the same package twice")
def test_staged_import_equals_import_reading_the_zip(pair, tmp_path, monkeypatch):
    """Twelve scans (more than the one-fsync-each limit) and one the county already holds: the staged import
    stores the same files under the same names, byte for byte, and the same records and log as reading each
    file out of the zip; nothing is left in tmp/ or under a temporary name in the store."""
    town, county = pair
    scans = [b"%PDF-1.4 " + bytes([i]) * (70_000 + i) for i in range(12)]
    for i, data in enumerate(scans):
        add_project(town, name=f"项目{i}", attachment_bytes=data)
    AttachmentStore(county.layout).put_bytes(scans[0])  # held already: not staged, not copied again
    package = service.export_package(town, tmp_path / "t.tdpkg")["files"][0]
    twin = _twin(county, tmp_path)
    try:
        v = verify(county, package, load_keys(county), stage_files=True)
        try:
            assert len(v.staged) == 11 and hashlib.sha256(scans[0]).hexdigest() not in v.staged
            assert all(hashlib.sha256(p.read_bytes()).hexdigest() == sha for sha, p in v.staged.items())
        finally:
            v.close()
        assert not any(p.name.startswith("sync-") for p in county.layout.tmp.iterdir())
        fast = service.import_package(county, package)
        with monkeypatch.context() as mp:
            mp.setattr(importer, "STAGE_FILES", False)
            slow = service.import_package(twin, package)
        assert fast["status"] == slow["status"] == "applied"
        assert _store(county) == _store(twin) and len(_store(county)) == 12
        assert all(name == sha for name, sha in _store(county).items())
        assert _rows(county) == _rows(twin)
        assert list(county.layout.tmp.iterdir()) == []
    finally:
        twin.dispose()


def test_refused_package_leaves_no_staged_copy(pair, tmp_path):
    """A file entry whose bytes do not match the signed manifest is refused, and the copies made while hashing
    (that one and any before it) are removed with the decrypted zip: tmp/ and the store are as before."""
    town, county = pair
    good, bad = b"%PDF-1.4 good" * 1000, b"%PDF-1.4 bad" * 1000
    good_sha, bad_sha = hashlib.sha256(good).hexdigest(), hashlib.sha256(bad).hexdigest()
    path = craft(tmp_path / "bad.tdpkg", town, county,
                 entries={"changes.jsonl": b"", f"files/{good_sha}": good, f"files/{bad_sha}": bad + b"x"},
                 declared={f"files/{bad_sha}": {"sha256": bad_sha, "size": len(bad) + 1}})
    before = _store(county)
    with pytest.raises(UserError, match="SHA-256"):
        verify(county, path, load_keys(county), stage_files=True)
    assert _store(county) == before
    assert list(county.layout.tmp.iterdir()) == []


def test_dry_run_stages_nothing(pair, tmp_path, monkeypatch):
    """A preview checks the package without copying any file out of it."""
    town, county = pair
    add_project(town, attachment_bytes=b"%PDF-1.4 " + bytes(range(256)) * 100)
    package = service.export_package(town, tmp_path / "t.tdpkg")["files"][0]
    asked = []
    real = importer.verify
    monkeypatch.setattr(importer, "verify", lambda *a, **k: asked.append(k.get("stage_files")) or real(*a, **k))
    service.preview(county, package)
    assert asked == [False] and list(county.layout.tmp.iterdir()) == []


def _watch_flushes(monkeypatch) -> list:
    """Record (thread name, files) of every content flush, still flushing for real."""
    import threading

    from desktop.sync import durable

    seen, real = [], durable.flush_data
    monkeypatch.setattr(durable, "flush_data", lambda folder, files, *rest: seen.append(
        (threading.current_thread().name.split("_")[0], list(files))) or real(folder, files, *rest))
    return seen


def test_staged_copies_are_flushed_while_the_records_are_applied(pair, tmp_path, monkeypatch):
    """The copies verify made are flushed on the flush thread, not again by the import, and every scan is in
    the store under its own name with its own bytes."""
    town, county = pair
    scans = [f"扫描件{i}".encode() * 5000 for i in range(3)]
    for i, data in enumerate(scans):
        add_project(town, name=f"项目{i}", attachment_bytes=data)
    package = service.export_package(town, tmp_path / "t.tdpkg")["files"][0]
    seen = _watch_flushes(monkeypatch)
    assert service.import_package(county, package)["status"] == "applied"
    assert [(name, len(files)) for name, files in seen] == [("towndesk-flush", 3)]
    assert _store(county) == {hashlib.sha256(d).hexdigest(): hashlib.sha256(d).hexdigest() for d in scans}
    assert list(county.layout.tmp.iterdir()) == []


def test_a_failed_background_flush_fails_the_import(pair, tmp_path, monkeypatch):
    """When the flush thread fails (a disk error), the import fails with a Chinese message saying what to do and
    stores nothing: the copies are not flushed again (after an fsync error the kernel may have dropped the
    pages, so a second flush could report success for lost data), no record is written, no copy is left."""
    import errno

    from desktop.core.diskerrors import user_error_for
    from desktop.sync import durable

    town, county = pair
    add_project(town, attachment_bytes=b"%PDF-1.4 " + bytes(range(256)) * 200)
    package = service.export_package(town, tmp_path / "t.tdpkg")["files"][0]
    seen, real = [], durable.flush_data

    def failing(folder, files, *rest):
        import threading

        seen.append(threading.current_thread().name.split("_")[0])
        if seen[-1] == "towndesk-flush":
            raise OSError(errno.EIO, "Input/output error")
        return real(folder, files, *rest)
    monkeypatch.setattr(durable, "flush_data", failing)
    before = _rows(county)
    with pytest.raises(Exception) as caught:
        service.import_package(county, package)
    told = caught.value if isinstance(caught.value, UserError) else user_error_for(caught.value)
    assert told is not None and "磁盘" in told.message
    assert seen == ["towndesk-flush"] and _rows(county) == before
    assert _store(county) == {} and list(county.layout.tmp.iterdir()) == []


def test_folder_import_group_flushes_its_copies_once(network, tmp_path, monkeypatch):
    """A county's folder import of three packages with a scan each, in one shared transaction: the copies are
    not flushed one package at a time on the flush thread (at county scale that cost more than it hid) but
    together, once, before the group's commit."""
    county, towns = network
    folder = tmp_path / "in"
    folder.mkdir()
    for i, t in enumerate(towns):
        add_project(t, name=f"{t.node.name}项目", attachment_bytes=f"{t.node.name}的扫描件".encode() * (3000 + i))
        service.export_package(t, folder)
    seen = _watch_flushes(monkeypatch)
    res = service.import_folder(county, folder)
    assert res["applied"] == 3
    one_by_one = county.engine.url.get_backend_name() != "sqlite"  # a server: each package its own transaction
    expected = [("towndesk-flush", 1)] * 3 if one_by_one else [("MainThread", 3)]
    assert [(name, len(files)) for name, files in seen] == expected
    assert len(_store(county)) == 3 and all(name == sha for name, sha in _store(county).items())


def _count_syncfs(monkeypatch) -> list:
    """Every call of syncfs (answered as if it worked, without syncing)."""
    from desktop.sync import durable

    whole = []
    monkeypatch.setattr(durable, "_sync_fs", lambda folder: whole.append(folder) or True)
    return whole


def test_a_single_import_fsyncs_its_copies_and_their_folders(pair, tmp_path, monkeypatch):
    """Twelve scans (more than FEW): a single import fsyncs each copy and each folder it renamed into, the store's
    own folder too, and never calls syncfs, which would also write back its still-open temporary zip."""
    import os

    town, county = pair
    for i in range(12):
        add_project(town, name=f"项目{i}", attachment_bytes=f"扫描件{i}".encode() * 3000)
    package = service.export_package(town, tmp_path / "t.tdpkg")["files"][0]
    whole, synced, real_fsync = _count_syncfs(monkeypatch), [], os.fsync

    def fsync(fd):
        try:
            synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass
        return real_fsync(fd)
    monkeypatch.setattr(os, "fsync", fsync)
    assert service.import_package(county, package)["status"] == "applied"
    assert whole == []
    store = str(county.layout.attachments.resolve())
    if os.path.exists("/proc/self/fd"):
        shards = {os.path.join(store, hashlib.sha256(f"扫描件{i}".encode() * 3000).hexdigest()[:2]) for i in range(12)}
        assert shards | {store} <= set(synced), synced


@pytest.mark.sqlite_only(reason="only a SQLite folder import shares one transaction and one flush per group")
def test_a_folder_import_group_syncs_the_file_system_once(network, tmp_path, monkeypatch):
    """A folder import's group flush, its packages' temporary zips closed, uses one syncfs for more than FEW scans."""
    county, towns = network
    folder = tmp_path / "in"
    folder.mkdir()
    add_project(towns[1], name="另一个", attachment_bytes=b"scan" * 5000)
    service.export_package(towns[1], folder)
    for i in range(12):
        add_project(towns[2], name=f"项目{i}", attachment_bytes=f"另一扫描件{i}".encode() * 3000)
    service.export_package(towns[2], folder)
    whole = _count_syncfs(monkeypatch)
    service.import_folder(county, folder)
    assert len(whole) >= 1, "the folder import's group flush did not use syncfs"
