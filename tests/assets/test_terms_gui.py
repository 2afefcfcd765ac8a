"""The GUI with the 2026 terms in force: ledger header, project form labels and suggestions, asset page title."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from desktop.terms import bundled  # noqa: E402
from tests.gui.conftest import ctx, no_questions, settle, window  # noqa: E402,F401  (fixtures)

pytestmark = pytest.mark.gui
OLD, NEW = bundled("2021-2025"), bundled("2026")


def test_widgets_show_the_2026_words_after_the_terms_arrive(window, ctx):
    """Once a 2026 terms record is stored and announced, the ledger, the project form and the asset page use its words."""
    from desktop.terms.service import _activate, _store
    from PySide6.QtCore import Qt

    from desktop.terms.words import refresh_in_force, set_in_force

    ctx.stop_watching()  # the write below is this test's, not another program's: no poll racing the reloads
    with ctx.app.tx() as s:  # as the county's package leaves it on a township (the importer then refreshes)
        _activate(s, _store(s, NEW))
        refresh_in_force(s)
    ctx.announce_all()
    settle(ctx)
    try:
        page = window.show_page("projects")
        settle(ctx)
        model = page.table.view.model()
        headers = [model.headerData(i, Qt.Horizontal, Qt.DisplayRole) for i in range(model.columnCount())]
        assert NEW.label("registered_household") in headers
        assert OLD.label("registered_household") not in headers
        dlg = window.open_project("2020-102-001")
        settle(ctx)
        form = dlg.form
        assert form.editors["poor_households"].label == f"带动{NEW.label('registered_household')}数"
        sources = form.editors["funding_sources"]
        assert NEW.label("transition_fund") in sources.options
        assert OLD.label("transition_fund") not in sources.options
        assert form.editors["level"].input.count() >= len(NEW.items("levels"))
        assets = window.show_page("assets")
        settle(ctx)
        assert assets.table.title.text() == NEW.label("asset_ledger")
    finally:
        set_in_force(None)
