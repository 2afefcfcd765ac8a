"""The shape check decided once per column gives column_value's verdict and message for any value."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from db.models import SYNCED_MODELS
from desktop.sync import shape_plan, shapes
from desktop.sync.changes import synced_fields

COLUMNS = [(table, name, column) for table, model in sorted(SYNCED_MODELS.items())
           for name, column in synced_fields(model).items()]

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(1 << 70), max_value=1 << 70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), st.text(max_size=300),
    st.sampled_from(["00000000-0000-4000-8000-000000000001", "a" * 64, "2026-12-02", "2026-12-02T04:05:06",
                     "12.50", "1e400", "NaN", "报告.pdf", "../x", ".hidden", "第一行\n第二行", "\x00", "\ud800"]),
    st.text(alphabet="0123456789abcdef-", min_size=36, max_size=36))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=12)


def _verdict(fn, *args):
    try:
        fn(*args)
    except shapes.Bad as e:
        return e.what
    return None


@settings(max_examples=400, deadline=None)
@given(col=st.sampled_from(COLUMNS), value=VALUES)
def test_planned_check_equals_column_value(col, value):
    """For any synced column and any JSON-like value, both checks accept, or both refuse with the same words."""
    table, name, column = col
    planned = shape_plan.checkers(SYNCED_MODELS[table])[name]
    assert _verdict(planned, value, f"字段 {name}") == _verdict(shapes.column_value, column, value, f"字段 {name}")


def test_every_column_has_a_plan():
    """Each synced field of each table has a planned check, and only those fields."""
    for table, model in SYNCED_MODELS.items():
        assert set(shape_plan.checkers(model)) == set(synced_fields(model))
