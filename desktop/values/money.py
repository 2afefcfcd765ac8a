"""Money as integer fen: the one parser of amounts people write (元 / 万元 / 亿元) and the one rounding rule
for 万元, so the screen, PDF, Excel and Word always show the same figure for the same fen.

Parsing: full-width digits and punctuation are folded, thousands separators must sit every three digits,
a unit written in the text wins over the field's unit, and anything that could be read two ways is refused
with the reason (a comma that might be a decimal point, two units, a fraction of a fen).
"""
from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desktop.core.errors import UserError
from desktop.values.capitals import fen_to_capitals  # noqa: F401  (one import place for every money helper)

FEN_PER = {"元": 100, "千元": 100_000, "万元": 1_000_000, "亿元": 10_000_000_000}
UNIT_WORDS = {"元": "元", "块": "元", "千元": "千元", "万元": "万元", "万": "万元", "亿元": "亿元", "亿": "亿元"}
WAN_PLACES = 2  # 万元 are shown with two decimals everywhere (tables, forms, documents)
_ONE_WAN = Decimal(1_000_000)

_AMOUNT = re.compile(r"^(?P<sign>[+-]?)(?P<int>[0-9,]*)(?:\.(?P<frac>[0-9]*))?(?P<unit>千元|万元|亿元|元|块|万|亿)?(?:整)?$")
_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+$")


def _fold(text: str) -> str:
    """Full-width forms to ASCII, spaces and currency marks removed; 、 and ， become commas."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("，", ",").replace("、", ",").replace("。", ".")
    s = "".join(s.split())
    for mark in ("人民币", "RMB", "CNY", "¥", "￥"):
        s = s.replace(mark, "")
    return s


def money_reason(value, unit: str = "元") -> tuple[int | None, str | None]:
    """(fen, None) for an amount, or (None, a short Chinese reason). `unit` is the field's unit."""
    if unit not in FEN_PER:
        raise ValueError(unit)
    if isinstance(value, bool) or value is None:
        return None, "不是金额"
    if isinstance(value, int):
        amount = Decimal(value) * FEN_PER[unit]
    elif isinstance(value, (float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else value
        if not number.is_finite():
            return None, "不是金额"
        amount = number * FEN_PER[unit]
    else:
        raw = str(value)
        s = _fold(raw)
        if not s:
            return None, "为空，请填写金额"
        if s.count(".") > 1:
            return None, "有多个小数点，无法判断哪一个是小数点（千分位请用逗号，例如 16,900,000.00）"
        m = _AMOUNT.match(s)
        if not m:
            if re.search(r"[0-9]", s) and len(re.findall(r"千元|万元|亿元|元|万|亿|千|百", s)) > 1:
                return None, "写了不止一个单位（例如 5万3千元），请只写一个数和一个单位，例如 5.3万元"
            return None, "不是金额，请填写数字，例如 1690万元 或 16,900,000.00"
        digits = m["int"]
        if "," in digits and not _GROUPED.match(digits):
            return None, "逗号位置不对：千分位逗号应每三位一个（例如 16,900,000），逗号不能当小数点用"
        digits = digits.replace(",", "")
        if not digits and not m["frac"]:
            return None, "不是金额，请填写数字"
        if m["unit"]:
            unit = UNIT_WORDS[m["unit"]]
        try:
            number = Decimal(f"{m['sign']}{digits or '0'}.{m['frac'] or '0'}")
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return None, "不是金额"
        amount = number * FEN_PER[unit]
    if amount != amount.to_integral_value():
        places = {"元": "两", "千元": "五", "万元": "六", "亿元": "十"}.get(unit, "两")
        return None, f"比 1 分还细（以{unit}为单位最多保留{places}位小数，即到分）"
    if abs(amount) >= Decimal(10) ** 17:
        return None, "金额过大，请检查单位"
    return int(amount), None


def parse_money(value, unit: str = "元", label: str = "金额", allow_negative: bool = False) -> int:
    """User text → integer fen. `unit` is what a bare number means; a unit written in the text wins."""
    fen, reason = money_reason(value, unit)
    if reason:
        raise UserError(f"{label} '{value}' {reason}。", field=label)
    if fen < 0 and not allow_negative:
        raise UserError(f"{label}不能为负数（填写的是 {value}）。", field=label)
    return fen


def yuan_to_fen(text, label: str = "金额", allow_negative: bool = False) -> int:
    """'16,900,000.00' → 1690000000; a bare number is 元, '50万元' is 50万元."""
    return parse_money(text, "元", label, allow_negative)


def wan_to_fen(text, label: str = "金额") -> int:
    """'1690' → 1690000000 fen; a bare number is 万元, '1690元' is 1690元."""
    return parse_money(text, "万元", label)


def float_to_fen(value: float, unit: str) -> tuple[int, bool]:
    """A number a spreadsheet computed (may carry binary noise) → (fen rounded half up, whether it was rounded)."""
    amount = Decimal(repr(value)) * FEN_PER[unit]
    fen = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(fen), abs(amount - fen) >= Decimal("0.001")


def fen_to_wan(fen: int | None, places: int = WAN_PLACES) -> Decimal:
    """The one 万元 rounding rule: exact Decimal, rounded half up to `places` (what every output shows)."""
    return (Decimal(int(fen or 0)) / _ONE_WAN).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fen_to_yuan(fen: int | None) -> Decimal:
    """Exact 元 as Decimal with two places."""
    return (Decimal(int(fen or 0)) / 100).quantize(Decimal("0.01"))


def fen_to_wan_str(fen: int | None, places: int = WAN_PLACES) -> str:
    """1690000000 → '1,690.00' (万元, thousands separators)."""
    return f"{fen_to_wan(fen, places):,.{places}f}"


def fen_to_wan_exact(fen: int | None) -> str:
    """万元 without losing a fen, trailing zeros dropped: '123.456789', '1690' (for editing fields)."""
    text = f"{Decimal(int(fen or 0)) / _ONE_WAN:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def fen_to_yuan_str(fen: int | None) -> str:
    """1690000000 → '16900000.00' (a plain decimal string, never a float)."""
    return f"{fen_to_yuan(fen):f}"


def fen_to_yuan_display(fen: int | None) -> str:
    """1690000000 → '16,900,000.00'."""
    return f"{fen_to_yuan(fen):,.2f}"


def fen_to_money_text(fen: int | None) -> str:
    """Evidence form, readable by anyone: '16,900,000.00 元（1,690.00 万元）'."""
    return f"{fen_to_yuan_display(fen)} 元（{fen_to_wan_str(fen)} 万元）"


def amount_to_fen(text, unit: str = "元", label: str = "金额") -> int:
    """A typed or pasted amount in fen in a column of `unit` (the half-monthly round's name for parse_money)."""
    return parse_money(text, unit, label)
