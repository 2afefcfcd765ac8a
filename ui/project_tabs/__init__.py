"""The project editor's tabs: one list, one module per tab.

A tab module `ui/project_tabs/<key>_tab.py` exposes `create_tab(ctx, project_code) -> QWidget`.
The widget may define `refresh()` (called when the project's data changed), `has_unsaved()`
and `save()` (when it keeps edits until the editor's Save). A missing module shows a placeholder.
"""
from __future__ import annotations

import importlib
import logging

from ui.pages import module_available

log = logging.getLogger("towndesk.ui")

# (key, title, module path). "basic" is the editor form itself and is always first.
TABS: list[tuple[str, str, str]] = [
    ("basic", "基本信息", "ui.project_tabs.basic_tab"),
    ("money", "资金", "ui.project_tabs.money_tab"),
    ("schedule", "工期", "ui.project_tabs.schedule_tab"),
    ("benefit", "带贫", "ui.project_tabs.benefit_tab"),
    ("documents", "资料", "ui.project_tabs.documents_tab"),
    ("oversight", "督查整改", "ui.project_tabs.oversight_tab"),
    ("assets", "资产", "ui.project_tabs.assets_tab"),
    ("history", "变更记录", "ui.project_tabs.history_tab"),
]


def create_tab(ctx, key: str, project_code: str):
    """Build one tab for an existing project, or a placeholder when it is missing or broken."""
    from ui.pages.placeholder import PlaceholderTab

    title, module = next((t, m) for k, t, m in TABS if k == key)
    if not module_available(module):
        return PlaceholderTab(title, None)
    try:
        return importlib.import_module(module).create_tab(ctx, project_code)
    except Exception as e:
        log.exception("tab %s failed to build", key)
        return PlaceholderTab(title, f"{type(e).__name__}: {e}")
