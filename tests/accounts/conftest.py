"""Accounts fixtures: a township folder with an admin, a clerk and a reviewer (made once per worker, copied per test)."""
import shutil

import pytest

from tests import pgtest

ADMIN_PW = "长城长江黄河2020"
CLERK_PW = "clerk-pass-2020"
REVIEWER_PW = "leader-pass-2020"


def _make_accounts(app) -> None:
    from desktop.accounts import service as acc

    admin = acc.create_first_admin(app, "admin", ADMIN_PW, "管理员甲")
    acc.add_user(app, admin, "李四", "clerk", CLERK_PW)
    acc.add_user(app, admin, "王五", "reviewer", REVIEWER_PW)


@pytest.fixture(scope="session")
def accounts_template(tmp_path_factory, township_template):
    """The three accounts made once: each costs an Argon2 hash, which is slow on purpose."""
    from desktop.core.app import open_app

    root = tmp_path_factory.mktemp("accounts") / "t"
    shutil.copytree(township_template, root)
    app = open_app(root)
    app.user_name = "测试员"
    _make_accounts(app)
    app.dispose()
    return root


@pytest.fixture
def accounts_app(tmp_path, request):
    """The empty township folder with admin `admin`, clerk `李四` and reviewer `王五` (a private copy)."""
    if pgtest.ENABLED:  # the database is on the server, not in the folder: make the accounts afresh
        app = request.getfixturevalue("township_app")
        _make_accounts(app)
        yield app
        return
    from desktop.core.app import open_app

    dest = tmp_path / "t"
    shutil.copytree(request.getfixturevalue("accounts_template"), dest)
    app = open_app(dest)
    app.user_name = "测试员"
    yield app
    app.dispose()


@pytest.fixture
def admin(accounts_app):
    from desktop.accounts import service as acc

    return acc.authenticate(accounts_app, "admin", ADMIN_PW)
