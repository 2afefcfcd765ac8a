"""One typed settings registry (desktop.core.settings): every read and write names a listed key of the right type."""
from __future__ import annotations

import ast
import functools
import json
from pathlib import Path

import pytest

from desktop.core import settings
from desktop.core.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "desktop" / "core" / "settings.py"
PREFS = ROOT / "ui" / "core" / "prefs.py"
# db/ sits below desktop/ and cannot import the registry: the tracker stores its chain heads (registered
# as program keys audit.change_log_head / audit.security_event_head) on the flush's own connection.
DB_CHAIN_HEAD = ROOT / "db" / "chain_head.py"


class Store(dict):
    """The two calls the registry needs from QSettings."""

    def value(self, key):
        return self.get(key)

    def setValue(self, key, value):  # noqa: N802 - Qt's name
        self[key] = value


@functools.lru_cache(maxsize=None)
def _parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"))


def _modules(*needles: str):
    """(path, tree) of the modules whose text holds one of `needles`: the others cannot offend (fast scan)."""
    for folder in ("desktop", "ui", "db"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if any(n in text for n in needles):
                yield path, _parsed(path)


def _imported_names(tree):
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom):
            for a in n.names:
                yield n.module or "", a.name
        elif isinstance(n, ast.Import):
            for a in n.names:
                yield a.name, ""


def test_no_module_reads_settings_another_way():
    """Only the registry touches the setting table, only ui/core/prefs opens ui.ini, and nobody uses configparser."""
    found = []
    for path, tree in _modules("Setting", "configparser", "tomllib", "dotenv", ".ini", "_prefs"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("db/models/"):
            continue
        for module, name in _imported_names(tree):
            if name == "Setting" and module.startswith("db.models") and path not in (REGISTRY, DB_CHAIN_HEAD):
                found.append(f"{rel}: imports the Setting table")
            if name == "QSettings" and path != PREFS:
                found.append(f"{rel}: imports QSettings")
            if module.split(".")[0] in ("configparser", "tomllib", "dotenv"):
                found.append(f"{rel}: imports {module}")
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.endswith(".ini") and path != PREFS:
                found.append(f"{rel}:{n.lineno}: names an .ini file")
            if isinstance(n, ast.Attribute) and n.attr == "_prefs" and rel != "ui/core/context.py":
                found.append(f"{rel}:{n.lineno}: reaches into the context's settings store")
    assert not found, "settings read or written outside desktop.core.settings: " + "; ".join(found)


def _named_keys(tree, owner: str | None, calls: tuple, arg: int):
    """(key or constant name, line) given to `<owner>.<call>(…)` as argument `arg` (owner None: any object)."""
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in calls \
                and (owner is None or isinstance(n.func.value, ast.Name) and n.func.value.id == owner) \
                and len(n.args) > arg:
            first = n.args[arg]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.value, n.lineno
            elif isinstance(first, ast.Name) and first.id.isupper():
                yield first.id, n.lineno


def test_every_key_the_code_names_is_registered():
    """Keys given to ctx.value/set_value are window settings; keys given to settings.get/read/set_value are stored."""
    unknown, seen = [], 0
    for path, tree in _modules("value(", "settings."):
        rel = path.relative_to(ROOT).as_posix()
        consts = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                  for t in n.targets if isinstance(t, ast.Name) and isinstance(n.value, ast.Constant)}
        checks = [(None, ("value", "set_value"), 0, "window")] if rel.startswith("ui/") else []
        checks += [("settings", ("get", "read", "set_value"), 1, "database")]
        for owner, calls, arg, store in checks:
            for key, line in _named_keys(tree, owner, calls, arg):
                key = consts.get(key, key)
                if store == "window" and "/" not in key:
                    continue  # .value("…") of something else (a combo box, a model)
                seen += 1
                try:
                    ok = settings.spec(key).store == store
                except UserError:
                    ok = False
                if not ok:
                    unknown.append(f"{rel}:{line} {key}")
    assert not unknown, "keys not in the registry (or in the wrong store): " + ", ".join(unknown)
    assert seen >= 20
    assert all(s.changed_by in settings.WHO and s.label and s.type.name for s in settings.SPECS.values())


def test_unknown_keys_are_refused_in_chinese(township_app):
    """An unknown key is refused by every entry point, naming it and listing the settings there are."""
    with township_app.read() as s, pytest.raises(UserError, match="没有设置项 'risk.no_such'.*risk.province"):
        settings.get(s, "risk.no_such")
    for call in (lambda: settings.set_value(township_app, "colour", "红"),
                 lambda: settings.window_get(Store(), "ui/no_such"),
                 lambda: settings.window_set(Store(), "headers/", b"x")):
        with pytest.raises(UserError, match="没有设置项"):
            call()


def test_wrong_types_are_refused_and_nothing_is_stored(township_app):
    """Text for a number, a number for a list, a string for window bytes: refused, and the old value stays."""
    with pytest.raises(UserError, match="完工后应验收的天数.*不是整数"):
        settings.set_value(township_app, "risk.acceptance_due_days", "九十")
    with pytest.raises(UserError, match="类型不对"):
        settings.set_value(township_app, "risk.acceptance_due_days", True)
    with pytest.raises(UserError, match="类别列表"):
        settings.set_value(township_app, "risk.industry_categories", 5)
    with pytest.raises(UserError, match="第 2 个目标.*低于前一个"):
        settings.set_value(township_app, "dashboard.milestone_targets", [("06-30", 50, 50), ("08-30", 40, 80)])
    store = Store()
    with pytest.raises(UserError, match="字号.*超出范围"):
        settings.window_set(store, "ui/font_pt", 99)
    with pytest.raises(UserError, match="主窗口位置和大小.*类型不对"):
        settings.window_set(store, "ui/geometry", "1280x800")
    assert store == {} and settings.read(township_app, "risk.acceptance_due_days") == 90


def test_each_key_is_used_through_its_own_door(township_app):
    """A program record cannot be set by people, a window setting is not stored in the database, and back."""
    with pytest.raises(UserError, match="程序自动维护"):
        settings.set_value(township_app, "audit.change_log_head", "0" * 64)
    with pytest.raises(UserError, match="本机窗口设置"):
        settings.set_value(township_app, "ui/font_pt", 12)
    with pytest.raises(UserError, match="数据库中的设置"):
        settings.window_set(Store(), "backup.keep", 3)
    with township_app.read() as s, pytest.raises(UserError, match="管理员"):
        settings.read_record(s, "backup.keep")


def test_stored_values_read_back_typed_and_bad_ones_as_default(township_app):
    """Values come back with their type; a hand-edited or unreadable stored value gives the default, never a crash."""
    assert settings.set_value(township_app, "checklist.attachment_warn_mb", "2.5") == 2.5
    assert settings.set_value(township_app, "dashboard.milestone_targets", '[["6-30", 40, 50]]') == [("06-30", 40, 50)]
    assert settings.read(township_app, "checklist.attachment_warn_mb") == 2.5
    with township_app.tx(right=None) as s:
        settings._put(s, "backup.keep", "many")  # what an older or newer version might have left
    assert settings.read(township_app, "backup.keep") == 7
    store = Store({"ui/font_pt": "14", "editor/width": "wide", "ui/language": "fr"})
    assert settings.window_get(store, "ui/font_pt") == 14
    assert settings.window_get(store, "editor/width") == 1100 and settings.window_get(store, "ui/language") == "zh_CN"
    assert settings.window_get(store, "sync/export_dir", "/data/exports") == "/data/exports"


def test_list_shows_type_and_who_may_change(township_app):
    """The list people see has every changeable database setting with its type and who may change it."""
    rows = {r["key"]: r for r in settings.list_settings(township_app)}
    assert rows["checklist.attachment_warn_mb"]["changed_by"] == "台账录入人员"
    assert rows["backup.keep"] | {} == rows["backup.keep"] and rows["backup.keep"]["changed_by"] == "管理员"
    assert rows["risk.industry_categories"]["type"] == "类别列表"
    assert not any(k.startswith(("session.", "audit.", "ui/")) for k in rows)
    json.dumps(rows, ensure_ascii=False)  # the CLI prints it as JSON


def test_who_may_change_is_enforced(township_app):
    """With accounts, a clerk may change a clerk's setting but not an administrator's."""
    from desktop.accounts import service as acc
    from desktop.core.identity import sign_in
    from tests.accounts.conftest import ADMIN_PW, CLERK_PW

    admin = acc.create_first_admin(township_app, "admin", ADMIN_PW)
    acc.add_user(township_app, admin, "李四", "clerk", CLERK_PW)
    sign_in(township_app, acc.authenticate(township_app, "李四", CLERK_PW))
    assert settings.set_value(township_app, "checklist.attachment_warn_mb", 30) == 30
    with pytest.raises(UserError):
        settings.set_value(township_app, "backup.keep", 3)
    assert settings.read(township_app, "backup.keep") == 7


def test_window_settings_survive_the_real_file(tmp_path, qapp):
    """Written through the registry into ui.ini and read back after reopening: same types (int, bytes, text)."""
    from PySide6.QtCore import QByteArray

    from ui.core import prefs

    store = prefs.open_store(tmp_path)
    prefs.put(store, "ui/font_pt", 14)
    prefs.put(store, "headers/ledger", QByteArray(b"\x00\x01state"))
    prefs.put(store, "login/last_user", "李四")
    store.sync()
    again = prefs.open_store(tmp_path)
    assert prefs.get(again, "ui/font_pt") == 14
    assert bytes(prefs.get(again, "headers/ledger")) == b"\x00\x01state"
    assert prefs.get(again, "login/last_user") == "李四"
