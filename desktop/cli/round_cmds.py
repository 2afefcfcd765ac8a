"""round sheet | round apply | round status: the half-monthly round through Excel, and the county's view."""
from __future__ import annotations

import sys

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table

EXIT_SOME_REFUSED = 3
STATUS = {"applied": "已登记", "unchanged": "无变化", "refused": "拒绝"}


def register(sub) -> None:
    p = sub.add_parser("round", help="半月调度（每月14日、29日）：导出填报表、导入填好的表、县级查看报送情况")
    rs = p.add_subparsers(dest="round_command", metavar="ACTION", required=True)
    q = rs.add_parser("sheet", help="导出本乡镇在办项目的半月填报表（.xlsx）")
    q.add_argument("--date", help="报送日（每月14日或29日；默认：今天或之前最近的一个）")
    q.add_argument("--out", required=True, help="输出文件（.xlsx）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_sheet)
    q = rs.add_parser("apply", help="导入填好的半月填报表：每个项目登记进度报告、拨付和支出（先用 --dry-run 预览）")
    q.add_argument("file", help="填好的填报表（.xlsx）")
    q.add_argument("--date", help="只接受这一报送日的表")
    q.add_argument("--dry-run", action="store_true", help="只预览每一行的结果，不写入")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_apply)
    q = rs.add_parser("undo", help="撤销上一次半月调度保存或导入（保存后又被修改过则拒绝）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_undo)
    q = rs.add_parser("status", help="县级：各乡镇本期半月调度是否已报送")
    q.add_argument("--date", help="报送日（默认：今天或之前最近的一个）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_status)


def _date(args):
    from datetime import date

    from desktop.values.dates import parse_date
    from desktop.round.dates import latest_report_date

    return parse_date(args.date, "--date") if args.date else latest_report_date(date.today())


def cmd_sheet(args) -> int:
    from desktop.round.sheet import write_sheet

    info = write_sheet(app_from(args), _date(args), args.out)
    if args.json:
        print_json(info)
    else:
        print(f"已生成 {info['date']} 的半月填报表：{info['file']}（{info['projects']} 个项目）。"
              "填好白色格子后用 towndesk round apply 导入。")
    return 0


def cmd_apply(args) -> int:
    from desktop.values.dates import parse_date
    from desktop.round.sheet import apply_sheet

    expect = parse_date(args.date, "--date") if args.date else None
    result = apply_sheet(app_from(args), args.file, dry_run=args.dry_run, expect_date=expect)
    if args.json:
        print_json(result)
    else:
        shown = [{**r, "row": r["row"] or "", "status": STATUS[r["status"]]} for r in result["rows"]]
        print_table(shown, [("row", "行"), ("code", "项目编号"), ("name", "项目名称"), ("status", "结果"),
                            ("reason", "说明")])
        verb = "将登记" if args.dry_run else "已登记"
        print(f"报送日 {result['date']}：{verb} {result['applied']} 个项目，无变化 {result['unchanged']} 个，"
              f"拒绝 {result['refused']} 个。" + ("这是预览（--dry-run），未写入任何数据。" if args.dry_run else ""))
    if result["refused"]:
        print(f"有 {result['refused']} 行被拒绝：请按说明修改后重新导入（已登记的不会重复登记）。", file=sys.stderr)
        return EXIT_SOME_REFUSED
    return 0


def cmd_status(args) -> int:
    from desktop.round.county import round_arrivals

    info = round_arrivals(app_from(args), _date(args))
    if args.json:
        print_json(info)
    else:
        print_table(info["townships"], [("township", "乡镇"), ("active", "在办项目"), ("reported", "已报项目"),
                                        ("state", "报送情况")])
        print(f"报送日 {info['date']}：{info['arrived']}/{info['expected']} 个乡镇已报送。")
    return 0


def cmd_undo(args) -> int:
    from desktop.round.apply import undo_round

    info = undo_round(app_from(args))
    if args.json:
        print_json(info)
    else:
        print(f"已撤销 {info['date']} 的半月调度保存：收回 {info['removed']} 条记录，恢复 {info['restored']} 个数值。")
    return 0
