"""assets list | add | edit | show — the asset ledger (项目资产台账) from the command line."""
from __future__ import annotations

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table
from desktop.core.errors import UserError

LIST_FIELDS = ("id", "code", "name", "class", "class_label", "project_code", "township", "village", "value_yuan",
               "owner_level", "owner", "manager", "status")


def register(sub) -> None:
    p = sub.add_parser("assets", help="项目资产台账：列出、登记、修改资产")
    a = p.add_subparsers(dest="assets_command", metavar="ACTION", required=True)
    q = a.add_parser("list", help="列出资产")
    q.add_argument("--project", help="只列出该项目编号形成的资产")
    q.add_argument("--township", help="只列出一个乡镇（名称或区划代码）")
    q.add_argument("--status", help="只列出某状态：正常、闲置、损毁、已处置")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)
    q = a.add_parser("show", help="显示一项资产的全部信息")
    q.add_argument("code", help="资产编号")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)
    q = a.add_parser("add", help="从 JSON 文件登记资产（一个对象或数组；全部成功才写入）")
    q.add_argument("--json", dest="json_file", required=True, metavar="FILE")
    q.set_defaults(func=cmd_add)
    q = a.add_parser("edit", help="修改资产字段：--set 字段=值")
    q.add_argument("code", help="资产编号")
    q.add_argument("--set", dest="assignments", action="append", required=True, metavar="FIELD=VALUE")
    q.set_defaults(func=cmd_edit)
    q = a.add_parser("handover", help="挂接资产移交书（存入形成项目的“资产移交书”资料项）")
    q.add_argument("code", help="资产编号")
    q.add_argument("file", help="移交书扫描件或文件")
    q.add_argument("--date", help="移交日期，例如 2021-12-20")
    q.add_argument("--ownership", action="store_true",
                   help="挂接的是确权资料（存入“资产确权登记表”资料项），不是移交书")
    q.set_defaults(func=cmd_handover)


def cmd_list(args) -> int:
    from desktop.assets import list_assets

    rows = list_assets(app_from(args), project=args.project, township=args.township, status=args.status)
    if args.json:
        print_json([{k: r[k] for k in LIST_FIELDS} | {"owner_level_label": r["owner_level_label"],
                                                     "status_label": r["status_label"],
                                                     "project_codes": r["project_codes"]} for r in rows])
    else:
        print_table(rows, [("code", "资产编号"), ("name", "资产名称"), ("class_label", "类别"),
                           ("project_code", "项目编号"), ("village", "所在村"), ("value_yuan", "形成金额(元)"),
                           ("owner_level_label", "确权层级"), ("owner", "产权所有人"), ("manager", "管护主体"),
                           ("status_label", "状态")])
        print(f"共 {len(rows)} 项资产。")
    return 0


def cmd_show(args) -> int:
    from desktop.assets import get_asset

    a = get_asset(app_from(args), args.code)
    if args.json:
        print_json(a)
    else:
        for k, v in a.items():
            print(f"{k}：{'' if v is None else v}")
    return 0


def cmd_add(args) -> int:
    from desktop.assets import add_assets
    from desktop.cli.project_cmds import _read_json

    made = add_assets(app_from(args), _read_json(args.json_file), source=f"文件 {args.json_file}")
    for a in made:
        print(f"已登记资产 {a['code']} {a['name']}（{a['class_label']}，{a['value_yuan']} 元）")
    return 0


def cmd_edit(args) -> int:
    from desktop.assets import edit_asset

    changes = {}
    for a in args.assignments:
        if "=" not in a:
            raise UserError(f"--set 参数“{a}”格式不对，应为 字段=值，例如 --set status=闲置。")
        key, value = a.split("=", 1)
        changes[key.strip()] = value
    a = edit_asset(app_from(args), args.code, changes)
    print(f"已保存资产 {a['code']} {a['name']}（版本 {a['version']}）")
    return 0


def cmd_handover(args) -> int:
    from desktop.assets.handover import attach_handover
    from desktop.projects.fields import parse_date

    on = parse_date(args.date, "移交日期") if args.date else None
    kind = "ownership" if args.ownership else "handover"
    r = attach_handover(app_from(args), args.code, args.file, on, kind=kind)
    item = "资产确权登记表" if args.ownership else "资产移交书"
    where = f"资料项“{item}”" if r["item_key"] else "项目附件"
    print(f"已挂接{r['what']} {r['filename']} 到资产 {r['asset']}（项目 {r['project']} 的{where}）")
    return 0
