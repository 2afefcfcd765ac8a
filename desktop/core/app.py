"""Opening a data folder: layout, logging, migrations (after a backup), this node's identity.

Everything the GUI and the command line do starts from an `App`.
"""
from __future__ import annotations

import logging
import logging.handlers
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.engine import make_engine, make_session_factory, sqlite_url, transaction
from db.models import Node
from desktop.core import dbconfig, identity
from desktop.core.errors import NotInitialised, UserError
from desktop.core.paths import DataLayout, resolve_data_dir

log = logging.getLogger("towndesk")


@dataclass(frozen=True)
class NodeInfo:
    id: str
    role: str
    region_code: str
    name: str
    parent_code: str | None
    fingerprint: str | None

    @property
    def is_county(self) -> bool:
        return self.role == "county"


def setup_logging(layout: DataLayout) -> None:
    layout.logs.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("towndesk")
    if any(getattr(h, "_towndesk", False) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(layout.log_file, maxBytes=2_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._towndesk = True  # type: ignore[attr-defined]
    from desktop.privacy.masking import install_log_filter

    install_log_filter(handler)  # no ID/phone numbers or passwords in the log file
    root.addHandler(handler)
    root.setLevel(logging.INFO)


class App:
    """An open data folder. Cheap to create; holds the engine and session factory."""

    def __init__(self, data_dir: Path, engine: Engine, node: NodeInfo | None, db_url: str):
        self.layout = DataLayout(data_dir)
        self.engine = engine
        self.db_url = db_url
        self.node = node
        self.user_name: str | None = None
        self.actor: dict | None = None  # the authenticated account (desktop.core.identity), None without login
        self.login_hook = None  # called once to sign in when a write needs an account
        self.on_unproven = None  # told once that attribution is not proven (no accounts)
        self.sessions: sessionmaker[Session] = make_session_factory(engine, node.id if node else None)

    @property
    def data_dir(self) -> Path:
        return self.layout.root

    def tx(self, user: str | None = None, right: str | None = "edit", **info):
        """One transaction for one use case, made by an account with `right` (desktop.core.identity).

        `user` given explicitly is for the account flows themselves (login, first admin), which check
        their own rights; `right=None` for bookkeeping that needs none (an audit event of a read)."""
        if user is None and right is not None:
            user = identity.authorize(self, right)["username"]
        return transaction(self.sessions, user or self.user_name, **info)

    def read(self):
        """A read-only unit of work (rolled back at the end)."""
        return transaction(self.sessions, self.user_name, write=False)

    def dispose(self) -> None:
        self.engine.dispose()


def _engine_for(layout: DataLayout, db_url: str | None) -> tuple[Engine, str]:
    url = db_url or sqlite_url(layout.database)
    return make_engine(url), url


def _open_database(layout: DataLayout, server_url: str | None) -> tuple[Engine, str, Node | None]:
    """Engine, URL and this node's row; migrates first. A server that cannot be reached is a UserError."""
    engine, url = _engine_for(layout, server_url)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        if migrate.upgrade(engine, backup_to=layout.backups / f"before-migrate-{stamp}.db"):
            log.info("database migrated to %s", migrate.head_revision())
        with engine.connect() as conn:
            row = conn.execute(select(Node).where(Node.is_self.is_(True))).first()
    except OperationalError as e:
        engine.dispose()
        if not dbconfig.is_postgres(url):
            raise
        log.warning("cannot connect to %s: %s", dbconfig.display_url(url), e)
        raise dbconfig.connect_error(url, e) from None
    except migrate.BackupFailed as e:
        engine.dispose()
        raise UserError(f"升级数据库前的备份失败（{e}），数据库未被改动。请检查备份文件夹 {layout.backups} 的空间和权限，"
                        "或请管理员先用 pg_dump 手工备份。") from None
    return engine, url, row


def open_app(data_dir=None, *, db_url: str | None = None, require_init: bool = True) -> App:
    """Open (and migrate) the data folder. Raises NotInitialised if there is no identity."""
    layout = DataLayout(resolve_data_dir(data_dir))
    server_url, _source = dbconfig.resolve(layout, db_url)
    if require_init and server_url is None and not layout.database.exists():
        raise NotInitialised(f"数据文件夹 {layout.root} 尚未初始化。请先初始化（选择乡镇或县级办公室，填写区划代码和名称）。",
                             cli_hint="towndesk init --role township --region-code 区划代码 --name 名称")
    if server_url is None:
        from desktop.platform.netpath import refuse_sqlite_on_network

        refuse_sqlite_on_network(layout.root)  # before anything is created there
    layout.make_dirs()
    setup_logging(layout)
    engine, url, row = _open_database(layout, server_url)
    node = None
    if row is not None:
        node = NodeInfo(row.id, row.role, row.region_code, row.name, row.parent_code, row.fingerprint)
    elif require_init:
        raise NotInitialised(f"数据文件夹 {layout.root} 尚未初始化。请先初始化。", cli_hint="towndesk init")
    app = App(layout.root, engine, node, url)
    if node is not None:
        from desktop.terms.words import refresh_in_force

        with app.read() as s:
            refresh_in_force(s)  # labels built outside a session speak the words the county sent down
    return app


def init_data_folder(data_dir, *, role: str, region_code: str, name: str, parent_code: str | None = None,
                     db_url: str | None = None) -> App:
    """Create the folder and this installation's identity. Refuses an initialised folder."""
    from desktop.regions import service as regions
    from desktop.sync import keys as keymod

    if role not in ("township", "county"):
        raise UserError(f"角色 '{role}' 无效，请写 township（乡镇）或 county（县级办公室）。")
    if not (region_code.isdigit() and len(region_code) in (6, 9, 12)):
        raise UserError(f"区划代码 '{region_code}' 无效：应为 6、9 或 12 位数字，例如 533401102000。")
    region_code = region_code.ljust(12, "0")
    if not name.strip():
        raise UserError("名称不能为空，例如 小中甸镇。", cli_hint="--name 小中甸镇")
    app = open_app(data_dir, db_url=db_url, require_init=False)
    if app.node is not None:
        app.dispose()
        if dbconfig.is_postgres(app.db_url):
            raise UserError(f"数据库 {dbconfig.display_url(app.db_url)} 已经初始化为 {app.node.name}"
                            f"（{app.node.region_code}），未做任何更改。其他经办人的电脑请改为连接这个数据库。",
                            cli_hint="towndesk --data-dir 数据文件夹 database connect 数据库地址")
        raise UserError(f"数据文件夹 {app.data_dir} 已经初始化为 {app.node.name}（{app.node.region_code}），"
                        "未做任何更改。如需重新开始，请换一个数据文件夹。")
    key_file = app.layout.keys / "node.key"
    keys = keymod.generate()
    if parent_code is None and role == "township":
        parent_code = region_code[:6] + "000000"
    with app.tx() as s:
        node = Node(is_self=True, role=role, region_code=region_code, name=name.strip(), parent_code=parent_code,
                    sign_public_key=keys.sign_public_hex, box_public_key=keys.box_public_hex,
                    fingerprint=keys.fingerprint)
        s.add(node)
        s.flush()
        regions.load_builtin(s)
        node_id = node.id
    keymod.save(keys, key_file)
    if db_url:  # later runs (and the GUI) find the server without --db-url
        dbconfig.save_folder_url(app.layout, db_url)
    app.dispose()
    return open_app(data_dir, db_url=db_url)
