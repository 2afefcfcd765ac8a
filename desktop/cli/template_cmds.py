"""template list | fields | check | add | preview | render | generated | link."""
from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table
from desktop.core.errors import UserError
from desktop.values.dates import parse_date

STATE_LABELS = {"missing": "未收集", "collected": "已收集", "not_applicable": "不适用", "needs_fix": "需补正"}


def register(sub) -> None:
    p = sub.add_parser("template", help="文书模板：协议、报告、方案、公示")
    ps = p.add_subparsers(dest="template_command", metavar="ACTION", required=True)

    q = ps.add_parser("list", help="列出模板（名称、类别、版本、来源、使用的字段）")
    q.add_argument("--all", action="store_true", help="列出每个模板的所有版本")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)

    q = ps.add_parser("fields", help="列出模板可以使用的字段")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_fields)

    q = ps.add_parser("check", help="检查一个 Word 模板（.docx）能否使用")
    q.add_argument("file")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_check)

    q = ps.add_parser("add", help="导入自己的 Word 模板；同名模板成为新版本")
    q.add_argument("file")
    q.add_argument("--name", required=True, help="模板名称，例如 利益联结机制协议")
    q.add_argument("--kind", help="类别：agreement report plan acceptance publicity rectification other")
    q.set_defaults(func=cmd_add)

    q = ps.add_parser("preview", help="预览某项目将填入的字段和缺少的资料")
    q.add_argument("name")
    q.add_argument("--project", required=True, metavar="CODE")
    q.add_argument("--version", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_preview)

    q = ps.add_parser("render", help="用项目资料生成文书（Word，可选 PDF）")
    q.add_argument("name")
    q.add_argument("--project", required=True, metavar="CODE")
    q.add_argument("--out", required=True, metavar="FILE.docx")
    q.add_argument("--version", type=int, help="使用指定版本（默认最新版）")
    q.add_argument("--pdf", action="store_true", help="同时生成 PDF（需要本机安装 LibreOffice）")
    q.add_argument("--item", metavar="KEY", help="生成后关联到资料清单项，例如 benefit_agreement")
    q.add_argument("--full-id-numbers", action="store_true", help="填入完整身份证号（默认隐去中间位）")
    q.add_argument("--date", help="文书日期（默认今天），例如 2020-04-01")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_render)

    q = ps.add_parser("generated", help="列出已生成的文书")
    q.add_argument("--project", metavar="CODE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_generated)

    q = ps.add_parser("link", help="把已生成的文书关联到资料清单项")
    q.add_argument("id", help="生成记录编号（template generated 中的 id）")
    q.add_argument("--item", required=True, metavar="KEY")
    q.set_defaults(func=cmd_link)


def cmd_list(args) -> int:
    from desktop.templates.library import list_templates

    rows = list_templates(app_from(args), all_versions=args.all)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        r["field_count"] = f"{len(r['fields'])} 个"
    print_table(rows, [("name", "模板名称"), ("kind_label", "类别"), ("version", "版本"), ("source_label", "来源"),
                       ("field_count", "字段"), ("created_at", "加入时间")])
    return 0


def cmd_fields(args) -> int:
    from desktop.templates.catalogue import catalogue_rows

    rows = catalogue_rows()
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        r["placeholder"] = f"{{%tr for h in {r['name']} %}}" if r["table"] else f"{{{{ {r['name']} }}}}"
        r["example"] = "列：" + "、".join(c["name"] for c in r["columns"]) if r["table"] else r["example"]
    print_table(rows, [("group", "分组"), ("placeholder", "写法"), ("label", "含义"), ("example", "示例")])
    return 0


def cmd_check(args) -> int:
    from desktop.templates.library import check_file

    res = check_file(Path(args.file))
    if args.json:
        print_json(res.as_dict())
        return 0 if res.ok else 2
    name = Path(args.file).name
    if res.ok:
        print(f"检查通过：{name} 使用 {len(res.fields)} 个字段：{'、'.join(res.fields) or '无'}")
    else:
        print(f"{name} 未通过检查：", file=sys.stderr)
        for e in res.errors:
            print(f"  错误：{e}", file=sys.stderr)
    for w in res.warnings:
        print(f"  提醒：{w}", file=sys.stderr)
    return 0 if res.ok else 2


def cmd_add(args) -> int:
    from desktop.templates.library import add_template

    t = add_template(app_from(args), Path(args.file), args.name, args.kind)
    for w in t["warnings"]:
        print(f"提醒：{w}", file=sys.stderr)
    if t["unchanged"]:
        print(f"模板“{t['name']}”内容与第 {t['version']} 版相同，未新增版本。")
    else:
        print(f"已加入模板“{t['name']}”第 {t['version']} 版（{t['source_label']}，{len(t['fields'])} 个字段）。")
    return 0


def cmd_preview(args) -> int:
    from desktop.templates.generated import preview

    res = preview(app_from(args), args.name, args.project, args.version)
    if args.json:
        print_json(res)
        return 0
    t = res["template"]
    print(f"模板“{t['name']}”第 {t['version']} 版 → 项目 {res['project']['code']} {res['project']['name']}")
    for r in res["fields"]:
        r["shown"] = "（缺）" if r["missing"] else r["value"][:40]
    print_table(res["fields"], [("name", "字段"), ("shown", "将填入")])
    for p in res["problems"]:
        print(f"注意：{p}")
    return 0


def cmd_render(args) -> int:
    from desktop.templates.generated import render_document

    app = app_from(args)
    actor = None
    if args.full_id_numbers:
        from desktop.accounts import service as accounts
        from desktop.cli.account_cmds import acting_user

        actor = acting_user(app, args, optional=not accounts.has_users(app))  # None: no accounts here
    res = render_document(app, args.name, args.project, Path(args.out), version=args.version,
                          today=parse_date(args.date, "--date"), show_ids=args.full_id_numbers, actor=actor, pdf=args.pdf,
                          item_key=args.item)
    if args.json:
        print_json(res)
        return 0
    for p in res["problems"]:
        print(f"注意：{p}", file=sys.stderr)
    print(f"已生成：{res['path']}（模板“{res['template']}”第 {res['version']} 版，记录 {res['id']}）")
    if res["pdf"]:
        print(f"已生成 PDF：{res['pdf']}")
    if res["item_key"]:
        print(f"已关联到资料项 {res['item_key']}")
    return 0


def cmd_generated(args) -> int:
    from desktop.templates.generated import list_generated

    rows = list_generated(app_from(args), args.project)
    if args.json:
        print_json(rows)
        return 0
    print_table(rows, [("generated_at", "生成时间"), ("project", "项目编号"), ("template", "模板"), ("version", "版本"),
                       ("generated_by", "生成人"), ("item_key", "资料项"), ("id", "记录编号")])
    return 0


def cmd_link(args) -> int:
    from desktop.templates.generated import link_to_item

    res = link_to_item(app_from(args), args.id, args.item)
    print(f"已把文书关联到资料项 {res['item_key']}（资料项状态：{STATE_LABELS.get(res['state'], res['state'])}）")
    return 0
