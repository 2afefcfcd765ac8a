"""Undo of a project's last change (as a new change, step by step) and the readable history."""
import pytest

from desktop.core.errors import UserError
from desktop.projects import history_view, project_records, project_undo, projects


@pytest.fixture
def code(township_app):
    return projects.create_project(township_app, {"name": "联合村旅游", "year": 2020, "level": "市级"})["code"]


def _log_count(app):
    from db.models import ChangeLog

    with app.read() as s:
        return s.query(ChangeLog).count()


def test_undo_steps_back_one_change_at_a_time(township_app, code):
    """Two edits, two undos: each goes one step further back; the change log only grows."""
    app = township_app
    projects.update_project(app, code, {"village": "联合村"})
    projects.update_project(app, code, {"village": "安南村", "stage": "在建"})
    n = _log_count(app)
    assert project_undo.last_change(app, code)["fields"] == ["实施村", "项目阶段"]
    project_undo.undo_last_change(app, code)
    p = projects.get_project(app, code)
    assert (p["village"], p["stage"]) == ("联合村", "preparation")
    project_undo.undo_last_change(app, code)
    assert projects.get_project(app, code)["village"] is None
    assert _log_count(app) > n


def test_undo_of_added_record_tombstones_it(township_app, code):
    """Undoing the addition of a disbursement deletes it (tombstone), keeping the log."""
    app = township_app
    projects.update_project(app, code, {"planned_investment_yuan": "1000"})
    project_records.add_record(app, code, "disbursement", {"paid_on": "2020-06-01", "amount_fen": "10"})
    info = project_undo.undo_last_change(app, code)
    assert info["fields"] == ["资金拨付（新增）"]
    assert project_records.list_records(app, code, "disbursement") == []


def test_undo_refused_when_changed_since_by_sync(township_app, code):
    """If a peer's change (sync) touched the field after the local change, undo refuses with a message."""
    app = township_app
    projects.update_project(app, code, {"village": "联合村"})
    remote = {"origin_node": "peer-county", "origin_seq": 1, "user_name": "县", "package_id": "pkg-1"}
    with app.tx(remote=remote) as s:
        projects.find(s, code).village = "县里改的村"
    with pytest.raises(UserError, match="又被改过"):
        project_undo.undo_last_change(app, code)
    assert projects.get_project(app, code)["village"] == "县里改的村"


def test_undo_of_creation_deletes_the_project(township_app, code):
    """The first change of a new project is its creation; undoing it tombstones the project."""
    info = project_undo.undo_last_change(township_app, code)
    assert info["deleted_project"]
    with pytest.raises(UserError):
        projects.get_project(township_app, code)


def test_history_view_is_readable_and_masked(township_app, code):
    """History shows Chinese labels, 元, stage names, one row per created record, masked ID numbers."""
    import random

    from desktop.setup.demo import _id_number

    app = township_app
    projects.update_project(app, code, {"planned_investment_wan": "1690", "stage": "在建"})
    idn = _id_number(random.Random(5))
    rec = project_records.add_record(app, code, "benefit", {"head_name": "王五", "id_number": idn,
                                                            "poor_status": "建档立卡户", "mechanism": "分红"})
    project_records.update_record(app, code, "benefit", rec["id"], {"mechanism": "务工"})
    project_records.update_record(app, code, "benefit", rec["id"], {"id_number": _id_number(random.Random(6))})
    rows = history_view.history_rows(app, code)
    plan = next(r for r in rows if r["field"] == "计划投资")
    assert plan["new"] == "16,900,000.00 元（1,690.00 万元）" and plan["op"] == "修改"
    assert next(r for r in rows if r["field"] == "项目阶段")["new"] == "在建"
    assert next(r for r in rows if r["field"] == "联结方式")["old"] == "分红"
    assert sum(1 for r in rows if r["record"] == "受益户" and r["op"] == "新增") == 1
    assert all(idn not in str(r) for r in rows)
    id_change = next(r for r in rows if r["field"] == "身份证号" and r["op"] == "修改")
    assert id_change["old"] == idn[:4] + "*" * 10 + idn[-4:]


def test_undo_restores_a_sealed_id_number(township_app, code):
    """ID numbers are sealed in the change log; undo opens the old value and restores it."""
    import random

    from db.models import Household
    from desktop.setup.demo import _id_number

    app = township_app
    first, second = _id_number(random.Random(7)), _id_number(random.Random(8))
    rec = project_records.add_record(app, code, "benefit", {"head_name": "赵六", "id_number": first,
                                                            "poor_status": "监测户", "mechanism": "分红"})
    project_records.update_record(app, code, "benefit", rec["id"], {"id_number": second})
    assert project_undo.last_change(app, code)["fields"] == ["受益户"]
    project_undo.undo_last_change(app, code)
    with app.read() as s:
        assert s.query(Household).one().id_number == first
