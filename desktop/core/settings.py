"""Typed settings kept in the Setting table (key → JSON text), each with a default and a check.

Why: the seeds say thresholds "differ by province" (3000万 / 1000万 in 广西) and targets change
by year, so they are data an office can change, not constants. Reading never writes: an
unset key gives its default. A bad value is refused in Chinese naming the setting.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Setting
from desktop.core.errors import UserError


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: Any
    check: Callable[[Any, str], Any]  # (raw value, label) -> clean value, or raise UserError
    unit: str = ""


def _int_range(lo: int, hi: int):
    def check(value, label):
        if isinstance(value, bool):
            raise UserError(f"设置「{label}」的值 '{value}' 不是整数。", field=label)
        try:
            n = int(str(value).strip().replace(",", ""))
        except ValueError:
            raise UserError(f"设置「{label}」的值 '{value}' 不是整数，请填写 {lo}–{hi} 之间的数字。", field=label) from None
        if not lo <= n <= hi:
            raise UserError(f"设置「{label}」的值 {n} 超出范围，应在 {lo}–{hi} 之间。", field=label)
        return n
    return check


def _category_list(value, label):
    if isinstance(value, str):
        value = [v for v in value.replace("，", ",").replace("、", ",").split(",")]
    if not isinstance(value, (list, tuple)):
        raise UserError(f"设置「{label}」应为类别列表，例如 产业、乡村旅游。", field=label)
    items = [str(v).strip() for v in value if str(v).strip()]
    if not items:
        raise UserError(f"设置「{label}」不能为空，例如 产业、乡村旅游。", field=label)
    return items


SPECS: dict[str, SettingSpec] = {s.key: s for s in [
    SettingSpec("risk.province_threshold_wan", "省级督办金额下限", 3000, _int_range(1, 10_000_000), "万元"),
    SettingSpec("risk.prefecture_threshold_wan", "市（州）级督办金额下限", 1000, _int_range(1, 10_000_000), "万元"),
    SettingSpec("risk.acceptance_due_days", "完工后应验收的天数", 90, _int_range(1, 3650), "天"),
    SettingSpec("risk.settlement_due_days", "完工后应结算的天数", 180, _int_range(1, 3650), "天"),
    SettingSpec("risk.unfinished_red_days", "超过计划完工日期多少天视为疑似建而不成", 180, _int_range(1, 3650), "天"),
    SettingSpec("risk.unused_red_days", "完工后多少天仍未运营视为疑似成而不用", 180, _int_range(1, 3650), "天"),
    SettingSpec("risk.industry_categories", "须设立共管账户的项目类别", ["产业", "乡村旅游"], _category_list),
    SettingSpec("county.silent_days", "乡镇多少天未报送同步包即提示", 15, _int_range(1, 365), "天"),
]}


def _spec(key: str) -> SettingSpec:
    if key not in SPECS:
        known = "、".join(SPECS)
        raise UserError(f"没有设置项 '{key}'。可用的设置：{known}。", field=key)
    return SPECS[key]


def get(session: Session, key: str):
    """The stored value, or the default when unset or unreadable (e.g. written by a newer version)."""
    spec = _spec(key)
    raw = session.scalar(select(Setting.value).where(Setting.key == key))
    if raw is None:
        return spec.default
    try:
        return spec.check(json.loads(raw), spec.label)
    except (ValueError, UserError):
        return spec.default


def get_many(session: Session, keys) -> dict:
    return {k: get(session, k) for k in keys}


def set_value(app, key: str, value) -> Any:
    """Check and store one setting (one transaction); returns the clean value."""
    spec = _spec(key)
    clean = spec.check(value, spec.label)
    if key == "risk.prefecture_threshold_wan" or key == "risk.province_threshold_wan":
        with app.read() as s:
            other = get(s, "risk.province_threshold_wan" if key.endswith("prefecture_threshold_wan")
                        else "risk.prefecture_threshold_wan")
        low, high = (clean, other) if key.endswith("prefecture_threshold_wan") else (other, clean)
        if low >= high:
            raise UserError(f"市（州）级督办金额下限（{low} 万元）必须小于省级督办金额下限（{high} 万元）。",
                            field=spec.label)
    with app.tx(right="settings") as s:
        row = s.get(Setting, key)
        text = json.dumps(clean, ensure_ascii=False)
        if row is None:
            s.add(Setting(key=key, value=text))
        else:
            row.value = text
    return clean


def list_settings(app) -> list[dict]:
    with app.read() as s:
        return [{"key": k, "label": spec.label, "value": get(s, k), "default": spec.default, "unit": spec.unit}
                for k, spec in SPECS.items()]
