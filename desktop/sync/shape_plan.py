"""Each synced column's shape check decided once: the same rule as shapes.column_value, without the
type dispatch per value.

Why: verify() checks every field of every change set before anything is decided (a county importing
20 packages checks ~30,000 fields); column_value walks a chain of isinstance tests on the column type
for each of them. Here that walk is done once per column and the chosen check is kept.
tests/sync/test_shape_plan.py holds both to the same verdict and message for any value.
"""
from __future__ import annotations

import functools
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String, Text

from desktop.sync import shapes
from desktop.sync.shapes import INT_MAX, INT_MIN, MAX_TEXT, Bad


def _boolean(v, what: str) -> None:
    if not isinstance(v, bool):
        raise Bad(f"{what} 应为是/否")


def _integer(v, what: str) -> None:
    if not shapes.is_int(v) or not INT_MIN <= v <= INT_MAX:
        raise Bad(f"{what} 不是数据库能保存的整数")


def _datetime(v, what: str) -> None:
    shapes._when(v, what, datetime.fromisoformat)


def _date(v, what: str) -> None:
    shapes._when(v, what, date.fromisoformat)


def _text(limit: int, multiline: bool):
    def check(v, what: str) -> None:
        shapes.text(v, what, limit, multiline)
    return check


def _json(ids: bool):
    def check(v, what: str) -> None:
        shapes.json_value(v, what)
        if ids:
            if not isinstance(v, list) or len(v) > 10_000:
                raise Bad(f"{what} 应为编号列表")
            for x in v:
                shapes.uuid(x, what)
    return check


def _pick(column):
    """The check column_value would reach for a non-null value of this column (None: no check)."""
    t, key = column.type, column.key
    if column.foreign_keys or key.endswith("_id"):
        return shapes.uuid
    if key == "sha256":
        return shapes.sha256
    if key == "filename":
        return shapes.filename
    if isinstance(t, Boolean):
        return _boolean
    if isinstance(t, Integer):
        return _integer
    if isinstance(t, Numeric):
        return shapes._numeric
    if isinstance(t, DateTime):
        return _datetime
    if isinstance(t, Date):
        return _date
    if isinstance(t, String) and t.length:
        return _text(t.length, False)
    if isinstance(t, (String, Text)):
        return _text(MAX_TEXT, True)
    if isinstance(t, JSON):
        return _json(key.endswith("_ids"))
    return None


def checker(column):
    """check(value, what) for one column: raises shapes.Bad exactly when column_value would."""
    required = not column.nullable and column.key != "deleted"
    check = _pick(column)

    def run(v, what: str) -> None:
        if v is None:
            if required:
                raise Bad(f"{what} 不能为空")
            return
        if check is not None:
            check(v, what)
    return run


@functools.lru_cache(maxsize=None)
def checkers(model) -> dict:
    """{field: check} for the synced fields of a model (desktop.sync.changes.synced_fields)."""
    from desktop.sync.changes import synced_fields

    return {name: checker(column) for name, column in synced_fields(model).items()}
