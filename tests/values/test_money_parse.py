"""The one money parser: units in the text win, full-width and separators fold, ambiguity is refused."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import UserError
from desktop.values.money import FEN_PER, fen_to_yuan_str, money_reason, parse_money, wan_to_fen, yuan_to_fen

FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
UNIT_TEXT = {"元": ["元", "块"], "万元": ["万元", "万"], "亿元": ["亿元", "亿"]}


def test_unit_in_text_wins_over_field_unit():
    """'1690元' in a 万元 field is 1,690 yuan and '50万元' in a 元 field is 500,000 yuan (the issue's two cases)."""
    assert wan_to_fen("1690元") == 169_000
    assert yuan_to_fen("50万元") == 50_000_000
    assert yuan_to_fen("1.2亿元") == 12_000_000_000
    assert wan_to_fen("1690") == 1_690_000_000
    assert yuan_to_fen("16,900,000.00") == 1_690_000_000


def test_fullwidth_and_currency_marks():
    """Full-width digits, full-width comma and point, ¥ and a trailing 整 are understood."""
    assert yuan_to_fen("１６，９００，０００．００元") == 1_690_000_000
    assert yuan_to_fen("￥1,690.50") == 169_050
    assert wan_to_fen("1690万元整") == 1_690_000_000


@pytest.mark.parametrize("bad,why", [
    ("1,5", "逗号位置不对"), ("16,90,000", "逗号位置不对"), ("1.690.000", "多个小数点"),
    ("5万3千元", "不止一个单位"), ("1.001", "比 1 分还细"), ("0.0000001万元", "比 1 分还细"),
    ("待定", "不是金额"), ("", "为空"), ("NaN", "不是金额"), ("万元", "不是金额"), ("1e5", "不是金额"),
])
def test_ambiguous_or_bad_text_refused_with_reason(bad, why):
    """Each kind of unreadable or ambiguous amount is refused, the field named and the reason given."""
    with pytest.raises(UserError) as e:
        yuan_to_fen(bad, "计划投资")
    assert "计划投资" in e.value.message and why in e.value.message
    assert e.value.field == "计划投资"


def test_negative_refused_unless_allowed():
    """A negative amount is refused by default and kept when the field allows corrections."""
    with pytest.raises(UserError, match="不能为负数"):
        yuan_to_fen("-5", "拨付金额")
    assert yuan_to_fen("-5", "调整", allow_negative=True) == -500


def test_bool_and_none_refused():
    """True/None are not amounts even though Python treats True as 1."""
    for v in (True, None):
        assert money_reason(v)[0] is None


@st.composite
def written_amounts(draw):
    """An amount in fen and one way a clerk might write it."""
    unit = draw(st.sampled_from(["元", "万元", "亿元"]))
    per = FEN_PER[unit]
    places = len(str(per)) - 1
    fen = draw(st.integers(0, 10 ** 15))
    number = Decimal(fen) / per
    text = f"{number:.{places}f}"
    if draw(st.booleans()):
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    suffix = draw(st.sampled_from(UNIT_TEXT[unit] + [""]))
    field_unit = unit if suffix == "" else draw(st.sampled_from(["元", "万元", "亿元"]))
    if draw(st.booleans()):
        text = text.translate(FULLWIDTH)
    if draw(st.booleans()):
        text = f" {text} "
    return fen, text + suffix, field_unit


@settings(max_examples=400, deadline=None)
@given(written_amounts())
def test_any_written_form_reads_back_exactly(case):
    """Whatever unit, separators, width or field unit: the fen read equal the fen written."""
    fen, text, field_unit = case
    assert parse_money(text, field_unit) == fen


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10 ** 14))
def test_yuan_string_round_trip(fen):
    """The plain 元 string the program writes reads back to the same fen, in any field unit when suffixed."""
    assert yuan_to_fen(fen_to_yuan_str(fen)) == fen
    assert wan_to_fen(fen_to_yuan_str(fen) + "元") == fen


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10 ** 12), st.sampled_from(["元", "万元", "亿元"]))
def test_more_than_a_fen_of_precision_refused(fen, unit):
    """Appending a non-zero digit below one fen is always refused, never rounded silently."""
    per = FEN_PER[unit]
    places = len(str(per)) - 1
    text = f"{Decimal(fen) / per:.{places}f}7"
    assert money_reason(text + unit)[0] is None
