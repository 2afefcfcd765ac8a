"""Concurrent edits: both values kept, the owner's value stands on both sides, and a decision travels."""
from __future__ import annotations

from sqlalchemy import func, select

from db.models import ChangeLog, Conflict, Project
from desktop.sync import service
from tests.sync.data import add_project, set_fields, snapshot


def exchange(a, b, tmp, name):
    """a → b: export and import one package."""
    path = tmp / f"{name}.tdpkg"
    service.export_package(a, path, peer=b.node.region_code)
    return service.import_package(b, path)


def synced_pair(pair, tmp):
    town, county = pair
    pid = add_project(town, with_children=False)
    exchange(town, county, tmp, "init")
    exchange(county, town, tmp, "init-back")
    return town, county, pid


def value(app, pid, field):
    with app.read() as s:
        return getattr(s.get(Project, pid), field)


def test_concurrent_township_field_keeps_both_and_township_wins(pair, tmp_path):
    """Both change the project name: both values kept on both sides, the township's name stands."""
    town, county, pid = synced_pair(pair, tmp_path)
    set_fields(town, Project, pid, name="联合村乡村旅游（一期）")
    set_fields(county, Project, pid, name="联合村旅游")
    r1 = exchange(town, county, tmp_path, "t")
    r2 = exchange(county, town, tmp_path, "c")
    assert r1["conflicts"] == 1 and r2["conflicts"] == 1
    assert value(town, pid, "name") == value(county, pid, "name") == "联合村乡村旅游（一期）"
    [c_county] = service.list_conflicts(county)
    [c_town] = service.list_conflicts(town)
    assert (c_county["mine"], c_county["theirs"], c_county["kept"]) == ("联合村旅游", "联合村乡村旅游（一期）", "theirs")
    assert (c_town["mine"], c_town["theirs"], c_town["kept"]) == ("联合村乡村旅游（一期）", "联合村旅游", "mine")
    assert c_town["field_label"] == "项目名称" and "联合村" in c_town["record"]


def test_concurrent_county_field_county_wins(pair, tmp_path):
    """Both grade the risk: the county owns risk_level, so its grade stands everywhere; the county never
    takes a township's grade at all (no conflict to settle there), and its import report says so."""
    town, county, pid = synced_pair(pair, tmp_path)
    set_fields(town, Project, pid, risk_level="green")
    set_fields(county, Project, pid, risk_level="red")
    exchange(county, town, tmp_path, "c")
    res = exchange(town, county, tmp_path, "t")
    assert value(town, pid, "risk_level") == value(county, pid, "risk_level") == "red"
    assert len(service.list_conflicts(town)) == 1 and service.list_conflicts(county) == []
    assert [(f["record_id"], f["field"]) for f in res["trust"]["fields_not_taken"]] == [(pid, "risk_level")]
    assert "由县级确定" in res["message"]


def test_aba_is_still_a_conflict(pair, tmp_path):
    """Township a→b→a while the county a→c: values alone look unchanged, the change numbers do not."""
    town, county, pid = synced_pair(pair, tmp_path)
    set_fields(town, Project, pid, note="a")
    exchange(town, county, tmp_path, "t0")
    exchange(county, town, tmp_path, "c0")
    set_fields(town, Project, pid, note="b")
    set_fields(town, Project, pid, note="a")
    set_fields(county, Project, pid, note="c")
    exchange(town, county, tmp_path, "t1")
    r = exchange(county, town, tmp_path, "c1")
    assert r["conflicts"] == 1
    assert value(town, pid, "note") == value(county, pid, "note") == "a"
    assert {c["theirs"] for c in service.list_conflicts(town)} == {"c"}


def test_sequential_edit_is_not_a_conflict(pair, tmp_path):
    """The county edits after it has seen the township's edit: the township simply takes it."""
    town, county, pid = synced_pair(pair, tmp_path)
    set_fields(town, Project, pid, note="乡镇写的")
    exchange(town, county, tmp_path, "t")
    set_fields(county, Project, pid, note="县里改的")
    r = exchange(county, town, tmp_path, "c")
    assert r["conflicts"] == 0 and value(town, pid, "note") == "县里改的"


def test_resolve_travels_and_closes_other_side(pair, tmp_path):
    """Keeping 'theirs' when it is already current still logs a change; the other side closes its conflict."""
    town, county, pid = synced_pair(pair, tmp_path)
    set_fields(town, Project, pid, note="乡镇")
    set_fields(county, Project, pid, note="县")
    exchange(town, county, tmp_path, "t")
    exchange(county, town, tmp_path, "c")
    [c] = service.list_conflicts(county)
    with county.read() as s:
        before = s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.record_id == pid))
    out = service.resolve_conflict(county, c["short_id"], "theirs")
    assert out["value"] == "乡镇"
    with county.read() as s:
        after = s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.record_id == pid))
    assert after == before + 1 and service.list_conflicts(county) == []
    exchange(county, town, tmp_path, "c2")
    assert service.list_conflicts(town) == []
    with town.read() as s:
        assert s.scalar(select(Conflict.resolution)) == "peer_agreed"
    assert snapshot(county, town.node.region_code) == snapshot(town)


def test_resolve_keep_mine_changes_value_on_both(pair, tmp_path):
    """The county keeps its own value after the owner's value won: it becomes the value on both sides."""
    town, county, pid = synced_pair(pair, tmp_path)
    set_fields(town, Project, pid, village="联合村一组")
    set_fields(county, Project, pid, village="联合村委会")
    exchange(town, county, tmp_path, "t")
    exchange(county, town, tmp_path, "c")
    [c] = service.list_conflicts(county)
    service.resolve_conflict(county, c["id"], "mine")
    exchange(county, town, tmp_path, "c2")
    assert value(town, pid, "village") == value(county, pid, "village") == "联合村委会"
    assert service.list_conflicts(town) == []


def test_resolve_bad_input(pair, tmp_path):
    """Unknown ids, short ids and a bad --keep are refused with a message; nothing is written."""
    import pytest

    from desktop.core.errors import UserError
    from tests.conftest import db_dump

    town, county = pair
    before = db_dump(county.layout.database)
    for cid, keep, phrase in (("abc", "mine", "至少前 6 位"), ("abcdef12", "mine", "找不到冲突"), ("abcdef12", "both", "只能是")):
        with pytest.raises(UserError, match=phrase):
            service.resolve_conflict(county, cid, keep)
    assert db_dump(county.layout.database) == before
