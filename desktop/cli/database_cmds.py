"""database show | connect: which database this data folder uses (SQLite file or PostgreSQL server).

Why: in a county office with several clerks one PostgreSQL database is shared; the first clerk
runs `towndesk --db-url URL init …`, every other clerk's PC runs `database connect URL` once.
"""
from __future__ import annotations

from desktop.core import dbconfig
from desktop.cli.output import print_json
from desktop.core.errors import UserError


def register(sub) -> None:
    p = sub.add_parser("database", help="数据库：查看本数据文件夹使用的数据库，或连接县级办公室的 PostgreSQL 服务器")
    ps = p.add_subparsers(dest="database_command", metavar="ACTION", required=True)

    q = ps.add_parser("show", help="显示数据库类型、地址（隐藏密码）、版本与本机身份")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)

    q = ps.add_parser("connect", help="让本数据文件夹使用一个已初始化的 PostgreSQL 数据库（多名经办人共用）")
    q.add_argument("url", help="postgresql://用户名:密码@服务器:5432/数据库名（密码也可放在 ~/.pgpass）")
    q.set_defaults(func=cmd_connect)


def describe(app) -> dict:
    from db import migrate

    url = app.db_url
    server = dbconfig.is_postgres(url)
    return {
        "engine": "postgresql" if server else "sqlite",
        "url": dbconfig.display_url(url),
        "file": None if server else str(app.layout.database),
        "bound_in": str(app.layout.root / dbconfig.URL_FILE) if dbconfig.folder_url(app.layout) else None,
        "revision": migrate.current_revision(app.engine),
        "head": migrate.head_revision(),
        "node": app.node.name if app.node else None,
        "role": app.node.role if app.node else None,
        "region_code": app.node.region_code if app.node else None,
    }


def cmd_show(args) -> int:
    from desktop.cli.common import app_from

    app = app_from(args)
    try:
        info = describe(app)
    finally:
        app.dispose()
    if args.json:
        print_json(info)
        return 0
    kind = "PostgreSQL 服务器" if info["engine"] == "postgresql" else "本机 SQLite 文件"
    print(f"数据库：{kind}")
    print(f"地址：{info['url']}")
    if info["bound_in"]:
        print(f"设置保存在：{info['bound_in']}")
    print(f"数据库版本：{info['revision']}（最新 {info['head']}）")
    print(f"本机身份：{info['node'] or '未初始化'}")
    return 0


def cmd_connect(args) -> int:
    from desktop.core.app import open_app
    from desktop.core.paths import DataLayout, resolve_data_dir

    url = dbconfig.normalise_url(args.url)
    if not dbconfig.is_postgres(url):
        raise UserError("database connect 只用于 PostgreSQL 服务器地址（postgresql://…）；本机 SQLite 文件无需连接。")
    app = open_app(args.data_dir, db_url=url, require_init=False)
    try:
        if app.node is None:
            raise UserError(f"数据库 {dbconfig.display_url(url)} 尚未初始化，未做任何更改。第一台电脑请先运行："
                            f"towndesk --db-url 数据库地址 init --role county --region-code 区划代码 --name 名称。")
        name, role = app.node.name, app.node.role
    finally:
        app.dispose()
    layout = DataLayout(resolve_data_dir(args.data_dir))
    dbconfig.save_folder_url(layout, url)
    print(f"已连接：{dbconfig.display_url(url)}（{name}，{'县级办公室' if role == 'county' else '乡镇'}）")
    print(f"设置已保存到 {layout.root / dbconfig.URL_FILE}；以后打开此数据文件夹无需再写 --db-url。")
    if not (layout.keys / "node.key").exists():
        print("提示：导出同步包需要本机密钥。请从初始化该数据库的电脑复制 keys 文件夹到本数据文件夹。")
    return 0
