"""Terms files: both bundled wordings load; a hostile or broken file is refused by name; only the county sets them."""
from __future__ import annotations

import json

import pytest

from desktop.core.errors import UserError
from desktop.terms import activate_terms, bundled, import_terms, list_terms, terms_for_app
from desktop.terms.files import read_terms_file


def _write(tmp_path, data, name="用语.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_both_bundled_wordings_load_with_the_same_codes():
    """2021–2025 and 2026 define the same codes with different words for the policy-bound labels."""
    old, new = bundled("2021-2025"), bundled("2026")
    for kind in ("asset_classes", "owner_levels", "asset_statuses", "library_states", "labels"):
        assert set(old.choices(kind)) == set(new.choices(kind))
    assert old.label("asset_ledger") != new.label("asset_ledger")
    assert old.label("transition_fund") in old.items("funding_sources")


def test_a_label_of_either_wording_is_understood():
    """Input written with the other wording's word still maps to its code; an unknown word lists the choices."""
    new = bundled("2026")
    assert new.code_for("asset_classes", "经营性", "资产类别") == "operating"
    with pytest.raises(UserError, match="可选：经营性"):
        new.code_for("asset_classes", "私人", "资产类别")


@pytest.mark.parametrize("change, words", [
    (lambda d: d.pop("format"), "不是 TownDesk 用语文件"),
    (lambda d: d.update(format_version=9), "格式版本 9"),
    (lambda d: d["asset_classes"].pop("debt"), "缺少 debt"),
    (lambda d: d["asset_classes"].update(gift="赠与"), "多出 gift"),
    (lambda d: d["labels"].update(asset_ledger=""), "labels.asset_ledger"),
    (lambda d: d["labels"].update(asset_ledger="长" * 61), "labels.asset_ledger"),
    (lambda d: d["owner_levels"].update(county="村级"), "重复的用语"),
    (lambda d: d.update(levels=[]), "levels 应为 1–200 项"),
    (lambda d: d.update(terms_version="2"), "terms_version"),
])
def test_bad_terms_files_are_refused_naming_file_and_key(tmp_path, change, words):
    """Each broken terms file is refused with the file name and what is wrong."""
    data = json.loads(json.dumps(bundled("2026").content, ensure_ascii=False))
    data.update(format="towndesk-terms", format_version=1, key="2026", terms_version=1, title="测试")
    change(data)
    with pytest.raises(UserError) as e:
        read_terms_file(_write(tmp_path, data))
    assert "用语.json" in e.value.message and words in e.value.message


def test_not_json_and_oversized_files_are_refused(tmp_path):
    """A file that is not UTF-8 JSON, or far too large, is refused before it is parsed."""
    bad = tmp_path / "坏.json"
    bad.write_bytes(b"\xff\xfe{not json")
    with pytest.raises(UserError, match="不是有效的 UTF-8 JSON"):
        read_terms_file(bad)
    big = tmp_path / "大.json"
    big.write_bytes(b" " * (300 * 1024))
    with pytest.raises(UserError, match="超过 256 KB"):
        read_terms_file(big)


def test_county_imports_and_activates_a_changed_file(network, tmp_path):
    """The county imports an edited 2026 file as version 2 and activates it; a changed file under the same version is refused."""
    county, towns = network
    data = json.loads(json.dumps(bundled("2026").content, ensure_ascii=False))
    data.update(format="towndesk-terms", format_version=1, key="2026", terms_version=2, title="2026年起用语（本县修订）")
    data["labels"]["asset_ledger"] = "本县帮扶项目资产台账"
    r = import_terms(county, _write(tmp_path, data), activate=True)
    assert (r["key"], r["terms_version"], r["active"]) == ("2026", 2, True)
    assert terms_for_app(county).label("asset_ledger") == "本县帮扶项目资产台账"
    data["labels"]["asset_ledger"] = "又改了"
    with pytest.raises(UserError, match="terms_version 加一"):
        import_terms(county, _write(tmp_path, data, "again.json"))
    activate_terms(county, "2021-2025")
    assert terms_for_app(county).key == "2021-2025"
    assert [(x["key"], x["active"]) for x in list_terms(county)] == [("2021-2025", True), ("2026", False)]
    with pytest.raises(UserError, match="县级办公室统一下发"):
        activate_terms(towns[0], "2026")
