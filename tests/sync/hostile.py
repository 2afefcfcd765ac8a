"""A county that holds two townships' records, its own notice and risk grade — the ground for hostile packages."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.models import Household, Notice, Project
from desktop.core.errors import UserError
from desktop.sync import service
from tests.conftest import db_dump
from tests.sync.data import add_project, grade


def send(a, b, tmp, name: str) -> dict:
    """a → b through the real exporter and importer."""
    path = tmp / f"{name}.tdpkg"
    service.export_package(a, path, peer=b.node.region_code)
    return service.import_package(b, path)


def issue_notice(county, township_code: str, project_id: str) -> str:
    with county.tx() as s:
        n = Notice(number=1, year=2026, title="督办：联合村项目进度滞后", township_code=township_code,
                   issued_on=date(2026, 6, 1), deadline=date(2026, 6, 30), project_ids=[project_id])
        s.add(n)
        s.flush()
        return n.id


@pytest.fixture
def ground(network, tmp_path):
    """county, 小中甸镇 (owner of project P and household H), 建塘镇 (the hostile one), ids."""
    county, towns = network
    t0, t1 = towns[0], towns[1]
    pid = add_project(t0)
    add_project(t1, name="建塘镇古城修缮")
    send(t0, county, tmp_path, "t0-1")
    send(t1, county, tmp_path, "t1-1")
    notice = issue_notice(county, t0.node.region_code, pid)
    assessment = grade(county, pid, "red")
    send(county, t0, tmp_path, "c-t0")
    send(county, t1, tmp_path, "c-t1")
    with county.read() as s:
        household = s.scalar(select(Household.id).where(Household.township_code == t0.node.region_code))
        t1_project = s.scalar(select(Project.id).where(Project.township_code == t1.node.region_code))
    return {"county": county, "t0": t0, "t1": t1, "project": pid, "household": household, "notice": notice,
            "assessment": assessment, "t1_project": t1_project}


def refused(app, path, *phrases) -> str:
    """The import is refused with these phrases, and database, backups and temp folder stay exactly as they were."""
    before = db_dump(app.layout.database)
    backups = sorted(app.layout.backups.iterdir())
    with pytest.raises(UserError) as e:
        service.import_package(app, path)
    for phrase in phrases:
        assert phrase in e.value.message, e.value.message
    assert db_dump(app.layout.database) == before
    assert sorted(app.layout.backups.iterdir()) == backups
    assert list(app.layout.tmp.glob("sync-*")) == []
    return e.value.message
