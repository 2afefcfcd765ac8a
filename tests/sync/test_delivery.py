"""Packages lost, late, twice, split, in a folder, cancelled, previewed; attachments travel once."""
from __future__ import annotations

import random
import shutil
import threading

import pytest
from sqlalchemy import select

from db.models import ChangeLog, Household, PackageLog, Project
from desktop.core.app import open_app
from desktop.core.errors import UserError
from desktop.sync import service
from desktop.sync.errors import Cancelled
from tests.conftest import db_dump
from tests.sync.data import add_project, set_fields, snapshot


def test_lost_package_costs_nothing(pair, tmp_path):
    """The first package never arrives; the second carries its changes too."""
    town, county = pair
    add_project(town, name="甲")
    service.export_package(town, tmp_path / "lost.tdpkg")
    add_project(town, name="乙")
    service.export_package(town, tmp_path / "p2.tdpkg")
    assert service.import_package(county, tmp_path / "p2.tdpkg")["per_table"]["project"]["added"] == 2
    assert snapshot(county, town.node.region_code) == snapshot(town)


def test_older_package_after_newer_applies_nothing(pair, tmp_path):
    """An older package arriving late is recorded as outdated and changes no data."""
    town, county = pair
    pid = add_project(town)
    service.export_package(town, tmp_path / "p1.tdpkg")
    set_fields(town, Project, pid, note="新的说明")
    service.export_package(town, tmp_path / "p2.tdpkg")
    service.import_package(county, tmp_path / "p2.tdpkg")
    data = snapshot(county)
    late = service.import_package(county, tmp_path / "p1.tdpkg")
    assert late["status"] == "outdated" and late["added"] == late["updated"] == 0 and late["skipped"] > 0
    assert snapshot(county) == data
    with county.read() as s:
        assert s.get(Project, pid).note == "新的说明"
    assert service.import_package(county, tmp_path / "p1.tdpkg")["status"] == "already_imported"


def test_gap_after_restore_is_reported_and_full_package_recovers(pair, tmp_path):
    """County restored from an old backup: the next package reports a gap (in words a GUI user can follow, the
    command only in the CLI hint); a --full package closes it."""
    town, county = pair
    add_project(town, name="甲")
    service.export_package(town, tmp_path / "p1.tdpkg")
    r1 = service.import_package(county, tmp_path / "p1.tdpkg")
    service.export_package(county, tmp_path / "r1.tdpkg", peer=town.node.region_code)
    service.import_package(town, tmp_path / "r1.tdpkg")
    county_dir = county.data_dir
    county.dispose()
    for suffix in ("-wal", "-shm"):
        (county_dir / f"towndesk.db{suffix}").unlink(missing_ok=True)
    shutil.copyfile(r1["backup"], county_dir / "towndesk.db")  # the backup the import itself made
    county = open_app(county_dir)
    try:
        add_project(town, name="乙")
        service.export_package(town, tmp_path / "p2.tdpkg")
        r2 = service.import_package(county, tmp_path / "p2.tdpkg")
        assert r2["status"] == "applied" and r2["gap"]["from"] == 1 and "完整包" in r2["gap"]["message"]
        assert "--" not in r2["gap"]["message"] and "towndesk" not in r2["message"]
        assert "--full" in r2["gap"]["cli_hint"]
        assert town.node.name in r2["gap"]["message"]
        full = service.export_package(town, tmp_path / "full.tdpkg", full=True)
        r3 = service.import_package(county, tmp_path / "full.tdpkg")
        assert r3["gap"] is None and r3["added"] >= 1
        assert snapshot(county, town.node.region_code) == snapshot(town)
        peer = next(p for p in service.list_peers(county) if p["node_id"] == town.node.id)
        assert peer["applied_in_seq"] == full["upto_seq"]
    finally:
        county.dispose()


def test_split_package_imports_from_its_parts(pair, tmp_path):
    """--split-mb 1 writes numbered parts under 1 MiB each; they import together; a missing part is named."""
    town, county = pair
    add_project(town, attachment_bytes=random.Random(1).randbytes(2_600_000))
    out = service.export_package(town, tmp_path / "big.tdpkg", split_mb=1)
    parts = sorted(tmp_path.glob("big.*.tdpkg"))  # glob gives the file system's order (tmpfs: newest first)
    assert len(out["files"]) == len(parts) >= 3 and all(p.stat().st_size <= 1 << 20 for p in parts)
    spare = tmp_path / "spare"
    spare.mkdir()
    for p in parts[:-1]:
        shutil.copy(p, spare / p.name)
    before = db_dump(county.layout.database)
    with pytest.raises(UserError, match=f"缺少第 {len(parts)} 卷"):
        service.import_package(county, spare / parts[0].name)
    assert db_dump(county.layout.database) == before
    assert service.import_package(county, tmp_path / "big.001.tdpkg")["status"] == "applied"
    assert snapshot(county, town.node.region_code) == snapshot(town)


def test_county_imports_a_folder(network, tmp_path):
    """Day 3: new, twice-sent, older and damaged packages in one folder; the report names who must resend."""
    county, (t0, t1, t2) = network
    folder = tmp_path / "inbox"
    folder.mkdir()
    add_project(t0, name="甲")
    service.export_package(t0, folder / "t0-1.tdpkg")
    add_project(t0, name="乙")
    service.export_package(t0, folder / "t0-2.tdpkg")
    service.import_package(county, folder / "t0-2.tdpkg")       # already imported before (sent twice)
    add_project(t1, name="丙")
    service.export_package(t1, folder / "t1-1.tdpkg")
    add_project(t2, name="丁")
    service.export_package(t2, folder / "t2-1.tdpkg")
    data = bytearray((folder / "t2-1.tdpkg").read_bytes())
    data[len(data) // 2] ^= 0x10
    (folder / "t2-1.tdpkg").write_bytes(bytes(data))
    res = service.import_folder(county, folder)
    by_file = {r["file"].split("/")[-1]: r["status"] for r in res["files"]}
    assert by_file == {"t0-1.tdpkg": "outdated", "t0-2.tdpkg": "already_imported", "t1-1.tdpkg": "applied",
                       "t2-1.tdpkg": "rejected"}
    assert res["must_send_again"] == [f"t2-1.tdpkg（文件头自称来自 {t2.node.name}，未经验证）"]  # damaged: unverified
    assert snapshot(county, t1.node.region_code) == snapshot(t1)


def test_export_cancel_writes_nothing(pair, tmp_path):
    """Cancelling mid-export leaves no package, no temp file and no record of a sent package."""
    town, county = pair
    add_project(town, attachment_bytes=random.Random(2).randbytes(3_000_000))
    stop = threading.Event()
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if total and done > 1_000_000:
            stop.set()

    before = db_dump(town.layout.database)
    with pytest.raises(Cancelled, match="已取消"):
        service.export_package(town, tmp_path / "x.tdpkg", progress=progress, cancel=stop)
    assert not list(tmp_path.glob("*.tdpkg")) and not list(tmp_path.glob(".*part"))
    assert list(town.layout.tmp.glob("sync-*")) == [] and db_dump(town.layout.database) == before
    out = service.export_package(town, tmp_path / "x.tdpkg", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and out["package_seq"] == 1


def test_dry_run_previews_without_writing(pair, tmp_path):
    """--dry-run shows added/updated per table and leaves the database byte-for-byte the same."""
    town, county = pair
    add_project(town)
    service.export_package(town, tmp_path / "p.tdpkg")
    before = db_dump(county.layout.database)
    preview = service.preview(county, tmp_path / "p.tdpkg")
    assert preview["dry_run"] and preview["per_table"]["project"]["added"] == 1 and preview["status"] == "applied"
    assert db_dump(county.layout.database) == before
    assert list(county.layout.backups.iterdir()) == []


def test_attachments_travel_once(pair, tmp_path):
    """A file goes again until acknowledged, then never again, even for a second record with the same content."""
    town, county = pair
    blob = b"%PDF scan of the approval" * 1000
    add_project(town, attachment_bytes=blob)
    assert service.export_package(town, tmp_path / "a.tdpkg")["attachments"] == 1
    assert service.export_package(town, tmp_path / "b.tdpkg")["attachments"] == 1  # not yet acknowledged
    service.import_package(county, tmp_path / "b.tdpkg")
    service.export_package(county, tmp_path / "r.tdpkg", peer=town.node.region_code)
    service.import_package(town, tmp_path / "r.tdpkg")
    add_project(town, name="第二个项目", attachment_bytes=blob)
    out = service.export_package(town, tmp_path / "c.tdpkg")
    assert out["attachments"] == 0 and out["counts"]["attachment"]["insert"] == 1
    assert service.export_package(town, tmp_path / "full.tdpkg", full=True)["attachments"] == 1


def test_deletes_and_personal_data(pair, tmp_path):
    """A deleted project arrives as a tombstone; a household's ID number arrives and stays sealed in the log."""
    town, county = pair
    pid = add_project(town)
    set_fields(town, Project, pid, deleted=True)
    service.export_package(town, tmp_path / "p.tdpkg")
    service.import_package(county, tmp_path / "p.tdpkg")
    with county.read() as s:
        assert s.get(Project, pid).deleted is True
        h = s.scalar(select(Household))
        assert h.id_number == "533421198001011234"
        logged = s.scalar(select(ChangeLog.new_value).where(ChangeLog.record_id == h.id, ChangeLog.field == "id_number"))
        assert logged.startswith("~sealed1:")
        origin = s.scalar(select(ChangeLog.origin_node).where(ChangeLog.record_id == pid).limit(1))
        assert origin == town.node.id
        assert s.scalar(select(PackageLog.status)) == "applied"


def test_county_routes_each_township_only_its_own(network, tmp_path):
    """The county sees every township; a township gets its own records and county-wide ones, never another's."""
    from datetime import date

    from db.models import ChecklistStandard, Notice, RiskAssessment

    county, (t0, t1, t2) = network
    ids = {}
    for t in (t0, t1, t2):
        ids[t.node.name] = add_project(t, name=f"{t.node.name}项目", with_children=False)
        service.export_package(t, tmp_path / f"{t.node.region_code}.tdpkg")
        service.import_package(county, tmp_path / f"{t.node.region_code}.tdpkg")
    from desktop.projects import projects

    assert {p["township"] for p in projects.list_projects(county)} == {t0.node.name, t1.node.name, t2.node.name}
    with county.tx() as s:
        s.add(RiskAssessment(project_id=ids[t0.node.name], level="yellow", reasons=["未按时验收"]))
        s.add(Notice(number=7, year=2020, title="关于加快项目进度的督办单", township_code=t1.node.region_code,
                     issued_on=date(2020, 7, 1), deadline=date(2020, 7, 10)))
        s.add(ChecklistStandard(key="county-extra", name="县补充资料标准", std_version=1))
    out = service.export_package(county, tmp_path / "to-t0.tdpkg", peer=t0.node.region_code)
    assert set(out["counts"]) == {"risk_assessment", "checklist_standard"}
    service.import_package(t0, tmp_path / "to-t0.tdpkg")
    with t0.read() as s:
        assert s.scalar(select(RiskAssessment.level)) == "yellow"
        assert s.scalar(select(ChecklistStandard.name).where(ChecklistStandard.key == "county-extra")) == "县补充资料标准"
        assert s.scalar(select(Notice.id)) is None
        assert {p.township_code for p in s.scalars(select(Project))} == {t0.node.region_code}
    out1 = service.export_package(county, tmp_path / "to-t1.tdpkg", peer=t1.node.region_code)
    assert set(out1["counts"]) == {"notice", "checklist_standard"}


def test_export_to_unwritable_place_is_a_clear_error(pair, tmp_path):
    """Exporting onto a path that cannot be written (like a pulled USB stick) says so and records nothing."""
    town, county = pair
    add_project(town)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    before = db_dump(town.layout.database)
    with pytest.raises(UserError, match="无法写入同步包"):
        service.export_package(town, blocker / "sub" / "p.tdpkg")
    assert db_dump(town.layout.database) == before
    assert list(town.layout.tmp.glob("sync-*")) == []
