"""Role × operation: every cell of the rights table (docs/accounts.md) is tried through the real service."""
from __future__ import annotations

import pytest

from desktop.accounts.roles import PERMISSIONS, ROLES
from desktop.core.errors import UserError
from tests.accounts.conftest import ADMIN_PW, CLERK_PW, REVIEWER_PW
from tests.risk.conftest import add_project, county_app  # noqa: F401  (fixture)

PASSWORDS = {"admin": ("admin", ADMIN_PW), "clerk": ("李四", CLERK_PW), "reviewer": ("王五", REVIEWER_PW)}


def _project_and_accounts(app) -> str:
    """One project (made before any account existed), then the three accounts; the project's code."""
    from desktop.accounts import service as acc

    code = add_project(app)
    admin = acc.create_first_admin(app, "admin", ADMIN_PW)
    acc.add_user(app, admin, "李四", "clerk", CLERK_PW)
    acc.add_user(app, admin, "王五", "reviewer", REVIEWER_PW)
    return code


@pytest.fixture(scope="session")
def matrix_county_template(tmp_path_factory, county_empty_template):
    """(folder, project code): the county below, made once per worker — three Argon2 hashes (slow on purpose)
    per test were most of this file's time; each test gets a private copy."""
    import shutil

    from desktop.core.app import open_app

    root = tmp_path_factory.mktemp("matrix") / "c"
    shutil.copytree(county_empty_template, root)
    app = open_app(root)
    app.user_name = "县工作专班"
    try:
        return root, _project_and_accounts(app)
    finally:
        app.dispose()


@pytest.fixture
def county(tmp_path, request):
    """A county folder with one project (made before any account existed) and three accounts."""
    from tests.conftest import PG

    if PG is not None:  # the database is on the server, not in the folder: make them afresh
        app = request.getfixturevalue("county_app")
        app.code = _project_and_accounts(app)
        return app
    import shutil

    from desktop.core.app import open_app

    root, code = request.getfixturevalue("matrix_county_template")
    shutil.copytree(root, tmp_path / "county")
    app = open_app(tmp_path / "county")
    app.user_name = "县工作专班"
    app.code = code
    request.addfinalizer(app.dispose)
    return app


def _edit(app, actor, tmp):
    from desktop.projects import projects
    projects.update_project(app, app.code, {"note": f"{actor['username']} 改"})


def _review(app, actor, tmp):
    from desktop.risk import service
    service.confirm(app, app.code, "黄", reason="矩阵测试")


def _settings(app, actor, tmp):
    from desktop.core import settings
    settings.set_value(app, "risk.acceptance_due_days", 60)


def _manage_users(app, actor, tmp):
    from desktop.accounts import service as acc
    acc.add_user(app, actor, f"新人{actor['role']}", "clerk", "new-user-pass-2020")


def _backup(app, actor, tmp):
    from desktop.backup.archive import write_archive
    write_archive(app, tmp / "b.zip")


def _audit_export(app, actor, tmp):
    from desktop.audit.export import export_changes
    export_changes(app, actor, tmp / "a.xlsx")


def _reveal_personal(app, actor, tmp):
    from desktop.audit.export import export_changes
    export_changes(app, actor, tmp / "p.xlsx", unmasked=True, reason="审计需要")


def _restore(app, actor, tmp):
    from desktop.accounts.roles import require
    require(actor, "restore")  # the restore command checks this before replacing the database


OPERATIONS = {"edit": _edit, "review": _review, "settings": _settings, "manage_users": _manage_users,
              "backup": _backup, "audit_export": _audit_export, "reveal_personal": _reveal_personal,
              "restore": _restore}


def test_every_right_has_an_operation():
    """The matrix covers the whole rights table, no more and no less."""
    assert set(OPERATIONS) == set(PERMISSIONS)


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("right", sorted(PERMISSIONS))
def test_role_operation_cell(county, tmp_path, role, right):
    """Each role may do exactly what the table grants; anything else is refused in Chinese, naming the right."""
    from desktop.accounts import service as acc
    from desktop.core.identity import sign_in

    from tests import pgtest

    if right == "backup" and pgtest.ENABLED:
        pytest.skip("a server database is backed up with pg_dump by its administrator, not by TownDesk")
    name, pw = PASSWORDS[role]
    actor = sign_in(county, acc.authenticate(county, name, pw))
    if role in PERMISSIONS[right]:
        OPERATIONS[right](county, actor, tmp_path)
    else:
        with pytest.raises(UserError, match="没有.*的权限"):
            OPERATIONS[right](county, actor, tmp_path)


def test_no_login_no_write(county):
    """With accounts set up, a write without a signed-in account is refused and changes nothing."""
    from desktop.projects import projects

    before = projects.get_project(county, county.code)
    with pytest.raises(UserError, match="须先登录"):
        projects.update_project(county, county.code, {"note": "无人"})
    assert projects.get_project(county, county.code)["version"] == before["version"]


def test_change_recorded_under_the_signed_in_account(county):
    """The change log names the authenticated account, whatever user_name says."""
    from desktop.accounts import service as acc
    from desktop.core.identity import sign_in
    from desktop.projects import projects

    sign_in(county, acc.authenticate(county, "李四", CLERK_PW))
    county.user_name = "冒名者"
    projects.update_project(county, county.code, {"note": "李四改"})
    hist = projects.project_history(county, county.code)
    assert hist[0]["user"] == "李四" or hist[0].get("user_name") == "李四"
