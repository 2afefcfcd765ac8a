"""The value types a setting can have, each a check: (raw value, label) -> clean value, or a UserError in Chinese.

Why separate from the registry: the registry (desktop.core.settings) is a table to read at a glance;
the parsing rules (comma lists, 06-30 dates, window geometry bytes) live here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from desktop.core.errors import UserError


@dataclass(frozen=True)
class SettingType:
    name: str  # shown in messages: 整数, 小数, 文字 …
    check: Callable[[Any, str], Any]


def _refuse(label: str, value, what: str) -> UserError:
    return UserError(f"设置「{label}」的值 '{value}' 类型不对：{what}。", field=label)


def integer(lo: int, hi: int) -> SettingType:
    def check(value, label):
        if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
            raise _refuse(label, value, f"应为 {lo}–{hi} 之间的整数")
        try:
            n = int(str(value).strip().replace(",", ""))
        except ValueError:
            raise UserError(f"设置「{label}」的值 '{value}' 不是整数，请填写 {lo}–{hi} 之间的数字。", field=label) from None
        if not lo <= n <= hi:
            raise UserError(f"设置「{label}」的值 {n} 超出范围，应在 {lo}–{hi} 之间。", field=label)
        return n
    return SettingType("整数", check)


def decimal_number(lo: float, hi: float, example: str) -> SettingType:
    """A size or ratio (never money: money is integer fen)."""
    def check(value, label):
        if isinstance(value, bool):
            raise _refuse(label, value, f"应为数字，例如 {example}")
        try:
            x = float(str(value).strip())
        except ValueError:
            x = float("nan")
        if not lo < x <= hi:
            raise UserError(f"设置「{label}」的值 '{value}' 无效，应为大于 {lo:g}、不超过 {hi:g} 的数字，例如 {example}。",
                            field=label)
        return x
    return SettingType("数字", check)


def text(max_len: int = 1000, choices: tuple[str, ...] = ()) -> SettingType:
    def check(value, label):
        if not isinstance(value, str):
            raise _refuse(label, value, "应为文字")
        if len(value) > max_len:
            raise UserError(f"设置「{label}」太长（{len(value)} 个字符，最多 {max_len}）。", field=label)
        if choices and value not in choices:
            raise UserError(f"设置「{label}」的值 '{value}' 不可用，可选：{'、'.join(choices)}。", field=label)
        return value
    return SettingType("文字", check)


def _category_list(value, label):
    if isinstance(value, str):
        value = value.replace("，", ",").replace("、", ",").split(",")
    if not isinstance(value, (list, tuple)):
        raise UserError(f"设置「{label}」应为类别列表，例如 产业、乡村旅游。", field=label)
    items = [str(v).strip() for v in value if str(v).strip()]
    if not items:
        raise UserError(f"设置「{label}」不能为空，例如 产业、乡村旅游。", field=label)
    return items


CATEGORY_LIST = SettingType("类别列表", _category_list)


def _milestone_targets(value, label):
    """[(MM-DD, works %, money %)], rising; also accepts the JSON text of such a list."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise _refuse(label, value, '应为目标列表，例如 [["06-30", 50, 50], ["10-30", 100, 100]]') from None
    if not isinstance(value, (list, tuple)) or not value:
        raise _refuse(label, value, '应为目标列表，例如 [["06-30", 50, 50], ["10-30", 100, 100]]')
    clean, last = [], (0, 0)
    for i, entry in enumerate(value, 1):
        if not isinstance(entry, (list, tuple)) or len(entry) != 3:
            raise UserError(f"第 {i} 个目标应为（日期, 工程进度%, 资金拨付%）三项。", field="目标")
        md, works, money = entry
        md = str(md).strip()
        try:
            month, day = (int(x) for x in md.replace("月", "-").replace("日", "").split("-"))
            date(2020, month, day)
        except ValueError:
            raise UserError(f"第 {i} 个目标的日期 '{md}' 无效，请写成 06-30。", field="目标日期") from None
        for what, v in (("工程进度目标", works), ("资金拨付目标", money)):
            if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 100:
                raise UserError(f"第 {i} 个目标的{what} '{v}' 应为 0–100 的整数。", field=what)
        if works < last[0] or money < last[1]:
            raise UserError(f"第 {i} 个目标（{md}）低于前一个目标，目标应逐步提高。", field="目标")
        last = (works, money)
        clean.append((f"{month:02d}-{day:02d}", works, money))
    return sorted(clean)


MILESTONE_TARGETS = SettingType("目标列表", _milestone_targets)


def _record(value, label):
    if not isinstance(value, dict):
        raise _refuse(label, value, "应为程序记录")
    return value


RECORD = SettingType("程序记录", _record)


def _window_bytes(value, label):
    """Window geometry or a table header's state, as Qt saved it (QByteArray) or plain bytes."""
    if isinstance(value, (bytes, bytearray)) or type(value).__name__ == "QByteArray":
        return value
    raise _refuse(label, value, "应为窗口状态数据")


WINDOW_BYTES = SettingType("窗口状态", _window_bytes)
