"""library list | move | history (项目库) and terms list | import | use (用语文件)."""
from __future__ import annotations

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table


def register(sub) -> None:
    p = sub.add_parser("library", help="项目库：申报、乡审核、县审定、入库、实施、退回")
    a = p.add_subparsers(dest="library_command", metavar="ACTION", required=True)
    q = a.add_parser("list", help="列出项目及其项目库状态")
    q.add_argument("--state", help="只列出某状态，如 申报、县审定；none 为未纳入项目库的项目")
    q.add_argument("--township", help="只列出一个乡镇（名称或区划代码）")
    q.add_argument("--year", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)
    q = a.add_parser("move", help="把一个或多个项目转到新状态（全部可办理才办理）")
    q.add_argument("state", help="申报、乡审核、县审定、入库、实施 或 退回")
    q.add_argument("codes", nargs="+", metavar="CODE", help="项目编号（可多个，县级批量审定）")
    q.add_argument("--reason", help="理由（退回时必填）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_move)
    q = a.add_parser("history", help="一个项目在项目库中的全部经过")
    q.add_argument("code")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_history)

    p = sub.add_parser("terms", help="用语文件：标签、类别、层级、资金来源的用语（县级下发）")
    a = p.add_subparsers(dest="terms_command", metavar="ACTION", required=True)
    q = a.add_parser("list", help="列出已有的用语版本和当前使用的用语")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_terms_list)
    q = a.add_parser("import", help="导入用语文件（县级）；随下一个同步包下发到乡镇")
    q.add_argument("source", help="用语文件（.json），或内置用语 2021-2025 / 2026")
    q.add_argument("--activate", action="store_true", help="导入后立即启用")
    q.set_defaults(func=cmd_terms_import)
    q = a.add_parser("use", help="启用一个用语版本（县级），如 2026")
    q.add_argument("key")
    q.set_defaults(func=cmd_terms_use)


def cmd_list(args) -> int:
    from desktop.library import library_list

    rows = library_list(app_from(args), state=args.state, township=args.township, year=args.year)
    if args.json:
        print_json(rows)
    else:
        print_table(rows, [("code", "项目编号"), ("name", "项目名称"), ("township", "乡镇"), ("state_label", "项目库状态"),
                           ("by", "办理人"), ("at", "办理时间"), ("reason", "理由")])
        print(f"共 {len(rows)} 个项目。")
    return 0


def cmd_move(args) -> int:
    from desktop.library import advance

    done = advance(app_from(args), args.codes, args.state, reason=args.reason)
    if args.json:
        print_json(done)
    else:
        for r in done:
            print(f"项目 {r['code']} {r['name']}：{r['from']} → {r['to']}")
    return 0


def cmd_history(args) -> int:
    from desktop.library import library_history

    rows = library_history(app_from(args), args.code)
    if args.json:
        print_json(rows)
    else:
        print_table(rows, [("at", "时间"), ("from_label", "原状态"), ("state_label", "新状态"), ("by", "办理人"),
                           ("reason", "理由")])
    return 0


def cmd_terms_list(args) -> int:
    from desktop.terms import list_terms, terms_for_app

    app = app_from(args)
    rows, current = list_terms(app), terms_for_app(app)
    if args.json:
        print_json({"current": {"key": current.key, "terms_version": current.terms_version, "title": current.title},
                    "stored": rows})
    else:
        print(f"当前用语：{current.title}（{current.key} 第 {current.terms_version} 版）")
        if rows:
            print_table(rows, [("key", "用语"), ("terms_version", "版本"), ("title", "名称"), ("active", "启用")])
    return 0


def cmd_terms_import(args) -> int:
    from desktop.terms import import_terms

    r = import_terms(app_from(args), args.source, activate=args.activate)
    print(f"已导入用语 {r['title']}（{r['key']} 第 {r['terms_version']} 版）" + ("，已启用" if r["active"] else ""))
    return 0


def cmd_terms_use(args) -> int:
    from desktop.terms import activate_terms

    r = activate_terms(app_from(args), args.key)
    print(f"已启用用语 {r['title']}（{r['key']} 第 {r['terms_version']} 版），随下一个同步包下发到乡镇。")
    return 0
