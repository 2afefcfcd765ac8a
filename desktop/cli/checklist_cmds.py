"""checklist show | set | pdf | missing | overview | standards | use | size-warning, and attach."""
from __future__ import annotations

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table
from desktop.core.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("checklist", help="项目资料目录对照表：查看、登记、打印、缺失清单")
    ps = p.add_subparsers(dest="checklist_command", metavar="ACTION", required=True)

    q = ps.add_parser("show", help="查看一个项目的资料清单与完整度")
    q.add_argument("code", metavar="CODE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)

    q = ps.add_parser("set", help="登记一项资料的状态：未收集/已收集/不适用/需补正")
    q.add_argument("code", metavar="CODE")
    q.add_argument("item_key", metavar="ITEM_KEY")
    q.add_argument("--state", required=True, help="未收集|已收集|不适用|需补正（或 missing|collected|not_applicable|needs_fix）")
    q.add_argument("--reason", help="不适用的理由，或需补正的内容（这两种状态必填）")
    q.add_argument("--location", help="档案位置（档案盒号）")
    q.add_argument("--note", help="备注")
    q.add_argument("--received", help="收到日期 YYYY-MM-DD（已收集时默认今天）")
    q.add_argument("--pages", help="页数")
    q.set_defaults(func=cmd_set)

    q = ps.add_parser("pdf", help="打印资料清单 PDF（一个项目，或批量）")
    g = q.add_mutually_exclusive_group(required=True)
    g.add_argument("--project", action="append", metavar="CODE", help="项目编号（可重复）")
    g.add_argument("--all", action="store_true", help="全部项目（可用 --year、--township 筛选）")
    q.add_argument("--year", type=int)
    q.add_argument("--township")
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    q.set_defaults(func=cmd_pdf)

    q = ps.add_parser("missing", help="资料缺失清单（按紧急程度排序）")
    _filters(q)
    q.add_argument("--json", action="store_true")
    q.add_argument("--xlsx", metavar="FILE.xlsx", help="导出为 Excel")
    q.add_argument("--pdf", metavar="FILE.pdf", help="打印为 PDF")
    q.set_defaults(func=cmd_missing)

    q = ps.add_parser("overview", help="各项目资料完整度")
    _filters(q)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_overview)

    q = ps.add_parser("standards", help="列出资料清单标准")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_standards)

    q = ps.add_parser("use", help="指定项目使用的资料清单标准")
    q.add_argument("code", metavar="CODE")
    q.add_argument("standard", metavar="STANDARD_KEY")
    q.set_defaults(func=cmd_use)

    q = ps.add_parser("size-warning", help="查看或设置附件大小提醒值（MB）")
    q.add_argument("mb", nargs="?")
    q.set_defaults(func=cmd_size_warning)

    a = sub.add_parser("attach", help="为项目的资料项添加附件（扫描件、照片、PDF、Word/Excel）")
    a.add_argument("code", metavar="CODE")
    a.add_argument("item_key", metavar="ITEM_KEY")
    a.add_argument("files", nargs="+", metavar="FILE")
    a.add_argument("--keep-large", action="store_true", help="超过大小提醒值也保存")
    a.add_argument("--keep-state", action="store_true", help="不把“未收集”自动改为“已收集”")
    a.set_defaults(func=cmd_attach)


def _filters(q) -> None:
    q.add_argument("--year", type=int)
    q.add_argument("--township")
    q.add_argument("--stage", help="资料阶段（如 前期审批）或项目阶段（如 在建）")


def _filter_text(args) -> str:
    parts = [f"{args.year} 年度" if args.year else "", args.township or "", args.stage or ""]
    return " ".join(p for p in parts if p) or "全部项目"


def cmd_show(args) -> int:
    from desktop.checklists.service import project_checklist

    view = project_checklist(app_from(args), args.code)
    if args.json:
        print_json(view)
        return 0
    p, o, d = view["project"], view["completeness"]["overall"], view["completeness"]["due"]
    print(f"{p['code']} {p['name']}（{p['stage_label']}）  标准：{view['standard']['name']} 第 {view['standard']['version']} 版")
    rows = [{**i, "need": "必备" if i["required"] else ("选备" if i["optional"] else "不需"),
             "files": len(i["attachments"]) or "", "detail": i["reason"] or i["note"] or ""} for i in view["items"]]
    print_table(rows, [("key", "代码"), ("stage", "阶段"), ("name", "资料名称"), ("need", "要求"),
                       ("state_label", "状态"), ("received_on", "收到日期"), ("location", "档案位置"),
                       ("files", "附件"), ("detail", "说明")])
    print(f"完整度：{o['collected']}/{o['counted']}（{o['pct']:g}%）；本阶段应有：{d['collected']}/{d['counted']}"
          f"{'，已齐全' if d['complete'] else ''}")
    return 0


def cmd_set(args) -> int:
    from desktop.checklists.service import set_item

    item = set_item(app_from(args), args.code, args.item_key, args.state, reason=args.reason,
                    location=args.location, note=args.note, received_on=args.received, pages=args.pages)
    o = item["completeness"]["overall"]
    print(f"已登记 {args.code} {item['name']}：{item['state_label']}"
          f"{'（' + item['reason'] + '）' if item['reason'] else ''}。完整度 {o['collected']}/{o['counted']}（{o['pct']:g}%）")
    return 0


def cmd_pdf(args) -> int:
    from desktop.checklists.printing import checklist_pdf

    if args.project and (args.year or args.township):
        raise UserError("--year、--township 只能与 --all 一起使用。")
    r = checklist_pdf(app_from(args), args.out, codes=args.project, year=args.year, township=args.township)
    print(f"已生成 {r['path']}：{r['projects']} 个项目，{r['pages']} 页")
    return 0


def cmd_missing(args) -> int:
    from desktop.checklists.missing import MISSING_COLUMNS, missing_documents

    app = app_from(args)
    rows = missing_documents(app, year=args.year, township=args.township, stage=args.stage)
    if args.xlsx:
        from desktop.checklists.xlsx import missing_xlsx
        r = missing_xlsx(app, args.xlsx, rows, filters=_filter_text(args))
        print(f"已导出 {r['path']}：{r['rows']} 项")
    if args.pdf:
        from desktop.checklists.printing import missing_pdf
        r = missing_pdf(app, args.pdf, rows, filters=_filter_text(args))
        print(f"已生成 {r['path']}：{r['rows']} 项，{r['pages']} 页")
    if args.json:
        print_json(rows)
    elif not (args.xlsx or args.pdf):
        print_table(rows, [c for c in MISSING_COLUMNS if c[0] not in ("village", "year")])
        print(f"共 {len(rows)} 项，已逾期 {sum(r['urgency'] == 'overdue' for r in rows)} 项")
    return 0


def cmd_overview(args) -> int:
    from desktop.checklists.missing import completeness_overview

    rows = completeness_overview(app_from(args), year=args.year, township=args.township, stage=args.stage)
    if args.json:
        print_json(rows)
        return 0
    table = [{**r, "all": f"{r['overall']['collected']}/{r['overall']['counted']}", "pct": r["overall"]["pct"],
              "now": f"{r['due']['collected']}/{r['due']['counted']}"} for r in rows]
    print_table(table, [("code", "编号"), ("name", "项目名称"), ("stage_label", "阶段"), ("standard", "标准"),
                        ("all", "已收集/必备"), ("pct", "完整度%"), ("now", "本阶段应有")])
    return 0


def cmd_standards(args) -> int:
    from desktop.checklists.service import list_standards

    rows = list_standards(app_from(args))
    if args.json:
        print_json(rows)
    else:
        print_table(rows, [("key", "代码"), ("name", "名称"), ("version", "版本"), ("items", "资料项"),
                           ("applies_to", "默认适用")])
    return 0


def cmd_use(args) -> int:
    from desktop.checklists.service import use_standard

    r = use_standard(app_from(args), args.code, args.standard)
    print(f"项目 {r['code']} 改用：{r['standard']['name']}（第 {r['standard']['version']} 版）")
    return 0


def cmd_size_warning(args) -> int:
    from desktop.checklists.attachments import set_size_warning_mb, size_warning_mb

    app = app_from(args)
    value = set_size_warning_mb(app, args.mb) if args.mb is not None else size_warning_mb(app)
    print(f"附件大小提醒值：{value:g} MB")
    return 0


def cmd_attach(args) -> int:
    from desktop.checklists.attachments import attach_files

    r = attach_files(app_from(args), args.code, args.item_key, args.files, keep_large=args.keep_large,
                     mark_collected=not args.keep_state)
    for a in r["added"]:
        print(f"已添加附件 {a['filename']}（{a['size']} 字节，SHA-256 {a['sha256'][:12]}…）")
    for a in r["already"]:
        print(f"已存在，未重复添加：{a['filename']}（SHA-256 {a['sha256'][:12]}…）")
    if r["state"]:
        print(f"资料项 {args.item_key} 当前状态：{ {'collected': '已收集', 'missing': '未收集', 'needs_fix': '需补正', 'not_applicable': '不适用'}[r['state']] }")
    return 0
