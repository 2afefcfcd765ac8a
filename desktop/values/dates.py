"""The one date parser: every form, dialog, import and command reads dates through here.

Accepted: 2020-04-30, 2020.4.30, 2020/4/30, 2020年4月30日, 20200430 (full-width digits too), with an
optional time after it; in ledgers also a month alone (2020年10月底, 2020.4, 2020年4月上旬). Two-digit
years and day-first forms (30/04/2020) are refused: they can be read more than one way.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime

from desktop.core.errors import UserError

EARLIEST, LATEST = 1900, 2999
HINT = "请写成 2020-04-30、2020.4.30 或 2020年4月30日"
_TIME = r"(?:[T ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY = re.compile(r"^(\d{4})(?:-|\.|/|年)(\d{1,2})(?:-|\.|/|月)(\d{1,2})日?" + _TIME + "$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(r"^(\d{4})(?:-|\.|/|年)(\d{1,2})月?(底|末|上旬|中旬|下旬|初)?$")
_DAY_FIRST = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")
_SHORT_YEAR = re.compile(r"^\d{2}(?:-|\.|/|年)\d{1,2}(?:-|\.|/|月)\d{1,2}日?$")


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("。", ".")


def _make(year: int, month: int, day: int) -> date | str:
    if not EARLIEST <= year <= LATEST:
        return f"年份 {year} 不在 {EARLIEST}–{LATEST} 之间"
    if not 1 <= month <= 12:
        return f"没有 {month} 月"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{year}年{month}月没有 {day} 日（该月只有 {last} 天）"
    return date(year, month, day)


def date_reason(value, month_end: bool = False, allow_month: bool = False) -> tuple[date | None, str | None]:
    """(date, None), or (None, a short Chinese reason). A month alone only when `allow_month`:
    then 底/末/下旬 mean the last day, 初 the 1st, 上旬 the 10th, 中旬 the 20th, and a bare month the
    first day, or the last when `month_end` (a deadline written as a month)."""
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if value is None or isinstance(value, (bool, int, float)):
        return None, f"不是有效日期（{HINT}）"
    text = _fold(str(value))
    if not text:
        return None, "为空，请填写日期"
    m = _DAY.match(text) or _COMPACT.match(text)
    if m:
        made = _make(int(m[1]), int(m[2]), int(m[3]))
        return (made, None) if isinstance(made, date) else (None, made)
    m = _MONTH.match(text)
    if m and allow_month:
        year, month = int(m[1]), int(m[2])
        first = _make(year, month, 1)
        if isinstance(first, str):
            return None, first
        last = calendar.monthrange(year, month)[1]
        day = {"初": 1, "上旬": 10, "中旬": 20, "下旬": last, "底": last, "末": last}.get(m[3] or "")
        return date(year, month, day or (last if month_end else 1)), None
    if m:
        return None, f"只写到月份，请写出哪一天（例如 {m[1]}-{int(m[2]):02d}-01）"
    if _DAY_FIRST.match(text):
        return None, f"日、月、年的先后无法确定（{HINT}，年份在前）"
    if _SHORT_YEAR.match(text):
        return None, "年份只写了两位，请写四位年份，例如 2020"
    return None, f"不是有效日期（{HINT}）"


def parse_date(value, label: str = "日期", allow_month: bool = False, month_end: bool = False) -> date | None:
    """User text or a date → date; blank → None; anything else → UserError naming the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    d, reason = date_reason(value, month_end=month_end, allow_month=allow_month)
    if reason:
        raise UserError(f"{label} '{value}' {reason}。", field=label)
    return d
