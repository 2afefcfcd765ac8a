"""Column SELECTs read as Core rows on the session's connection, for reads of thousands of rows.

Why: `session.execute(select(Model.a, Model.b))` sends every row through the ORM's result layer;
for the report tables and the bulk checklist figures (tens of thousands of rows) that layer cost
about a quarter of the read. The Core rows have the same attribute and tuple access. Pending ORM
changes are flushed first, as `session.execute` would (autoflush), so a read sees them.
"""
from __future__ import annotations


def core_rows(session, stmt):
    """The Core result of a column SELECT, run in the session's transaction."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection().execute(stmt)
