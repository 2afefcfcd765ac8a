"""Amounts in capitals as contracts write them, and dates in both Chinese forms."""
from __future__ import annotations

from datetime import date

import pytest

from desktop.values.money import fen_to_capitals, yuan_to_fen
from desktop.templates.context import cn_date, cn_date_words


@pytest.mark.parametrize("yuan,expected", [
    ("0", "零元整"), ("10", "壹拾元整"), ("100000", "壹拾万元整"), ("1000010", "壹佰万零壹拾元整"),
    ("0.05", "伍分"), ("16900000", "壹仟陆佰玖拾万元整"),
    ("0.15", "壹角伍分"), ("0.10", "壹角整"), ("1690.50", "壹仟陆佰玖拾元伍角整"), ("10.01", "壹拾元零壹分"),
    ("16900000.05", "壹仟陆佰玖拾万元零伍分"), ("100000.10", "壹拾万元壹角整"), ("1000010.99", "壹佰万零壹拾元玖角玖分"),
    ("85000.50", "捌万伍仟元伍角整"), ("200100.07", "贰拾万零壹佰元零柒分"), ("6200000", "陆佰贰拾万元整"),
    ("100000000.01", "壹亿元零壹分"), ("1010101010", "壹拾亿壹仟零壹拾万壹仟零壹拾元整"),
])
def test_capitals_edge_cases(yuan, expected):
    """Zeros inside and between groups, amounts under one 元, and 角/分 all read the way contracts need."""
    assert fen_to_capitals(yuan_to_fen(yuan)) == expected


@pytest.mark.parametrize("d,figures,words", [
    (date(2020, 4, 1), "2020年4月1日", "二〇二〇年四月一日"),
    (date(2020, 10, 30), "2020年10月30日", "二〇二〇年十月三十日"),
    (date(2021, 12, 31), "2021年12月31日", "二〇二一年十二月三十一日"),
    (date(2019, 11, 20), "2019年11月20日", "二〇一九年十一月二十日"),
])
def test_dates(d, figures, words):
    """Dates read 2020年4月1日 in reports and 二〇二〇年四月一日 in contracts."""
    assert cn_date(d) == figures and cn_date_words(d) == words
