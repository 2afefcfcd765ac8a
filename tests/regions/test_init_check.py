"""init checks a code against its name (CLI and wizard service), and `regions find` lists both codes."""
import sqlite3

import pytest

from desktop.regions.service import builtin_regions


def test_code_of_another_unit_is_refused_with_the_right_name(cli):
    """尼西乡 with 小中甸镇's code is refused; the message names both and 尼西乡's real codes; nothing is created."""
    r = cli("init", "--role", "township", "--region-code", "533401102000", "--name", "尼西乡")
    assert r.code == 2 and "小中甸镇" in r.err and "533401204000" in r.err and "Traceback" not in r.err
    assert not (cli.data / "towndesk.db").exists()


def test_unknown_code_needs_the_confirming_flag(cli):
    """A code not in the list is refused until --new-unit confirms it."""
    args = ("init", "--role", "township", "--region-code", "533401209000", "--name", "新设镇")
    r = cli(*args)
    assert r.code == 2 and "--new-unit" in r.err and "不在随附的区划表" in r.err
    r = cli(*args, "--new-unit")
    assert r.code == 0 and "533401209000" in r.out


@pytest.mark.sqlite_only(reason="reads the region table from the SQLite file")
def test_mca_code_and_short_name_are_accepted_and_normalised(cli):
    """The 民政部 code of 三坝纳西族乡 with the short name 三坝乡 is accepted; the 统计用 code is stored."""
    r = cli("init", "--role", "township", "--region-code", "533401202000", "--name", "三坝乡", check=True)
    assert "533401202000" in r.out
    db = sqlite3.connect(cli.data / "towndesk.db")
    names = [n for (n,) in db.execute("select name from region where level='township' order by code")]
    db.close()
    assert len(names) == 11 and names[1] == "小中甸镇" and "三坝纳西族乡" in names
    r2 = cli("init", "--role", "township", "--region-code", "533401103000", "--name", "小中甸镇",
             data_dir=cli.data.parent / "other", check=True)
    assert "533401102000" in r2.out and "民政部" in r2.out


def test_region_table_holds_the_county_with_both_codes():
    """The rows copied into a data folder are one county's townships, each with both codes in `source`."""
    rows = builtin_regions("533401000000")
    towns = [r for r in rows if r["level"] == "township"]
    assert len(towns) == 11 and all(r["parent_code"] == "533401000000" for r in towns)
    xzd = next(r for r in towns if r["name"] == "小中甸镇")
    assert xzd["code"] == "533401102000" and "533401103000" in xzd["source"] and "2025-12-31" in xzd["source"]
    assert [r["level"] for r in rows[:3]] == ["province", "prefecture", "county"]


def test_regions_find_json_and_county_filter(cli):
    """`regions find 三坝乡 --county 533401 --json` gives the unit with both codes and the rule used."""
    out = cli("regions", "find", "三坝乡", "--county", "533401", "--json", check=True).json()
    (m,) = out["matches"]
    assert (m["name"], m["rule"], m["nbs_code"], m["mca_code"]) == ("三坝纳西族乡", "nationality",
                                                                      "533401202000", "533401202000")
    r = cli("regions", "find", "海淀", "--county", "110108")
    assert r.code == 0 and "海淀街道" in r.out and "海淀镇" in r.out and "多个单位" in r.out
    r = cli("regions", "find", "没有这个乡")
    assert r.code == 1 and "没有找到" in r.out
    r = cli("regions", "find", "x", "--county", "999999")
    assert r.code == 2 and "999999" in r.err
