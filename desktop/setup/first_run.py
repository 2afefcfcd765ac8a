"""First run: everything the set-up wizard checks and, at its very end, does — without Qt.

The wizard (ui/first_run) only collects answers into a `SetupPlan`; each step is checked here,
nothing is written until `apply(data_dir, plan)`, and if that fails half way the folder is put
back as it was, so the clerk can simply try again.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.paths import DataLayout

ROLES = {"township": "乡镇", "county": "县级办公室"}
STARTS = {"empty": "空白开始", "demo": "载入演示数据（练习用）", "ledger": "导入已有的 Excel 台账"}


@dataclass
class SetupPlan:
    role: str = "township"
    region_code: str = ""
    name: str = ""
    admin_username: str = ""
    admin_password: str = ""
    admin_display_name: str = ""
    enrollment_file: Path | None = None  # the county's identity file (townships only)
    enrollment_fingerprint: str | None = None  # as shown, after the clerk confirmed it by phone
    start: str = "empty"
    new_unit: bool = False  # the clerk confirmed a code the shipped region list does not have
    ledger_file: Path | None = None

    @property
    def parent_code(self) -> str | None:
        return self.region_code[:6] + "000000" if self.role == "township" and self.region_code else None


def search_regions(role: str, text: str, limit: int = 200) -> list[dict]:
    """Units of the level this role needs, by name (小中甸), short form (三坝乡), code prefix or pinyin (xzd)."""
    from desktop.regions.data import describe
    from desktop.regions.lookup import search

    from desktop.regions.lookup import find

    levels = ("township",) if role == "township" else ("county",)
    notes = {m.unit.key: m.note for m in find(text, levels=levels, every_rule=True) if m.note}
    return [dict(describe(u), note=notes.get(u.key, "")) for u in search(text, levels=levels, limit=limit)]


def is_initialised(data_dir) -> bool:
    return DataLayout(Path(data_dir)).database.exists()


def place_note(role: str, region_code: str, name: str) -> str | None:
    """“香格里拉县”是香格里拉市的原名 …；现名 香格里拉市，建议使用现名 — or None for a current name."""
    from desktop.regions.service import name_note

    return name_note(role, "".join(region_code.split()).ljust(12, "0"), name)


def check_place(role: str, region_code: str, name: str, new_unit: bool = False) -> tuple[str, str]:
    """A 12-digit code of the right level whose unit bears this name; returns them normalised.

    The code becomes the one the program uses for that unit (统计用 2023 where it has one) even when
    the clerk typed the 民政部 code. A code the shipped list lacks needs `new_unit` (UnknownRegionCode)."""
    if role not in ROLES:
        raise UserError("请先选择本机是乡镇还是县级办公室。")
    code = "".join(region_code.split())
    if not (code.isdigit() and len(code) in (6, 9, 12)):
        raise UserError(f"区划代码 '{region_code}' 无效：应为 6、9 或 12 位数字，例如 533401102000。", field="区划代码")
    code = code.ljust(12, "0")
    if role == "township" and code[6:9] == "000":
        raise UserError(f"{code} 是县级代码；乡镇的代码第 7–9 位不为 000，例如 533401102000。", field="区划代码")
    if role == "county" and (code[4:6] == "00" or code[6:] != "000000"):
        raise UserError(f"{code} 不是县级代码；县（市、区）的代码形如 533401000000。", field="区划代码")
    name = name.strip()
    if not name:
        raise UserError("请填写名称，例如 小中甸镇。", field="名称")
    if len(name) > 50:
        raise UserError("名称太长：最多 50 个字。", field="名称")
    from desktop.regions.service import check_code_name

    unit = check_code_name(role, code, name, new_unit=new_unit)
    return (unit["code"] if unit else code), name


def check_admin(username: str, password: str, confirm: str) -> str:
    """Username and password by the accounts rules; returns the normalised username."""
    from desktop.accounts import passwords
    from desktop.accounts.service import normalise_username

    name = normalise_username(username)
    if password != confirm:
        raise UserError("两次输入的密码不一致，请重新输入。", field="确认密码")
    passwords.check_policy(password, name)
    return name


def read_enrollment(path, role: str, region_code: str) -> dict:
    """The county's identity file, for a township: name, code and the fingerprint to read out."""
    from desktop.sync import peers

    data = peers.read_identity(path)
    from desktop.sync.keys import fingerprint

    data["fingerprint"] = fingerprint(data["sign_public_key"], data["box_public_key"])
    if role == "township" and data["role"] != "county":
        raise UserError(f"文件 {Path(path).name} 是 {data['name']} 的身份文件（乡镇），"
                        "乡镇应登记县级办公室的身份文件。请向县里索取。")
    if role == "township" and region_code and data["region_code"][:6] != region_code[:6]:
        raise UserError(f"文件 {Path(path).name} 属于 {data['name']}（{data['region_code']}），"
                        f"不是本乡镇所属的县（{region_code[:6]}）。请确认文件来自本县。")
    return data


def preview_ledger(plan: SetupPlan, path) -> dict:
    """Dry run of the Excel ledger import in a throw-away folder with the plan's identity."""
    from desktop.ledger_import import ImportOptions, run_import

    with _scratch_app(plan) as app:
        return run_import(app, Path(path), ImportOptions(), dry_run=True)


class _scratch_app:
    """A temporary data folder initialised like the plan, removed afterwards."""

    def __init__(self, plan: SetupPlan):
        self.plan = plan

    def __enter__(self):
        from desktop.core.app import init_data_folder

        self.tmp = tempfile.TemporaryDirectory(prefix="towndesk-preview-", ignore_cleanup_errors=True)
        self.handlers = list(logging.getLogger("towndesk").handlers)
        self.app = init_data_folder(Path(self.tmp.name) / "data", role=self.plan.role,
                                    region_code=self.plan.region_code, name=self.plan.name,
                                    parent_code=self.plan.parent_code)
        self.app.user_name = self.plan.admin_username or "导入预览"
        return self.app

    def __exit__(self, *exc):
        self.app.dispose()
        _close_handlers_since(self.handlers)
        self.tmp.cleanup()
        return False


def apply(data_dir, plan: SetupPlan) -> dict:
    """Write it all: identity, admin, county enrollment, demo or ledger; all or nothing."""
    root = Path(data_dir)
    if is_initialised(root):
        raise UserError(f"数据文件夹 {root} 已经初始化，未做任何更改。")
    existed = set(root.iterdir()) if root.is_dir() else None
    handlers = list(logging.getLogger("towndesk").handlers)
    app = None
    try:
        app, ledger = _write(root, plan)
        return _summary(app, plan, ledger)
    except BaseException:
        if app is not None:
            app.dispose()
            app = None
        _close_handlers_since(handlers)
        _undo(root, existed)
        raise
    finally:
        if app is not None:
            app.dispose()


def _write(root: Path, plan: SetupPlan):
    from desktop.accounts.service import create_first_admin
    from desktop.core.app import init_data_folder
    from desktop.core.identity import sign_in

    code, name = check_place(plan.role, plan.region_code, plan.name, plan.new_unit)
    app = init_data_folder(root, role=plan.role, region_code=code, name=name, parent_code=plan.parent_code)
    app.user_name = plan.admin_username
    try:
        admin = create_first_admin(app, plan.admin_username, plan.admin_password, plan.admin_display_name or None)
        sign_in(app, admin)  # the admin just proved the password by choosing it: the set-up writes are theirs
        ledger = None
        if plan.role == "township" and plan.enrollment_file:
            from desktop.sync import peers

            peers.add_peer(app, plan.enrollment_file, plan.enrollment_fingerprint or "")
        if plan.start == "demo":
            from desktop.setup.demo import fill_demo

            fill_demo(app)
        elif plan.start == "ledger" and plan.ledger_file:
            from desktop.ledger_import import ImportOptions, run_import

            ledger = run_import(app, plan.ledger_file, ImportOptions())
        _export_identity(app)
    except BaseException:
        app.dispose()
        raise
    return app, ledger


def _export_identity(app) -> Path:
    """The file the county needs to enroll this installation, ready in exports/."""
    from desktop.sync import peers

    out = app.layout.exports / f"本机身份-{app.node.name}.json"
    peers.export_identity(app, out)
    return out


def _summary(app, plan: SetupPlan, ledger: dict | None) -> dict:
    return {"data_dir": str(app.data_dir), "role": app.node.role, "name": app.node.name,
            "region_code": app.node.region_code, "fingerprint": app.node.fingerprint,
            "identity_file": str(app.layout.exports / f"本机身份-{app.node.name}.json"),
            "admin": plan.admin_username, "enrolled": bool(plan.role == "township" and plan.enrollment_file),
            "start": plan.start,
            "ledger": {k: ledger[k] for k in ("imported", "updated", "existing", "skipped", "refused")}
            if ledger else None}


def _undo(root: Path, existed: set[Path] | None) -> None:
    """Remove what apply created: the whole folder if it was new, else only the new entries."""
    if existed is None:
        shutil.rmtree(root, ignore_errors=True)
        return
    for entry in root.iterdir():
        if entry not in existed:
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)


def _close_handlers_since(before: list[logging.Handler]) -> None:
    """Log files opened in a folder we remove must be closed first (Windows cannot delete open files)."""
    logger = logging.getLogger("towndesk")
    for h in list(logger.handlers):
        if h not in before:
            logger.removeHandler(h)
            h.close()
