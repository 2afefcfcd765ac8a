"""keys, peers, export, import, conflicts, packages: sync by package file."""
from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import app_from
from desktop.cli.output import print_json, print_table
from desktop.core.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("keys", help="本机密钥与指纹")
    ps = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    q = ps.add_parser("show", help="显示本机指纹（电话核对用）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_keys_show)
    q = ps.add_parser("export", help="导出本机身份文件（公钥），交给对方登记")
    q.add_argument("--out", required=True, metavar="FILE")
    q.set_defaults(func=cmd_keys_export)

    p = sub.add_parser("peers", help="对方节点（县级办公室/乡镇）")
    ps = p.add_subparsers(dest="peers_command", metavar="ACTION", required=True)
    q = ps.add_parser("add", help="登记对方：身份文件 + 电话核对过的指纹")
    q.add_argument("file")
    q.add_argument("--fingerprint", required=True, help="对方读出的指纹，例如 'A1B2 C3D4 …'")
    q.add_argument("--replace", action="store_true", help="对方换了电脑：用新身份替换同一区划代码的旧身份")
    q.set_defaults(func=cmd_peers_add)
    q = ps.add_parser("list", help="列出已登记的对方")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_peers_list)

    p = sub.add_parser("export", help="导出同步包（.tdpkg）")
    p.add_argument("--to", required=True, metavar="FILE", help="同步包文件名或文件夹")
    p.add_argument("--peer", help="发给谁：区划代码或名称（县级办公室必填）")
    p.add_argument("--full", action="store_true", help="带上全部数据（对方重装或从备份恢复后使用）")
    p.add_argument("--split-mb", type=int, metavar="N", help="分卷：每卷不超过 N MB")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="导入同步包（文件或文件夹）")
    p.add_argument("path")
    p.add_argument("--dry-run", action="store_true", help="只检查并显示将要发生的更改，不写入")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("conflicts", help="同步冲突")
    ps = p.add_subparsers(dest="conflicts_command", metavar="ACTION", required=True)
    q = ps.add_parser("list", help="列出未处理的冲突")
    q.add_argument("--all", action="store_true", help="包括已处理的")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_conflicts_list)
    q = ps.add_parser("resolve", help="处理冲突：--keep mine（本机的值）或 theirs（对方的值）")
    q.add_argument("id")
    q.add_argument("--keep", required=True, choices=["mine", "theirs"])
    q.set_defaults(func=cmd_conflicts_resolve)

    p = sub.add_parser("packages", help="同步包收发记录")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_packages)


def cmd_keys_show(args) -> int:
    from desktop.sync.peers import identity

    me = identity(app_from(args))
    if args.json:
        print_json(me)
    else:
        role = "乡镇" if me["role"] == "township" else "县级办公室"
        print(f"{me['name']}（{role}，区划代码 {me['region_code']}）")
        print(f"指纹：{me['fingerprint']}")
        print("请与对方电话逐组核对指纹后再登记。")
    return 0


def cmd_keys_export(args) -> int:
    from desktop.sync.peers import export_identity

    me = export_identity(app_from(args), args.out)
    print(f"已导出本机身份文件：{args.out}\n指纹：{me['fingerprint']}")
    return 0


def cmd_peers_add(args) -> int:
    from desktop.sync.peers import add_peer

    p = add_peer(app_from(args), args.file, args.fingerprint, replace=args.replace)
    print(f"已登记 {p['name']}（区划代码 {p['region_code']}），指纹 {p['fingerprint']}")
    for old in p["replaced"]:
        print(f"已替换旧身份：{old}")
    return 0


def cmd_peers_list(args) -> int:
    from desktop.sync.peers import list_peers

    rows = list_peers(app_from(args))
    if args.json:
        print_json(rows)
    else:
        print_table(rows, [("region_code", "区划代码"), ("name", "名称"), ("fingerprint", "指纹"),
                           ("packages_sent", "已发包数"), ("last_received_at", "最近收到")])
    return 0


def cmd_export(args) -> int:
    from desktop.sync.exporter import export_package

    res = export_package(app_from(args), args.to, peer=args.peer, full=args.full, split_mb=args.split_mb)
    if args.json:
        print_json(res)
    else:
        print(f"已导出给 {res['peer']['name']} 的第 {res['package_seq']} 号同步包：{res['change_sets']} 条更改，"
              f"{res['attachments']} 个附件，{res['bytes'] / 1048576:.1f} MB")
        for f in res["files"]:
            print(f"  {f}")
    return 0


def cmd_import(args) -> int:
    from desktop.sync import service

    app = app_from(args)
    path = Path(args.path)
    if path.is_dir():
        res = service.import_folder(app, path, dry_run=args.dry_run)
        if args.json:
            print_json(res)
        else:
            if args.dry_run:
                print("【预览，未写入】")
            _print_folder(res)
        return 2 if res["rejected"] else 0
    try:
        res = service.import_package(app, path, dry_run=args.dry_run)
    except UserError as e:
        if args.json:
            print_json({"status": "rejected", "file": str(path), "message": e.message})
        raise
    if args.json:
        print_json(res)
    else:
        _print_one(res)
    return 0


def _print_one(res: dict) -> None:
    prefix = "【预览，未写入】" if res.get("dry_run") else ""
    print(prefix + (res.get("message") or ""))
    if res.get("gap"):
        print(res["gap"]["cli_hint"])
    rows = [{"table": t, **c} for t, c in res.get("per_table", {}).items()]
    if rows:
        print_table(rows, [("table", "记录"), ("added", "新增"), ("updated", "更新"), ("unchanged", "未变"),
                           ("conflicts", "冲突"), ("skipped", "跳过")])


def _print_folder(res: dict) -> None:
    labels = {"applied": "已导入", "already_imported": "以前导入过", "outdated": "旧包（无新内容）", "rejected": "损坏/拒绝"}
    for r in res["files"]:
        print(f"[{labels.get(r['status'], r['status'])}] {Path(r['file']).name}：{r.get('message', '')}")
        if r.get("gap"):
            print("    " + r["gap"]["cli_hint"])
    print(f"共 {len(res['files'])} 个文件：导入 {res['applied']}，重复 {res['already_imported']}，"
          f"旧包 {res['outdated']}，拒绝 {res['rejected']}")
    if res["must_send_again"]:
        print("需要重新发送的：" + "、".join(res["must_send_again"]), file=sys.stderr)


def cmd_conflicts_list(args) -> int:
    from desktop.sync.conflicts import list_conflicts

    rows = list_conflicts(app_from(args), include_closed=args.all)
    if args.json:
        print_json(rows)
    else:
        print_table(rows, [("short_id", "编号"), ("record", "记录"), ("field_label", "字段"), ("mine", "本机的值"),
                           ("theirs", "对方的值"), ("kept", "当前采用"), ("peer", "对方")])
        print(f"共 {len(rows)} 处冲突" + ("" if args.all else "未处理") + "。处理：towndesk conflicts resolve 编号 --keep mine|theirs")
    return 0


def cmd_conflicts_resolve(args) -> int:
    from desktop.sync.conflicts import resolve_conflict

    r = resolve_conflict(app_from(args), args.id, args.keep)
    side = "本机的值" if r["kept"] == "mine" else "对方的值"
    print(f"已处理：{r['record']} 的 {r['field_label']} 采用{side}（{r['value']}），下次同步时会通知对方。")
    return 0


def cmd_packages(args) -> int:
    from desktop.sync.service import history

    rows = history(app_from(args))
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            r["dir"] = "发出" if r["direction"] == "out" else "收到"
            r["ack"] = {True: "已确认", False: "未确认", None: ""}[r["acknowledged"]]
        print_table(rows, [("at", "时间"), ("dir", "方向"), ("peer", "对方"), ("package_seq", "序号"),
                           ("status", "状态"), ("ack", "对方确认")])
    return 0
