"""挂接移交书 / 挂接确权资料 on the asset table (page and project tab): the chosen file goes through the asset
service into the attachment store and the project's checklist item; a wrong or empty file is refused on the page."""
from __future__ import annotations

import pytest

from desktop.core.errors import UserError

pytest.importorskip("pytestqt")

from tests.gui.conftest import ctx, no_questions, settle, window  # noqa: E402,F401  (fixtures)


def _page_with_selection(window, ctx):
    ctx.stop_watching()  # every change here goes through the page: no poll for other programs needed
    page = window.show_page("assets")
    settle(ctx)
    table = page.table
    row = next(i for i, r in enumerate(table.rows) if not r.get("handover_attachment_id"))
    table.table.selectRow(row)
    return table, table.rows[row]


@pytest.mark.gui
def test_handover_button_stores_the_scan_and_links_it(window, ctx, tmp_path, monkeypatch):
    """The picked 移交书 is stored, linked from the asset, shown as 已挂接, and its file is kept byte for byte."""
    from db.models import Attachment
    from desktop.assets import get_asset
    from desktop.core.attachments_store import AttachmentStore

    table, row = _page_with_selection(window, ctx)
    assert table.handover_btn.isEnabled() and table.handover_btn.isVisible()
    scan = tmp_path / "牦牛圈舍移交书.pdf"
    scan.write_bytes(b"%PDF-1.4 handover " * 50)
    monkeypatch.setattr(table, "pick_file", lambda what: str(scan))
    table.handover_btn.click()
    settle(ctx, 3)
    got = get_asset(ctx.app, row["code"])
    assert got["handover_attachment_id"], table.message.text()
    assert "已把 牦牛圈舍移交书.pdf 挂接为资产" in table.message.text()
    with ctx.app.read() as s:
        sha = s.get(Attachment, got["handover_attachment_id"]).sha256
    assert AttachmentStore(ctx.app.layout).path_for(sha).read_bytes() == scan.read_bytes()
    shown = next(i for i, r in enumerate(table.rows) if r["code"] == row["code"])
    col = [k for k, _ in __import__("ui.assets.table", fromlist=["COLUMNS"]).COLUMNS].index("handover_label")
    assert table.table.item(shown, col).text() == "已挂接"


@pytest.mark.gui
def test_ownership_button_files_under_the_registration_item(window, ctx, tmp_path, monkeypatch):
    """挂接确权资料 files the scan as a project attachment (资产确权登记表 where the standard has it), not as the 移交书."""
    from desktop.assets import get_asset

    table, row = _page_with_selection(window, ctx)
    scan = tmp_path / "确权登记表.jpg"
    scan.write_bytes(b"\xff\xd8\xff" + b"x" * 300)
    monkeypatch.setattr(table, "pick_file", lambda what: str(scan))
    table.ownership_btn.click()
    settle(ctx, 3)
    assert "确权资料" in table.message.text() and "已把" in table.message.text()
    assert not get_asset(ctx.app, row["code"])["handover_attachment_id"]


@pytest.mark.gui
@pytest.mark.parametrize("name, data, words", [
    ("移交书.exe", b"MZ" * 50, "不像资产移交书"),
    ("移交书.pdf", b"", "空文件"),
])
def test_a_wrong_file_is_refused_on_the_page(window, ctx, tmp_path, monkeypatch, name, data, words):
    """A program file or an empty scan is refused with a sentence under the table; nothing is linked."""
    from desktop.assets import get_asset

    table, row = _page_with_selection(window, ctx)
    bad = tmp_path / name
    bad.write_bytes(data)
    monkeypatch.setattr(table, "pick_file", lambda what: str(bad))
    table.handover_btn.click()
    settle(ctx, 3)
    assert words in table.message.text()
    assert not get_asset(ctx.app, row["code"])["handover_attachment_id"]


@pytest.mark.parametrize("name, words", [
    ("移交书.exe", "不像资产移交书"), ("移" * 130 + ".pdf", "文件名太长"), ("移交\x01书.pdf", "不能显示的字符"),
])
def test_handover_file_names_are_checked(town, tmp_path, name, words):
    """A wrong type, an over-long name or a control character in the name is refused before anything is stored."""
    from desktop.assets import add_assets
    from desktop.assets.handover import attach_handover
    from tests.assets.conftest import asset

    [a] = add_assets(town, asset())
    with pytest.raises(UserError, match=words):
        attach_handover(town, a["code"], tmp_path / name)  # refused on the name: the file need not exist
