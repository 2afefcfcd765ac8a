"""Issue 17, round 4: the import's Core path for households and its held-record query give the same
records, keys, lookups and change log as the ORM path."""
from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from db import personal_rest
from db.models import Household, PersonalKey, Project
from desktop.sync import apply, service
from tests.sync.data import add_project, set_fields
from tests.sync.test_onepass import _rows


def _keys(app) -> list[tuple]:
    with app.engine.connect() as conn:
        return sorted(conn.execute(select(PersonalKey.record_id, PersonalKey.table_name)
                                   .where(PersonalKey.record_id != personal_rest.LOOKUP_RECORD)).all())


def _lookups_match(app) -> bool:
    """Every household's stored lookup is the keyed hash of its (opened) ID number, None without one."""
    with app.read() as s:
        conn = s.connection()
        return all(h.id_lookup == personal_rest.id_lookup(conn, None, h.id_number, create=False)
                   for h in s.scalars(select(Household)))


def _twin(county, tmp_path):
    """A second copy of the county folder, opened, to import the same package the other way."""
    from desktop.core.app import open_app

    county.dispose()
    shutil.copytree(county.layout.root, tmp_path / "twin")
    return open_app(tmp_path / "twin")


@pytest.mark.sqlite_only(reason="copies the county's SQLite folder to import the same package twice")
def test_households_by_core_equal_households_by_orm(pair, tmp_path, monkeypatch):
    """New households written by executemany (keys made up front, ID number and phone sealed, lookup set)
    give the same records opened, the same key rows, valid lookups and the same change log (sealed fields
    included) as households the ORM flush seals one by one; a household without ID number or phone too."""
    town, county = pair
    for i in range(3):
        add_project(town, name=f"项目{i}")
    with town.tx() as s:
        s.add(Household(township_code=town.node.region_code, village="联合村", head_name="无证件户", members=1))
    package = service.export_package(town, tmp_path / "t.tdpkg")["files"][0]
    assert apply.core_insertable(Household)
    twin = _twin(county, tmp_path)
    try:
        fast = service.import_package(county, package)
        with monkeypatch.context() as mp:
            mp.setattr(apply, "core_insertable", lambda model: False)
            slow = service.import_package(twin, package)
        assert fast["per_table"] == slow["per_table"] and fast["per_table"]["household"]["added"] == 4
        assert _keys(county) == _keys(twin) and len(_keys(county)) == 3
        assert _lookups_match(county) and _lookups_match(twin)
        assert _rows(county) == _rows(twin)
        with county.engine.connect() as conn:  # at rest the ID numbers are sealed, never clear
            stored = conn.exec_driver_sql("SELECT id_number FROM household WHERE id_number IS NOT NULL").scalars().all()
        assert stored and all(v.startswith("~sealed1:") for v in stored)
    finally:
        twin.dispose()


def test_second_package_updates_records_found_by_the_id_query(pair, tmp_path):
    """A package changing records the county already holds still finds them (the plain id query comes
    before the ORM load) and updates them instead of adding them again."""
    town, county = pair
    pid = add_project(town, name="已有项目")
    service.import_package(county, service.export_package(town, tmp_path / "1.tdpkg")["files"][0])
    set_fields(town, Project, pid, name="改名后的项目")
    res = service.import_package(county, service.export_package(town, tmp_path / "2.tdpkg")["files"][0])
    assert res["added"] == 0 and res["updated"] == 1
    with county.read() as s:
        assert s.get(Project, pid).name == "改名后的项目"


def test_package_schema_check_falls_back_to_alembic_when_unsure(monkeypatch):
    """When the migration files cannot be read for certain, the revisions a package may name come from
    Alembic's scripts, and they are the same set and head the quick reading gives."""
    from db import migrate
    from desktop.sync import verify

    quick = migrate.quick_revisions()
    verify.revisions.cache_clear()
    try:
        monkeypatch.setattr(migrate, "quick_revisions", lambda: None)
        assert verify.revisions() == quick
        assert verify.known_revision(quick[1]) and not verify.known_revision("9999_unknown")
    finally:
        verify.revisions.cache_clear()
