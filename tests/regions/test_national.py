"""The shipped national region list: complete against its source, both code systems, editions."""
import gzip
import json

import pytest

from desktop.core.paths import resource_path
from desktop.regions.data import DATA_FILE, dataset, describe


def test_townships_per_province_equal_the_source_counts():
    """Every province has exactly as many current 乡级 units as the 民政部 source lists (38,723 in all)."""
    ds = dataset()
    counts: dict[str, int] = {}
    for u in ds.units.values():
        if u.level == "township" and u.current:
            counts[u.mca_code[:2]] = counts.get(u.mca_code[:2], 0) + 1
    assert counts == ds.header["source_townships_by_province"]
    assert sum(counts.values()) == ds.header["source_counts"]["4"] == 38723
    assert len(counts) == 31  # 台湾省 has no published code; 香港、澳门 are not in the list
    levels = {lv: sum(1 for u in ds.units.values() if u.level == lv and u.current)
              for lv in ("province", "prefecture", "county")}
    assert levels == {"province": int(ds.header["source_counts"]["1"]), "prefecture": 333, "county": 2845}


def test_every_code_states_its_system_and_edition():
    """The file's header names both systems with their editions and sources; the file is small."""
    ds = dataset()
    systems = ds.header["systems"]
    assert systems["mca_code"]["edition"] == "2025-12-31" and "民政部" in systems["mca_code"]["name"]
    assert systems["nbs_code"]["edition"] == "2023" and "统计用" in systems["nbs_code"]["name"]
    assert "MIT" in systems["mca_code"]["source"] and "WTFPL" in systems["nbs_code"]["source"]
    assert resource_path(*DATA_FILE).stat().st_size < 5 * 1024 * 1024
    d = describe(ds.by_nbs["533401102000"])
    assert (d["mca_edition"], d["nbs_edition"]) == ("2025-12-31", "2023")


@pytest.mark.parametrize("full_name, nbs, mca", [
    ("云南省迪庆藏族自治州香格里拉市小中甸镇", "533401102000", "533401103000"),
    ("北京市朝阳区首都机场街道", "110105020000", "110105400000"),
    ("天津市东丽区东丽湖街道", "120110011000", "120110010000"),
    ("河北省石家庄市桥西区东华街道", "130104017000", "130104015000"),
    ("山西省太原市万柏林区西铭街道", "140109012000", "140109009000"),
    ("内蒙古自治区呼和浩特市新城区东河街道", "150102403000", "150102011000"),
])
def test_townships_carry_both_codes(full_name, nbs, mca):
    """Townships in six provinces whose 统计用 2023 and 民政部 codes differ resolve by either code."""
    ds = dataset()
    by_nbs, by_mca = ds.by_nbs[nbs], ds.by_mca[mca]
    assert by_nbs is by_mca and ds.full_name(by_nbs) == full_name
    assert by_nbs.code == nbs  # the program quotes the 统计用 code where one exists


def test_a_code_can_name_two_units_in_the_two_systems():
    """533401103000 is 虎跳峡镇 in 统计用 2023 and 小中甸镇 for 民政部: both are reported, with their system."""
    hits = {system: u.name for system, u in dataset().by_code("533401103000")}
    assert hits == {"nbs": "虎跳峡镇", "mca": "小中甸镇"}


def test_units_only_in_the_2023_list_are_kept_but_not_current():
    """A unit gone from the 民政部 list (or statistical only) still resolves from a ledger's 2023 code."""
    ds = dataset()
    u = ds.by_nbs["533401501000"]
    assert u.name == "迪庆扶贫民族经济开发区" and not u.current and u.mca_code == ""
    assert ds.units[u.parent].name == "香格里拉市"


def test_file_is_what_the_header_says():
    """The header's column list matches every row (a rebuilt file with a new column must say so)."""
    with gzip.open(resource_path(*DATA_FILE), "rt", encoding="utf-8") as f:
        header = json.loads(f.readline()[1:])
        widths = {len(line.rstrip("\n").split("\t")) for line in f}
    assert widths == {len(header["columns"])}
