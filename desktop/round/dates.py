"""Report dates of the half-monthly round: the 14th and the 29th of each month (February: its last day).

Kept apart from the tables so the grid, the sheet, the CLI and the 半月调度表 agree on one rule, and
so the message for a wrong date never names a command-line flag (the GUI shows it too).
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from desktop.core.errors import UserError


def _second(y: int, m: int) -> int:
    return min(29, calendar.monthrange(y, m)[1])


def is_report_date(d: date) -> bool:
    return d.day in (14, _second(d.year, d.month))


def latest_report_date(today: date) -> date:
    """The most recent 14th / 29th on or before today (the default report date everywhere)."""
    second = _second(today.year, today.month)
    if today.day >= second:
        return date(today.year, today.month, second)
    if today.day >= 14:
        return date(today.year, today.month, 14)
    prev = date(today.year, today.month, 1) - timedelta(days=1)
    return date(prev.year, prev.month, _second(prev.year, prev.month))


def period_of(d: date) -> tuple[date, date]:
    """(previous report date, this report date); this period is the days after the first up to the second.

    A day that is not a report date is refused, naming the nearest report date before it."""
    if not is_report_date(d):
        before = latest_report_date(d)
        raise UserError(f"半月调度的报送日是每月14日和29日（2月为月末）。{d.isoformat()} 不是报送日，"
                        f"最近的报送日是 {before.isoformat()}，请改选这一天。")
    if d.day == 14:
        prev_month = date(d.year, d.month, 1) - timedelta(days=1)
        return date(prev_month.year, prev_month.month, _second(prev_month.year, prev_month.month)), d
    return date(d.year, d.month, 14), d


def date_label(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
