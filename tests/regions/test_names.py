"""Names as clerks write them: each alias rule, former names, and ambiguity refused naming both."""
import pytest

from desktop.core.errors import UserError
from desktop.regions import lookup
from desktop.regions.names import core_name, short_forms, without_nationality, without_type

SHANGRI_LA = "533401"


def county(code):
    return lookup.county_by_code(code)


@pytest.mark.parametrize("official, short", [
    ("三坝纳西族乡", "三坝乡"), ("白塔满族乡", "白塔乡"), ("常营回族乡", "常营乡"),
    ("某某回族东乡族土族乡", "某某乡"), ("阿拉善苏木", None), ("小中甸镇", None),
])
def test_nationality_rule(official, short):
    """The nationality (one or several) is dropped before 乡/镇/苏木; names without one are left alone."""
    assert without_nationality(official) == short


def test_type_rule_and_core_name():
    """The type word goes (马山镇 → 马山) unless too little remains; core_name drops both."""
    assert without_type("马山镇") == "马山" and without_type("太原街街道") == "太原街"
    assert without_type("东乡") is None
    assert core_name("白塔满族乡") == "白塔" and core_name(" 南磨房地区 ") == "南磨房"
    assert short_forms("三坝纳西族乡") == [("三坝纳西族乡", "official"), ("三坝乡", "nationality"), ("三坝", "type")]


@pytest.mark.parametrize("written, official, rule", [
    ("三坝纳西族乡", "三坝纳西族乡", "official"),
    ("三坝乡", "三坝纳西族乡", "nationality"),
    ("三坝", "三坝纳西族乡", "type"),
    ("小中甸", "小中甸镇", "type"),
    ("东 旺 乡", "东旺乡", "official"),
])
def test_shangri_la_as_clerks_write_it(written, official, rule):
    """Each form a clerk writes finds the one township of 香格里拉市, with the rule that matched."""
    (m,) = lookup.find(written, county=county(SHANGRI_LA))
    assert (m.unit.name, m.rule) == (official, rule)
    assert lookup.resolve_township(written, county(SHANGRI_LA)).name == official


def test_ethnic_short_form_in_its_county():
    """白塔乡 in 兴城市 is 白塔满族乡 (while 罗源县 has a township officially called 白塔乡)."""
    xingcheng = county("211481")
    assert lookup.resolve_township("白塔乡", xingcheng).name == "白塔满族乡"
    assert lookup.resolve_township("白塔乡", county("350123")).name == "白塔乡"


def test_former_name_from_the_2023_list():
    """永年区's 刘汉乡 (统计用 2023) became 刘汉镇: the old name still finds it, marked as such."""
    (m,) = lookup.find("刘汉乡", county=county("130408"))
    assert (m.unit.name, m.rule) == ("刘汉镇", "former")


def test_ambiguous_short_form_is_refused_naming_both():
    """海淀 in 海淀区 could be 海淀街道 or 海淀镇: never guessed, both named with their codes."""
    matches = lookup.find("海淀", county=county("110108"))
    assert sorted(m.unit.name for m in matches) == ["海淀街道", "海淀镇"]
    with pytest.raises(UserError) as e:
        lookup.resolve_township("海淀", county("110108"))
    assert "海淀街道" in e.value.message and "海淀镇" in e.value.message and "110108012000" in e.value.message


def test_official_name_wins_over_a_short_form():
    """海淀镇 written in full is that one unit, though 海淀 alone is ambiguous."""
    assert lookup.resolve_township("海淀镇", county("110108")).name == "海淀镇"


def test_unknown_name_is_refused_with_an_example():
    """A name no township of the county bears is refused, naming the county."""
    with pytest.raises(UserError) as e:
        lookup.resolve_township("不存在乡", county(SHANGRI_LA))
    assert "香格里拉市" in e.value.message and "不存在乡" in e.value.message


def test_national_search_lists_every_rule():
    """Nationally 马山 names townships in several provinces; the search box also takes pinyin and codes."""
    found = lookup.find("马山", levels=("township",), every_rule=True)
    assert len({m.unit.parent for m in found}) >= 5
    assert "小中甸镇" in [u.name for u in lookup.search("xzdz", levels=("township",))]
    # a code prefix finds the unit in either system: 小中甸镇 (统计用) and 金江镇 (民政部 533401102)
    assert [u.name for u in lookup.search("533401102", levels=("township",))] == ["小中甸镇", "金江镇"]
