"""The one registry of settings: key, type, default, who may change it, and what it means.

Why one registry: thresholds "differ by province" (3000万 / 1000万 in 广西), targets change by year,
a PC remembers its window and folders; before this each feature read its own key its own way
(the setting table by hand, ui.ini through QSettings). Now every read and write names a key listed
here, so an unknown key or a value of the wrong type is refused in Chinese, and reading never writes
(an unset key gives its default). `tests/core/test_settings_registry.py` checks that no other module
reads settings another way.

Who may change a setting (`changed_by`):
- "admin": people with the 修改设置 right (desktop.accounts.roles) — one transaction per change;
- "clerk": anyone who may edit the ledger;
- "program": bookkeeping the program keeps in the same table (sign-in sessions, chain heads); not for people;
- "this_pc": window preferences of this PC (ui.ini beside the database; the GUI passes its QSettings).
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.core import setting_types as t
from desktop.core.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# SQLAlchemy and the models are imported on first database use: the start frame reads window settings
# before the database libraries are loaded (see ui/core/start_frame.py).
RIGHTS = {"admin": "settings", "clerk": "edit"}
WHO = {"admin": "管理员", "clerk": "台账录入人员", "program": "程序自动维护", "this_pc": "本机使用者"}


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: t.SettingType
    default: Any
    changed_by: str
    label: str  # the description people read
    unit: str = ""
    prefix: bool = False  # the key names a family: session.<hash>, headers/<table>

    @property
    def store(self) -> str:
        return "window" if self.changed_by == "this_pc" else "database"


def _db(key, type_, default, label, unit="", changed_by="admin"):
    return SettingSpec(key, type_, default, changed_by, label, unit)


def _pc(key, type_, default, label, prefix=False):
    return SettingSpec(key, type_, default, "this_pc", label, prefix=prefix)


def _program(key, type_, label, prefix=False):
    return SettingSpec(key, type_, None, "program", label, prefix=prefix)


DAYS = t.integer(1, 3650)
SPECS: dict[str, SettingSpec] = {s.key: s for s in [
    _db("risk.province_threshold_wan", t.integer(1, 10_000_000), 3000, "省级督办金额下限", "万元"),
    _db("risk.prefecture_threshold_wan", t.integer(1, 10_000_000), 1000, "市（州）级督办金额下限", "万元"),
    _db("risk.acceptance_due_days", DAYS, 90, "完工后应验收的天数", "天"),
    _db("risk.settlement_due_days", DAYS, 180, "完工后应结算的天数", "天"),
    _db("risk.unfinished_red_days", DAYS, 180, "超过计划完工日期多少天视为疑似建而不成", "天"),
    _db("risk.unused_red_days", DAYS, 180, "完工后多少天仍未运营视为疑似成而不用", "天"),
    _db("risk.industry_categories", t.CATEGORY_LIST, ["产业", "乡村旅游"], "须设立共管账户的项目类别"),
    _db("county.silent_days", t.integer(1, 365), 15, "乡镇多少天未报送同步包即提示", "天"),
    _db("dashboard.milestone_targets", t.MILESTONE_TARGETS,
        [("04-30", 0, 0), ("06-30", 50, 50), ("08-30", 80, 80), ("10-30", 100, 100)],
        "倒排工期目标（日期、工程进度%、资金拨付%）；工作台和风险研判共用"),
    _db("backup.keep", t.integer(1, 365), 7, "自动备份保留份数", "份"),
    _db("backup.warn_days", t.integer(1, 365), 7, "多少天未备份即提示", "天"),
    _db("accounts.lockout_minutes", t.integer(1, 24 * 60), 15, "连续输错密码后锁定的分钟数", "分钟"),
    _db("checklist.attachment_warn_mb", t.decimal_number(0, 10_000, "20"), 20.0, "附件大小提醒值", "MB",
        changed_by="clerk"),
    _program("session.", t.RECORD, "登录会话（令牌摘要 → 账户和到期时间）", prefix=True),
    _program("sync.chain_head.", t.RECORD, "上次收到的对方审计链头（按对方节点）", prefix=True),
    _program("audit.change_log_head", t.text(200), "修改记录哈希链的最新哈希（db/chain_head 在同一事务中写入）"),
    _program("audit.security_event_head", t.text(200), "安全事件哈希链的最新哈希（db/chain_head 在同一事务中写入）"),
    _pc("ui/font_pt", t.integer(8, 24), 10, "字号（磅）"),
    _pc("ui/language", t.text(20, ("zh_CN", "en")), "zh_CN", "界面语言"),
    _pc("ui/last_page", t.text(40), "dashboard", "上次打开的页面"),
    _pc("ui/geometry", t.WINDOW_BYTES, None, "主窗口位置和大小"),
    _pc("ui/state", t.WINDOW_BYTES, None, "主窗口工具栏和停靠区"),
    _pc("editor/width", t.integer(300, 10_000), 1100, "项目编辑窗口宽度"),
    _pc("editor/height", t.integer(200, 10_000), 720, "项目编辑窗口高度"),
    _pc("templates/project", t.text(60), None, "生成文书上次选的项目编号"),
    _pc("sync/export_dir", t.text(4096), None, "上次导出同步包的文件夹"),
    _pc("sync/import_dir", t.text(4096), None, "上次导入同步包的文件夹"),
    _pc("login/last_user", t.text(64), "", "上次登录的用户名"),
    _pc("headers/", t.WINDOW_BYTES, None, "表格的列宽、顺序和隐藏列（按表格）", prefix=True),
]}


def spec(key: str) -> SettingSpec:
    """The entry for `key` (a family's entry for session.<hash>, headers/<table>); unknown keys are refused."""
    found = SPECS.get(key)
    if found is None:
        found = next((s for s in SPECS.values() if s.prefix and key.startswith(s.key) and key != s.key), None)
    if found is None or found.prefix and key == found.key:
        known = "、".join(k for k, s in SPECS.items() if s.changed_by in RIGHTS)
        raise UserError(f"没有设置项 '{key}'。可用的设置：{known}。", field=key)
    return found


def _expect(key: str, store: str, program: bool = False) -> SettingSpec:
    s = spec(key)
    if s.store != store or program != (s.changed_by == "program"):
        where = {"window": "本机窗口设置", "database": "数据库中的设置"}[s.store]
        raise UserError(f"设置项 '{key}' 属于{where}（{WHO[s.changed_by]}），不能这样读写。", field=key)
    return s


# --- settings in the database -----------------------------------------------------------------

def get(session: Session, key: str):
    """The stored value, or the default when unset or unreadable (e.g. written by a newer version)."""
    s = _expect(key, "database")
    raw = _stored(session, key)
    if raw is None:
        return s.default
    try:
        return s.type.check(json.loads(raw), s.label)
    except (ValueError, UserError):
        return s.default


def get_many(session: Session, keys) -> dict:
    return {k: get(session, k) for k in keys}


def read(app, key: str):
    """`get` in a read of its own, for callers that hold no session."""
    with app.read() as s:
        return get(s, key)


def set_value(app, key: str, value) -> Any:
    """Check and store one setting (one transaction, with the right its `changed_by` needs); the clean value."""
    s = _expect(key, "database")
    clean = s.type.check(value, s.label)
    if key in ("risk.prefecture_threshold_wan", "risk.province_threshold_wan"):
        prefecture = key.endswith("prefecture_threshold_wan")
        other = read(app, "risk.province_threshold_wan" if prefecture else "risk.prefecture_threshold_wan")
        low, high = (clean, other) if prefecture else (other, clean)
        if low >= high:
            raise UserError(f"市（州）级督办金额下限（{low} 万元）必须小于省级督办金额下限（{high} 万元）。",
                            field=s.label)
    with app.tx(right=RIGHTS[s.changed_by]) as session:
        _put(session, key, clean)
    return clean


@functools.cache
def _statements() -> dict:
    """Read, change, add and remove one key: built once (an import reads and writes a program record per
    package; a statement built per call cost more than running it). Every write of the table goes through
    these, so no ORM object of it is ever pending behind them."""
    from sqlalchemy import bindparam, delete, insert, select, update

    from db.models import Setting

    tbl, k, v = Setting.__table__, bindparam("b_key"), bindparam("b_value")
    return {"read": select(tbl.c.value).where(tbl.c.key == k), "change": update(tbl).where(tbl.c.key == k).values(value=v),
            "add": insert(tbl).values(key=k, value=v), "remove": delete(tbl).where(tbl.c.key == k)}


def _stored(session: Session, key: str) -> str | None:
    return session.execute(_statements()["read"], {"b_key": key}).scalar()  # the session's: flushes first


def _put(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    held = _stored(session, key)
    if held == text:
        return
    session.execute(_statements()["change" if held is not None else "add"], {"b_key": key, "b_value": text})
    _noted(session)


def _noted(session: Session) -> None:
    from db import tracking

    tracking.note(session, "setting")  # Core wrote it: tell the transaction's change set (views refresh)


def list_settings(app) -> list[dict]:
    """Every setting people may change in the database, with its value, default and who may change it."""
    with app.read() as session:
        return [{"key": k, "label": s.label, "value": get(session, k), "default": s.default, "unit": s.unit,
                 "type": s.type.name, "changed_by": WHO[s.changed_by]}
                for k, s in SPECS.items() if s.changed_by in RIGHTS]


# --- the program's own records in the same table (inside the caller's transaction) --------------

def read_record(session: Session, key: str):
    """A program record (e.g. session.<hash>), or None when absent or unreadable."""
    s = _expect(key, "database", program=True)
    raw = _stored(session, key)
    try:
        return None if raw is None else s.type.check(json.loads(raw), s.label)
    except (ValueError, UserError):
        return None


def write_record(session: Session, key: str, value) -> None:
    """Store (or, with None, remove) a program record in the caller's transaction."""
    s = _expect(key, "database", program=True)
    if value is None:
        if session.execute(_statements()["remove"], {"b_key": key}).rowcount:
            _noted(session)
        return
    _put(session, key, s.type.check(value, s.label))


def records(session: Session, family: str) -> dict:
    """Every record of a family (key → value), e.g. all sign-in sessions."""
    s = spec(family + "x")
    if not (s.prefix and s.key == family and s.changed_by == "program"):
        raise UserError(f"'{family}' 不是程序记录的类别。", field=family)
    from sqlalchemy import select

    from db.models import Setting

    out = {}
    for key, raw in session.execute(select(Setting.key, Setting.value).where(Setting.key.like(family + "%"))):
        try:
            out[key] = s.type.check(json.loads(raw), s.label)
        except (ValueError, UserError):
            out[key] = None
    return out


# --- this PC's window settings (the GUI passes its QSettings as `store`) -------------------------

def window_get(store, key: str, default=None):
    """The remembered value, else `default` (for defaults only the GUI knows) or the registry's default."""
    s = _expect(key, "window")
    fallback = s.default if default is None else default
    raw = store.value(key)
    if raw is None:
        return fallback
    try:
        return s.type.check(raw, s.label)
    except UserError:
        return fallback  # ui.ini edited by hand or by an older version: the default, never a crash


def window_set(store, key: str, value) -> Any:
    """Check and remember a window setting; a wrong type is refused."""
    s = _expect(key, "window")
    clean = s.type.check(value, s.label)
    store.setValue(key, clean)
    return clean
