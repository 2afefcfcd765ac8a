"""The ledger's running totals (previous totals less the rows a keystroke hid) equal a fresh sum, whatever is typed."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from desktop.projects.search import Matcher, row_key
from ui.ledger.model import LedgerModel
from ui.ledger.proxy import TOTAL_KEYS, LedgerProxy

pytestmark = pytest.mark.gui

NAMES = ["联合村生态旅游", "安南村牦牛养殖", "和平村产业路", "联合村饮水", "团结村合作社", "2019年联合村"]
row = st.builds(lambda name, n, vals: {"code": f"C{n:04d}", "name": name, "id": f"id{n}",
                                       **dict(zip(TOTAL_KEYS, vals))},
                st.sampled_from(NAMES), st.integers(0, 9999),
                st.lists(st.none() | st.integers(0, 10**9), min_size=len(TOTAL_KEYS), max_size=len(TOTAL_KEYS)))
typing = st.lists(st.sampled_from(["联合村", "lhc", "2019", "村 ", "联合村饮", "ah", "村产业"]), min_size=1, max_size=4)


def _fresh(model: LedgerModel, proxy: LedgerProxy) -> dict:
    return {k: sum(model.rows[i].get(k) or 0 for i in proxy.shown) for k in TOTAL_KEYS}


@settings(max_examples=60, deadline=None)
@given(st.lists(row, max_size=40), typing, st.booleans())
def test_running_totals_equal_a_fresh_sum(qapp, rows, queries, sort_between):
    """Typing each query letter by letter (and sometimes sorting between), totals always equal the shown rows' sum."""
    model, proxy = LedgerModel(), LedgerProxy()
    model.set_rows(rows, [row_key(r) for r in rows])
    proxy.setSourceModel(model)
    for q in queries:
        for i in range(1, len(q) + 1):
            proxy.filter(Matcher(q[:i]), None, "same filters")
            assert proxy.totals() == _fresh(model, proxy), q[:i]
        if sort_between:
            model.sort(0, Qt.DescendingOrder)
            assert proxy.totals() == _fresh(model, proxy)
    model.set_rows(rows[:1], [row_key(r) for r in rows[:1]])  # new rows: nothing carried over
    proxy.filter(Matcher(""), None, "same filters")
    assert proxy.totals() == _fresh(model, proxy)
