"""Money as integer fen: parsing user text, formatting 元 and 万元, Chinese capitals."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation, ROUND_HALF_UP

from desktop.core.errors import UserError


def _decimal(text, label: str) -> Decimal:
    if isinstance(text, bool):
        raise UserError(f"{label} '{text}' 不是金额。")
    if isinstance(text, float):
        text = repr(text)
    s = str(text).strip().replace(",", "").replace("，", "").replace(" ", "")
    for suffix in ("万元", "元"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise UserError(f"{label} '{text}' 不是金额，请填写数字，例如 1690 或 16900000.00。") from None
    if not value.is_finite():
        raise UserError(f"{label} '{text}' 不是金额。")
    return value


def yuan_to_fen(text, label: str = "金额", allow_negative: bool = False) -> int:
    """'16,900,000.00' → 1690000000. Refuses negatives and more than two decimals."""
    value = _decimal(text, label)
    if value < 0 and not allow_negative:
        raise UserError(f"{label}不能为负数（填写的是 {text}）。")
    fen = value * 100
    if fen != fen.to_integral_value():
        raise UserError(f"{label} '{text}' 最多保留两位小数（到分）。")
    return int(fen)


def wan_to_fen(text, label: str = "金额") -> int:
    """'1690' 万元 → 1690000000 fen."""
    value = _decimal(text, label)
    if value < 0:
        raise UserError(f"{label}不能为负数（填写的是 {text}）。")
    fen = (value * 1_000_000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(fen)


def fen_to_yuan_str(fen: int | None) -> str:
    """1690000000 → '16900000.00' (a decimal string, never a float)."""
    fen = int(fen or 0)
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def fen_to_wan_str(fen: int | None, places: int = 2) -> str:
    value = (Decimal(int(fen or 0)) / Decimal(1_000_000)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{value:,.{places}f}"


def fen_to_yuan_display(fen: int | None) -> str:
    value = Decimal(int(fen or 0)) / 100
    return f"{value:,.2f}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_BIG_UNITS = ["", "万", "亿", "万亿"]


def _four(n: int) -> str:
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = n // (10 ** pos) % 10
        if d == 0:
            zero = bool(out)
        else:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _SMALL_UNITS[pos]
    return out


def fen_to_capitals(fen: int) -> str:
    """Amount in Chinese capital numerals as contracts write it: 壹仟陆佰玖拾万元整."""
    if fen < 0:
        return "负" + fen_to_capitals(-fen)
    yuan, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    parts: list[str] = []
    if yuan:
        groups = []
        n = yuan
        while n:
            groups.append(n % 10000)
            n //= 10000
        text, need_zero = "", False
        for i in range(len(groups) - 1, -1, -1):
            g = groups[i]
            if g == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or g < 1000):
                text += "零"
            text += _four(g) + _BIG_UNITS[i]
            need_zero = False
        parts.append(text + "元")
    if jiao == 0 and cents == 0:
        return (parts[0] if parts else "零元") + "整"
    if jiao:
        parts.append(_DIGITS[jiao] + "角")
    elif yuan:
        parts.append("零")
    if cents:
        parts.append(_DIGITS[cents] + "分")
    else:
        parts.append("整")
    return "".join(parts)


def amount_to_fen(text, unit: str = "元", label: str = "金额") -> int:
    """A typed or pasted amount in fen; a written 万元 or 元 suffix wins over the column's `unit`.

    '12,500.50' → 1250050; '5万元' → 500000000 even in a 元 column; '3000元' in a 万元 column → 300000.
    (Added for the half-monthly round, issue 19; the general unit parser of issue 14 may replace it.)"""
    original = text
    if isinstance(text, str):
        s = text.strip().replace(" ", "").replace("\u3000", "")
        if s.endswith("万元") or s.endswith("万"):
            unit, text = "万元", s[: -2 if s.endswith("万元") else -1]
        elif s.endswith("元"):
            unit, text = "元", s[:-1]
    try:
        return wan_to_fen(text, label) if unit == "万元" else yuan_to_fen(text, label)
    except UserError as e:  # name what was written, with its unit, not the number left after taking it off
        raise UserError(e.message.replace(f"'{text}'", f"'{original}'").replace(f" {text}）", f" {original}）"),
                        field=e.field) from None
