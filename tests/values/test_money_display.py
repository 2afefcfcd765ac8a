"""One 万元 rounding rule: screen, PDF, Excel and Word show the same figure for the same fen."""
from __future__ import annotations

import os
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.values.money import fen_to_capitals, fen_to_money_text, fen_to_wan, fen_to_wan_str, yuan_to_fen

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _outputs(fen: int) -> dict[str, str]:
    """The 万元 text each output writes for one amount."""
    from desktop.reports.pdf import text_of
    from desktop.reports.xlsx import cell_value
    from desktop.templates.context import _money
    from ui.widgets.display import wan

    col = SimpleNamespace(kind="money")
    return {"screen": wan(fen), "pdf": text_of(col, fen, "万元"), "excel": f"{cell_value(col, fen, '万元'):,.2f}",
            "word": _money("计划投资", fen)["计划投资万元"]}


def test_150_yuan_is_0_02_wan_everywhere():
    """150 元 = 0.015 万元 rounds half up to 0.02 on screen, on paper, in Excel and in Word (it printed 0.01)."""
    assert set(_outputs(15_000).values()) == {"0.02"}


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10 ** 14))
def test_all_outputs_agree_and_follow_the_rule(fen):
    """For any amount every output shows Decimal(fen)/10^6 rounded half up to two places."""
    expected = (Decimal(fen) / Decimal(10 ** 6)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert fen_to_wan(fen) == expected
    assert set(_outputs(fen).values()) == {f"{expected:,.2f}"}


def test_excel_cell_holds_a_decimal_not_a_float():
    """Excel gets the Decimal the PDF prints, never a float."""
    from desktop.reports.xlsx import cell_value

    v = cell_value(SimpleNamespace(kind="money"), 15_000, "万元")
    assert isinstance(v, Decimal) and v == Decimal("0.02")
    assert cell_value(SimpleNamespace(kind="money"), 15_001, "元") == Decimal("150.01")


def test_evidence_text_has_yuan_and_wan():
    """History shows money as 元 with 万元 beside it, never as raw fen."""
    assert fen_to_money_text(1_690_000_000) == "16,900,000.00 元（1,690.00 万元）"


@pytest.mark.parametrize("yuan,expected", [
    ("0", "零元整"), ("100000", "壹拾万元整"), ("1000010", "壹佰万零壹拾元整"), ("0.05", "伍分"),
    ("16900000", "壹仟陆佰玖拾万元整"), ("1001.01", "壹仟零壹元零壹分"), ("100000000", "壹亿元整"),
    ("10000001", "壹仟万零壹元整"), ("0.5", "伍角整"), ("100.10", "壹佰元壹角整"),
])
def test_capitals(yuan, expected):
    """大写金额 in the form contracts use, 零 where a group is skipped."""
    assert fen_to_capitals(yuan_to_fen(yuan)) == expected


_CAP = dict(zip("零壹贰叁肆伍陆柒捌玖", range(10)))


def _capitals_value(text: str) -> int:
    """Read 大写金额 back to fen (a small independent reader for the property test)."""
    text = text.removesuffix("整")
    fen, section, number, total = 0, 0, 0, 0
    for ch in text:
        if ch in _CAP:
            number = _CAP[ch]
        elif ch in "拾佰仟":
            section += (number or 1) * {"拾": 10, "佰": 100, "仟": 1000}[ch]
            number = 0
        elif ch == "万":
            total = total + (section + number) * 10_000 if total % 100_000_000 == 0 and total else (total + section + number) * 10_000
            section = number = 0
        elif ch == "亿":
            total = (total + section + number) * 100_000_000
            section = number = 0
        elif ch == "元":
            fen += (total + section + number) * 100
            total = section = number = 0
        elif ch == "角":
            fen += number * 10
            number = 0
        elif ch == "分":
            fen += number
            number = 0
    return fen


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10 ** 13))
def test_capitals_read_back(fen):
    """Any amount in capitals reads back to the same fen."""
    assert _capitals_value(fen_to_capitals(fen)) == fen
