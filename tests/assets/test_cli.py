"""towndesk assets / library / terms and report --kind assets through the real console script."""
from __future__ import annotations

import json

from tests.assets.conftest import PROJECTS, asset
from tests.conftest import TOWNSHIP

LIST_FIELDS = {"id", "code", "name", "class", "project_code", "township", "village", "value_yuan", "owner_level",
               "owner", "manager", "status"}


def test_assets_add_list_edit_and_report(cli, tmp_path):
    """Add an array from a file, list it as JSON with the issue's fields, edit a field, write the ledger."""
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)
    (tmp_path / "p.json").write_text(json.dumps(PROJECTS, ensure_ascii=False), encoding="utf-8")
    cli("projects", "add", "--json", tmp_path / "p.json", check=True)
    items = [asset(), asset(name="通组道路", project="2021-102-002", value_yuan="1750000", **{"class": "公益性"})]
    (tmp_path / "a.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    out = cli("assets", "add", "--json", tmp_path / "a.json", check=True).out
    assert "已登记资产 ZC-2021-102-001-01 牦牛养殖圈舍" in out
    rows = cli("assets", "list", "--json", check=True).json()
    assert len(rows) == 2 and LIST_FIELDS <= set(rows[0])
    road = next(r for r in rows if r["name"] == "通组道路")
    assert (road["class"], road["project_code"], road["value_yuan"], road["township"]) == \
        ("public", "2021-102-002", "1750000.00", TOWNSHIP[1])
    only = cli("assets", "list", "--project", "2021-102-002", "--json", check=True).json()
    assert [r["code"] for r in only] == [road["code"]]
    cli("assets", "edit", road["code"], "--set", "status=损毁", "--set", "管护主体=联合村委会", check=True)
    shown = cli("assets", "show", road["code"], "--json", check=True).json()
    assert (shown["status"], shown["manager"]) == ("damaged", "联合村委会")
    info = cli("report", "xlsx", "--kind", "assets", "--out", tmp_path / "台账.xlsx", "--json", check=True).json()
    assert info["title"].endswith("扶贫项目资产台账") and (tmp_path / "台账.xlsx").exists()


def test_refusals_exit_non_zero_with_one_chinese_line(cli, tmp_path):
    """An unknown class, a missing project and a negative amount each exit 2 with a Chinese message, nothing written."""
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)
    (tmp_path / "p.json").write_text(json.dumps(PROJECTS[:1], ensure_ascii=False), encoding="utf-8")
    cli("projects", "add", "--json", tmp_path / "p.json", check=True)
    for over, word in (({"class": "私有"}, "资产类别"), ({"project": "2000-000-000"}, "找不到项目编号"),
                       ({"value_yuan": "-1"}, "不能为负数")):
        (tmp_path / "a.json").write_text(json.dumps([asset(), asset(**over)], ensure_ascii=False), encoding="utf-8")
        r = cli("assets", "add", "--json", tmp_path / "a.json")
        assert r.code == 2 and word in r.err and "第 2 项" in r.err and "Traceback" not in r.err
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    r = cli("assets", "add", "--json", bad)
    assert r.code == 2 and "不是有效的 JSON" in r.err
    assert cli("assets", "list", "--json", check=True).json() == []
    r = cli("library", "move", "县审定", "2021-102-001")
    assert r.code == 2 and "县级办公室办理" in r.err
    r = cli("terms", "use", "2026")
    assert r.code == 2 and "县级办公室统一下发" in r.err


def test_assets_handover_files_ownership_documents_and_refuses_a_wrong_file(cli, tmp_path):
    """`assets handover --ownership` files a 确权 scan under 资产确权登记表; a text file is refused by name, exit 2."""
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)
    (tmp_path / "p.json").write_text(json.dumps(PROJECTS, ensure_ascii=False), encoding="utf-8")
    cli("projects", "add", "--json", tmp_path / "p.json", check=True)
    (tmp_path / "a.json").write_text(json.dumps(asset(), ensure_ascii=False), encoding="utf-8")
    cli("assets", "add", "--json", tmp_path / "a.json", check=True)
    code = cli("assets", "list", "--json", check=True).json()[0]["code"]
    scan = tmp_path / "确权登记表.pdf"
    scan.write_bytes(b"%PDF-1.4 ownership " * 20)
    out = cli("assets", "handover", code, scan, "--ownership", check=True).out
    assert "已挂接确权资料 确权登记表.pdf" in out and "资产确权登记表" in out
    assert cli("assets", "show", code, "--json", check=True).json()["handover_attachment_id"] is None
    note = tmp_path / "说明.txt"
    note.write_text("不是扫描件", encoding="utf-8")
    r = cli("assets", "handover", code, note)
    assert r.code == 2 and "说明.txt 不像资产移交书" in r.err and "Traceback" not in r.err
