"""projects list | show | add | edit | delete | history | fields."""
from __future__ import annotations

import json
from pathlib import Path

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table
from desktop.core.errors import UserError
from desktop.projects import projects
from desktop.projects.fields import PROJECT_FIELDS
from desktop.values.money import fen_to_money_text

LIST_KEYS = ["id", "code", "name", "year", "level", "funding_sources", "township", "village", "stage",
             "stage_label", "planned_investment_yuan", "disbursed_yuan", "spent_yuan", "beneficiary_households",
             "beneficiary_people", "poor_households", "poor_people", "risk_level", "version"]


def register(sub) -> None:
    p = sub.add_parser("projects", help="项目台账")
    ps = p.add_subparsers(dest="projects_command", metavar="ACTION", required=True)

    q = ps.add_parser("list", help="列出项目")
    q.add_argument("--year", type=int)
    q.add_argument("--township")
    q.add_argument("--level")
    q.add_argument("--stage")
    q.add_argument("--risk", choices=["red", "yellow", "green"])
    q.add_argument("--search", help="按名称、编号、村、单位等查找（同台账搜索框：中文片段或拼音首字母）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)

    q = ps.add_parser("show", help="查看一个项目")
    q.add_argument("code")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)

    q = ps.add_parser("add", help="从 JSON 文件新增项目（一个对象或对象数组）")
    q.add_argument("--json", dest="json_file", required=True, metavar="FILE")
    q.set_defaults(func=cmd_add)

    q = ps.add_parser("edit", help="修改项目字段：--set 字段=值")
    q.add_argument("code")
    q.add_argument("--set", dest="assignments", action="append", required=True, metavar="FIELD=VALUE")
    q.set_defaults(func=cmd_edit)

    q = ps.add_parser("delete", help="删除项目（保留删除标记以便同步）")
    q.add_argument("code")
    q.set_defaults(func=cmd_delete)

    q = ps.add_parser("history", help="项目变更记录")
    q.add_argument("code")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_history)

    q = ps.add_parser("fields", help="列出可填写的字段")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_fields)


def cmd_list(args) -> int:
    app = app_from(args)
    filters = dict(year=args.year, township=args.township, level=args.level, stage=args.stage, risk=args.risk)
    if args.search:
        from desktop.projects.search import search_projects

        rows = search_projects(app, args.search, **filters)
    else:
        rows = projects.list_projects(app, **filters)
    if args.json:
        print_json([{k: r[k] for k in LIST_KEYS} for r in rows])
    else:
        print_table(rows, [("code", "编号"), ("name", "项目名称"), ("year", "年度"), ("level", "层级"),
                           ("township", "乡镇"), ("stage_label", "阶段"), ("planned_investment_yuan", "计划投资(元)"),
                           ("disbursed_yuan", "已拨付(元)"), ("spent_yuan", "已支出(元)"), ("risk_label", "风险")])
        print(f"共 {len(rows)} 个项目")
    return 0


def cmd_show(args) -> int:
    app = app_from(args)
    p = projects.get_project(app, args.code)
    from desktop.privacy.masking import mask_phone

    p["responsible_phone"] = mask_phone(p.get("responsible_phone"))  # shown like every screen and print
    if args.json:
        print_json(p)
    else:
        for name, spec in PROJECT_FIELDS.items():
            key = "township" if name == "township_name" else name
            print(f"{spec.label}：{_shown(spec, p.get(key))}")
        print(f"已拨付：{fen_to_money_text(p.get('disbursed_fen'))}\n已支出：{fen_to_money_text(p.get('spent_fen'))}")
    return 0


def _shown(spec, value) -> str:
    """A field as a person reads it: labels for codes, 是/否, lists joined, money in 元 and 万元."""
    if value is None or value == "":
        return ""
    if spec.kind == "money":
        return fen_to_money_text(value)
    if spec.kind == "bool":
        return "是" if value else "否"
    if spec.kind == "choice":
        return spec.choices.get(value, str(value))
    if spec.kind == "list":
        return "、".join(map(str, value))
    if spec.kind == "pct":
        return f"{value}%"
    return str(value)


def _read_json(path: str):
    f = Path(path)
    if not f.exists():
        raise UserError(f"找不到文件 {path}，请检查路径。")
    try:
        text = f.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"文件 {path} 不是 UTF-8 编码的文本，请另存为 UTF-8 后再试。") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise UserError(f"文件 {path} 不是有效的 JSON：第 {e.lineno} 行第 {e.colno} 列附近有错误（{e.msg}）。"
                        "请修正后重试，未写入任何数据。") from None


def cmd_add(args) -> int:
    app = app_from(args)
    data = _read_json(args.json_file)
    items = data if isinstance(data, list) else [data]
    created = projects.create_many(app, items, source=f"文件 {args.json_file}")
    for p in created:
        print(f"已新增项目 {p['code']} {p['name']}")
    return 0


def cmd_edit(args) -> int:
    app = app_from(args)
    changes = {}
    for a in args.assignments:
        if "=" not in a:
            raise UserError(f"--set 参数 '{a}' 格式不对，应为 字段=值，例如 --set stage=在建。")
        key, value = a.split("=", 1)
        changes[key.strip()] = value
    p = projects.update_project(app, args.code, changes)
    print(f"已保存项目 {p['code']} {p['name']}（版本 {p['version']}）")
    return 0


def cmd_delete(args) -> int:
    app = app_from(args)
    projects.delete_project(app, args.code)
    print(f"已删除项目 {args.code}")
    return 0


def cmd_history(args) -> int:
    app = app_from(args)
    rows = projects.project_history(app, args.code)
    if args.json:
        print_json(rows)
    else:
        print_table(rows, [("at", "时间"), ("user", "操作人"), ("table", "记录"), ("label", "字段"),
                           ("old", "原值"), ("new", "新值")])
    return 0


def cmd_fields(args) -> int:
    rows = [{"name": n, "label": s.label, "kind": s.kind, "required": s.required,
             "choices": s.choices} for n, s in PROJECT_FIELDS.items()]
    if args.json:
        print_json(rows)
    else:
        print_table(rows, [("name", "字段"), ("label", "名称"), ("kind", "类型"), ("required", "必填")])
    return 0
