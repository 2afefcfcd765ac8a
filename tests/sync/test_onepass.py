"""Issue 17: the export written in one pass and the import's Core path give the same packages and records."""
from __future__ import annotations

import io
import json
import shutil
import uuid
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db import migrate
from db.models import ChangeLog, Project
from desktop.core.attachments_store import AttachmentStore
from desktop.sync import apply, archive, container, durable, service
from desktop.sync.importer import load_keys
from tests.sync.data import add_project, set_fields


def _decrypt(package, app, dest):
    """The inner zip of a package addressed to `app`, decrypted with the importer's own routine."""
    keys = load_keys(app)
    with open(package, "rb") as f:
        _, head = container.read_header(f, package.name)
        key = container.open_key(f, package.name, keys.box)
        container.decrypt_to(f, package.name, key, head, dest, 1 << 40)
    return dest


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(min_value=0, max_value=300), max_size=12))
def test_encrypting_writer_gives_what_encrypt_file_gives(sizes, tmp_path):
    """Any sequence of writes into the streaming envelope decrypts to the same bytes, in the same chunk layout
    as encrypting the whole file afterwards (64-byte chunks here, so writes cross chunk borders)."""
    from nacl.public import PrivateKey

    box = PrivateKey.generate()
    header = {"format": 1, "schema": migrate.head_revision(), "app_version": "t", "sender": str(uuid.uuid4()),
              "recipient": str(uuid.uuid4()), "package_id": str(uuid.uuid4()), "package_seq": 1}
    data = b"".join(bytes([i % 251]) * n for i, n in enumerate(sizes))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(container, "CHUNK", 64)
        streamed = io.BytesIO()
        w = container.EncryptingWriter(streamed, header, bytes(box.public_key).hex())
        for i, n in enumerate(sizes):
            w.write(bytes([i % 251]) * n)
        w.close()
        plain = tmp_path / f"plain-{len(data)}"
        plain.write_bytes(data)
        whole = io.BytesIO()
        container.encrypt_file(plain, whole, header, bytes(box.public_key).hex())
        assert len(streamed.getvalue()) == len(whole.getvalue())
        f = io.BytesIO(streamed.getvalue())
        _, head = container.read_header(f, "x.tdpkg")
        key = container.open_key(f, "x.tdpkg", box)
        out = tmp_path / f"out-{len(data)}"
        container.decrypt_to(f, "x.tdpkg", key, head, out, 1 << 30)
    assert out.read_bytes() == data


def test_export_streams_without_temporary_zip(pair, tmp_path, monkeypatch):
    """Export never writes the inner zip to a temp file nor encrypts a file afterwards; the manifest and its
    signature are the last entries and the package imports with every check."""
    town, county = pair
    add_project(town, attachment_bytes=b"%PDF-1.4 " + bytes(range(256)) * 9000)  # > 2 MiB: several chunks
    monkeypatch.setattr(container, "encrypt_file", lambda *a, **k: pytest.fail("second pass over the package"))
    seen_tmp = []
    real_write = container.EncryptingWriter.write

    def spy(self, data):
        seen_tmp.extend(p.name for p in town.layout.tmp.iterdir())
        return real_write(self, data)

    monkeypatch.setattr(container.EncryptingWriter, "write", spy)
    out = service.export_package(town, tmp_path / "t.tdpkg")
    assert seen_tmp == [] and list(town.layout.tmp.iterdir()) == []
    with zipfile.ZipFile(_decrypt(tmp_path / "t.tdpkg", county, tmp_path / "inner.zip")) as zf:
        names = [i.filename for i in zf.infolist()]
        assert names[0] == archive.CHANGES and names[-2:] == [archive.MANIFEST, archive.SIGNATURE]
        assert all(i.flag_bits & 0x08 for i in zf.infolist())  # sizes after each entry: written once
    res = service.import_package(county, out["files"][0])
    assert res["status"] == "applied" and res["per_table"]["attachment"]["added"] == 1


def test_change_lines_are_canonical_json(pair, tmp_path):
    """Lines spliced from the stored JSON are exactly what json.dumps wrote before: quotes, Chinese,
    line breaks, a sealed ID number (opened for the package) and an erased value (null)."""
    town, county = pair
    pid = add_project(town, name='联合村"引号"\n第二行\\')
    set_fields(town, Project, pid, note="备注\t制表", funding_sources=["沪滇协作资金", "衔接资金"])
    service.export_package(town, tmp_path / "t.tdpkg")
    with zipfile.ZipFile(_decrypt(tmp_path / "t.tdpkg", county, tmp_path / "inner.zip")) as zf:
        lines = zf.read(archive.CHANGES).decode("utf-8").splitlines(keepends=True)
    assert lines
    for line in lines:
        cs = json.loads(line)
        assert json.dumps(cs, ensure_ascii=False, separators=(",", ":")) + "\n" == line
    household = [json.loads(x) for x in lines if json.loads(x)["table"] == "household"]
    assert household[0]["fields"]["id_number"] == "533421198001011234"


def _rows(app):
    """Every record of every synced table, and the change log without its local numbering and hashes."""
    from db.models import SYNCED_MODELS

    out = {}
    for table, model in SYNCED_MODELS.items():  # personal fields are sealed with random nonces: compare them opened
        if getattr(model, "__personal__", ()):
            with app.read() as s:
                out[table] = sorted(tuple(str(getattr(o, c.key)) for c in model.__table__.columns if c.key != "id_lookup")
                                    for o in s.scalars(select(model)))
    with app.engine.connect() as conn:
        for table, model in SYNCED_MODELS.items():
            if table not in out:
                out[table] = sorted(tuple(map(str, r)) for r in conn.execute(select(model.__table__)))
        cols = [ChangeLog.origin_node, ChangeLog.origin_seq, ChangeLog.at, ChangeLog.user_name, ChangeLog.table_name,
                ChangeLog.record_id, ChangeLog.project_id, ChangeLog.scope_code, ChangeLog.op, ChangeLog.field,
                ChangeLog.old_value, ChangeLog.package_id]
        out["change_log"] = sorted(tuple(map(str, r)) for r in conn.execute(
            select(*cols).where(ChangeLog.origin_node != app.node.id)))
        out["sealed"] = sorted((r.table_name, r.record_id, r.field) for r in conn.execute(
            select(ChangeLog.table_name, ChangeLog.record_id, ChangeLog.field).where(
                ChangeLog.new_value.like("~sealed1:%"))))
    return out


@pytest.mark.sqlite_only(reason="copies the county's SQLite folder to import the same package twice; on a server both "
                                 "copies would share one database")
def test_core_import_writes_what_the_orm_path_writes(pair, tmp_path, monkeypatch):
    """The same package imported through Core executemany and through the ORM gives identical records and
    change-log rows (origin, scope, project, fields), and the county's hash chain still verifies."""
    from desktop.core.app import open_app
    from desktop.core.ledger_check import check_ledger

    town, county = pair
    for i in range(3):
        add_project(town, name=f"项目{i}", attachment_bytes=f"scan {i}".encode() * 500)
    package = service.export_package(town, tmp_path / "t.tdpkg")["files"][0]
    county.dispose()
    shutil.copytree(county.layout.root, tmp_path / "orm")
    core_res = service.import_package(county, package)
    orm = open_app(tmp_path / "orm")
    try:
        with monkeypatch.context() as mp:
            mp.setattr(apply, "core_insertable", lambda model: False)
            orm_res = service.import_package(orm, package)
        assert {k: core_res[k] for k in ("added", "updated", "per_table")} == \
            {k: orm_res[k] for k in ("added", "updated", "per_table")}
        assert _rows(county) == _rows(orm)
        assert check_ledger(county) == []
    finally:
        orm.dispose()


def _temporary(app, path) -> bool:
    """A received file's name before it is renamed into the store: a staged copy or a `.part` name."""
    staged = path.parent == app.layout.tmp and path.name.startswith("sync-")
    return staged or (path.name.startswith(".") and path.name.endswith(".part"))


@pytest.mark.parametrize("few", [8, 2])
def test_import_flushes_received_files_once(pair, tmp_path, monkeypatch, few):
    """Several received scans are made durable by one flush of their contents and one of their names,
    each under a temporary name first — the copy verify made under tmp/ (round 5), or a `.part` name in the
    store — (with fsync of each: a single import never calls syncfs, see test_staged_files); none is left
    behind and every file has its content."""
    monkeypatch.setattr(durable, "FEW", few)
    town, county = pair
    scans = [f"扫描件{i}".encode() * 3000 for i in range(4)]
    for i, data in enumerate(scans):
        add_project(town, name=f"项目{i}", attachment_bytes=data)
    package = service.export_package(town, tmp_path / "t.tdpkg")["files"][0]
    calls = []
    real_data, real_names = durable.flush_data, durable.flush_names
    monkeypatch.setattr(durable, "flush_data", lambda folder, files, *rest: calls.append(
        ("data", sorted(_temporary(county, p) for p in files))) or real_data(folder, files, *rest))
    monkeypatch.setattr(durable, "flush_names", lambda folder, files, *rest: calls.append(
        ("names", len(files))) or real_names(folder, files, *rest))
    service.import_package(county, package)
    assert calls == [("data", [True] * 4), ("names", 4)]
    store = AttachmentStore(county.layout)
    import hashlib
    for data in scans:
        assert store.path_for(hashlib.sha256(data).hexdigest()).read_bytes() == data
    assert not [p for p in county.layout.attachments.rglob("*.part")]


def _folder_of_three(network, tmp_path):
    """The county and a folder holding one package from each of the three townships, each with a new project."""
    county, towns = network
    folder = tmp_path / "in"
    folder.mkdir()
    for t in towns:
        add_project(t, name=f"{t.node.name}项目")
        service.export_package(t, folder)
    return county, folder


@pytest.mark.sqlite_only(reason="counts the SQLite snapshot files (*.db) in the backups folder; a server's "
                                 "backups are pg_dump files or none (docs/postgresql.md)")
def test_folder_import_makes_one_backup(network, tmp_path):
    """A county importing a folder of packages from three townships makes one backup for the whole session."""
    county, folder = _folder_of_three(network, tmp_path)
    before = set(county.layout.backups.rglob("*.db"))
    res = service.import_folder(county, folder)
    assert res["applied"] == 3
    assert len(set(county.layout.backups.rglob("*.db")) - before) == 1


def test_folder_import_authorizes_and_reads_the_nodes_once(network, tmp_path, monkeypatch):
    """A folder of three packages asks for the importing account's right once and reads the registered nodes
    once, not once per package, and every package's records are still logged with their package."""
    from desktop.core import identity
    from desktop.sync import folder as folder_import

    county, folder = _folder_of_three(network, tmp_path)
    calls = {"authorize": 0, "nodes": 0}
    real_authorize, real_nodes = identity.authorize, folder_import.known_nodes

    def authorize(app, right):
        calls["authorize"] += 1
        return real_authorize(app, right)

    def nodes(app):
        calls["nodes"] += 1
        return real_nodes(app)
    monkeypatch.setattr(identity, "authorize", authorize)
    monkeypatch.setattr(folder_import, "known_nodes", nodes)
    res = service.import_folder(county, folder)
    assert res["applied"] == 3
    assert calls == {"authorize": 1, "nodes": 1}
    with county.read() as s:
        logged = set(s.scalars(select(ChangeLog.package_id).distinct()))
    assert {r["package_id"] for r in res["files"]} <= logged
