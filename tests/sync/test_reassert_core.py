"""Issue 17, round 5: re-asserting the county's project fields from a Core read writes what the ORM path wrote."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import ChangeLog, Project
from desktop.sync import service, trust
from tests.sync.data import add_project, set_fields
from tests.sync.test_import_fastpaths import _twin
from tests.sync.test_onepass import _rows


def _local_log(app) -> list[tuple]:
    """The county's own change-log rows (the re-asserted fields), without local numbers, times and hashes."""
    with app.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(ChangeLog.table_name, ChangeLog.record_id, ChangeLog.project_id, ChangeLog.scope_code,
                   ChangeLog.op, ChangeLog.field, ChangeLog.old_value, ChangeLog.new_value, ChangeLog.package_id)
            .where(ChangeLog.origin_node == app.node.id).order_by(ChangeLog.seq))]


@pytest.mark.sqlite_only(reason="copies the county's SQLite folder to import the same packages twice")
def test_core_reassert_equals_orm_reassert(pair, tmp_path, monkeypatch):
    """New projects (inserted by executemany) and a held one (updated through the ORM) arriving with county-owned
    fields set by the township: the county's values are logged back in the same rows, in the same order, with
    the same change numbers, and the records and the rest of the log are the same, for two packages in turn."""
    town, county = pair
    first = [add_project(town, name=f"项目{i}") for i in range(2)]
    set_fields(town, Project, first[1], built_not_finished=True, disposition="整改")
    twin = _twin(county, tmp_path)
    try:
        for step in range(2):
            if step:
                set_fields(town, Project, first[0], risk_level="green", used_not_well=True, note="已整改")
                add_project(town, name="第三个项目")
            package = service.export_package(town, tmp_path / f"t{step}.tdpkg")["files"][0]
            fast = service.import_package(county, package)
            with monkeypatch.context() as mp:
                mp.setattr(trust, "REASSERT_CORE", False)
                slow = service.import_package(twin, package)
            assert fast["trust"]["fields_not_taken"] == slow["trust"]["fields_not_taken"] != []
            assert _local_log(county) == _local_log(twin) != []
            assert _rows(county) == _rows(twin)
            with county.engine.connect() as a, twin.engine.connect() as b:
                q = select(ChangeLog.origin_seq).where(ChangeLog.origin_node == county.node.id).order_by(ChangeLog.seq)
                assert a.execute(q).scalars().all() == b.execute(q.where(ChangeLog.origin_node == twin.node.id)).scalars().all()
        with county.read() as s:
            assert s.get(Project, first[0]).risk_level != "green" and s.get(Project, first[0]).note == "已整改"
    finally:
        twin.dispose()
