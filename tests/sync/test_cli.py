"""The sync commands through the real `towndesk` console script."""
from __future__ import annotations

import json

from tests.conftest import COUNTY, TOWNSHIP, db_dump


def setup_pair(cli, tmp_path):
    """Two data folders made and enrolled with the CLI only; returns (town_dir, county_dir)."""
    town, county = tmp_path / "town", tmp_path / "county"
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], data_dir=town, check=True)
    cli("init", "--role", "county", "--region-code", COUNTY[0], "--name", COUNTY[1], data_dir=county, check=True)
    for a, b in ((town, county), (county, town)):
        cli("keys", "export", "--out", tmp_path / f"{a.name}.json", data_dir=a, check=True)
        fp = cli("keys", "show", "--json", data_dir=a, check=True).json()["fingerprint"]
        cli("peers", "add", tmp_path / f"{a.name}.json", "--fingerprint", fp.lower().replace(" ", "-"), data_dir=b,
            check=True)
    return town, county


def test_cli_enroll_export_import(cli, tmp_path):
    """init, keys, peers, export, import --dry-run/--json, re-import, packages, conflicts: the whole flow."""
    town, county = setup_pair(cli, tmp_path)
    shown = cli("keys", "show", data_dir=town, check=True).out
    assert "指纹：" in shown and len(shown.split("指纹：")[1].split("\n")[0].split()) == 8
    peers = cli("peers", "list", "--json", data_dir=county, check=True).json()
    assert [p["name"] for p in peers] == [TOWNSHIP[1]]
    (tmp_path / "p.json").write_text(json.dumps({"name": "联合村乡村旅游", "year": 2020, "level": "市级",
                                                 "planned_investment_fen": 1_690_000_000}, ensure_ascii=False),
                                     encoding="utf-8")
    cli("projects", "add", "--json", tmp_path / "p.json", data_dir=town, check=True)
    out = cli("export", "--to", tmp_path / "t1.tdpkg", "--json", data_dir=town, check=True).json()
    assert out["package_seq"] == 1 and out["counts"]["project"]["insert"] == 1

    before = db_dump(county / "towndesk.db")
    dry = cli("import", tmp_path / "t1.tdpkg", "--dry-run", "--json", data_dir=county, check=True).json()
    assert dry["dry_run"] and dry["per_table"]["project"]["added"] == 1
    assert db_dump(county / "towndesk.db") == before
    res = cli("import", tmp_path / "t1.tdpkg", "--json", data_dir=county, check=True).json()
    assert res["status"] == "applied" and res["added"] == 1 and res["conflicts"] == 0 and res["gap"] is None
    again = cli("import", tmp_path / "t1.tdpkg", "--json", data_dir=county, check=True).json()
    assert again["status"] == "already_imported"
    listed = cli("projects", "list", "--json", data_dir=county, check=True).json()
    assert [p["name"] for p in listed] == ["联合村乡村旅游"]

    back = cli("export", "--to", tmp_path, "--peer", TOWNSHIP[0], data_dir=county, check=True)
    assert "第 1 号同步包" in back.out
    [pkg] = list(tmp_path.glob(f"{COUNTY[0]}-to-{TOWNSHIP[0]}-0001-*.tdpkg"))
    text = cli("import", pkg, data_dir=town, check=True).out
    assert "香格里拉市 的第 1 号同步包" in text
    hist = cli("packages", "--json", data_dir=town, check=True).json()
    assert [(h["direction"], h["acknowledged"]) for h in hist] == [("in", None), ("out", True)]
    assert cli("conflicts", "list", "--json", data_dir=town, check=True).json() == []
    assert "共 0 处冲突" in cli("conflicts", "list", data_dir=town, check=True).out


def test_cli_bad_input_exits_nonzero(cli, tmp_path):
    """Wrong fingerprint, bad package, missing peer: exit 2, one Chinese line, database unchanged."""
    town, county = tmp_path / "town", tmp_path / "county"
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], data_dir=town, check=True)
    cli("init", "--role", "county", "--region-code", COUNTY[0], "--name", COUNTY[1], data_dir=county, check=True)
    cli("keys", "export", "--out", tmp_path / "town.json", data_dir=town, check=True)
    before = db_dump(county / "towndesk.db")
    r = cli("peers", "add", tmp_path / "town.json", "--fingerprint", "0000 1111 2222 3333 4444 5555 6666 7777",
            data_dir=county)
    assert r.code == 2 and "指纹不符" in r.err and "未登记" in r.err
    r = cli("export", "--to", tmp_path / "x.tdpkg", data_dir=county)
    assert r.code == 2 and "还没有登记任何对方节点" in r.err
    (tmp_path / "junk.tdpkg").write_bytes(b"hello")
    r = cli("import", tmp_path / "junk.tdpkg", "--json", data_dir=county)
    assert r.code == 2 and "不是 TownDesk 同步包" in r.err and r.json()["status"] == "rejected"
    r = cli("conflicts", "resolve", "abcdef123", "--keep", "mine", data_dir=county)
    assert r.code == 2 and "找不到冲突" in r.err
    assert db_dump(county / "towndesk.db") == before
    assert not (tmp_path / "x.tdpkg").exists()


def test_cli_folder_import_reports_rejects(cli, tmp_path):
    """`towndesk import DIR` imports what is good, names the damaged file and exits 2."""
    town, county = setup_pair(cli, tmp_path)
    inbox = tmp_path / "inbox"
    cli("export", "--to", inbox / "a.tdpkg", data_dir=town, check=True)
    cli("export", "--to", tmp_path / "second.tdpkg", data_dir=town, check=True)
    (inbox / "b.tdpkg").write_bytes((tmp_path / "second.tdpkg").read_bytes()[:-40])
    r = cli("import", inbox, data_dir=county)
    assert r.code == 2
    assert "[已导入] a.tdpkg" in r.out and "[损坏/拒绝] b.tdpkg" in r.out
    assert "需要重新发送的：" in r.err and "自称来自 小中甸镇" in r.err  # the header is only a claim
