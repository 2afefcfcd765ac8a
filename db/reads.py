"""Column SELECTs read as Core rows on the session's connection, for reads of thousands of rows.

Why: `session.execute(select(Model.a, Model.b))` sends every row through the ORM's result layer;
for the report tables and the bulk checklist figures (tens of thousands of rows) that layer cost
about a quarter of the read. The Core rows have the same attribute and tuple access. Pending ORM
changes are flushed first, as `session.execute` would (autoflush), so a read sees them.
"""
from __future__ import annotations

import json
from collections import namedtuple


def core_rows(session, stmt):
    """The Core result of a column SELECT, run in the session's transaction."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection().execute(stmt)


def records(result) -> list:
    """Every row of a Core result as a named tuple (the same attribute and index access).

    Why: an attribute of SQLAlchemy's Row costs about half a microsecond (a Python-level key lookup);
    a report reading 50 columns of 10,000 projects and 40,000 milestones spent a quarter of its build
    there. A named tuple's attributes are C-level index lookups; making one costs less than three reads.
    """
    fields = namedtuple("Record", list(result.keys()), rename=True)
    return list(map(fields._make, result.all()))


class JsonTexts:
    """Decode JSON columns read as text, each distinct text once, and what is made of it once too.

    Why: a table's funding sources, risk reasons and plans repeat across hundreds of projects (a handful
    of distinct values); decoding each row's copy cost more than the rest of its row. Select the column
    with `type_coerce(col, String)`; a driver that decodes JSON itself (psycopg) hands over the object,
    which is used as it is. Callers must not change what they get (it is shared between rows)."""

    def __init__(self):
        self._seen: dict = {}

    def get(self, raw, make=lambda value: value):
        """`make(decoded value)` for this raw column value; `make` must be the same for the same column."""
        if not isinstance(raw, str):
            return make(raw)
        key = (raw, make)
        if key not in self._seen:
            self._seen[key] = make(json.loads(raw))
        return self._seen[key]
