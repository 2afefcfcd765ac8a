"""大写金额: an amount in Chinese capital numerals as contracts and receipts write it (壹仟陆佰玖拾万元整)."""
from __future__ import annotations

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


def _yuan_words(yuan: int) -> str:
    groups = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
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
    return text


def fen_to_capitals(fen: int) -> str:
    """Integer fen → 大写金额, with 零 where a digit group is skipped and 整 when there are no fen."""
    fen = int(fen)
    if fen < 0:
        return "负" + fen_to_capitals(-fen)
    yuan, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    parts: list[str] = []
    if yuan:
        parts.append(_yuan_words(yuan) + "元")
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
