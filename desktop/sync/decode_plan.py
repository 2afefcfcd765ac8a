"""Each synced column's decoder decided once: the same result as changes.decode, without the walk down
the type tests (and the model and column lookups) for every field of every change set.

Why: an import decodes every field it applies (~10,000 for a 100-project package, twice that for a
county's folder); changes.decode looks up the model and the column and tries the column type against
six SQLAlchemy types each time. tests/sync/test_decode_plan.py holds both to the same value and the
same message for any JSON value.
"""
from __future__ import annotations

import functools
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, String, Text

from db.models import SYNCED_MODELS
from desktop.core.errors import UserError
from desktop.sync.changes import decode, synced_fields


class _Wrong(Exception):
    pass


def _boolean(v):
    if not isinstance(v, bool):
        raise _Wrong
    return v


def _integer(v):
    if isinstance(v, bool) or not isinstance(v, int):
        raise _Wrong
    return v


def _text(v):
    if not isinstance(v, str):
        raise _Wrong
    return v


def _numeric(v):
    return Decimal(str(v))


def _same(v):
    return v


def _pick(column):
    """The conversion changes.decode reaches for a non-null value of this column's type."""
    t = column.type
    if isinstance(t, DateTime):
        return datetime.fromisoformat
    if isinstance(t, Date):
        return date.fromisoformat
    if isinstance(t, Boolean):
        return _boolean
    if isinstance(t, Integer):
        return _integer
    if isinstance(t, Numeric):
        return _numeric
    if isinstance(t, (String, Text)):
        return _text
    return _same  # JSON and any other type: the value as it came


@functools.lru_cache(maxsize=None)
def decoders(table: str) -> dict | None:
    """{field: convert} for a synced table (None for a table that is not synced)."""
    model = SYNCED_MODELS.get(table)
    if model is None:
        return None
    return {name: _pick(column) for name, column in synced_fields(model).items()}


def decode_fields(table: str, fields: dict, where: str) -> dict:
    """{field: Python value} for a change set's fields; a wrong or unknown field raises what decode raises."""
    plan = decoders(table)
    out = {}
    for name, value in fields.items():
        convert = plan.get(name) if plan is not None else None
        if convert is None:
            out[name] = decode(table, name, value, where)  # an unknown field: its message
            continue
        if value is None:  # a known column's null, as decode gives it
            out[name] = None
            continue
        try:
            out[name] = convert(value)
        except (_Wrong, TypeError, ValueError, ArithmeticError):
            out[name] = decode(table, name, value, where)  # raises the same message as before
    return out
