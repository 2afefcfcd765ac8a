"""report xlsx | report pdf | wallchart, and `projects import-xlsx` (Excel ledger onboarding).

import-xlsx is added to the existing `projects` command from here, so the projects module
stays as it is; the work itself lives in desktop.ledger_import and desktop.reports.
"""
from __future__ import annotations

import argparse
import sys

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table

STATUS_LABELS = {"imported": "新增", "updated": "更新", "existing": "已存在", "skipped": "跳过", "refused": "拒绝"}
EXIT_SOME_REFUSED = 3


def register(sub) -> None:
    _register_import(sub)
    _register_reports(sub)


def _register_reports(sub) -> None:
    from desktop.reports import KINDS

    p = sub.add_parser("report", help="规定报表：推进梳理表、风险排查表、帮扶提升汇总表、倒排工期表、半月调度表、资料对照表")
    rs = p.add_subparsers(dest="report_command", metavar="FORMAT", required=True)
    for fmt, label in (("xlsx", "Excel"), ("pdf", "PDF（A4 横向，供打印签字）")):
        q = rs.add_parser(fmt, help=f"生成 {label} 报表")
        q.add_argument("--kind", required=True, choices=list(KINDS),
                       help="；".join(f"{k}={v}" for k, v in KINDS.items()))
        q.add_argument("--out", required=True, help=f"输出文件（.{fmt}）")
        q.add_argument("--year", type=int, help="年度（默认：全部年度；半月调度表默认为调度日所在年度）")
        q.add_argument("--township", help="只含一个乡镇（名称或区划代码）")
        q.add_argument("--date", help="半月调度表的报送日（每月14日或29日）；风险排查表、倒排工期表的统计日期")
        q.add_argument("--by", choices=["township", "department"], default="township",
                       help="帮扶提升汇总表按乡镇（township）或按部门（department）汇总")
        q.add_argument("--unit", choices=["万元", "元"], default="万元", help="金额单位（默认万元）")
        q.add_argument("--json", action="store_true")
        q.set_defaults(func=cmd_report, fmt=fmt)

    q = sub.add_parser("wallchart", help="挂图作战图：每个项目一行，节点、进度、风险一目了然（PDF，A3 或 A4 拼贴）")
    q.add_argument("--out", required=True, help="输出文件（.pdf）")
    q.add_argument("--year", type=int, help="年度（默认：有项目的最近一年）")
    q.add_argument("--township", help="只含一个乡镇（县级办公室用；乡镇默认就是本乡镇）")
    q.add_argument("--paper", choices=["A3", "A4-tiled"], default="A3", help="A3 横向，或 A4-tiled（两张 A4 拼贴）")
    q.add_argument("--date", help="统计日（默认今天）：显示这一天的进度、资金和节点完成情况")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_wallchart)


def _projects_actions(sub):
    parser = sub.choices.get("projects")
    if parser is None:
        return None
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def _register_import(sub) -> None:
    actions = _projects_actions(sub)
    if actions is None:  # the projects module is missing: offer the command on its own
        actions = sub
    q = actions.add_parser("import-xlsx", help="导入已有的 Excel 项目台账（先用 --dry-run 预览）")
    q.add_argument("file", help="台账文件（.xlsx）")
    q.add_argument("--sheet", help="工作表名称（默认：第一个含表头的工作表）")
    q.add_argument("--dry-run", action="store_true", help="只预览每一行的结果，不写入")
    q.add_argument("--json", action="store_true", help="以 JSON 输出汇总和每一行")
    q.add_argument("--map", dest="maps", action="append", default=[], metavar="列标题=字段",
                   help="指定列的含义，例如 --map \"投资额=计划投资\" 或 --map \"F=计划投资\"；字段写“忽略”则不导入该列")
    q.add_argument("--level-for", dest="level_for", action="append", default=[], metavar="分组标题=层级",
                   help="指定分组行的项目层级，例如 --level-for \"一、市级项目=市级\"；层级写“跳过”则不导入该分组")
    q.add_argument("--year", type=int, help="表中没有年度时使用的年度")
    q.add_argument("--township", help="表中没有乡镇时使用的实施乡镇")
    q.add_argument("--level", help="表中和分组都没有层级时使用的层级")
    q.add_argument("--unit", choices=["万元", "元"], help="表中没有写明金额单位时使用")
    q.add_argument("--as-of", dest="as_of", help="已拨付/已支出记到哪一天（默认：表头的“截至”日期或今天）")
    q.add_argument("--update", action="store_true", help="已有项目按表格更新（默认只新增，不改已有项目）")
    q.add_argument("--strict", action="store_true", help="有任何一行被拒绝就整份不导入")
    q.add_argument("--link-similar", action="store_true",
                   help="县级：与乡镇已同步项目相同（年度、乡镇、计划投资相同，名称去掉地名后相同）的行关联并更新，不新建")
    q.set_defaults(func=cmd_import_xlsx)


def cmd_import_xlsx(args) -> int:
    from desktop.ledger_import import ImportOptions, run_import
    from desktop.values.dates import parse_date

    as_of = parse_date(args.as_of, "--as-of") if args.as_of else None
    opts = ImportOptions(sheet=args.sheet, maps=args.maps, level_for=args.level_for, year=args.year,
                         township=args.township, level=args.level, unit=args.unit, as_of=as_of,
                         update=args.update, strict=args.strict, link_similar=args.link_similar)
    app = app_from(args)
    summary = run_import(app, args.file, opts, dry_run=args.dry_run)
    if args.json:
        print_json(summary)
    else:
        _print_summary(summary)
    return EXIT_SOME_REFUSED if summary["refused"] else 0


def _print_summary(s: dict) -> None:
    print(f"文件：{s['file']}　工作表：{s['sheet']}　金额单位：{s['unit'] or '见列标题'}（{s['unit_source']}）")
    mapped = "，".join(f"{c['letter']} {c['title']}→{c['label']}" for c in s["columns"] if c["target"]
                      and c["target"] not in ("seq", "ignore"))
    print(f"列：{mapped}")
    for sec in s["sections"]:
        print(f"分组：第{sec['row']}行 {sec['text']} → 层级 {sec['level'] or '（未识别）'}"
              + (f"，乡镇 {sec['township']}" if sec["township"] else "") + ("，跳过" if sec["skip"] else ""))
    rows = s["rows"] if s["dry_run"] else [r for r in s["rows"] if r["status"] == "refused" or r.get("warnings")]
    table = [{"row": r["row"], "status": STATUS_LABELS[r["status"]], "name": r["name"] or "",
              "reason": "；".join([r["reason"] or ""] + r.get("warnings", []))} for r in rows if r["kind"] != "blank"]
    if table:
        print_table(table, [("row", "行"), ("status", "结果"), ("name", "项目名称"), ("reason", "说明")])
    for note in s["notes"]:
        print(f"提示：{note}")
    verb = "将新增" if s["dry_run"] else "新增"
    print(f"{verb} {s['imported']} 个项目，更新 {s['updated']} 个，已存在 {s['existing']} 个，"
          f"跳过 {s['skipped']} 行，拒绝 {s['refused']} 行。")
    if s["dry_run"]:
        print("这是预览（--dry-run），未写入任何数据。")
    elif s["backup"]:
        print(f"导入前的数据库备份：{s['backup']}")
    if s["refused"]:
        print(f"有 {s['refused']} 行被拒绝：请按说明修改表格后重新导入（已导入的项目不会重复）。", file=sys.stderr)
    assumed = sum(1 for r in s["rows"] if any("没有写明项目层级" in w for w in r.get("warnings", [])))
    if assumed:
        print(f"有 {assumed} 行按默认层级导入：不对时用 --level-for \"分组标题=层级\" 指定分组，或 --level 层级 指定全部。")
    unlinked = [r for r in s["rows"] if r["status"] == "existing" and "关联已有项目" in (r["reason"] or "")]
    if unlinked:
        print(f"有 {len(unlinked)} 行与乡镇已同步的项目相同，未导入；确认是同一项目后加 --link-similar 再导入，"
              "将关联并按表格更新这些项目。")


def cmd_report(args) -> int:
    from pathlib import Path

    from desktop.core.errors import UserError
    from desktop.reports import write_table
    from desktop.values.dates import parse_date

    out = Path(args.out)
    if out.suffix.lower() != f".{args.fmt}":
        raise UserError(f"--out {args.out}：report {args.fmt} 的输出文件应以 .{args.fmt} 结尾。")
    on = parse_date(args.date, "--date") if args.date else None
    app = app_from(args)
    info = write_table(app, args.kind, out, year=args.year, township=args.township, on=on, by=args.by,
                       unit=args.unit)
    if args.json:
        print_json(info)
    else:
        print(f"已生成 {info['title']}：{info['file']}（{info['lines']} 行）")
    return 0


def cmd_wallchart(args) -> int:
    from desktop.reports.wallchart import write_wallchart
    from desktop.values.dates import parse_date

    as_of = parse_date(args.date, "--date") if args.date else None
    app = app_from(args)
    info = write_wallchart(app, args.out, year=args.year, township=args.township, paper=args.paper, as_of=as_of)
    if args.json:
        print_json(info)
    else:
        print(f"已生成 {info['title']}：{info['file']}（{info['projects']} 个项目，{info['pages']} 页 {info['paper']}）")
    return 0
