"""Issue 17, round 4: the import's session-level shortcuts give the same records, keys and change log."""
from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from db.models import PersonalKey
from desktop.sync import apply, service
from tests.sync.data import add_project, set_fields
from tests.sync.test_onepass import _rows


def _keys(app) -> list[tuple]:
    with app.engine.connect() as conn:
        return sorted(conn.execute(select(PersonalKey.record_id, PersonalKey.table_name)
                                   .where(PersonalKey.record_id != "~lookup")).all())


def _twin(county, tmp_path):
    """A second copy of the county folder, opened, to import the same package the other way."""
    from desktop.core.app import open_app

    county.dispose()
    shutil.copytree(county.layout.root, tmp_path / "twin")
    return open_app(tmp_path / "twin")


@pytest.mark.sqlite_only(reason="copies the county's SQLite folder to import the same package twice")
def test_household_keys_made_up_front_equal_keys_made_in_the_flush(pair, tmp_path, monkeypatch):
    """Households imported with their personal keys read and made in one statement give the same records,
    the same key rows and the same
    sealed change log as households whose keys the flush makes one by one."""
    town, county = pair
    for i in range(3):
        add_project(town, name=f"项目{i}")
    package = service.export_package(town, tmp_path / "t.tdpkg")["files"][0]
    twin = _twin(county, tmp_path)
    try:
        fast = service.import_package(county, package)
        with monkeypatch.context() as mp:
            mp.setattr(apply.Applier, "_prepare_keys", lambda *a, **k: None)
            slow = service.import_package(twin, package)
        assert fast["per_table"] == slow["per_table"] and fast["per_table"]["household"]["added"] == 3
        assert _keys(county) == _keys(twin)
        assert _rows(county) == _rows(twin)
    finally:
        twin.dispose()


def test_second_package_updates_records_found_by_the_id_query(pair, tmp_path):
    """A package changing records the county already holds still finds them (the plain id query comes
    before the ORM load) and updates them instead of adding them again."""
    town, county = pair
    pid = add_project(town, name="已有项目")
    service.import_package(county, service.export_package(town, tmp_path / "1.tdpkg")["files"][0])
    set_fields(town, __import__("db.models", fromlist=["Project"]).Project, pid, name="改名后的项目")
    res = service.import_package(county, service.export_package(town, tmp_path / "2.tdpkg")["files"][0])
    assert res["added"] == 0 and res["updated"] == 1
    with county.read() as s:
        from db.models import Project
        assert s.get(Project, pid).name == "改名后的项目"
