"""Money parsing to fen and Chinese capital numerals."""
import pytest

from desktop.core.errors import UserError
from desktop.values.money import fen_to_capitals, fen_to_yuan_str, wan_to_fen, yuan_to_fen


@pytest.mark.parametrize("yuan,expected", [
    ("0", "零元整"), ("10", "壹拾元整"), ("100000", "壹拾万元整"), ("1000010", "壹佰万零壹拾元整"),
    ("0.05", "伍分"), ("16900000", "壹仟陆佰玖拾万元整"), ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
    ("100.10", "壹佰元壹角整"), ("1001.01", "壹仟零壹元零壹分"), ("100000000", "壹亿元整"),
    ("10000001", "壹仟万零壹元整"), ("0.5", "伍角整"),
])
def test_capitals(yuan, expected):
    """Amounts come out in the form contracts use, including 零 and 角分."""
    assert fen_to_capitals(yuan_to_fen(yuan)) == expected


def test_parsing_accepts_separators_and_units():
    """Thousands separators and 元/万元 suffixes are understood; results are exact fen."""
    assert yuan_to_fen("16,900,000.00") == 1_690_000_000
    assert yuan_to_fen("1690万元".replace("万元", "")) == 169_000
    assert wan_to_fen("1690") == 1_690_000_000
    assert wan_to_fen("0.01") == 10_000
    assert fen_to_yuan_str(1_690_000_005) == "16900000.05"


@pytest.mark.parametrize("bad", ["-5", "abc", "待定", "1.001", "NaN", ""])
def test_bad_amounts_refused_in_chinese(bad):
    """A negative, a word or a fraction of a fen is refused with the field named."""
    with pytest.raises(UserError) as e:
        yuan_to_fen(bad, "计划投资")
    assert "计划投资" in e.value.message
