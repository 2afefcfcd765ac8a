"""Owner rules on import: a township (real keys, tampered program) cannot write what is not its own."""
from __future__ import annotations

from sqlalchemy import select

from db.models import Conflict, Notice, Project, RiskAssessment
from desktop.sync import service
from tests.sync.craft import change_set, changes_package
from tests.sync.data import add_project, set_fields
from tests.sync.hostile import ground, refused, send  # noqa: F401  (fixture)

NEW_ID = "6d1f0c55-0000-4000-8000-000000000001"


def test_other_townships_project_cannot_be_changed(ground, tmp_path):
    """建塘镇 renames 小中甸镇's project: refused, naming the sender, the record and the rule."""
    g = ground
    p = changes_package(tmp_path / "x.tdpkg", g["t1"], g["county"],
                        [change_set("project", g["project"], {"name": "改名"})])
    msg = refused(g["county"], p, "建塘镇", "项目属于其所在乡镇", "整个包已拒绝", "2020-")


def test_other_townships_project_cannot_be_inserted_or_tombstoned(ground, tmp_path):
    """Inserting a project for another township, or tombstoning its project or household, is refused."""
    g = ground
    code = g["t0"].node.region_code
    insert = change_set("project", NEW_ID, {"code": "2020-X-999", "name": "冒名项目", "year": 2020, "level": "市级",
                                           "township_code": code, "township_name": "小中甸镇",
                                           "funding_sources": [], "stage": "preparation", "deleted": False},
                        op="insert")
    for i, cs in enumerate([insert, change_set("project", g["project"], {"deleted": True}, op="delete"),
                            change_set("household", g["household"], {"deleted": True}, op="delete")]):
        refused(g["county"], changes_package(tmp_path / f"x{i}.tdpkg", g["t1"], g["county"], [cs]), "整个包已拒绝")


def test_moving_own_project_to_another_township_is_refused(ground, tmp_path):
    """A township cannot hand its project to another township by changing its region code."""
    g = ground
    cs = change_set("project", g["t1_project"], {"township_code": g["t0"].node.region_code})
    refused(g["county"], changes_package(tmp_path / "m.tdpkg", g["t1"], g["county"], [cs]), "项目属于其所在乡镇")


def test_county_records_cannot_be_written_by_a_township(ground, tmp_path):
    """Close the county's notice, turn its risk grade green and sign it off, insert or delete notices: all refused."""
    g = ground
    attempts = [
        change_set("notice", g["notice"], {"status": "closed", "closed_on": "2026-06-20"}),
        change_set("notice", g["notice"], {"deleted": True}, op="delete"),
        change_set("risk_assessment", g["assessment"], {"level": "green", "signed_off": True}),
        change_set("notice", NEW_ID, {"number": 9, "year": 2026, "title": "假督办", "township_code": g["t0"].node.region_code,
                                      "issued_on": "2026-06-01", "deadline": "2026-06-30", "project_ids": [],
                                      "status": "open", "deleted": False}, op="insert"),
    ]
    for i, cs in enumerate(attempts):
        for sender in (g["t1"], g["t0"]):  # neither the addressee nor another township may write them
            path = changes_package(tmp_path / f"c{i}{sender.node.region_code}.tdpkg", sender, g["county"], [cs])
            refused(g["county"], path, "整个包已拒绝", sender.node.name)


def test_county_risk_field_of_own_project_is_not_taken(ground, tmp_path):
    """A township's own project arriving with risk_level green: the rest applies, the grade stays red, the report says so."""
    g = ground
    cs = change_set("project", g["project"], {"risk_level": "green", "note": "已整改"})
    res = service.import_package(g["county"], changes_package(tmp_path / "r.tdpkg", g["t0"], g["county"], [cs]))
    with g["county"].read() as s:
        p = s.get(Project, g["project"])
        assert (p.risk_level, p.note) == ("red", "已整改")
    assert res["trust"]["fields_not_taken"][0]["field"] == "risk_level" and "由县级确定" in res["message"]


def test_reply_only_to_own_notice(ground, tmp_path):
    """A reply to a notice addressed to the sender is taken; one to another township's notice is refused."""
    g = ground
    reply = {"notice_id": g["notice"], "township_code": g["t0"].node.region_code, "replied_on": "2026-06-10",
             "content": "已整改完毕", "attachment_ids": [], "deleted": False}
    ok = changes_package(tmp_path / "ok.tdpkg", g["t0"], g["county"], [change_set("notice_reply", NEW_ID, reply, op="insert")])
    assert service.import_package(g["county"], ok)["added"] == 1
    forged = dict(reply, township_code=g["t1"].node.region_code)
    bad = changes_package(tmp_path / "bad.tdpkg", g["t1"], g["county"],
                          [change_set("notice_reply", "6d1f0c55-0000-4000-8000-000000000002", forged, op="insert")])
    refused(g["county"], bad, "只能回复发给本乡镇的督办单")


def test_claimed_seen_cannot_hide_a_conflict(ground, tmp_path):
    """seen=10**9 claims to know county changes never sent: the county still records the conflict."""
    g = ground
    set_fields(g["county"], Project, g["project"], note="县里补充的说明")
    cs = change_set("project", g["project"], {"note": "乡镇的说明"}, seen=10**9)
    res = service.import_package(g["county"], changes_package(tmp_path / "s.tdpkg", g["t0"], g["county"], [cs]))
    assert res["conflicts"] == 1 and res["trust"]["claims_reduced"] == 1
    with g["county"].read() as s:
        assert s.scalar(select(Conflict.field).where(Conflict.record_id == g["project"])) == "note"


def test_ack_is_capped_at_what_was_sent(ground, tmp_path):
    """An ack of 10**12 does not mark the county's future changes as delivered to that township."""
    g = ground
    cs = change_set("project", g["project"], {"note": "ack"})
    p = changes_package(tmp_path / "a.tdpkg", g["t0"], g["county"], [cs], manifest={"ack": 10**12})
    assert service.import_package(g["county"], p)["trust"]["ack_reduced"] is True
    set_fields(g["county"], Notice, g["notice"], title="督办（更正）")
    res = service.export_package(g["county"], tmp_path / "next.tdpkg", peer=g["t0"].node.region_code)
    assert res["change_sets"] >= 1  # the correction still travels


def test_upto_beyond_the_change_sets_is_refused(ground, tmp_path):
    """A township claiming changes up to 10**12 while carrying fewer is refused."""
    g = ground
    cs = change_set("project", g["project"], {"note": "x"})
    p = changes_package(tmp_path / "u.tdpkg", g["t0"], g["county"], [cs], manifest={"upto_seq": 10**12})
    refused(g["county"], p, "超出包内实际的更改")


def test_honest_exchange_still_flows_after_refusals(ground, tmp_path):
    """After hostile packages were refused, the honest program's next packages still apply normally."""
    g = ground
    refused(g["county"], changes_package(tmp_path / "h.tdpkg", g["t1"], g["county"],
                                         [change_set("project", g["project"], {"name": "改名"})]), "整个包已拒绝")
    set_fields(g["t1"], Project, g["t1_project"], note="正常更新")
    assert send(g["t1"], g["county"], tmp_path, "honest")["updated"] == 1
    with g["county"].read() as s:
        assert s.get(Project, g["project"]).name == "联合村乡村旅游"
        assert s.get(RiskAssessment, g["assessment"]).level == "red"


def _template_set(g, tmp_path, text: str, tid: str = NEW_ID):
    import hashlib

    from tests.templates.factory import make_docx

    data = make_docx(tmp_path / f"{tid}.docx", [text]).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    fields = {"name": "建塘镇协议", "kind": "other", "template_version": 1, "source": "local", "sha256": sha,
              "fields": [], "scope_code": g["t1"].node.region_code, "active": True, "deleted": False}
    return change_set("template", tid, fields, op="insert"), {sha: data}


def test_template_by_package_is_checked(ground, tmp_path):
    """A township's own template arriving by package passes the checker like one added by hand, or the package is refused."""
    g = ground
    bad, files = _template_set(g, tmp_path, "{{ 项目名称|center(3*10**8) }}")
    refused(g["county"], changes_package(tmp_path / "bad.tdpkg", g["t1"], g["county"], [bad], files=files),
            "未通过模板检查", "过滤器")
    good, files = _template_set(g, tmp_path, "项目：{{ 项目名称 }}", "6d1f0c55-0000-4000-8000-000000000003")
    res = service.import_package(g["county"], changes_package(tmp_path / "ok.tdpkg", g["t1"], g["county"], [good],
                                                              files=files))
    assert res["added"] == 1


def test_county_template_from_a_township_is_not_taken(ground, tmp_path):
    """A township cannot issue a county template (source county): not taken, and its file is not stored."""
    g = ground
    cs, files = _template_set(g, tmp_path, "项目：{{ 项目名称 }}")
    cs["fields"]["source"] = "county"
    res = service.import_package(g["county"], changes_package(tmp_path / "c.tdpkg", g["t1"], g["county"], [cs],
                                                              files=files))
    assert res["trust"]["shipped_not_taken"] == 1 and res["added"] == 0
    from desktop.core.attachments_store import AttachmentStore
    assert not AttachmentStore(g["county"].layout).has(cs["fields"]["sha256"])


def test_a_townships_copy_of_the_standard_is_reported_apart_not_as_already_imported(network, tmp_path, monkeypatch):
    """A first package from a township on an older program, which logged its load of the shipped checklist
    standard (the county does not take it), says how many such copies were left aside, and counts none of them
    as already imported."""
    from desktop.checklists import standards_service

    county, towns = network
    with monkeypatch.context() as older:  # the program before the township's load went unlogged
        older.setattr(standards_service, "_is_county", lambda session: True)
        with towns[0].tx() as s:
            standards_service.ensure_builtin(s)
    add_project(towns[0])
    service.export_package(towns[0], tmp_path / "p.tdpkg")
    res = service.import_package(county, tmp_path / "p.tdpkg")
    copies = res["trust"]["shipped_not_taken"]
    assert res["status"] == "applied" and copies > 0 and res["skipped"] == 0
    assert f"{copies} 条是县级下发的资料清单标准或模板在乡镇的副本，以县级的为准，未采用" in res["message"]
    assert "已导入过而跳过 0 条" in res["message"]
