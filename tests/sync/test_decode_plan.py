"""Issue 17, round 5: the decoder decided once per column gives changes.decode's value and message."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from db.models import SYNCED_MODELS
from desktop.core.errors import UserError
from desktop.sync.changes import decode, synced_fields
from desktop.sync.decode_plan import decode_fields, decoders
from tests.sync.test_shape_plan import VALUES

FIELDS = [(table, name) for table, model in sorted(SYNCED_MODELS.items()) for name in synced_fields(model)]
NAMES = st.one_of(st.sampled_from(FIELDS), st.tuples(st.sampled_from(sorted(SYNCED_MODELS)), st.text(max_size=8)),
                  st.tuples(st.sampled_from(["no_such_table", "setting"]), st.text(max_size=8)))


def _outcome(fn):
    try:
        value = fn()
    except UserError as e:
        return ("refused", e.message)
    return ("value", type(value), value)


@settings(max_examples=500, deadline=None)
@given(fields=st.lists(st.tuples(NAMES, VALUES), min_size=1, max_size=4))
def test_planned_decode_equals_decode(fields):
    """Any tables, fields (known, unknown, of an unknown table) and JSON-like values: the same decoded values of
    the same types, or the same refusal as decoding field by field (the first bad field's message)."""
    table = fields[0][0][0]
    given_fields = {name: value for (_t, name), value in fields}

    def one_by_one():
        return {name: decode(table, name, value, "第 1 号更改：") for name, value in given_fields.items()}

    expected = _outcome(one_by_one)
    got = _outcome(lambda: decode_fields(table, given_fields, "第 1 号更改："))
    if expected[0] == "value":
        assert got[0] == "value" and got[2] == expected[2]
        assert [type(v) for v in got[2].values()] == [type(v) for v in expected[2].values()]
    else:
        assert got == expected


def test_every_synced_field_has_a_decoder():
    """Each synced table has a decoder for exactly its synced fields; other tables have none."""
    for table, model in SYNCED_MODELS.items():
        assert set(decoders(table)) == set(synced_fields(model))
    assert decoders("setting") is None
