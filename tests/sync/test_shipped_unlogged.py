"""A township loads the shipped checklist standards without logging them: nothing of them travels up, the
county's changes to them still arrive, and verify holds the unlogged rows to the program's own files."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from db.models import ChangeLog, ChecklistItem
from desktop.checklists import standards_service
from desktop.core.verify import verify
from desktop.sync import service
from tests.sync.data import add_project

def _load(app) -> None:
    with app.tx() as s:
        standards_service.ensure_builtin(s)


def _logged(app, table: str) -> int:
    with app.tx() as s:
        return s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.table_name == table))


def _item_id(app) -> str:
    """The id of the first item of the default standard (whatever the shipped file names it)."""
    with app.tx() as s:
        return standards_service.current_items(s)[0].id


def test_a_townships_load_is_not_logged_and_not_sent(network, tmp_path):
    """The township's change log holds nothing of the shipped standards, its package carries none of them,
    the county counts no copies, and verify on both sides finds nothing wrong."""
    county, towns = network
    _load(towns[0])
    add_project(towns[0])
    assert _logged(towns[0], "checklist_standard") == 0 and _logged(towns[0], "checklist_item") == 0
    service.export_package(towns[0], tmp_path / "p.tdpkg")
    res = service.import_package(county, tmp_path / "p.tdpkg")
    assert res["status"] == "applied" and res["trust"].get("shipped_not_taken", 0) == 0
    assert verify(towns[0]) == [] and verify(county) == []


def test_the_countys_change_to_a_shipped_item_reaches_a_township_that_loaded_its_own(network, tmp_path):
    """The county loads (logged) and changes an item; a township holding its own unlogged copy takes the change,
    and verify there replays the county's change on top of the shipped values."""
    county, towns = network
    for app in (county, towns[0]):
        _load(app)
    item = _item_id(county)
    with county.tx() as s:
        s.get(ChecklistItem, item).name = "项目申报书（县级修订）"
    service.export_package(county, tmp_path / "down.tdpkg", peer=towns[0].node.region_code)
    res = service.import_package(towns[0], tmp_path / "down.tdpkg")
    assert res["status"] == "applied"
    with towns[0].tx() as s:
        assert s.get(ChecklistItem, item).name == "项目申报书（县级修订）"
    assert verify(towns[0]) == []


def test_a_township_that_never_loaded_gets_the_countys_copy(network, tmp_path):
    """A township that had not loaded the standards takes the county's logged records whole; verify is clean."""
    county, towns = network
    _load(county)
    service.export_package(county, tmp_path / "down.tdpkg", peer=towns[1].node.region_code)
    assert service.import_package(towns[1], tmp_path / "down.tdpkg")["status"] == "applied"
    assert _logged(towns[1], "checklist_item") > 0 and verify(towns[1]) == []


@pytest.mark.sqlite_only("edits the SQLite file directly, as a tamperer would")
def test_an_unlogged_shipped_row_changed_or_deleted_behind_the_program_is_named(network):
    """Changing an unlogged item's name with sqlite3 names the record and field; deleting an item of a loaded
    standard names the record as not found."""
    _, towns = network
    app = towns[0]
    _load(app)
    item = _item_id(app)
    con = sqlite3.connect(app.layout.database)
    with con:
        con.execute("UPDATE checklist_item SET name = '伪造' WHERE id = ?", (item,))
    problems = verify(app)
    assert any(item in p and "name" in p and "不符" in p for p in problems), problems
    with con:
        con.execute("DELETE FROM checklist_item WHERE id = ?", (item,))
    con.close()
    problems = verify(app)
    assert any(item in p and "找不到" in p for p in problems), problems
