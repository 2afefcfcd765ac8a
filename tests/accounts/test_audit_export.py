"""`audit export`: every change row, filters, masking by default, unmasked only with right and reason."""
import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from db.models import Household, SecurityEvent
from desktop.accounts import service as acc
from desktop.audit.export import export_changes
from desktop.core.errors import UserError
from tests.accounts.conftest import ADMIN_PW, CLERK_PW, REVIEWER_PW

ID, PHONE = "53342119900101123X", "13812345678"


@pytest.fixture
def audited(accounts_app):
    """Two projects by two users and one household with an ID and phone number."""
    from desktop.core.identity import sign_in
    from desktop.projects import projects

    sign_in(accounts_app, acc.authenticate(accounts_app, "李四", CLERK_PW))
    projects.create_many(accounts_app, [{"name": "团结村产业路", "year": 2020, "level": "区级"}], source="测试")
    sign_in(accounts_app, acc.authenticate(accounts_app, "admin", ADMIN_PW))
    projects.create_many(accounts_app, [{"name": "=HYPERLINK(\"http://x\",\"点我\")", "year": 2021, "level": "区级",
                                         "note": "+cmd|' /C calc'!A0"}], source="测试")
    with accounts_app.tx(user="李四") as s:
        s.add(Household(township_code="533401102000", head_name="张三", id_number=ID, phone=PHONE))
    return accounts_app


def _rows(path, sheet="变更记录"):
    wb = openpyxl.load_workbook(path, read_only=True)
    return list(wb[sheet].iter_rows(values_only=True))


def test_masked_by_default(audited, tmp_path):
    """ID and phone appear masked; every change-log row is there with user and hash."""
    admin = acc.authenticate(audited, "admin", ADMIN_PW)
    r = export_changes(audited, admin, tmp_path / "a.xlsx")
    rows = _rows(tmp_path / "a.xlsx")
    assert r["rows"] == len(rows) - 1 and r["chain_ok"], r["problems"]
    values = {(row[9], row[11]) for row in rows}
    assert ("身份证号", "5334**********123X") in values and ("电话", "138****5678") in values
    raw = b"".join(zipfile.ZipFile(tmp_path / "a.xlsx").read(n) for n in zipfile.ZipFile(tmp_path / "a.xlsx").namelist())
    assert ID.encode() not in raw and PHONE.encode() not in raw
    about = dict(_rows(tmp_path / "a.xlsx", "说明"))
    assert "已遮盖" in about["个人信息"] and about["记录链检查"].startswith("通过")


def test_unmasked_needs_right_and_reason_and_is_recorded(audited, tmp_path):
    """A reviewer may not unmask; an admin must give a reason; the export is logged as a security event."""
    reviewer = acc.authenticate(audited, "王五", REVIEWER_PW)
    with pytest.raises(UserError, match="权限"):
        export_changes(audited, reviewer, tmp_path / "r.xlsx", unmasked=True, reason="审计")
    admin = acc.authenticate(audited, "admin", ADMIN_PW)
    with pytest.raises(UserError, match="原因"):
        export_changes(audited, admin, tmp_path / "r.xlsx", unmasked=True)
    assert not (tmp_path / "r.xlsx").exists()
    export_changes(audited, admin, tmp_path / "r.xlsx", unmasked=True, reason="县审计局专项审计")
    assert ("身份证号", ID) in {(row[9], row[11]) for row in _rows(tmp_path / "r.xlsx")}
    with audited.read() as s:
        ev = s.scalars(select(SecurityEvent).where(SecurityEvent.kind == "personal_export")).one()
    assert ev.user_name == "admin" and "县审计局专项审计" in ev.detail


def test_filters(audited, tmp_path):
    """--project, --user and --since narrow the rows."""
    clerk = acc.authenticate(audited, "李四", CLERK_PW)
    export_changes(audited, clerk, tmp_path / "u.xlsx", user="admin")
    assert {r[2] for r in _rows(tmp_path / "u.xlsx")[1:]} == {"admin"}
    code = next(r[4] for r in _rows(tmp_path / "u.xlsx")[1:] if r[4])
    export_changes(audited, clerk, tmp_path / "p.xlsx", project=code)
    assert {r[4] for r in _rows(tmp_path / "p.xlsx")[1:]} == {code}
    assert export_changes(audited, clerk, tmp_path / "s.xlsx", since="2999-01-01")["rows"] == 0
    with pytest.raises(UserError, match="日期"):
        export_changes(audited, clerk, tmp_path / "x.xlsx", since="去年")
    with pytest.raises(UserError, match="没有编号"):
        export_changes(audited, clerk, tmp_path / "x.xlsx", project="NOPE")


def test_user_text_is_never_a_formula(audited, tmp_path):
    """A project name starting with '=' and a note starting with '+' are stored as text, not formulas."""
    admin = acc.authenticate(audited, "admin", ADMIN_PW)
    export_changes(audited, admin, tmp_path / "f.xlsx")
    sheet = zipfile.ZipFile(tmp_path / "f.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet
    wb = openpyxl.load_workbook(tmp_path / "f.xlsx")
    cells = [c for row in wb["变更记录"].iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+"]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_cli_audit_export(cli, tmp_path):
    """`towndesk --user admin audit export --out F --user U` works and refuses a wrong suffix."""
    from tests.accounts.test_account_cli import ADMIN, accounts_template  # noqa: F401

    cli("init", "--role", "township", "--region-code", "533401102000", "--name", "小中甸镇", check=True)
    cli("users", "add", "admin", "--role", "admin", input="admin-pass-2020\n", check=True)
    out = tmp_path / "审计.xlsx"
    r = cli("--user", "admin", "audit", "export", "--out", out, "--user", "admin", input="admin-pass-2020\n")
    assert r.code == 0 and "已遮盖" in r.out and out.exists()
    r = cli("--user", "admin", "audit", "export", "--out", tmp_path / "a.csv", input="admin-pass-2020\n")
    assert r.code == 2 and ".xlsx" in r.err
