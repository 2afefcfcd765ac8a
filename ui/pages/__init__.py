"""The side-bar pages: one list, one module per page, loaded when first shown.

A page module (`ui/<feature>/page.py`, named in PAGES) exposes `create_page(ctx) -> QWidget`. When the module
does not exist yet (or fails to build), the window shows a placeholder that says what the page
will hold and what already works, so a half-built program is never blank and never crashes.
"""
from __future__ import annotations

import importlib
import importlib.util
import logging

log = logging.getLogger("towndesk.ui")

# (key, title, module path, what the page is for) — the order of the side bar.
PAGES: list[tuple[str, str, str, str]] = [
    ("dashboard", "工作台", "ui.dashboard.page",
     "本年度项目概况、资金支出进度、需要马上处理的事项。"),
    ("projects", "项目台账", "ui.ledger.page",
     "全部项目的台账：筛选、搜索（支持拼音首字母）、合计、导出 Excel。"),
    ("round", "半月填报", "ui.round.page",
     "每月14日、29日：一张表填完全部在办项目的本期进度、拨付和支出，一键生成半月调度表和同步包。"),
    ("checklists", "资料清单", "ui.checklists.page",
     "按资料目录对照表检查每个项目的资料是否齐全，挂接扫描件。"),
    ("templates", "文书模板", "ui.templates.page",
     "协议、拨付资金报告、实施方案等文书模板，一键生成 Word 文书。"),
    ("library", "项目库", "ui.library.page",
     "项目库：申报、乡审核、县审定、入库、实施与退回，谁在何时办理；县级可多选批量审定。"),
    ("assets", "资产台账", "ui.assets.page",
     "完工项目形成的资产：类别、确权、管护主体、收益分配、状态与处置。"),
    ("oversight", "督查整改", "ui.oversight.page",
     "督查、调研、审计发现的问题，整改措施与期限，督办单。"),
    ("county", "风险督办", "ui.county.page",
     "县级：各乡镇进度排名、风险排查与降级销号、下发督办单；乡镇：查看并答复督办单。"),
    ("sync", "同步", "ui.sync.page",
     "与县级办公室交换同步包：导出、导入、回执、冲突处理。"),
    ("reports", "报表", "ui.reports.page",
     "半月调度表、推进梳理表、风险排查表等规定报表。"),
    ("settings", "设置", "ui.settings.page",
     "字号、里程碑目标、本机信息等设置。"),
]

# Command-line features that already work, shown on a placeholder so the clerk has a way forward.
CLI_HINTS = {
    "checklists": "towndesk checklist …",
    "templates": "towndesk template …",
    "oversight": "towndesk notices … / towndesk risk …",
    "sync": "towndesk export … / towndesk import …",
    "reports": "towndesk report …",
}


def page_info(key: str) -> tuple[str, str, str, str]:
    for entry in PAGES:
        if entry[0] == key:
            return entry
    raise KeyError(key)


def module_available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def create_page(ctx, key: str):
    """Build the page for `key`, or a placeholder that explains why it is not there (yet)."""
    from ui.pages.placeholder import PlaceholderPage

    _, title, module, about = page_info(key)
    if not module_available(module):
        return PlaceholderPage(ctx, key, title, about, error=None)
    try:
        return importlib.import_module(module).create_page(ctx)
    except Exception as e:  # a broken page must not take the window down
        log.exception("page %s failed to build", key)
        return PlaceholderPage(ctx, key, title, about, error=f"{type(e).__name__}: {e}")
