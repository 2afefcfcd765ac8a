"""The asset ledger (项目资产台账): what completed projects formed, who owns and looks after it.

Services (one call = one transaction): list_assets, add_assets (all or nothing), edit_asset,
assets_of_project. Input fields and their checks are in desktop.assets.fields.
"""
from desktop.assets.service import add_assets, asset_dict, assets_of_project, edit_asset, get_asset, list_assets

__all__ = ["add_assets", "asset_dict", "assets_of_project", "edit_asset", "get_asset", "list_assets"]
