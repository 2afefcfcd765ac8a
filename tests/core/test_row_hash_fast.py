"""The change-log row hash built without json.dumps is the same text, hence the same hash, for any row."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from db.tracking import HASHED_COLUMNS, chain_rows, row_hash

# Cells as the writers hand them over: text (any script, quotes, control characters), numbers, times, None.
CELL = st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_categories=("Cs",))), st.integers(),
                 st.datetimes(min_value=datetime(1900, 1, 1)), st.booleans())


def _reference(prev, row) -> str:
    """The scheme-2 definition as migration 0006 wrote it: json.dumps of the strings, SHA-256 of the UTF-8."""
    payload = json.dumps([prev or ""] + [str(row.get(k)) for k in HASHED_COLUMNS], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@settings(max_examples=300, deadline=None)
@given(prev=st.one_of(st.none(), st.just(""), st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)),
       cells=st.fixed_dictionaries({}, optional={k: CELL for k in HASHED_COLUMNS}))
def test_row_hash_equals_json_dumps_definition(prev, cells):
    """For any previous hash and any row (columns missing or present, any value), the fast hash equals the json.dumps one."""
    assert row_hash(prev, cells) == _reference(prev, cells)


def test_row_hash_of_chinese_row_with_quotes():
    """A row with Chinese text, quotes, backslashes and newlines hashes as the json.dumps definition does."""
    row = {k: None for k in HASHED_COLUMNS}
    row.update(origin_node="节点", origin_seq=7, at=datetime(2026, 12, 2, 4, 5, 6, 789), table_name="project",
               new_value='"小中甸镇\\n"\n\t\u2028', old_value=None, field="name")
    assert row_hash("ab" * 32, row) == _reference("ab" * 32, row)


def _full(cells: dict) -> dict:
    return {k: cells.get(k) for k in HASHED_COLUMNS}


@settings(max_examples=200, deadline=None)
@given(prev=st.one_of(st.none(), st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)),
       shared=st.lists(st.fixed_dictionaries({k: CELL for k in HASHED_COLUMNS}), min_size=1, max_size=3),
       own=st.lists(st.tuples(st.integers(0, 2), CELL, CELL, CELL), max_size=12),
       partial=st.booleans())
def test_chained_rows_hash_as_row_hash_does_one_by_one(prev, shared, own, partial):
    """Rows chained in one pass (the shared columns quoted once per run) get the prev_hash and row_hash
    that `row_hash` gives one row after another, whether the shared columns repeat or change, and rows
    missing a column take the slow path."""
    rows = [{**_full(shared[i % len(shared)]), "field": f, "old_value": o, "new_value": n} for i, f, o, n in own]
    if partial and rows:
        del rows[len(rows) // 2]["package_id"]
    expected, p = [], prev
    for row in rows:
        expected.append((p, row_hash(p, row)))
        p = expected[-1][1]
    assert chain_rows(prev, rows) == p
    assert [(r["prev_hash"], r["row_hash"]) for r in rows] == expected
