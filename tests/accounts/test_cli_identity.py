"""Who a command acts as: `--user` alone proves nothing; a password, TOWNDESK_PASSWORD or a login session does."""
import json
import shutil

import pytest

from tests.accounts.test_account_cli import ADMIN, CLERK, accounts_template  # noqa: F401  (fixture)


@pytest.fixture
def acli(cli, accounts_template):  # noqa: F811
    """A private copy of the accounts folder holding one project made by the admin."""
    shutil.copytree(accounts_template, cli.data)
    r = cli("--user", "admin", "projects", "add", "--json", _project_file(cli.data.parent), input=ADMIN + "\n")
    assert r.code == 0, r.err
    return cli


def _project_file(folder):
    f = folder / "p.json"
    f.write_text(json.dumps({"name": "安南村牦牛养殖", "year": 2023, "level": "市级"}, ensure_ascii=False), encoding="utf-8")
    return f


def _code(acli):
    r = acli("projects", "list", "--json")
    return r.json()[0]["code"]


def _last_user(acli, code):
    r = acli("projects", "history", code, "--json")
    return r.json()[0]["user"]


def test_impersonation_refused(acli):
    """`--user 冒名者 projects edit` with an admin set up is refused and nothing is recorded."""
    code = _code(acli)
    r = acli("--user", "冒名者", "projects", "edit", code, "--set", "note=冒名", input="whatever\n")
    assert r.code == 2 and "用户名或密码不正确" in r.err
    r = acli("--user", "admin", "projects", "edit", code, "--set", "note=无密码")
    assert r.code == 2 and "没有读到密码" in r.err
    r = acli("projects", "edit", code, "--set", "note=无人")
    assert r.code == 2 and "须先登录" in r.err
    assert _last_user(acli, code) == "admin"


def test_password_from_stdin_and_environment(acli, monkeypatch):
    """The right password on stdin or in TOWNDESK_PASSWORD makes the change, recorded as that account."""
    code = _code(acli)
    r = acli("--user", "李四", "projects", "edit", code, "--set", "note=李四改", input=CLERK + "\n")
    assert r.code == 0, r.err
    assert _last_user(acli, code) == "李四"
    monkeypatch.setenv("TOWNDESK_PASSWORD", ADMIN)
    r = acli("--user", "admin", "projects", "edit", code, "--set", "note=管理员改")
    assert r.code == 0, r.err
    assert _last_user(acli, code) == "admin"


def test_login_session(acli):
    """`towndesk login` lets later commands write without a password until `towndesk logout`."""
    code = _code(acli)
    r = acli("--user", "李四", "login", "--hours", "1", input=CLERK + "\n")
    assert r.code == 0 and "会话有效至" in r.out
    token = next((acli.data / "keys").glob("session-*.token"))
    assert oct(token.stat().st_mode & 0o777) == "0o600"
    r = acli("projects", "edit", code, "--set", "note=会话中")
    assert r.code == 0, r.err
    assert _last_user(acli, code) == "李四"
    r = acli("--user", "admin", "projects", "edit", code, "--set", "note=换人", input="wrong\n")
    assert r.code == 2  # another account named: its own password is needed, the session does not stand in
    token.write_text("0" * 64)  # a forged token proves nothing
    r = acli("projects", "edit", code, "--set", "note=伪造")
    assert r.code == 2 and "须先登录" in r.err
    r = acli("--user", "李四", "login", input=CLERK + "\n")
    assert acli("logout").code == 0
    r = acli("projects", "edit", code, "--set", "note=已退出")
    assert r.code == 2


def test_without_accounts_the_os_user_is_recorded_and_said_unproven(cli):
    """No accounts: the write is made as before, and stderr says the operator is not proven."""
    from tests.conftest import TOWNSHIP

    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)
    r = cli("--user", "张三", "projects", "add", "--json", _project_file(cli.data.parent))
    assert r.code == 0 and "未经密码确认" in r.err
