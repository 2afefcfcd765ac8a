"""What the assets table shows: the rows and the words (from the active terms file) to show them with.

Why a service: the table used to open its own read transaction; widgets never do (tests/core/test_layers.py).
"""
from __future__ import annotations

from desktop.assets.service import list_assets
from desktop.terms import current_terms


def asset_ledger(app, project: str | None = None, status: str | None = None) -> dict:
    """Rows of one project's (or every) asset, with the labels the terms file gives them."""
    with app.read() as s:
        terms = current_terms(s)
    return {"rows": list_assets(app, project=project, status=status or None),
            "title": terms.label("asset_ledger"), "asset": terms.label("asset"),
            "statuses": terms.choices("asset_statuses")}
