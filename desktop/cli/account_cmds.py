"""users add|list|reset-password|unlock|disable|enable|passwd, login, audit export|events, personal erase.

Who is acting: `--user NAME` (global option). Commands that need a right (managing accounts,
unmasked exports, erasure) check that account's password: from $TOWNDESK_PASSWORD, else a
prompt on the terminal, else the first line of standard input. A new password comes from the
next prompt or the next line of standard input. Passwords are never command-line arguments
(they would show in the process list and shell history).
"""
from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from desktop.accounts import service as accounts
from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table
from desktop.core.errors import UserError

from desktop.cli.common import ENV_PASSWORD


def register(sub) -> None:
    p = sub.add_parser("users", help="账户：添加、列出、重置密码、解锁")
    ps = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    q = ps.add_parser("add", help="添加账户（第一个账户必须是管理员，无需登录）")
    q.add_argument("username")
    q.add_argument("--role", default="clerk", help="admin 管理员 | clerk 经办人 | reviewer 审核/领导")
    q.add_argument("--name", dest="display_name", help="显示名（默认同用户名）")
    q.set_defaults(func=cmd_add)
    q = ps.add_parser("list", help="列出账户")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)
    for name, helptext, fn in (("reset-password", "管理员为账户设置新密码（同时解锁）", cmd_reset),
                               ("unlock", "管理员解锁账户", cmd_unlock), ("disable", "管理员停用账户", cmd_disable),
                               ("enable", "管理员启用账户", cmd_enable)):
        q = ps.add_parser(name, help=helptext)
        q.add_argument("username")
        q.set_defaults(func=fn)
    q = ps.add_parser("passwd", help="修改自己的密码（--user 指定账户）")
    q.set_defaults(func=cmd_passwd)

    p = sub.add_parser("login", help="登录（--user 指定账户）：此后数小时内本电脑本用户的命令以该账户操作")
    p.add_argument("--hours", type=int, default=8, help="会话时长，1–12 小时（默认 8）")
    p.add_argument("--check", action="store_true", help="只检查密码，不建立会话")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_login)
    p = sub.add_parser("logout", help="结束 towndesk login 建立的会话")
    p.set_defaults(func=cmd_logout)

    p = sub.add_parser("audit", help="审计：导出变更记录、查看安全日志")
    ps = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    q = ps.add_parser("export", help="把变更记录导出为 Excel（个人信息默认遮盖）")
    q.add_argument("--out", required=True, metavar="FILE.xlsx")
    q.add_argument("--project", metavar="CODE", help="只导出该项目的变更")
    q.add_argument("--user", dest="filter_user", metavar="U", help="只导出该操作人的变更")
    q.add_argument("--since", metavar="YYYY-MM-DD")
    q.add_argument("--until", metavar="YYYY-MM-DD")
    q.add_argument("--kind", metavar="TABLE", help="只导出某类记录，例如 project、disbursement、household")
    q.add_argument("--op", choices=["insert", "update", "delete"], help="只导出新增/修改/删除")
    q.add_argument("--unmasked", action="store_true", help="不遮盖身份证号和电话（需要权限和原因，并被记录）")
    q.add_argument("--reason", help="导出完整个人信息的原因")
    q.set_defaults(func=cmd_audit_export)
    q = ps.add_parser("events", help="安全日志：登录、锁定、重置密码、导出、备份、恢复")
    q.add_argument("--limit", type=int, default=200)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_events)

    p = sub.add_parser("personal", help="个人信息：删除某受益户的身份证号和电话")
    ps = p.add_subparsers(dest="personal_command", metavar="ACTION", required=True)
    q = ps.add_parser("erase", help="覆盖删除受益户的身份证号和电话（变更记录中的旧值同时不可恢复）")
    q.add_argument("household_id")
    q.add_argument("--reason", required=True)
    q.set_defaults(func=cmd_erase)


def read_secret(prompt: str) -> str:
    """A password from the terminal (not echoed), else one line of standard input."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise UserError(f"{prompt.rstrip('：: ')}：没有读到密码（请在终端中运行，或从标准输入提供一行密码）。")
    return line.rstrip("\r\n")


def new_password(prompt: str = "新密码：") -> str:
    first = read_secret(prompt)
    if sys.stdin is not None and sys.stdin.isatty() and read_secret("再输入一次：") != first:
        raise UserError("两次输入的密码不一致，未做任何更改。")
    return first


def acting_user(app, args, *, optional: bool = False) -> dict | None:
    """The signed-in account: a `towndesk login` session, else --user with its password (environment,
    terminal or stdin). `--user` alone proves nothing."""
    from desktop.cli.common import login_for_write
    from desktop.core.identity import sign_in

    if app.actor:
        return app.actor
    name = getattr(args, "user", None)
    if not name and optional:
        from desktop.accounts import sessions

        session = sessions.current(app)
        return sign_in(app, session) if session else None
    return sign_in(app, login_for_write(app, name))


def cmd_add(args) -> int:
    app = app_from(args)
    if not accounts.has_users(app):
        if args.role not in ("admin", "管理员"):
            raise UserError("还没有任何账户：第一个账户必须是管理员（--role admin）。")
        user = accounts.create_first_admin(app, args.username, new_password(), args.display_name)
        print(f"已创建管理员账户 {user['username']}。以后添加账户时请用 --user {user['username']} 登录。")
        return 0
    actor = acting_user(app, args)
    user = accounts.add_user(app, actor, args.username, args.role, new_password(f"{args.username} 的初始密码："),
                             args.display_name)
    print(f"已添加账户 {user['username']}（{user['role_label']}）。首次登录时须修改密码。")
    return 0


def cmd_list(args) -> int:
    rows = accounts.list_users(app_from(args))
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        r["state"] = "已停用" if not r["active"] else f"锁定至 {r['locked_until']}" if r["locked"] else "正常"
    print_table(rows, [("username", "用户名"), ("display_name", "姓名"), ("role_label", "角色"), ("state", "状态"),
                       ("last_login_at", "最近登录")])
    return 0


def cmd_reset(args) -> int:
    app = app_from(args)
    actor = acting_user(app, args)
    user = accounts.reset_password(app, actor, args.username, new_password(f"{args.username} 的新密码："))
    print(f"已为 {user['username']} 设置新密码并解锁。" + ("对方下次登录时须修改密码。" if user["must_change_password"] else ""))
    return 0


def cmd_unlock(args) -> int:
    app = app_from(args)
    user = accounts.unlock(app, acting_user(app, args), args.username)
    print(f"已解锁账户 {user['username']}。")
    return 0


def cmd_disable(args) -> int:
    app = app_from(args)
    user = accounts.set_active(app, acting_user(app, args), args.username, False)
    print(f"已停用账户 {user['username']}。")
    return 0


def cmd_enable(args) -> int:
    app = app_from(args)
    user = accounts.set_active(app, acting_user(app, args), args.username, True)
    print(f"已启用账户 {user['username']}。")
    return 0


def cmd_passwd(args) -> int:
    app = app_from(args)
    if not args.user:
        raise UserError("请用 --user 账户名 指定要修改密码的账户。")
    old = os.environ.get(ENV_PASSWORD)
    old = read_secret("原密码：") if old is None else old
    accounts.change_password(app, args.user, old, new_password())
    print(f"账户 {args.user} 的密码已修改。")
    return 0


def cmd_login(args) -> int:
    from desktop.accounts import sessions

    app = app_from(args)
    if not args.user:
        raise UserError("请用 --user 账户名 指定要登录的账户（密码会提示输入）。")
    password = os.environ.get(ENV_PASSWORD)
    user = accounts.authenticate(app, args.user, read_secret(f"{args.user} 的密码：") if password is None else password)
    session = None if args.check else sessions.start(app, user, args.hours)
    if args.json:
        print_json(user | ({"session_ends": session["ends"]} if session else {}))
    else:
        print(f"登录成功：{user['display_name']}（{user['role_label']}）。"
              + (f"会话有效至 {session['ends']}，期间无需再输入密码；用完请运行 towndesk logout。" if session else "")
              + ("请尽快修改密码（towndesk --user 账户 users passwd）。" if user["must_change_password"] else ""))
    return 0


def cmd_logout(args) -> int:
    from desktop.accounts import sessions

    print("已退出登录。" if sessions.end(app_from(args)) else "当前没有登录会话。")
    return 0


def cmd_audit_export(args) -> int:
    from desktop.audit.export import export_changes

    app = app_from(args)
    actor = acting_user(app, args, optional=not accounts.has_users(app))
    if actor is None:  # a folder without accounts: masked export only, by the named operator
        if args.unmasked:
            raise UserError("尚未设置账户，无法确认查看完整个人信息的权限：请先创建管理员（towndesk users add 名字 --role admin）。")
        actor = {"username": app.user_name, "role": "reviewer"}
    result = export_changes(app, actor, Path(args.out), project=args.project, user=args.filter_user,
                            since=args.since, until=args.until, unmasked=args.unmasked, reason=args.reason,
                            table=args.kind, op=args.op)
    print(f"已导出 {result['rows']} 条变更记录到 {result['file']}"
          + ("（个人信息未遮盖，已记录在安全日志中）" if result["unmasked"] else "（身份证号、电话已遮盖）"))
    if result["problems"]:
        print("注意：记录链检查未通过，详见导出文件的“说明”页。", file=sys.stderr)
    return 0


def cmd_events(args) -> int:
    from desktop.audit.events import list_events

    rows = list_events(app_from(args), limit=args.limit)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            r["at"] = accounts.local_time(r["at"])
        print_table(rows, [("seq", "序号"), ("at", "时间"), ("user", "操作人"), ("label", "事件"), ("subject", "对象")])
    return 0


def cmd_erase(args) -> int:
    from desktop.privacy.personal_data import erase_household

    app = app_from(args)
    result = erase_household(app, acting_user(app, args), args.household_id, args.reason)
    print(f"已删除受益户 {result['household_id']} 的个人信息（{'、'.join(result['fields']) or '原本为空'}），"
          "变更记录中的旧值已不可恢复。")
    return 0
