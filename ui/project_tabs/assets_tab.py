"""资产: the assets this project formed (项目资产台账 entries), registered and edited here."""
from __future__ import annotations

from ui.assets.table import AssetTable


def create_tab(ctx, project_code: str):
    return AssetTable(ctx, project_code)
