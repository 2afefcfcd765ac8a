"""The ledger with its one-character index shows exactly the rows a plain search shows, whatever is typed."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from desktop.projects import char_index
from desktop.projects.search import Matcher, initials_mask, row_key
from tests.sizes import size
from ui.ledger.model import LedgerModel
from ui.ledger.proxy import TOTAL_KEYS, LedgerProxy

pytestmark = pytest.mark.gui

NAMES = ["联合村生态旅游", "安南村牦牛养殖", "和平村产业路", "长征村重建", "乐业村", "2019年联合村", "团结村合作社"]
row = st.builds(lambda name, n, vals: {"code": f"C{n:04d}", "name": name, "id": f"id{n}",
                                       **dict(zip(TOTAL_KEYS, vals))},
                st.sampled_from(NAMES), st.integers(0, 9999),
                st.lists(st.none() | st.integers(0, 10**9), min_size=len(TOTAL_KEYS), max_size=len(TOTAL_KEYS)))
typing = st.lists(st.sampled_from(["l", "lhc", "2019", "联合村", "c", "z", "村", "9", " h", "cz"]), min_size=1, max_size=4)
# what happens between two queries: nothing, a sort, or an edit that merges fresh rows
between = st.lists(st.sampled_from(["none", "sort", "merge"]), min_size=4, max_size=4)


def _load(model: LedgerModel, rows: list[dict]) -> None:
    keys = [row_key(r) for r in rows]
    masks = [initials_mask(k[1]) for k in keys]
    index = char_index.build([k[0] for k in keys], masks,
                             {c: [r.get(c) or 0 for r in rows] for c in TOTAL_KEYS})
    model.set_rows(rows, keys, masks, index)


def _check(model: LedgerModel, proxy: LedgerProxy, query: str) -> None:
    m = Matcher(query)
    assert proxy.shown == [i for i, k in enumerate(model.keys) if m.matches(k)], query
    assert [bool(f) for f in model.accepted] == [m.matches(k) for k in model.keys], query
    assert proxy.totals() == {k: sum(model.rows[i].get(k) or 0 for i in proxy.shown) for k in TOTAL_KEYS}, query


@settings(max_examples=size(25, 60), deadline=None)
@given(st.lists(row, min_size=1, max_size=40, unique_by=lambda r: r["code"]), typing, between)
def test_indexed_ledger_equals_plain_search(qapp, rows, queries, steps):
    """Typing letter by letter, clearing, sorting and merging between queries: rows and totals are the plain search's."""
    model, proxy = LedgerModel(), LedgerProxy()
    _load(model, rows)
    proxy.setSourceModel(model)
    for q, step in zip(queries, steps):
        for i in range(1, len(q) + 1):
            proxy.filter(Matcher(q[:i]), None, "same filters")
            _check(model, proxy, q[:i])
        if step == "sort":
            model.sort(2 if len(q) % 2 else 0, Qt.DescendingOrder)
            proxy.filter(Matcher(q[:1]), None, "same filters")  # back to the first letter, in the new order
            _check(model, proxy, q[:1])
        elif step == "merge":
            changed = dict(rows[0], name="乐和村新项目")
            model.merge_rows({changed["code"]}, [changed], [row_key(changed)])
            proxy.filter(Matcher(q[:1]), None, "same filters")
            _check(model, proxy, q[:1])
        proxy.filter(Matcher(""), None, "same filters")
        _check(model, proxy, "")


def test_the_page_loads_the_index(window, ctx):
    """The ledger page asks the worker for the index, and a one-letter search shows what a plain search shows."""
    from PySide6.QtWidgets import QApplication

    from tests.gui.conftest import settle

    page = window.show_page("projects")
    settle(ctx)
    model = page.table.model
    assert set(model._char_index) == set(char_index.INDEXED)
    page.filters.search.setText("l")
    QApplication.processEvents()
    _check(model, page.table.proxy, "l")


def test_a_save_rebuilds_the_index_on_the_worker(window, ctx, qtbot):
    """After an edit merges a renamed project, the index comes back (built on the worker) and answers correctly."""
    from PySide6.QtWidgets import QApplication

    from desktop.core.changes import ChangeSet
    from desktop.projects import projects
    from tests.gui.conftest import settle

    page = window.show_page("projects")
    settle(ctx)
    model = page.table.model
    code = model.rows[0]["code"]
    projects.update_project(ctx.app, code, {"name": "乐和村新建项目"})
    with qtbot.waitSignal(page.sig_loaded, timeout=10000):
        ctx.sig_changed.emit(ChangeSet(tables=frozenset({"project"}), codes=frozenset({code})), None)
    settle(ctx)
    assert set(model._char_index) == set(char_index.INDEXED)  # built again for the merged rows
    for query in ("y", "l", "h"):  # 乐 is l/y, 和 h
        page.filters.search.setText(query)
        QApplication.processEvents()
        _check(model, page.table.proxy, query)
    assert any(model.rows[i]["code"] == code for i in page.table.proxy.shown)


def test_a_stale_index_is_not_installed(qapp):
    """An index built before a sort (or a new load) is refused: its rows are in another order."""
    rows = [{"code": f"C{i}", "name": n, "id": str(i)} for i, n in enumerate(["联合村", "乐业村", "和平村"])]
    model = LedgerModel()
    model.set_rows(rows, [row_key(r) for r in rows])
    stamp, texts, masks, columns = model.index_inputs()
    index = char_index.build(texts, masks, columns)
    model.sort(1, Qt.DescendingOrder)
    assert model.install_char_index(index, stamp) is False and not model._char_index
    stamp, texts, masks, columns = model.index_inputs()
    assert model.install_char_index(char_index.build(texts, masks, columns), stamp) is True
