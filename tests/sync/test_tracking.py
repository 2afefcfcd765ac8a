"""The change tracker is attached to every session factory, however many data folders a process opens."""
from __future__ import annotations

import gc

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import sessionmaker

from db import tracking
from db.models import ChangeLog, Project


def test_fresh_factories_are_always_tracked():
    """Factories made after others were garbage-collected (same id()) still log every flush, once."""
    from db.base import Base
    from db.models import Node

    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(Node.__table__.insert().values(id="n1", is_self=True, role="township",
                                                    region_code="533401102000", name="小中甸镇", last_seq=0))
    for i in range(60):
        factory = sessionmaker(bind=engine, info={"node_id": "n1"})
        tracking.install(factory)
        tracking.install(factory)  # idempotent: still one row per field, not two
        with factory() as s:
            s.add(Project(code=f"c{i}", name="项目", year=2020, level="市级", funding_sources=[],
                          township_code="533401102000", township_name="小中甸镇"))
            s.flush()
            logged = s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.field == "code"))
            assert logged == 1, f"factory {i}: {logged} change-log rows for one new record's code"
            s.rollback()
        del factory
        if i % 3 == 0:
            gc.collect()


def test_many_apps_in_one_process_all_log_changes(township_app, tmp_path):
    """Opening and closing data folders repeatedly (GUI, tests, county) never yields an untracked app."""
    import shutil

    from desktop.core.app import open_app

    township_app.dispose()
    for i in range(12):
        dest = tmp_path / f"copy{i}"
        shutil.copytree(township_app.data_dir, dest)
        app = open_app(dest)
        with app.tx() as s:
            s.add(Project(code=f"2020-102-{i:03d}", name="项目", year=2020, level="市级", funding_sources=[],
                          township_code="533401102000", township_name="小中甸镇"))
        with app.read() as s:
            assert s.scalar(select(func.count()).select_from(ChangeLog)) > 0, f"app {i} logged nothing"
        app.dispose()
        del app
        gc.collect()
