"""risk (assess, confirm, plan, signoff, history, settings) | notices (issue, list, show, reply, close)
| county dashboard."""
from __future__ import annotations

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table
from desktop.core.errors import UserError
from desktop.values.money import fen_to_wan_str


def register(sub) -> None:
    _register_risk(sub)
    _register_notices(sub)
    p = sub.add_parser("county", help="县级看板：各乡镇开工率、完工率、支出进度排名、风险、资料、同步包")
    ps = p.add_subparsers(dest="county_command", metavar="ACTION", required=True)
    q = ps.add_parser("dashboard", help="各乡镇并排比较，按支出进度排名；超过设定天数未报送同步包的乡镇标出")
    q.add_argument("--year", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_dashboard)


def _register_risk(sub) -> None:
    p = sub.add_parser("risk", help="风险等级（红黄绿）：系统建议、确认、整治方案、降级销号、历史")
    ps = p.add_subparsers(dest="risk_command", metavar="ACTION", required=True)
    q = ps.add_parser("assess", help="按规则建议风险等级并列出原因（不保存）")
    q.add_argument("code", nargs="?", help="项目编号；或用 --all 排查全部项目")
    q.add_argument("--all", action="store_true", help="排查全部项目（红色在前）")
    q.add_argument("--township")
    q.add_argument("--year", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_assess)
    q = ps.add_parser("confirm", help="确定风险等级（与系统建议不同时须写理由）")
    q.add_argument("code")
    q.add_argument("--level", required=True, help="红/黄/绿 或 red/yellow/green")
    q.add_argument("--reason", help="人工调整等级的理由")
    _plan_args(q)
    q.set_defaults(func=cmd_confirm)
    q = ps.add_parser("plan", help="四个一批处置方式与一项目一方案（任务、时限、责任单位）")
    q.add_argument("code")
    _plan_args(q)
    q.set_defaults(func=cmd_plan)
    q = ps.add_parser("signoff", help="降级销号：对照资料目录标准核查并记录佐证")
    q.add_argument("code")
    q.add_argument("--evidence", required=True, help="佐证说明")
    q.add_argument("--attach", nargs="+", action="extend", metavar="FILE", help="佐证文件")
    q.add_argument("--reason", help="系统仍发现问题时，说明为何不影响销号")
    q.set_defaults(func=cmd_signoff)
    q = ps.add_parser("history", help="项目的全部风险评级记录")
    q.add_argument("code")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_history)
    q = ps.add_parser("settings", help="查看或修改督办金额门槛等设置：--set 键=值")
    q.add_argument("--set", dest="assignments", action="append", metavar="KEY=VALUE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_settings)


def _plan_args(q) -> None:
    q.add_argument("--disposition", help="巩固 / 提升 / 盘活 / 另起炉灶")
    q.add_argument("--task", dest="tasks", action="append", metavar="任务|时限|责任单位",
                   help="整治任务，可写多次，例如 引入运营主体|2023-11-30|小中甸镇人民政府")


def _register_notices(sub) -> None:
    p = sub.add_parser("notices", help="督办单：县级下发、乡镇答复、县级办结")
    ps = p.add_subparsers(dest="notices_command", metavar="ACTION", required=True)
    q = ps.add_parser("issue", help="下发督办单（县级）")
    q.add_argument("--township", required=True, help="乡镇名称或区划代码")
    q.add_argument("--deadline", required=True, help="办理时限，例如 2023-11-30")
    q.add_argument("--title", required=True)
    q.add_argument("--content", help="督办事项")
    q.add_argument("--project", dest="projects", nargs="+", action="extend", metavar="CODE")
    q.set_defaults(func=cmd_issue)
    q = ps.add_parser("list", help="列出督办单（待办理、已答复、已逾期、已办结）")
    q.add_argument("--status", help="open/answered/overdue/closed 或 待办理/已答复/已逾期/已办结")
    q.add_argument("--township")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)
    for name, func, helptext in (("show", cmd_show, "查看一张督办单及答复"), ("close", cmd_close, "办结（县级，已收到答复后）")):
        q = ps.add_parser(name, help=helptext)
        q.add_argument("number", help="编号，例如 7 或 2023-7")
        q.add_argument("--year", type=int)
        q.add_argument("--json", action="store_true")
        q.set_defaults(func=func)
    q = ps.add_parser("reply", help="答复督办单：整改情况及佐证材料（乡镇）")
    q.add_argument("number")
    q.add_argument("--year", type=int)
    q.add_argument("--text", required=True, help="整改情况报告")
    q.add_argument("--attach", nargs="+", action="extend", metavar="FILE")
    q.set_defaults(func=cmd_reply)


# --- risk -----------------------------------------------------------------------------------------

def _print_proposal(r: dict) -> None:
    print(f"{r['code']} {r['name']}（{r['township']}，{r['planned_investment_wan']} 万元）")
    print(f"  系统建议：{r['proposed_label']}色；当前：{r['current_label']}；督办：{r['supervision_label']}")
    for x in r["reasons"]:
        print(f"  - {x['text']}")


def cmd_assess(args) -> int:
    from desktop.risk import service

    if not args.code and not args.all:
        raise UserError("请写项目编号，或用 --all 排查全部项目。")
    app = app_from(args)
    rows = service.assess_all(app, township=args.township, year=args.year) if args.all or not args.code \
        else [service.assess(app, args.code)]
    if args.json:
        print_json(rows if args.all else rows[0])
        return 0
    for r in rows:
        _print_proposal(r)
    if args.all:
        counts = {k: sum(1 for r in rows if r["proposed_level"] == k) for k in ("red", "yellow", "green")}
        print(f"共 {len(rows)} 个项目：红 {counts['red']}，黄 {counts['yellow']}，绿 {counts['green']}")
    return 0


def _print_assessment(a: dict) -> None:
    print(f"{a['code']}：{a['level_label']}色（系统建议 {a['proposed_label'] or '-'}），督办：{a['supervision_label'] or '-'}"
          + (f"，处置：{a['disposition_label']}" if a["disposition"] else ""))
    if a["override_reason"]:
        print(f"  理由：{a['override_reason']}")
    for t in a["plan"]:
        print(f"  任务：{t['task']}｜{t['deadline']}｜{t['unit']}" + (f"｜已完成 {t['done_on']}" if t.get("done_on") else ""))


def cmd_confirm(args) -> int:
    from desktop.risk import service

    a = service.confirm(app_from(args), args.code, args.level, reason=args.reason, disposition=args.disposition,
                        tasks=args.tasks)
    print("已确定风险等级：")
    _print_assessment(a)
    return 0


def cmd_plan(args) -> int:
    from desktop.risk import service

    a = service.set_plan(app_from(args), args.code, disposition=args.disposition, tasks=args.tasks)
    print("已保存整治方案：")
    _print_assessment(a)
    return 0


def cmd_signoff(args) -> int:
    from desktop.risk import signoff

    a = signoff.signoff(app_from(args), args.code, args.evidence, attach=args.attach, reason=args.reason)
    print(a["message"])
    return 0


def cmd_history(args) -> int:
    from desktop.risk import service

    rows = service.history(app_from(args), args.code)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        r["what"] = "降级销号" if r["signed_off"] else "评级"
        r["why"] = r["override_reason"] or r["signoff_evidence"] or ""
    print_table(rows, [("assessed_at", "时间"), ("assessed_by", "评定人"), ("what", "类型"), ("level_label", "等级"),
                       ("proposed_label", "系统建议"), ("supervision_label", "督办"), ("disposition_label", "处置"),
                       ("why", "理由/佐证")])
    return 0


def cmd_settings(args) -> int:
    from desktop.core import settings

    app = app_from(args)
    for a in args.assignments or []:
        if "=" not in a:
            raise UserError(f"--set 参数 '{a}' 格式不对，应为 键=值，例如 --set risk.province_threshold_wan=5000。")
        key, value = a.split("=", 1)
        settings.set_value(app, key.strip(), value.strip())
    rows = settings.list_settings(app)
    if args.json:
        print_json(rows)
    else:
        print_table(rows, [("key", "键"), ("label", "设置"), ("value", "值"), ("unit", "单位"), ("default", "默认")])
    return 0


# --- notices --------------------------------------------------------------------------------------

def _print_notice(n: dict) -> None:
    print(f"{n['label']} {n['title']}（{n['township']}）{n['status_label']}，时限 {n['deadline']}")
    for p in n["projects"]:
        print(f"  项目：{p['code']} {p['name']}")
    for r in n["replies"]:
        files = "、".join(a["filename"] for a in r["attachments"])
        print(f"  答复 {r['replied_on']}{'（逾期）' if r['late'] else ''}：{r['content']}" + (f"［附件：{files}］" if files else ""))


def cmd_issue(args) -> int:
    from desktop.notices import service

    n = service.issue(app_from(args), township=args.township, deadline=args.deadline, title=args.title,
                      content=args.content, project_codes=args.projects or [])
    print(f"已下发督办单 {n['label']}：{n['title']} → {n['township']}，办理时限 {n['deadline']}")
    return 0


def cmd_list(args) -> int:
    from desktop.notices import service

    rows = service.list_notices(app_from(args), status=args.status, township=args.township)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        r["n_projects"], r["n_replies"] = len(r["projects"]), len(r["replies"])
    print_table(rows, [("label", "编号"), ("title", "标题"), ("township", "乡镇"), ("deadline", "时限"),
                       ("status_label", "状态"), ("n_projects", "项目数"), ("n_replies", "答复数")])
    print(f"共 {len(rows)} 张督办单")
    return 0


def cmd_show(args) -> int:
    from desktop.notices import service

    n = service.show(app_from(args), args.number, year=args.year)
    print_json(n) if args.json else _print_notice(n)
    return 0


def cmd_reply(args) -> int:
    from desktop.notices import service

    n = service.reply(app_from(args), args.number, args.text, attach=args.attach, year=args.year)
    print(f"已答复督办单 {n['label']}（共 {len(n['replies'])} 次答复），将随下一个同步包报送县级办公室。")
    return 0


def cmd_close(args) -> int:
    from desktop.notices import service

    n = service.close(app_from(args), args.number, year=args.year)
    print_json(n) if args.json else print(f"已办结督办单 {n['label']}。")
    return 0


# --- county dashboard -----------------------------------------------------------------------------

def cmd_dashboard(args) -> int:
    from desktop.county.dashboard import county_dashboard

    d = county_dashboard(app_from(args), year=args.year)
    if args.json:
        print_json(d)
        return 0
    rows = []
    for r in d["townships"]:
        age = "从未收到" if r["package_age_days"] is None else f"{r['package_age_days']} 天前"
        rows.append({**r, "spent_wan": fen_to_wan_str(r["spent_fen"]), "age": age + (" ⚠" if r["silent"] else ""),
                     "risk_text": f"{r['risk']['red']}/{r['risk']['yellow']}/{r['risk']['green']}",
                     "docs": r["checklist"]["rate"], "overdue": r["notices"]["overdue"]})
    print(f"{d['year']} 年各乡镇进度（按支出进度排名；超过 {d['silent_days']} 天未报送同步包标 ⚠）")
    print_table(rows, [("rank", "排名"), ("township", "乡镇"), ("projects", "项目"), ("start_rate", "开工率%"),
                       ("completion_rate", "完工率%"), ("spending_rate", "支出进度%"), ("spent_wan", "已支出(万元)"),
                       ("risk_text", "红/黄/绿"), ("docs", "资料齐全%"), ("overdue", "逾期督办"), ("age", "最近同步包")])
    return 0
