"""Amounts as clerks type them in the round: separators, 元 and 万元 suffixes, and what is refused."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import UserError
from desktop.values.money import amount_to_fen


@given(st.integers(min_value=0, max_value=10**13))
def test_every_way_of_writing_an_amount_gives_the_same_fen(fen):
    """Plain, with thousands separators, with 元, or in 万元 with 万元/万: one amount, one value in fen."""
    yuan = f"{fen // 100}.{fen % 100:02d}"
    grouped = f"{fen // 100:,}.{fen % 100:02d}"
    assert amount_to_fen(yuan) == amount_to_fen(grouped) == amount_to_fen(grouped + "元") == fen
    if fen % 100 == 0 and (fen // 100) % 100 == 0:  # whole hundreds of yuan: exactly representable in 万元
        wan = str(Decimal(fen) / Decimal(1_000_000))
        assert amount_to_fen(wan + "万元") == amount_to_fen(wan + "万") == fen


def test_a_written_unit_wins_over_the_column_unit():
    """In a 元 column '5万元' is fifty thousand yuan; in a 万元 column '3000元' is three thousand yuan."""
    assert amount_to_fen("5万元", "元") == 5_000_000
    assert amount_to_fen("3000元", "万元") == 300_000
    assert amount_to_fen(" 1,234.5 ", "元") == 123_450


@pytest.mark.parametrize("text, reason", [("两万", "'两万' 不是金额"), ("-5", "不能为负数"), ("1.234", "最多保留两位小数"),
                                          ("1,2x元", "'1,2x元' 不是金额")])
def test_bad_amounts_are_refused_naming_what_was_written(text, reason):
    """Words, negatives and fractions of a fen are refused, quoting the text as typed (unit included)."""
    with pytest.raises(UserError, match=reason):
        amount_to_fen(text, "元", "本期拨付")
