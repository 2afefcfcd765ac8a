"""Township → county → township with real keys, real files and real SQLite databases."""
from __future__ import annotations

from db.models import Project, RiskAssessment
from desktop.core.attachments_store import AttachmentStore
from desktop.sync import service
from tests.conftest import db_dump
from tests.sync.data import add_project, grade, snapshot


def test_round_trip_township_county_township(pair, tmp_path):
    """A township's projects reach the county; the county's grade and receipt come back; all copies agree."""
    town, county = pair
    pdf = b"%PDF-1.4 " + bytes(range(256)) * 400
    pid = add_project(town, attachment_bytes=pdf)
    out = service.export_package(town, tmp_path / "t1.tdpkg")
    assert out["change_sets"] > 0 and out["attachments"] == 1

    res = service.import_package(county, tmp_path / "t1.tdpkg")
    assert res["status"] == "applied" and res["added"] >= 5 and res["conflicts"] == 0
    assert res["per_table"]["project"]["added"] == 1
    assert AttachmentStore(county.layout).path_for(out and _sha(pdf)).read_bytes() == pdf
    assert snapshot(county, town.node.region_code) == snapshot(town)

    ra = grade(county, pid, "red")
    back = service.export_package(county, tmp_path / "c1.tdpkg", peer=town.node.region_code)
    assert back["ack"] == out["upto_seq"] and back["attachments"] == 0
    res2 = service.import_package(town, tmp_path / "c1.tdpkg")
    assert res2["status"] == "applied" and res2["added"] == 1 and res2["updated"] == 1
    with town.read() as s:
        assert s.get(Project, pid).risk_level == "red"
        assert s.get(RiskAssessment, ra).reasons == ["建而不成"]
    assert snapshot(county, town.node.region_code) == snapshot(town)
    peers = {p["name"]: p for p in service.list_peers(town)}
    assert peers[county.node.name]["acked_out_seq"] == out["upto_seq"]
    hist = service.history(town)
    assert [h["direction"] for h in hist] == ["in", "out"] and hist[1]["acknowledged"] is True


def test_reimport_is_noop(pair, tmp_path):
    """Importing the same package twice says already_imported and leaves the database byte-for-byte equal."""
    town, county = pair
    add_project(town)
    service.export_package(town, tmp_path / "t1.tdpkg")
    service.import_package(county, tmp_path / "t1.tdpkg")
    before = db_dump(county.layout.database)
    res = service.import_package(county, tmp_path / "t1.tdpkg")
    assert res["status"] == "already_imported" and "已经导入过" in res["message"]
    assert db_dump(county.layout.database) == before


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_nothing_personal_outside_the_encryption(pair, tmp_path):
    """Names, ID numbers, phone numbers and region codes never appear in the package file's bytes."""
    town, county = pair
    add_project(town)
    service.export_package(town, tmp_path / "p.tdpkg")
    data = (tmp_path / "p.tdpkg").read_bytes()
    for secret in ("小中甸镇", "和建华", "533421198001011234", "13988700000", "联合村", town.node.region_code):
        assert secret.encode("utf-8") not in data, secret
    assert town.node.id.encode() in data[:400]  # the clear header names nodes by id only
