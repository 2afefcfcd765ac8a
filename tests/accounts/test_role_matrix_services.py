"""Role × operation, second part: assets, project library, terms, templates, sync, peers and the window's backup
each ask their own right (docs/accounts-and-backups.md), tried through the real services on a county and a
township that exchange packages."""
from __future__ import annotations

import pytest

from desktop.accounts.roles import PERMISSIONS, ROLES
from desktop.core.errors import UserError
from tests.accounts.conftest import ADMIN_PW
from tests.sync.conftest import network, network_template  # noqa: F401  (fixtures)

USER_PW = "matrix-pass-2026"
CODE = "2021-102-001"


def _asset_add(town, county, tmp):
    from desktop.assets.service import add_assets
    from tests.assets.conftest import asset
    add_assets(town, asset(name="矩阵测试圈舍"))


def _library_declare(town, county, tmp):
    from desktop.library.service import advance
    advance(town, [CODE], "申报")


def _library_town_review(town, county, tmp):
    from desktop.library.service import advance
    advance(town, ["2022-102-001"], "乡审核")


def _library_county_approve(town, county, tmp):
    from desktop.library.service import advance
    advance(county, ["2021-102-002"], "县审定")


def _terms_activate(town, county, tmp):
    from desktop.terms.service import activate_terms
    activate_terms(county, "2026")


def _template_add(town, county, tmp):
    from desktop.templates.library import add_template
    from tests.templates.factory import make_docx
    add_template(town, make_docx(tmp / "t.docx", ["项目名称：{{ 项目名称 }}"]), name="矩阵测试模板")


def _sync_export(town, county, tmp):
    from desktop.sync import service
    service.export_package(town, tmp / "out.tdpkg", peer=county.node.region_code)


def _sync_import(town, county, tmp):
    from desktop.sync import service
    service.import_package(county, tmp / "from-town.tdpkg")


def _peer_add(town, county, tmp):
    from desktop.sync import peers
    peers.add_peer(county, tmp / "town-id.json", town.fingerprint_for_test)


def _backup_window(town, county, tmp):
    from desktop.backup import make_backup
    make_backup(town, "manual")


# operation → (right it needs, side whose accounts are tried, the call)
OPERATIONS = {
    "资产登记": ("edit", "town", _asset_add), "项目库申报": ("edit", "town", _library_declare),
    "项目库乡审核": ("review", "town", _library_town_review),
    "项目库县审定": ("review", "county", _library_county_approve),
    "启用用语文件": ("settings", "county", _terms_activate), "添加模板": ("edit", "town", _template_add),
    "导出同步包": ("edit", "town", _sync_export), "导入同步包": ("edit", "county", _sync_import),
    "登记对方": ("settings", "county", _peer_add), "窗口中立即备份": ("backup", "town", _backup_window),
}


def _build_sides(town, county, tmp) -> None:
    """Bring a fresh enrolled (township 小中甸镇, county) pair to the state `sides` describes; files go to tmp."""
    from desktop.library.service import advance
    from desktop.sync import peers, service
    from tests.assets.conftest import add_projects

    add_projects(town)
    advance(town, ["2021-102-002"], "申报")
    service.export_package(town, tmp / "first.tdpkg", peer=county.node.region_code)
    service.import_package(county, tmp / "first.tdpkg")
    advance(town, ["2021-102-002"], "乡审核")
    service.export_package(town, tmp / "second.tdpkg", peer=county.node.region_code)
    service.import_package(county, tmp / "second.tdpkg")
    service.export_package(town, tmp / "from-town.tdpkg", peer=county.node.region_code, full=True)
    advance(town, ["2022-102-001"], "申报")
    town.fingerprint_for_test = peers.export_identity(town, tmp / "town-id.json")["fingerprint"]


@pytest.fixture(scope="session")
def sides_template(tmp_path_factory, network_template):  # noqa: F811
    """The `sides` folders and files, made once per worker: three package exchanges per test were most of
    this file's time; each test gets a private copy of everything (folders, packages, identity file)."""
    from tests.sync.conftest import open_copy

    base = tmp_path_factory.mktemp("sides")
    county, town = open_copy(network_template, base, "county"), open_copy(network_template, base, "t0")
    try:
        _build_sides(town, county, base)
        return base, town.fingerprint_for_test
    finally:
        town.dispose()
        county.dispose()


@pytest.fixture
def sides(tmp_path, request):
    """(township 小中甸镇 with its projects in the library 2022-102-001 at 申报, county with 2021-102-002 乡审核 received), before
    any account exists; a package and an identity file from the township lie in tmp_path."""
    from tests.conftest import PG

    if PG is not None:  # the databases are on the server, not in the folders: build them for this test
        county, towns = request.getfixturevalue("network")
        _build_sides(towns[0], county, tmp_path)
        yield towns[0], county
        return
    import shutil

    from tests.sync.conftest import open_copy

    base, fingerprint = request.getfixturevalue("sides_template")
    for item in base.iterdir():
        if item.is_file():
            shutil.copy2(item, tmp_path / item.name)
    county, town = open_copy(base, tmp_path, "county"), open_copy(base, tmp_path, "t0")
    town.fingerprint_for_test = fingerprint
    yield town, county
    town.dispose()
    county.dispose()


def _as(app, role: str) -> None:
    """Give `app` an admin and one account of `role`, and sign that account in."""
    from desktop.accounts import service as acc
    from desktop.core.identity import sign_in

    admin = acc.create_first_admin(app, "admin", ADMIN_PW)
    if role != "admin":
        acc.add_user(app, admin, "甲", role, USER_PW)
    sign_in(app, acc.authenticate(app, "admin", ADMIN_PW) if role == "admin" else acc.authenticate(app, "甲", USER_PW))


def test_every_right_in_the_table_is_known():
    """Each operation here names a right of the rights table."""
    assert {right for right, _, _ in OPERATIONS.values()} <= set(PERMISSIONS)


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_role_operation_cell(sides, tmp_path, operation, role):
    """Each role may do exactly what its right grants; anything else is refused in Chinese, naming the right."""
    from tests import pgtest

    right, side, call = OPERATIONS[operation]
    if right == "backup" and pgtest.ENABLED:
        pytest.skip("a server database is backed up with pg_dump by its administrator, not by TownDesk")
    town, county = sides
    _as(town if side == "town" else county, role)
    if role in PERMISSIONS[right]:
        call(town, county, tmp_path)
    else:
        with pytest.raises(UserError, match="没有.*的权限"):
            call(town, county, tmp_path)


def test_reviewer_approves_clerk_cannot(sides):
    """The rule in words: a reviewer does 县审定; a clerk's 县审定 is refused and leaves the state unchanged."""
    from desktop.library.service import advance, library_list

    town, county = sides
    _as(county, "clerk")
    with pytest.raises(UserError, match="没有“审核”的权限"):
        advance(county, ["2021-102-002"], "县审定")
    row = next(r for r in library_list(county) if r["code"] == "2021-102-002")
    assert "县" not in str(row.get("state_label", row))
