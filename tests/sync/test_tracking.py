"""The change tracker is attached to every session factory, however many data folders a process opens."""
from __future__ import annotations

import contextlib
import gc

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import sessionmaker

from db import tracking
from db.models import ChangeLog, Project


@contextlib.contextmanager
def _young_heap_only():
    """gc.collect() in the block scans only objects made inside it (what these tests free and re-make).

    Why: late in a test run a full collection walks every object the earlier tests left (0.3–1 s each, 32
    collections: 22 s + 15 s in the suite). Frozen objects are the older ones, never the factories or apps
    made here, so the same objects are collected and the same ids freed for reuse.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def test_fresh_factories_are_always_tracked():
    """Factories made after others were garbage-collected (same id()) still log every flush, once."""
    from db.base import Base
    from db.models import Node

    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(Node.__table__.insert().values(id="n1", is_self=True, role="township",
                                                    region_code="533401102000", name="小中甸镇", last_seq=0))
    ids = set()
    with _young_heap_only():
        for i in range(60):
            ids.add(_track_one_factory(engine, i))
            if i % 3 == 0:
                gc.collect()
    assert len(ids) < 60, "no id was reused: the test did not exercise the collected-factory case"


def _track_one_factory(engine, i: int) -> int:
    """Install the tracker (twice) on a new factory and check one new record logs its code once; its id()."""
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
    return id(factory)


def test_many_apps_in_one_process_all_log_changes(township_app, tmp_path):
    """Opening and closing data folders repeatedly (GUI, tests, county) never yields an untracked app."""
    township_app.dispose()
    with _young_heap_only():
        for i in range(12):
            _open_copy_and_edit(township_app.data_dir, tmp_path / f"copy{i}", i)
            gc.collect()


def _open_copy_and_edit(source, dest, i: int) -> None:
    """Copy the folder, open it, add a project and check the change log has rows, then close it."""
    import shutil

    from desktop.core.app import open_app

    shutil.copytree(source, dest)
    app = open_app(dest)
    with app.tx() as s:
        s.add(Project(code=f"2020-102-{i:03d}", name="项目", year=2020, level="市级", funding_sources=[],
                      township_code="533401102000", township_name="小中甸镇"))
    with app.read() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLog)) > 0, f"app {i} logged nothing"
    app.dispose()
