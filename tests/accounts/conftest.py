"""Accounts fixtures: a township folder with an admin and a clerk."""
import pytest

ADMIN_PW = "长城长江黄河2020"
CLERK_PW = "clerk-pass-2020"
REVIEWER_PW = "leader-pass-2020"


@pytest.fixture
def accounts_app(township_app):
    """The empty township folder with admin `admin`, clerk `李四` and reviewer `王五`."""
    from desktop.accounts import service as acc

    admin = acc.create_first_admin(township_app, "admin", ADMIN_PW, "管理员甲")
    acc.add_user(township_app, admin, "李四", "clerk", CLERK_PW)
    acc.add_user(township_app, admin, "王五", "reviewer", REVIEWER_PW)
    return township_app


@pytest.fixture
def admin(accounts_app):
    from desktop.accounts import service as acc

    return acc.authenticate(accounts_app, "admin", ADMIN_PW)
