"""Upgrades: an older release's database is migrated after a backup and keeps its data; a package
written by an older release still imports."""
from __future__ import annotations

import shutil
import sqlite3

from tests.conftest import db_dump


def _downgrade_to_first_release(folder):
    """Turn a current data folder into what release 0001 left behind (schema revision 0001)."""
    from alembic import command

    from db.engine import make_engine, sqlite_url
    from db.migrate import alembic_config

    engine = make_engine(sqlite_url(folder / "towndesk.db"))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    engine.dispose()


def _revision(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("select version_num from alembic_version").fetchone()[0]
    finally:
        con.close()


def _projects(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("select code, name, planned_investment_fen from project order by code").fetchall()
    finally:
        con.close()


def test_old_database_is_backed_up_then_migrated_keeping_data(tmp_path, demo_template):
    """Opening a revision-0001 folder backs it up, migrates to head, and keeps every project."""
    from db.migrate import head_revision
    from desktop.core.app import open_app
    from desktop.core.verify import verify

    folder = tmp_path / "old"
    shutil.copytree(demo_template, folder)
    _downgrade_to_first_release(folder)
    assert _revision(folder / "towndesk.db") == "0001"
    before = _projects(folder / "towndesk.db")
    old_dump = db_dump(folder / "towndesk.db")
    assert len(before) > 10

    app = open_app(folder)
    try:
        assert _revision(folder / "towndesk.db") == head_revision()
        assert _projects(folder / "towndesk.db") == before
        # The downgrade itself dropped the demo's asset rows (table added by 0003) while their change-log rows
        # stay (append-only); a real 0001 release never wrote any, so only those missing records are expected.
        problems = verify(app)
        assert problems and all(p.startswith("表 asset 的记录") or p.startswith("……问题过多") for p in problems)
    finally:
        app.dispose()
    backups = list((folder / "backups").glob("before-migrate-*.db"))
    assert len(backups) == 1 and _revision(backups[0]) == "0001"
    assert _projects(backups[0]) == before and "alembic_version" in old_dump


def test_second_start_does_not_back_up_again(tmp_path, demo_template):
    """Once migrated, later starts find nothing to do and write no further backup."""
    from desktop.core.app import open_app

    folder = tmp_path / "old"
    shutil.copytree(demo_template, folder)
    _downgrade_to_first_release(folder)
    open_app(folder).dispose()
    open_app(folder).dispose()
    assert len(list((folder / "backups").glob("before-migrate-*.db"))) == 1


def test_package_from_an_older_release_still_imports(tmp_path, monkeypatch):
    """A package stamped with an older program version and schema revision 0001 is accepted."""
    from desktop.core.app import init_data_folder
    from desktop.projects import projects
    from desktop.sync import exporter, service

    town = init_data_folder(tmp_path / "t", role="township", region_code="533401102000", name="小中甸镇")
    county = init_data_folder(tmp_path / "c", role="county", region_code="533401000000", name="香格里拉市")
    town.user_name = county.user_name = "测试员"
    try:
        for a, b in ((town, county), (county, town)):
            ident = service.export_identity(a, tmp_path / f"{a.node.role}.json")
            service.add_peer(b, tmp_path / f"{a.node.role}.json", ident["fingerprint"])
        code = projects.create_project(town, {"name": "安南村牦牛养殖产业项目", "year": 2020, "level": "市级",
                                              "planned_investment_wan": "620"})["code"]
        with monkeypatch.context() as m:  # what release 0.0.9 (schema 0001) wrote
            m.setattr(exporter, "__version__", "0.0.9", raising=False)
            if hasattr(exporter, "revisions"):  # the exporter stamps the head it knows
                known = exporter.revisions()[0]
                m.setattr(exporter, "revisions", lambda: (known, "0001"))
            else:
                m.setattr("db.migrate.head_revision", lambda: "0001")
            package = service.export_package(town, tmp_path / "old.tdpkg")["files"][0]
        from desktop.sync import container

        with open(package, "rb") as f:
            header, _ = container.read_header(f, package)
        assert header["schema"] == "0001" and header["app_version"] == "0.0.9"
        result = service.import_package(county, package)
        assert result["status"] == "applied", result
        assert projects.get_project(county, code)["name"] == "安南村牦牛养殖产业项目"
    finally:
        town.dispose()
        county.dispose()
