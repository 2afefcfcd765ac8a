"""db.reads.records gives the same values by name and by position as SQLAlchemy's own Core rows."""
from __future__ import annotations

from sqlalchemy import select

from db.models import Milestone, Project
from db.reads import core_rows, records


def test_records_equal_core_rows_by_name_and_position(demo_app):
    """Every column of every project and milestone reads the same through a record as through the Row."""
    with demo_app.read() as s:
        for model in (Project, Milestone):
            stmt = select(*model.__table__.c).order_by(model.id)
            rows, recs = core_rows(s, stmt).all(), records(core_rows(s, stmt))
            names = [c.name for c in model.__table__.c]
            assert rows and len(rows) == len(recs)
            for row, rec in zip(rows, recs):
                assert tuple(rec) == tuple(row)
                assert all(getattr(rec, n) == getattr(row, n) for n in names)
