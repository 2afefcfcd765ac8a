"""The first-run wizard driven like a clerk would, through every path, including going back."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui

from desktop.core.app import open_app  # noqa: E402
from ui.first_run.wizard import ADMIN, DATA, ENROLL, PLACE, ROLE, SUMMARY, FirstRunWizard  # noqa: E402

PASSWORD = "雪山下的小中甸2020"


@pytest.fixture
def wizard(qtbot, tmp_path):
    w = FirstRunWizard(tmp_path / "data")
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def county_identity(tmp_path):
    """The identity file a real county installation hands to its townships."""
    from desktop.core.app import init_data_folder
    from desktop.sync import peers

    county = init_data_folder(tmp_path / "county", role="county", region_code="533401000000", name="香格里拉市")
    out = tmp_path / "香格里拉市.json"
    data = peers.export_identity(county, out)
    county.dispose()
    return out, data["fingerprint"]


def go_place(w, role="township", search="小中甸"):
    page = w.currentPage()
    (page.township if role == "township" else page.county).setChecked(True)
    w.next()
    assert w.currentId() == PLACE
    w.currentPage().search.setText(search)
    return w.currentPage()


def fill_admin(w, password=PASSWORD, confirm=None):
    page = w.currentPage()
    page.username.setText("管理员")
    page.display.setText("和志强")
    page.password.setText(password)
    page.confirm.setText(confirm if confirm is not None else password)
    w.next()


def test_township_every_step_with_back_and_enrollment(wizard, county_identity):
    """A township picks 小中甸镇, goes back and forth, enrolls the county by fingerprint, loads the demo."""
    w = wizard
    place = go_place(w)
    assert place.code.text() == "533401102000" and place.name.text() == "小中甸镇"
    assert "533401103000" in place.caution.text()  # both code systems shown: 统计用 2023 and 民政部
    w.back()
    assert w.currentId() == ROLE
    w.next()
    assert w.currentPage().code.text() == "533401102000"  # answers survive going back
    w.next()
    assert w.currentId() == ADMIN
    fill_admin(w, password="12345678")
    assert w.currentId() == ADMIN and "常见" in w.currentPage().error.text()
    fill_admin(w, confirm="不一样的密码呀")
    assert w.currentId() == ADMIN and "不一致" in w.currentPage().error.text()
    fill_admin(w)
    assert w.currentId() == ENROLL
    enroll = w.currentPage()
    path, fingerprint = county_identity
    w.choose_open_file = lambda *a: path
    enroll.choose.click()
    assert enroll.fingerprint.text() == fingerprint and "香格里拉市" in enroll.who.text()
    w.next()
    assert w.currentId() == ENROLL and "核对指纹" in enroll.error.text()
    enroll.confirmed.setChecked(True)
    w.next()
    assert w.currentId() == DATA
    w.currentPage().options["demo"].setChecked(True)
    w.next()
    assert w.currentId() == SUMMARY
    assert "香格里拉市" in w.currentPage().text.text() and "小中甸镇" in w.currentPage().text.text()
    w.back()
    assert w.currentId() == DATA
    w.next()
    assert not (w.data_dir / "towndesk.db").exists()  # nothing written before 完成
    w.button(w.WizardButton.FinishButton).click()
    assert w.result_info and w.result_info["fingerprint"]
    app = open_app(w.data_dir)
    try:
        from desktop.accounts.service import list_users
        from desktop.projects.projects import list_projects
        from desktop.sync.peers import list_peers

        assert app.node.name == "小中甸镇" and app.node.role == "township"
        assert [u["username"] for u in list_users(app)] == ["管理员"]
        assert [p["name"] for p in list_peers(app)] == ["香格里拉市"]
        assert len(list_projects(app)) > 10
        assert Path(w.result_info["identity_file"]).is_file()
    finally:
        app.dispose()


def test_county_skips_enrollment_and_back_returns_to_admin(wizard):
    """A county office never sees the enrollment step, in either direction, and may start empty."""
    w = wizard
    page = go_place(w, role="county", search="香格里拉市")
    assert page.table.rowCount() == 1 and page.code.text() == "533401000000"
    w.next()
    fill_admin(w)
    assert w.currentId() == DATA
    w.back()
    assert w.currentId() == ADMIN
    w.next()
    assert w.currentId() == DATA
    w.next()
    w.button(w.WizardButton.FinishButton).click()
    assert w.result_info["role"] == "county" and w.result_info["ledger"] is None
    app = open_app(w.data_dir)
    assert app.node.is_county and app.node.name == "香格里拉市"
    app.dispose()


def test_place_can_be_typed_and_bad_codes_are_refused(wizard):
    """A malformed or county-level code is refused; a code not in the list needs the new-unit box ticked."""
    w = wizard
    page = go_place(w, search="不存在的地方")
    assert page.table.rowCount() == 0
    page.code.setText("12345")
    page.name.setText("某镇")
    w.next()
    assert w.currentId() == PLACE and "无效" in page.error.text()
    page.code.setText("533401000000")
    w.next()
    assert w.currentId() == PLACE and "县级代码" in page.error.text()
    page.code.setText("533401999000")
    w.next()
    assert w.currentId() == PLACE and "新设" in page.error.text() and page.new_unit.isVisibleTo(page)
    page.new_unit.setChecked(True)
    w.next()
    assert w.currentId() == ADMIN and w.plan.region_code == "533401999000" and w.plan.new_unit


def test_place_code_and_name_must_agree(wizard):
    """A code that is another unit's is refused naming the right one; the 民政部 code is accepted and normalised."""
    w = wizard
    page = go_place(w, search="三坝乡")
    assert page.table.rowCount() == 1 and page.name.text() == "三坝纳西族乡"
    page.code.setText("533401102000")
    page.name.setText("尼西乡")
    w.next()
    assert w.currentId() == PLACE and "小中甸镇" in page.error.text() and "533401204000" in page.error.text()
    page.code.setText("533401205000")  # 尼西乡's 民政部 code
    w.next()
    assert w.currentId() == ADMIN and w.plan.region_code == "533401204000" and w.plan.name == "尼西乡"


def test_switching_role_clears_the_place(wizard):
    """Going back and changing township → county asks for a county, not the township chosen before."""
    w = wizard
    go_place(w)
    w.next()
    w.back()
    w.back()
    w.currentPage().county.setChecked(True)
    w.next()
    assert w.currentPage().code.text() == "" and w.currentPage().table.rowCount() == 0
    w.currentPage().search.setText("香格里拉")
    assert w.currentPage().table.item(0, 1).text() == "香格里拉市"


def test_enrollment_refuses_a_township_file_and_can_be_skipped(wizard, tmp_path):
    """Another township's identity file is refused with a message; 暂不登记 continues without it."""
    from desktop.core.app import init_data_folder
    from desktop.sync import peers

    other = init_data_folder(tmp_path / "other", role="township", region_code="533401101000", name="建塘镇")
    peers.export_identity(other, tmp_path / "建塘镇.json")
    other.dispose()
    w = wizard
    go_place(w)
    w.next()
    fill_admin(w)
    page = w.currentPage()
    w.choose_open_file = lambda *a: tmp_path / "建塘镇.json"
    page.choose.click()
    assert "县级办公室的身份文件" in page.error.text() and not page.confirmed.isVisible()
    page.skip.click()
    w.next()
    assert w.currentId() == DATA and w.plan.enrollment_file is None


def test_excel_ledger_is_previewed_then_imported(wizard, tmp_path):
    """Choosing an Excel ledger shows a dry-run count first; 完成 imports the projects."""
    from tests.ledger_import.ledgers import township_ledger

    xlsx = tmp_path / "台账.xlsx"
    township_ledger(xlsx)
    w = wizard
    go_place(w)
    w.next()
    fill_admin(w)
    w.next()  # no enrollment
    page = w.currentPage()
    page.options["ledger"].setChecked(True)
    w.next()
    assert w.currentId() == DATA and "Excel" in page.error.text()
    w.choose_open_file = lambda *a: xlsx
    page.choose.click()
    assert "将导入" in page.preview.text(), page.error.text()
    w.next()
    assert w.currentId() == SUMMARY and not w.data_dir.exists()
    w.button(w.WizardButton.FinishButton).click()
    assert w.result_info["ledger"]["imported"] > 0
    app = open_app(w.data_dir)
    from desktop.projects.projects import list_projects

    assert len(list_projects(app)) == w.result_info["ledger"]["imported"]
    app.dispose()


def test_cancel_writes_nothing(wizard):
    """Cancelling on the last page leaves no data folder behind."""
    w = wizard
    go_place(w)
    w.next()
    fill_admin(w)
    w.next()
    w.next()
    assert w.currentId() == SUMMARY
    w.reject()
    assert not w.data_dir.exists() and w.result_info is None


def test_failure_at_the_end_is_undone_and_shown(wizard, monkeypatch):
    """If writing fails half way, the folder is removed, the message shown, and the wizard stays open."""
    import desktop.setup.demo
    from desktop.core.errors import UserError

    def broken(app, **kw):
        raise UserError("演示数据生成失败（测试）。")

    monkeypatch.setattr(desktop.setup.demo, "fill_demo", broken)
    w = wizard
    go_place(w)
    w.next()
    fill_admin(w)
    w.next()
    w.currentPage().options["demo"].setChecked(True)
    w.next()
    w.button(w.WizardButton.FinishButton).click()
    assert w.currentId() == SUMMARY and "演示数据生成失败" in w.currentPage().error.text()
    assert not w.data_dir.exists() and w.result_info is None


def test_a_former_name_is_shown_as_such_and_fills_in_the_current_one(wizard):
    """Searching 中甸县 (renamed 2001, 市 since 2014) lists 香格里拉市 with the note; picking it fills in the current name."""
    w = wizard
    page = go_place(w, role="county", search="中甸县")
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "香格里拉市"
    assert page.table.item(0, 4).text() == "原名 中甸县（2001年更名为香格里拉县，2014年撤县设市）"
    assert page.name.text() == "香格里拉市" and page.code.text() == "533401000000"
    assert "原名 中甸县" in page.caution.text() and "已填入现名" in page.caution.text()


def test_a_township_moved_to_another_county_shows_where_it_went(wizard):
    """A township office searching 叶枝镇 (moved from 维西 to 德钦 in 2024) gets today's 叶枝镇 of 德钦县 first."""
    page = go_place(wizard, search="叶枝镇")
    assert "德钦县" in page.table.item(0, 2).text() and page.table.item(0, 0).text() == "533422102000"
