"""Asset services: registering, listing and editing assets, and every refusal the issue names."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import Asset, AssetSource
from desktop.assets import add_assets, edit_asset, get_asset, list_assets
from desktop.core.errors import UserError
from tests.assets.conftest import asset


def _count(app) -> int:
    with app.read() as s:
        return s.scalar(select(func.count()).select_from(Asset))


def test_add_one_asset_and_read_it_back(town):
    """An asset added for a project is listed with its class, place, value, 确权 level, owner and manager."""
    [made] = add_assets(town, asset())
    [row] = list_assets(town)
    assert row == made
    assert (row["code"], row["class"], row["class_label"], row["project_code"]) == \
        ("ZC-2021-102-001-01", "operating", "经营性", "2021-102-001")
    assert (row["township"], row["village"], row["value_yuan"], row["value_fen"]) == ("小中甸镇", "安南村", "4800000.00", 480000000)
    assert (row["owner_level"], row["owner_level_label"], row["owner"], row["manager"], row["status"]) == \
        ("village", "村级", "安南村股份经济合作社", "安南村委会", "normal")
    assert row["scale"] == "1200" and row["built_on"] == "2021-10-20"


def test_asset_formed_by_two_projects_keeps_each_source_and_amount(town):
    """One asset from two projects: each project's funding source and amount is kept, the value is their sum."""
    [a] = add_assets(town, asset(project=None, value_yuan=None, projects=[
        {"project": "2021-102-001", "source": "沪滇协作资金", "amount_yuan": "300000"},
        {"project": "2021-102-002", "source": "衔接推进乡村振兴补助资金", "amount_yuan": "120000.50"}]))
    assert a["value_yuan"] == "420000.50"
    assert a["project_codes"] == ["2021-102-001", "2021-102-002"]
    assert [(x["project_code"], x["source"], x["amount_yuan"]) for x in a["sources"]] == [
        ("2021-102-001", "沪滇协作资金", "300000.00"), ("2021-102-002", "衔接推进乡村振兴补助资金", "120000.50")]
    assert [r["code"] for r in list_assets(town, project="2021-102-002")] == [a["code"]]


def test_an_array_is_all_or_nothing(town):
    """A file of three assets whose third is bad writes none of them and names the third item."""
    items = [asset(), asset(name="道路", **{"class": "公益性"}), asset(name="坏的", **{"class": "私有"})]
    with pytest.raises(UserError) as e:
        add_assets(town, items, source="文件 a.json")
    assert "第 3 项（坏的）" in e.value.message and "资产类别" in e.value.message
    assert _count(town) == 0


@pytest.mark.parametrize("over, words", [
    ({"class": "私有"}, ["资产类别", "私有", "经营性、公益性、到户类"]),
    ({"project": "2099-999-999"}, ["找不到项目编号", "2099-999-999"]),
    ({"value_yuan": "-5"}, ["形成金额", "不能为负数"]),
    ({"value_yuan": "12.345"}, ["形成金额", "两位小数"]),
    ({"projects": [{"project": "2021-102-001", "amount_yuan": "-1"}], "project": None}, ["形成金额", "不能为负数"]),
    ({"name": None}, ["缺少必填字段", "资产名称"]),
    ({"owner_level": "省级"}, ["确权层级", "省级"]),
    ({"status": "已处置"}, ["已处置", "处置原因", "处置决定文号"]),
    ({"accepted_on": "2021-01-01"}, ["验收日期", "早于建成日期"]),
    ({"built_on": "2021-02-30"}, ["建成日期", "2021-02-30"]),
    ({"颜色": "红"}, ["未知字段", "颜色"]),
    ({"scale": "很多"}, ["规模", "不是数字"]),
    ({"project": None}, ["缺少形成该资产的项目"]),
])
def test_bad_input_is_refused_with_a_chinese_message(town, over, words):
    """Each bad field is refused, naming the item and the field, and nothing is written."""
    with pytest.raises(UserError) as e:
        add_assets(town, asset(**over), source="文件 a.json")
    assert e.value.message.startswith("文件 a.json 第 1 项")
    for w in words:
        assert w in e.value.message
    assert _count(town) == 0


def test_multi_project_asset_needs_each_amount_and_one_township(town, tmp_path):
    """Several projects without amounts are refused; projects of two townships cannot form one asset."""
    with pytest.raises(UserError, match="每个项目的形成金额"):
        add_assets(town, asset(project=None, projects=[{"project": "2021-102-001"}, {"project": "2021-102-002"}]))
    from desktop.projects import projects

    other = projects.create_project(town, {"code": "2021-103-001", "name": "虎跳峡镇项目", "year": 2021, "level": "市级",
                                           "township_code": "533401103000", "township_name": "虎跳峡镇"})
    with pytest.raises(UserError, match="本乡镇只能登记本乡镇项目"):
        add_assets(town, asset(project=other["code"]))
    assert _count(town) == 0


def test_incomes_and_distribution_are_checked_and_kept_in_fen(town):
    """Yearly income and its distribution are stored; a distribution above the income is refused."""
    incomes = [{"year": 2023, "amount_yuan": "60000", "distribution": [{"to": "脱贫户分红", "amount_yuan": "42000"}]},
               {"year": 2022, "amount_yuan": "50000.10"}]
    [a] = add_assets(town, asset(incomes=incomes))
    assert [i["year"] for i in a["incomes"]] == [2022, 2023]
    assert a["incomes"][1]["distribution"] == [{"to": "脱贫户分红", "amount_yuan": "42000.00"}]
    with town.read() as s:
        assert s.scalar(select(Asset.incomes))[0]["amount_fen"] == 5000010
    bad = [{"year": 2023, "amount_yuan": "100", "distribution": [{"to": "村集体", "amount_yuan": "101"}]}]
    with pytest.raises(UserError, match="分配合计超过当年收益"):
        add_assets(town, asset(incomes=bad))
    with pytest.raises(UserError, match="同一年度出现了两次"):
        add_assets(town, asset(incomes=[{"year": 2023, "amount_yuan": 1}, {"year": 2023, "amount_yuan": 2}]))


def test_edit_changes_fields_and_disposal_needs_its_document(town):
    """Editing sets status by its Chinese word; 已处置 without reason and document number is refused."""
    [a] = add_assets(town, asset())
    edited = edit_asset(town, a["code"], {"status": "闲置", "管护主体": "安南村合作社"})
    assert (edited["status"], edited["manager"], edited["version"]) == ("idle", "安南村合作社", a["version"] + 1)
    with pytest.raises(UserError, match="处置原因和处置决定文号"):
        edit_asset(town, a["code"], {"status": "已处置"})
    done = edit_asset(town, a["code"], {"status": "已处置", "disposal_reason": "圈舍损毁无法修复",
                                         "disposal_doc_no": "中政发〔2025〕3号", "disposal_proceeds": "残值归村集体"})
    assert (done["status_label"], done["disposal_doc_no"]) == ("已处置", "中政发〔2025〕3号")
    with pytest.raises(UserError, match="找不到资产编号"):
        edit_asset(town, "ZC-NONE", {"status": "正常"})
    with pytest.raises(UserError, match="未知字段"):
        edit_asset(town, a["code"], {"colour": "red"})
    with pytest.raises(UserError, match="收益应为 JSON 列表"):
        edit_asset(town, a["code"], {"incomes": "[{oops"})
    assert get_asset(town, a["code"])["status"] == "disposed"


def test_county_reads_assets_but_does_not_register_them(network):
    """Assets belong to the township (OWNERS): the county office is refused with a message saying who registers."""
    county, _ = network
    with pytest.raises(UserError, match="资产由项目所属乡镇登记"):
        add_assets(county, asset())


def test_every_change_is_in_the_change_log(town):
    """Adding and editing an asset write field-level change-log rows scoped to the township (they sync)."""
    from db.models import ChangeLog

    [a] = add_assets(town, asset())
    edit_asset(town, a["code"], {"status": "损毁"})
    with town.read() as s:
        rows = s.execute(select(ChangeLog.table_name, ChangeLog.field, ChangeLog.scope_code)
                         .where(ChangeLog.table_name.in_(["asset", "asset_source"]))).all()
        sources = s.scalar(select(func.count()).select_from(AssetSource))
    assert ("asset", "status", "533401102000") in rows and ("asset_source", "amount_fen", "533401102000") in rows
    assert sources == 1


def test_handover_document_files_under_the_checklist_item_and_links_the_asset(town, tmp_path):
    """The 移交书 is stored once, filed under the project's 资产移交书 item (now collected) and linked from the asset."""
    from desktop.assets.handover import attach_handover
    from desktop.checklists.service import project_checklist
    from desktop.core.attachments_store import AttachmentStore

    [a] = add_assets(town, asset())
    scan = tmp_path / "移交书.pdf"
    scan.write_bytes(b"%PDF-1.4 handover " * 20)
    from datetime import date

    r = attach_handover(town, a["code"], scan, date(2021, 12, 20))
    got = get_asset(town, a["code"])
    assert got["handover_attachment_id"] == r["attachment_id"] and got["handover_on"] == "2021-12-20"
    assert r["item_key"] == "asset_handover"
    items = {it["key"]: it for it in project_checklist(town, "2021-102-001")["items"]}
    assert items["asset_handover"]["state"] == "collected"
    with town.read() as s:
        from db.models import Attachment

        sha = s.get(Attachment, r["attachment_id"]).sha256
    assert AttachmentStore(town.layout).path_for(sha).read_bytes() == scan.read_bytes()
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match="空文件"):
        attach_handover(town, a["code"], empty)
    with pytest.raises(UserError, match="找不到资产编号"):
        attach_handover(town, "ZC-NONE", scan)
