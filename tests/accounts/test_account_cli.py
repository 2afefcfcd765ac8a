"""The account commands through the real console script: passwords from stdin, exit codes."""
import shutil

import pytest

from tests.conftest import TOWNSHIP

ADMIN = "admin-pass-2020"
CLERK = "clerk-pass-2020"


@pytest.fixture(scope="module")
def accounts_template(tmp_path_factory):
    """A township folder with admin `admin` and clerk `李四`, made once in-process."""
    from desktop.accounts import service as acc
    from desktop.core.app import init_data_folder

    root = tmp_path_factory.mktemp("acc") / "data"
    app = init_data_folder(root, role="township", region_code=TOWNSHIP[0], name=TOWNSHIP[1])
    admin = acc.create_first_admin(app, "admin", ADMIN)
    acc.add_user(app, admin, "李四", "clerk", CLERK)
    app.dispose()
    return root


@pytest.fixture
def acli(cli, accounts_template):
    """The cli fixture on a private copy of the accounts folder."""
    shutil.copytree(accounts_template, cli.data)
    return cli


def test_first_account_must_be_admin(cli):
    """On a fresh folder `users add` creates the admin without a login, and only an admin."""
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)
    r = cli("users", "add", "li", "--role", "clerk", input="clerk-pass-2020\n")
    assert r.code == 2 and "必须是管理员" in r.err
    r = cli("users", "add", "admin", "--role", "admin", input=ADMIN + "\n")
    assert r.code == 0 and "已创建管理员" in r.out


def test_lock_holds_across_processes_until_admin_unlocks(acli):
    """Wrong passwords in separate processes add up to a lock (exit 2); only the admin unlocks it."""
    from desktop.accounts import service as acc
    from desktop.core.app import open_app
    from desktop.core.errors import UserError

    app = open_app(acli.data)
    for _ in range(4):
        with pytest.raises(UserError):
            acc.authenticate(app, "李四", "nope-nope-nope")
    app.dispose()
    r = acli("--user", "李四", "login", input="nope-nope-nope\n")  # the 5th, in a new process
    assert r.code == 2 and "已被锁定" in r.err and "Traceback" not in r.err
    r = acli("--user", "李四", "login", input=CLERK + "\n")
    assert r.code == 2 and "已被锁定" in r.err
    assert next(u for u in acli("users", "list", "--json", check=True).json() if u["username"] == "李四")["locked"]
    assert acli("--user", "admin", "users", "unlock", "李四", input=ADMIN + "\n").code == 0
    assert acli("--user", "李四", "login", input=CLERK + "\n").code == 0


def test_reset_password_needs_admin(acli):
    """reset-password by a clerk is refused; by the admin it works and must be changed at next login."""
    r = acli("--user", "李四", "users", "reset-password", "admin", input=f"{CLERK}\nnew-admin-pass-1\n")
    assert r.code == 2 and "权限" in r.err
    r = acli("--user", "admin", "users", "reset-password", "李四", input=f"{ADMIN}\nreset-pass-2021\n")
    assert r.code == 0 and "须修改密码" in r.out
    assert acli("--user", "李四", "login", "--json", input="reset-pass-2021\n").json()["must_change_password"]


def test_missing_password_is_a_clear_error(acli):
    """No terminal and no stdin line: a Chinese message, exit 2."""
    r = acli("--user", "admin", "login", input="")
    assert r.code == 2 and "没有读到密码" in r.err


def test_cli_change_names_the_user(cli, demo_template):
    """A project edit through the CLI records --user in the change history."""
    shutil.copytree(demo_template, cli.data)
    code = "2020-102-001"
    cli("--user", "李四", "projects", "edit", code, "--set", "note=审计测试", check=True)
    hist = cli("projects", "history", code, "--json", check=True).json()
    assert hist[0]["user"] == "李四" and hist[0]["field"] == "note"
