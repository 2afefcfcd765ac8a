"""Turning one ledger cell into a stored value, the way clerks actually fill cells in.

Every converter raises CellError with a short Chinese reason; the caller adds the row,
column title and cell reference, so the clerk reads e.g. "第12行 计划投资（F12）'待定' 不是金额".
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from desktop.values.dates import date_reason
from desktop.values.money import float_to_fen, money_reason

PLACEHOLDERS = {"", "-", "--", "—", "——", "/", "\\", "无", "暂无", "空", "0/", "N/A", "n/a", "NA", "×"}
EXCEL_EPOCH = date(1899, 12, 30)


class CellError(Exception):
    """A cell that cannot become the value its column asks for."""


def clean_text(value) -> str:
    """Line breaks and runs of spaces (also full-width ones) collapsed to one space; characters kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\u3000", " ").split())


def tight(value) -> str:
    """Full-width forms folded and every space removed: how headers, names and numbers are compared."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and tight(value) in PLACEHOLDERS)


def to_fen(value, unit: str) -> tuple[int | None, str | None]:
    """An amount in 元 or 万元 as integer fen, with a warning when a computed float was rounded.

    Text goes through the one money parser (desktop.values.money): a unit in the cell wins over the column's."""
    if is_blank(value):
        return None, None
    if isinstance(value, bool) or isinstance(value, (date, datetime)):
        raise CellError("不是金额")
    if isinstance(value, float):
        fen, rounded = float_to_fen(value, unit)
        note = f"金额 {value} 已四舍五入到分" if rounded else None
    else:
        fen, reason = money_reason(value, unit)
        if reason:
            raise CellError(reason)
        note = None
    if fen < 0:
        raise CellError("金额不能为负数")
    return fen, note


def to_date(value, month_end: bool) -> date | None:
    """Excel dates, serial numbers and every written form the one date parser reads, months included."""
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial number in a cell not formatted as a date
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError("不是日期")
    d, reason = date_reason(value, month_end=month_end, allow_month=True)
    if reason:
        raise CellError(reason)
    return d


def to_count(value, units: str = "户人个") -> int | None:
    """A whole number of households or people: 57, 57.0, '57户', '1,200'."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("不是整数")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("不是整数")
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise CellError("不能为负数")
        return value
    text = tight(value).replace(",", "").rstrip(units)
    if not text.isdigit():
        raise CellError("不是整数")
    return int(text)


def to_year(value) -> int:
    text = tight(value).rstrip("年").replace("年度", "")
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not (text.isdigit() and 2000 <= int(text) <= 2100):
        raise CellError("不是年度（应为 2000–2100 之间的年份，例如 2020）")
    return int(text)


DONE_WORDS = ("已完工", "完工", "已竣工", "竣工", "已建成", "建成", "全部完成", "已完成")


def to_percent(value) -> tuple[float | None, str | None, bool]:
    """A progress cell: 85, '85%', 0.85 (a fraction: decided per column later) or words like 已完工.

    Returns (number, prose, explicit): prose is kept for the note when the cell is a sentence;
    explicit is True when the cell itself says it is a percentage (85%, 已完工).
    """
    if is_blank(value):
        return None, None, False
    if isinstance(value, bool):
        raise CellError("不是百分比")
    if isinstance(value, (int, float)):
        if value < 0:
            raise CellError("不能为负数")
        return float(value), None, False
    text = tight(value)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(%?)", text)
    if m:
        return float(m[1]), None, bool(m[2])
    if text in DONE_WORDS:
        return 100.0, None, True
    if text in ("未开工", "未启动", "前期", "前期工作"):
        return 0.0, None, True
    return None, clean_text(value), False


def to_bool(value) -> bool | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    text = tight(value).lower()
    if text in ("是", "有", "√", "✓", "已设立", "已确权", "已登记", "yes", "y", "1", "true"):
        return True
    if text in ("否", "无", "×", "未设立", "未确权", "未登记", "no", "n", "0", "false", "-", "/"):
        return False
    raise CellError("请填写 是 或 否")


STAGE_WORDS = [
    ("reserve", ("储备", "入库储备")),
    ("preparation", ("前期", "未开工", "待开工", "前期工作", "前期阶段", "筹备", "未启动")),
    ("construction", ("在建", "施工", "已开工", "建设中", "正在施工", "实施中", "施工中", "开工")),
    ("completed", ("完工", "已完工", "竣工", "已竣工", "建成", "已建成", "完工未验收")),
    ("accepted", ("已验收", "验收", "通过验收", "竣工验收")),
    ("operating", ("运营", "已移交", "移交", "投入使用", "运行", "已运营", "移交运营", "已投产")),
]

RISK_WORDS = {"红": "red", "红色": "red", "红级": "red", "黄": "yellow", "黄色": "yellow", "黄级": "yellow",
              "绿": "green", "绿色": "green", "绿级": "green", "red": "red", "yellow": "yellow", "green": "green"}


def to_stage(value) -> str | None:
    text = tight(value)
    if not text or text in PLACEHOLDERS:
        return None
    for code, words in STAGE_WORDS:
        if text in words:
            return code
    for code, words in reversed(STAGE_WORDS):
        if any(w in text for w in words if len(w) > 1):
            return code
    raise CellError("不是可识别的项目阶段（可写：储备、前期、在建、完工、验收、运营）")


def to_risk(value) -> str | None:
    text = tight(value).lower()
    if not text or text in PLACEHOLDERS:
        return None
    if text in RISK_WORDS:
        return RISK_WORDS[text]
    for word, code in RISK_WORDS.items():
        if len(word) == 1 and text.startswith(word):
            return code
    raise CellError("请填写 红、黄 或 绿")


def fen_text(fen: int) -> str:
    """12345678 fen → '12.345678 万元' (exact, for messages)."""
    from decimal import Decimal

    return f"{(Decimal(fen) / Decimal(1_000_000)).normalize():f} 万元"
