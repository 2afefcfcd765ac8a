"""The one date parser: every written form reads the same day; ambiguous forms are refused with the reason."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import UserError
from desktop.values.dates import date_reason, parse_date

FULLWIDTH = str.maketrans("0123456789-./", "０１２３４５６７８９－．／")
FORMS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}/{d.month:02d}/{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}年{d.month}月{d.day}",
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
    lambda d: f"{d.isoformat()} 08:30",
    lambda d: f"{d.isoformat()}T08:30:00",
]


@settings(max_examples=500, deadline=None)
@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.sampled_from(FORMS), st.booleans(), st.booleans())
def test_every_form_reads_the_same_day(d, form, wide, spaced):
    """Dashes, dots, slashes, 年月日, compact and with a time; full-width or padded: always the same date."""
    text = form(d)
    if wide:
        text = text.translate(FULLWIDTH)
    if spaced:
        text = f"  {text} "
    assert parse_date(text, "开工日期") == d


@pytest.mark.parametrize("bad,why", [
    ("2020-02-30", "没有 30 日"), ("2020-13-01", "没有 13 月"), ("30/04/2020", "先后无法确定"),
    ("04/05/2020", "先后无法确定"), ("20-4-30", "先后无法确定"), ("下周一", "不是有效日期"), ("1899-12-31", "不在"),
    ("2020年4月", "只写到月份"),
])
def test_bad_dates_refused_with_reason(bad, why):
    """Impossible days, day-first or short-year forms, words and bare months name the field and the reason."""
    with pytest.raises(UserError) as e:
        parse_date(bad, "验收日期")
    assert "验收日期" in e.value.message and why in e.value.message and e.value.field == "验收日期"


def test_blank_and_date_objects():
    """Blank is None; date and datetime pass through as the day."""
    assert parse_date("  ", "x") is None and parse_date(None, "x") is None
    assert parse_date(datetime(2020, 4, 30, 13, 5), "x") == date(2020, 4, 30)


@pytest.mark.parametrize("text,end,expected", [
    ("2020年10月底", False, date(2020, 10, 31)), ("2020.4", False, date(2020, 4, 1)), ("2020.4", True, date(2020, 4, 30)),
    ("2020年2月下旬", False, date(2020, 2, 29)), ("2020年6月上旬", False, date(2020, 6, 10)),
])
def test_months_only_where_allowed(text, end, expected):
    """Ledgers may give a month (底/上旬/…); that reading is only used where a caller allows it."""
    assert date_reason(text, month_end=end, allow_month=True) == (expected, None)
    assert date_reason(text)[0] is None


def test_ledger_import_uses_the_same_parser():
    """The ledger import's cell converter gives the same day and the same refusal as forms do."""
    from desktop.ledger_import.values import CellError, to_date

    assert to_date("２０２０．４．３０", False) == date(2020, 4, 30)
    with pytest.raises(CellError, match="先后无法确定"):
        to_date("30/04/2020", False)
