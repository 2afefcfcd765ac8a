"""Change sets come from the core: what a transaction changed, and what another program changed."""
from __future__ import annotations

import pytest

from db.base import Base
from desktop.core import changes
from desktop.core.app import open_app
from desktop.core.changes import ALL, NOTHING, ChangeSet, DataWatch, collect, describe
from desktop.core.errors import UserError
from desktop.projects import project_records, projects

CODE = "2020-102-016"


def test_every_table_belongs_to_exactly_one_view_group():
    """A new table must be given a group, or no view would ever reload for it."""
    grouped = [t for group in changes.GROUPS.values() for t in group]
    assert sorted(grouped) == sorted(set(grouped)), "a table is in two groups"
    assert set(grouped) == set(Base.metadata.tables)


def test_a_transaction_reports_its_tables_records_and_projects(demo_app):
    """Editing a project reports the project table, its id and its code; nothing else."""
    before = projects.get_project(demo_app, CODE)
    with collect() as got:
        projects.update_project(demo_app, CODE, {"name": "安南村牦牛养殖（改）"})
    assert got.changes.tables == {"project"}
    assert got.changes.projects == {before["id"]} and got.changes.records == {before["id"]}
    assert CODE in got.changes.codes and not got.changes.everything


def test_a_child_record_names_its_project(demo_app):
    """A disbursement added to a project reports its own table and the project's id (its code after describe)."""
    with collect() as got:
        project_records.add_record(demo_app, CODE, "disbursement", {"paid_on": "2020-07-01", "amount_fen": "1000"})
    assert got.changes.tables == {"disbursement"}
    assert describe(demo_app, got.changes).codes == {CODE}


def test_a_renamed_project_reports_old_and_new_code(demo_app):
    """Views keyed by code learn both codes when a project's code changes."""
    with collect() as got:
        projects.update_project(demo_app, CODE, {"code": "2020-102-099"})
    assert {CODE, "2020-102-099"} <= got.changes.codes


def test_a_refused_change_reports_nothing(demo_app):
    """A transaction that rolls back (bad input) publishes no change."""
    with collect() as got, pytest.raises(UserError):
        project_records.add_record(demo_app, CODE, "disbursement", {"paid_on": "2020-07-01",
                                                                    "amount_fen": "99999999999"})
    assert got.changes == NOTHING and not got.changes


def test_the_session_keeps_its_change_set_after_commit(township_app):
    """`with app.tx() as s:` — after the block, s.info["changes"] says what it committed."""
    from db.models import Setting

    with township_app.tx() as s:
        s.add(Setting(key="x.test", value="1"))
    assert s.info["changes"].tables == {"setting"}


def test_union_and_all():
    """Change sets add up; ALL touches every table and every project; NOTHING touches none."""
    a = ChangeSet.of_tables("project", projects=["p1"])
    b = ChangeSet.of_tables("notice")
    assert (a | b).tables == {"project", "notice"} and (a | b).projects == {"p1"}
    assert ALL.touches({"anything"}) and ALL.touches_project("p9")
    assert not NOTHING.touches({"project"})
    assert a.touches_project("p1") and not a.touches_project("p2") and b.touches_project("p2")


def test_data_watch_reports_another_programs_change_not_its_own(demo_app):
    """A commit through another connection (as the CLI makes) is reported; this program's own is not."""
    watch = DataWatch(demo_app)
    try:
        assert watch.collect() == NOTHING
        with collect() as own:
            projects.update_project(demo_app, CODE, {"name": "本窗口改的"})
        watch.note_own(own.log_keys)
        assert watch.probe()  # another connection of this process committed: the version moved
        assert watch.collect() == NOTHING
        other = open_app(demo_app.data_dir)  # a second program on the same folder
        try:
            projects.update_project(other, "2020-102-001", {"name": "命令行改的"})
        finally:
            other.dispose()
        assert watch.probe()
        seen = watch.collect()
        assert seen.tables == {"project"} and seen.codes == {"2020-102-001"}
        assert watch.collect() == NOTHING
        if watch.uses_data_version:  # PostgreSQL has no counter: probe() is always True there
            assert not watch.probe()
    finally:
        watch.close()
