"""The change-log row hash built without json.dumps is the same text, hence the same hash, for any row."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from db.tracking import HASHED_COLUMNS, row_hash

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
