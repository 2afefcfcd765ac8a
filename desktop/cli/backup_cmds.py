"""backup [--out FILE] [--if-due], restore FILE, backups list."""
from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table


def register(sub) -> None:
    p = sub.add_parser("backup", help="备份：数据库和附件打包成一个文件（可拷到U盘）")
    p.add_argument("--out", metavar="FILE.zip", help="备份文件（默认：数据文件夹的 backups 中）")
    p.add_argument("--if-due", action="store_true", help="只做每日自动备份（今天还没有备份时），供计划任务使用")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复（先检查备份，再把当前数据另存一份，然后整体替换）")
    p.add_argument("file", help="备份文件（.zip）或自动备份（backups/auto/*.db）")
    p.add_argument("--yes", action="store_true", help="不再询问确认")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("backups", help="查看备份")
    ps = p.add_subparsers(dest="backups_command", metavar="ACTION", required=True)
    q = ps.add_parser("list", help="列出数据文件夹中的备份")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)


def cmd_backup(args) -> int:
    from desktop.backup import archive, daily_backup_if_due

    app = app_from(args)
    if args.if_due:
        made = daily_backup_if_due(app)
        print(f"已做每日备份：{made.path}" if made else "今天已经有备份，无需再做。")
        return 0
    out = Path(args.out) if args.out else app.layout.backups / archive.default_name(app)
    result = archive.save_archive(app, out)
    print(f"已备份到 {result['file']}（{result['size'] / 1e6:.1f} MB，附件 {result['attachments']} 个）")
    if result["missing_attachments"]:
        print(f"注意：有 {result['missing_attachments']} 个附件在附件库中找不到，未能备份；运行 towndesk verify 查看。",
              file=sys.stderr)
    return 0


def cmd_restore(args) -> int:
    from desktop.accounts import service as accounts
    from desktop.accounts.roles import require
    from desktop.backup.restore import restore
    from desktop.core.errors import NotInitialised, UserError

    user = args.user
    try:
        app = app_from(args)
    except NotInitialised:
        app = None  # a new, empty folder (e.g. a new PC): nothing to protect, no accounts yet
    if app is not None:
        try:
            if accounts.has_users(app):
                from desktop.cli.account_cmds import acting_user

                actor = acting_user(app, args)
                require(actor, "restore")
                user = actor["username"]
        finally:
            app.dispose()
    if not args.yes and sys.stdin is not None and sys.stdin.isatty():
        answer = input(f"将用 {args.file} 替换当前数据（当前数据会先另存一份备份）。继续吗？[y/N] ")
        if answer.strip().lower() not in ("y", "yes", "是"):
            raise UserError("已取消，未做任何更改。")
    result = restore(args.data_dir, args.file, user=user)
    print(f"已从 {Path(result['file']).name} 恢复：{result['node']['name']}，项目 {result['counts'].get('project')} 个。")
    if result["safety_copy"]:
        print(f"恢复前的数据已另存为 {result['safety_copy']}")
    if result["missing_attachments"]:
        print(f"注意：有 {result['missing_attachments']} 个附件文件在备份中找不到；运行 towndesk verify 查看。", file=sys.stderr)
    if not result["keys_present"]:
        print("注意：本机密钥（keys/node.key）不在备份中。请从原电脑拷贝该文件，否则需要重新登记本机才能同步。",
              file=sys.stderr)
    return 0


def cmd_list(args) -> int:
    from desktop.core.app import open_app
    from desktop.backup import backup_status, list_backups

    app = open_app(args.data_dir, db_url=getattr(args, "db_url", None))
    rows = [b.as_dict() for b in list_backups(app.layout)]
    zips = sorted(app.layout.backups.glob("*.zip"), key=lambda p: p.stat().st_mtime, reverse=True)
    status = backup_status(app)
    if args.json:
        print_json({"backups": rows, "archives": [str(z) for z in zips], "status": status})
        return 0
    for r in rows:
        r["size_mb"] = f"{r['size'] / 1e6:.1f}"
        r["name"] = Path(r["file"]).name
    print_table(rows, [("created_at", "时间"), ("reason_label", "原因"), ("size_mb", "大小(MB)"), ("name", "文件")])
    for z in zips:
        print(f"备份文件：{z}")
    if status["too_old"]:
        print(f"注意：最近一次备份已超过 {status['warn_days']} 天，请运行 towndesk backup。", file=sys.stderr)
    return 0
