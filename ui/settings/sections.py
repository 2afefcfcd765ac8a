"""Sections of the 设置 page. Other features add a line here and a module with create_section(ctx).

Missing modules are skipped, so a line may be added before its module exists.
"""
from __future__ import annotations

# (title, module path); module exposes create_section(ctx) -> QWidget.
SECTIONS: list[tuple[str, str]] = [
    ("显示", "ui.settings.display_section"),
    ("工作台目标", "ui.settings.targets_section"),
    ("本机信息", "ui.settings.about_section"),
    ("账户", "ui.settings.accounts_section"),
    ("备份", "ui.settings.backup_section"),
    ("审计记录", "ui.settings.audit_section"),
]
