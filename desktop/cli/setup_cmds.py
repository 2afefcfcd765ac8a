"""init, demo, verify, gui: setting up a data folder and checking it."""
from __future__ import annotations

import sys

from desktop.cli.common import app_from
from desktop.cli.output import print_json


def register(sub) -> None:
    p = sub.add_parser("init", help="初始化数据文件夹与本机身份")
    p.add_argument("--role", required=True, choices=["township", "county"], help="township=乡镇，county=县级办公室")
    p.add_argument("--region-code", required=True, help="统计用区划代码，例如 533401102000")
    p.add_argument("--name", required=True, help="名称，例如 小中甸镇")
    p.add_argument("--parent-code", help="上级区划代码（乡镇填所属县市）")
    p.add_argument("--new-unit", action="store_true",
                   help="确认这是随附区划表中还没有的新设单位（代码已核对）")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="在已初始化的数据文件夹中生成演示数据")
    p.add_argument("--seed", type=int, default=2020)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("verify", help="检查数据库完整性、外键、附件哈希、迁移版本、变更记录链")
    p.add_argument("--json", action="store_true")
    p.add_argument("--repair", action="store_true", help="清理无引用的附件临时文件")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("gui", help="打开图形界面")
    p.add_argument("--screenshot", help="打开指定页面、保存截图（PNG）后退出")
    p.add_argument("--page", help="dashboard | projects | project:编号")
    p.set_defaults(func=cmd_gui)


def cmd_init(args) -> int:
    from desktop.core.app import init_data_folder
    from desktop.core.errors import UserError
    from desktop.regions.service import UnknownRegionCode
    from desktop.setup.first_run import check_place, place_note

    try:
        code, name = check_place(args.role, args.region_code, args.name, args.new_unit)
    except UnknownRegionCode as e:
        raise UserError(e.message + "确认是新设单位时，加上 --new-unit 再运行一次。", field=e.field) from None
    note = place_note(args.role, code, name)
    app = init_data_folder(args.data_dir, role=args.role, region_code=code, name=name,
                           parent_code=args.parent_code, db_url=args.db_url)
    try:  # the database closed again when the command returns (in-process callers, Windows file locks)
        role = "乡镇" if app.node.role == "township" else "县级办公室"
        print(f"已初始化：{app.node.name}（{role}，区划代码 {app.node.region_code}）")
        if note:
            print(f"说明：{note}")
        if code != "".join(args.region_code.split()).ljust(12, "0"):
            print(f"说明：{args.region_code} 是民政部代码；本程序使用统计用区划代码 {code}（两者都可在 towndesk regions find 中查到）。")
        print(f"数据文件夹：{app.data_dir}")
        print(f"本机指纹：{app.node.fingerprint}")
    finally:
        app.dispose()
    return 0


def cmd_demo(args) -> int:
    from desktop.setup.demo import fill_demo

    app = app_from(args)
    counts = fill_demo(app, seed=args.seed)
    print("已生成演示数据：" + "，".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_verify(args) -> int:
    from desktop.core.verify import verify

    app = app_from(args)
    problems = verify(app, repair=args.repair)
    if args.json:
        print_json({"ok": not problems, "problems": problems})
    elif problems:
        print("检查发现问题：", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        if any("未被引用的文件" in p for p in problems):
            print("未被引用的附件文件可运行 towndesk verify --repair 清理。", file=sys.stderr)
        print("请从备份恢复（towndesk restore），或把以上信息发给技术支持。", file=sys.stderr)
    else:
        print("检查通过：数据库完整，外键正确，附件完好，数据库版本最新，变更记录链完整。")
    return 0 if not problems else 3


def cmd_gui(args) -> int:
    try:
        from ui.core.launch import run_gui
    except ImportError as e:
        from desktop.core.errors import UserError
        raise UserError(f"无法加载图形界面（{e}）。请确认已安装 PySide6，或使用命令行功能。") from None
    return run_gui(args)
