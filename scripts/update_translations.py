"""Rebuild resources/translations/towndesk_en.ts/.qm: the interface is written in Chinese (the source
language); this adds English for the window's own strings.

    .venv/bin/python scripts/update_translations.py

pyside6-lupdate collects self.tr("…") strings from ui/; strings chosen at run time from the
registries (page, tab, column, card titles) are added here by context. Untranslated strings stay
Chinese. Field labels and messages that come from desktop services are not Qt strings and stay Chinese.
"""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "resources" / "translations"
BIN = Path(sys.executable).parent

EN = {
    # main window, pages, side bar
    "工作台": "Dashboard", "项目台账": "Project ledger", "资料清单": "Document checklists", "文书模板": "Templates",
    "督查整改": "Inspections", "同步": "Sync", "报表": "Reports", "设置": "Settings",
    "正在处理…": "Working…", "县级办公室": "county office", "乡镇": "township", "TownDesk 乡镇项目台账": "TownDesk",
    "新建项目": "New project", "搜索项目": "Find project", "打印": "Print", "（未登录）": "(not signed in)",
    "操作人：{0}    数据文件夹：{1}": "User: {0}    Data folder: {1}", "项目": "Project",
    "此页面没有可打印的内容。": "Nothing to print on this page.", "正在处理": "Working",
    "还有操作正在进行。等它完成后再退出吗？\n（选“否”继续工作）":
        "Something is still running. Wait for it to finish and quit?\n(Choose No to keep working)",
    # placeholder
    "<p>此功能尚在制作中，下一版本提供。</p>": "<p>This feature is still being built; it comes in the next release.</p>",
    "<p>现在可以先用命令行：<code>{0}</code></p>": "<p>Meanwhile use the command line: <code>{0}</code></p>",
    "<p>已经可以使用的页面：{0}</p>": "<p>Pages you can use already: {0}</p>",
    "<p><b>此页面暂时无法打开。</b>原因：{0}<br>详细信息已写入日志：{1}</p>":
        "<p><b>This page cannot open right now.</b> Reason: {0}<br>Details are in the log: {1}</p>",
    # task runner and errors
    "取消": "Cancel", "请稍候": "Please wait", "正在取消…": "Cancelling…", "无法完成": "Could not finish",
    "程序内部错误": "Internal error", "（未知）": "(unknown)",
    "“{0}”未能完成，数据没有被改动。程序可以继续使用。\n\n原因：{1}\n\n详细信息已写入日志：{2}\n请把日志文件发给技术支持。":
        "“{0}” did not finish; no data was changed. You can keep working.\n\nReason: {1}\n\n"
        "Details are in the log: {2}\nPlease send the log file to support.",
    # ledger
    "新建项目（Ctrl+N）": "New project (Ctrl+N)", "显示列…": "Columns…", "导出 Excel": "Export to Excel",
    "把当前显示的项目导出为 Excel 表格": "Export the projects shown to an Excel workbook", "正在读取…": "Loading…",
    "读取项目台账": "Loading the ledger", "共 {0} 个项目": "{0} projects", "显示 {0} / {1} 个项目": "{0} of {1} projects",
    "打开项目 {0}": "Open project {0}", "复制项目编号": "Copy project code", "恢复默认列": "Default columns",
    "项目台账.xlsx": "ledger.xlsx", "Excel 表格 (*.xlsx)": "Excel workbook (*.xlsx)",
    "已导出 {0} 个项目到 {1}": "Exported {0} projects to {1}", "合计（{0} 个项目）": "Total ({0} projects)",
    "搜索名称、编号、村、单位，或拼音首字母（如 lhc）": "Search name, code, village, unit or pinyin initials (e.g. lhc)",
    "全部年度": "All years", "全部层级": "All levels", "全部资金来源": "All funding sources", "全部地点": "All places",
    "全部阶段": "All stages", "全部风险": "All risk levels", "红色风险": "Red risk", "黄色风险": "Yellow risk",
    "绿色（正常）": "Green (normal)", "未评级": "Not graded", "清除筛选": "Clear filters", "{0} 年": "{0}",
    "项目编号": "Code", "项目名称": "Name", "年度": "Year", "层级": "Level", "资金来源": "Funding", "类别": "Category",
    "实施村": "Village", "实施单位": "Unit", "责任人": "Responsible", "支援方": "Supporter", "阶段": "Stage",
    "风险": "Risk", "计划投资(万元)": "Planned (10k yuan)", "已拨付(万元)": "Disbursed (10k yuan)",
    "已支出(万元)": "Spent (10k yuan)", "支出进度": "Spending", "工程进度": "Works", "受益户": "Households",
    "受益人数": "People", "建档立卡户": "Registered poor", "缺资料": "Docs missing",
    # dashboard
    "刷新": "Refresh", "年度：": "Year:", "读取工作台": "Loading the dashboard", "今天 {0}": "Today {0}",
    "本年度项目": "Projects this year", "开工率": "Started", "完工率": "Completed", "资金拨付": "Disbursed",
    "资料完整率": "Documents complete", "风险项目": "Risk projects", "计划投资 {0} 万元": "Planned {0} (10k yuan)",
    "已开工 {0} / {1}": "{0} of {1} started", "已完工 {0} / {1}": "{0} of {1} completed",
    "已拨付 {0} 万元": "{0} (10k yuan) disbursed", "已支出 {0} 万元": "{0} (10k yuan) spent",
    "已齐 {0} / {1} 项": "{0} of {1} items", "绿（正常） {0} 个": "{0} green (normal)",
    "逾期节点": "Overdue milestones", "待整改": "Open rectifications", "督办单": "Notices", "红黄项目": "Red/yellow",
    "事项": "What", "期限": "Due", "{0} 年累计进度与节点目标": "{0}: cumulative progress and milestone targets",
    "{0}月": "M{0}", "该年度还没有资金或进度数据": "No money or progress recorded for this year",
    "节点目标": "Targets", "逾期 {0} 天": "{0} days late", "今天到期": "due today", "还有 {0} 天": "{0} days left",
    "红 {0}": "Red {0}", "黄 {0}": "Yellow {0}", "累计拨付": "Disbursed", "累计支出": "Spent",
    # project editor
    "基本信息": "Basic", "资金": "Money", "工期": "Schedule", "带贫": "Beneficiaries", "资料": "Documents",
    "变更记录": "History", "项目概况": "Project", "地点与责任": "Place and responsibility", "进度": "Progress",
    "带贫益贫": "Benefit to the poor", "风险与管理": "Risk and management",
    "撤销上次修改": "Undo last change", "保存": "Save", "保存（Ctrl+S）": "Save (Ctrl+S)", "关闭": "Close",
    "关闭（Esc）": "Close (Esc)", "读取项目": "Loading the project",
    "带 * 的是必填项。保存后可登记资金、工期、受益户、督查整改。":
        "Fields with * are required. After saving you can enter money, schedule, households and inspections.",
    "项目：{0}": "Project: {0}", "色风险": " risk", "没有可以撤销的修改": "Nothing to undo",
    "撤销 {0} {1} 的修改：{2}": "Undo the change of {0} by {1}: {2}", "刷新项目": "Refreshing the project",
    "有 {0} 处需要修改（已标红）：{1}": "{0} fields need correcting (marked red): {1}",
    "没有需要保存的修改。": "Nothing to save.", "保存项目": "Saving the project", "已保存（{0}）。": "Saved ({0}).",
    "已新建项目 {0}。现在可以在其他选项卡登记资金、工期和受益户。":
        "Project {0} created. You can now enter money, schedule and households in the other tabs.",
    "项目已被修改": "Project changed", "要重新读取最新内容吗？（您的修改将丢失）": "Reload the latest version? (your edits are lost)",
    "撤销 {0} 由 {1} 做的修改：{2}？": "Undo the change made at {0} by {1}: {2}?",
    "这是新建此项目的操作，撤销后项目将被删除（变更记录保留）。":
        "This change created the project: undoing it deletes the project (the history is kept).",
    "表单中尚未保存的修改将被丢弃。": "Unsaved edits in the form will be discarded.", "撤销": "Undo",
    "已撤销：{0}": "Undone: {0}", "撤销修改": "Undoing", "尚未保存": "Not saved",
    "这个项目有尚未保存的修改。要保存吗？": "This project has unsaved changes. Save them?",
    "日历": "Calendar", "从日历选择": "Pick from a calendar", "选择…": "Choose…",
    # record tabs
    "修改": "Edit", "新增": "Add", "删除": "Delete", "状态": "Status", "读取记录": "Loading records",
    "删除这条{0}记录？（删除会记入变更记录，可以撤销）": "Delete this {0} record? (recorded in the history; can be undone)",
    "删除记录": "Deleting", "未保存：请按红字提示修改。": "Not saved: correct the fields marked red.", "请先修改标红的项目。": "Please correct the fields marked red.", "保存{0}": "Saving {0}",
    "身份证号、电话只显示部分号码；不修改时保持原样即可。":
        "ID and phone numbers are shown in part; leave them as they are to keep them.",
    "拨付进度": "Disbursed", "读取资金情况": "Loading money", "尚未登记资金下达": "No allocation recorded",
    "（尚无到期节点）": "(no milestone due yet)", "落后：{0} 节点要求 {1}%": "Behind: {0} requires {1}%",
    "达到 {0} 节点要求 {1}%": "Meets {0} target of {1}%",
    "筛选：字段、操作人或数值": "Filter: field, user or value", "读取变更记录": "Loading history", "{0} 条": "{0} rows",
    "变更记录只增不改：每次保存、撤销、同步都会追加一条，原有记录不会被修改或删除。":
        "The history only grows: every save, undo and sync adds rows; existing rows are never changed or removed.",
    "时间": "Time", "操作人": "User", "记录": "Record", "操作": "Action", "字段": "Field", "原值": "Old", "新值": "New",
    # oversight, settings
    "只看未完成的整改": "Open rectifications only", "整改": "Rectifications", "督查 / 调研 / 审计": "Inspections / visits / audits",
    "读取督查整改": "Loading inspections", "整改（未完成 {0}）": "Rectifications ({0} open)",
    "督查 / 调研 / 审计（{0}）": "Inspections / visits / audits ({0})", "督办单（{0}）": "Notices ({0})",
    "双击一行打开项目；在项目的“督查整改”选项卡中登记检查、整改措施和完成情况。":
        "Double-click a row to open the project; enter inspections and rectifications in its Inspections tab.",
    "显示": "Display", "工作台目标": "Dashboard targets", "本机信息": "This installation", "账户": "Accounts", "备份": "Backups",
    " 磅": " pt", "字号": "Font size", "界面语言": "Language", "打开数据文件夹": "Open data folder",
    "添加一行": "Add row", "删除所选行": "Delete row", "保存目标": "Save targets", "读取目标": "Loading targets",
    "已保存。工作台的图表已按新目标刷新。": "Saved. The dashboard chart now uses the new targets.",
    "程序版本": "Version", "名称": "Name", "角色": "Role", "区划代码": "Region code", "本机指纹": "Fingerprint",
    "数据文件夹": "Data folder", "日志文件": "Log file",
}

# Strings chosen at run time (registries), by the class whose self.tr() shows them.
DYNAMIC = {
    "MainWindow": ["工作台", "项目台账", "资料清单", "文书模板", "督查整改", "同步", "报表", "设置"],
    "ProjectDialog": ["基本信息", "资金", "工期", "带贫", "资料", "督查整改", "变更记录"],
    "LedgerColumns": ["项目编号", "项目名称", "年度", "层级", "资金来源", "类别", "乡镇", "实施村", "实施单位", "责任人",
                      "支援方", "阶段", "风险", "计划投资(万元)", "已拨付(万元)", "已支出(万元)", "支出进度", "工程进度",
                      "受益户", "受益人数", "建档立卡户", "缺资料"],
    "DashboardPage": ["红 {0}", "黄 {0}", "工作台", "本年度项目", "开工率", "完工率", "资金拨付", "支出进度", "资料完整率", "风险项目"],
    "ProjectsPage": ["项目台账"],
    "OversightPage": ["督查整改"],
    "ActionLists": ["逾期节点", "待整改", "督办单", "红黄项目", "逾期 {0} 天", "今天到期", "还有 {0} 天"],
    "BasicForm": ["项目概况", "地点与责任", "进度", "带贫益贫", "风险与管理"],
    "SettingsPage": ["设置", "显示", "工作台目标", "本机信息", "账户", "备份"],
    "ProgressChart": ["累计拨付", "累计支出", "工程进度"],
    "HistoryTab": ["时间", "操作人", "记录", "操作", "字段", "原值", "新值"],
    "AboutSection": ["程序版本", "名称", "角色", "区划代码", "本机指纹", "数据文件夹", "日志文件", "操作人"],
}
EN["乡镇"] = "Township"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    ts = OUT / "towndesk_en.ts"
    sources = sorted(str(p.relative_to(REPO)) for p in (REPO / "ui").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-source-language", "zh_CN",
                    "-target-language", "en", "-ts", str(ts)], cwd=REPO, check=True)
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {c.find("name").text: c for c in root.findall("context")}
    for ctx_name, texts in DYNAMIC.items():
        ctx = contexts.get(ctx_name)
        if ctx is None:
            ctx = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = ctx_name
            contexts[ctx_name] = ctx
        have = {m.find("source").text for m in ctx.findall("message")}
        for text in texts:
            if text not in have:
                m = ET.SubElement(ctx, "message")
                ET.SubElement(m, "source").text = text
                ET.SubElement(m, "translation", type="unfinished")
    done = total = 0
    for ctx in root.findall("context"):
        for m in ctx.findall("message"):
            total += 1
            tr = m.find("translation")
            english = EN.get(m.find("source").text)
            if english:
                tr.text = english
                tr.attrib.pop("type", None)
                done += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(OUT / "towndesk_en.qm")], check=True)
    print(f"English: {done} of {total} strings translated → {OUT / 'towndesk_en.qm'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
