"""Reading and checking a terms file. A terms file comes from outside (a package, a USB stick):
every key, type and length is checked before it is used, and a bad file is refused by name."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.paths import resource_path

FORMAT = "towndesk-terms"
BUNDLED_KEYS = ("2021-2025", "2026")
DEFAULT_KEY = "2021-2025"
MAPPINGS = ("asset_classes", "owner_levels", "asset_statuses", "library_states", "labels")
LISTS = ("asset_subtypes", "levels", "categories", "funding_sources")
# The codes the program works with: a terms file may rename them, never drop or add one.
REQUIRED_CODES = {
    "asset_classes": ("operating", "public", "household", "equity", "debt"),
    "owner_levels": ("county", "township", "village", "household"),
    "asset_statuses": ("normal", "idle", "damaged", "disposed"),
    "library_states": ("declared", "town_reviewed", "county_approved", "listed", "implementing", "returned"),
    "labels": ("poor_household", "registered_household", "monitored_household", "asset_ledger", "asset",
               "project_library", "transition_fund", "assistance"),
}
# Labels added after the first terms files went out: a file without them takes the shipped default's word,
# so a county's older file (or a stored record) keeps working.
OPTIONAL_LABELS = ("fund_scope", "poor_people")
MAX_TEXT = 60
MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class Terms:
    """One version of the terms: what a widget or report asks for its words."""
    key: str
    terms_version: int
    title: str
    content: dict = field(hash=False, compare=False)

    def label(self, name: str) -> str:
        return self.content["labels"][name]

    def choices(self, kind: str) -> dict[str, str]:
        return dict(self.content[kind])

    def items(self, kind: str) -> list[str]:
        return list(self.content[kind])

    def code_for(self, kind: str, text, what: str, where: str = "") -> str:
        """The code for a code or a label of any bundled wording; refuses anything else, listing the choices."""
        value = str(text or "").strip()
        mapping = self.content[kind]
        if value in mapping:
            return value
        for code, label in mapping.items():
            if value == label:
                return code
        for other in BUNDLED_KEYS:  # a label of the other wording is still understood
            for code, label in bundled(other).content[kind].items():
                if value == label:
                    return code
        raise UserError(f"{where}{what}“{value}”不是可选值，可选：{'、'.join(mapping.values())}。", field=what)


def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise UserError(f"{where}应为 1–{MAX_TEXT} 字的文字（现为 {str(value)[:30]!r}）。")
    return value.strip()


def parse_terms(data, source: str) -> Terms:
    """A checked Terms from decoded JSON; UserError naming the file and the key otherwise."""
    where = f"用语文件 {source}："
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f"{where}不是 TownDesk 用语文件（缺少 \"format\": \"{FORMAT}\"）。")
    if data.get("format_version") != 1:
        raise UserError(f"{where}格式版本 {data.get('format_version')} 本机不认识，请升级 TownDesk。")
    key = _text(data.get("key"), f"{where}key ")
    version = data.get("terms_version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 100000:
        raise UserError(f"{where}terms_version 应为正整数（现为 {version!r}）。")
    content = {"note": str(data.get("note") or "")[:500]}
    for kind in MAPPINGS:
        mapping = data.get(kind)
        if not isinstance(mapping, dict):
            raise UserError(f"{where}缺少 {kind}（应为 代码: 用语 的对照）。")
        if kind == "labels":
            mapping = _with_optional_labels(mapping, source)
        missing = [c for c in REQUIRED_CODES[kind] if c not in mapping]
        extra = [c for c in mapping if c not in REQUIRED_CODES[kind] + (OPTIONAL_LABELS if kind == "labels" else ())]
        if missing or extra:
            raise UserError(f"{where}{kind} 缺少 {'、'.join(missing) or '无'}，多出 {'、'.join(extra) or '无'}；"
                            "用语文件只能改用语，不能增删代码。")
        codes = REQUIRED_CODES[kind] + (OPTIONAL_LABELS if kind == "labels" else ())
        content[kind] = {c: _text(mapping[c], f"{where}{kind}.{c} ") for c in codes}
        if kind != "labels" and len(set(content[kind].values())) != len(content[kind]):
            raise UserError(f"{where}{kind} 中有重复的用语，每个代码的用语应各不相同。")
    for kind in LISTS:
        items = data.get(kind)
        if not isinstance(items, list) or not items or len(items) > 200:
            raise UserError(f"{where}{kind} 应为 1–200 项的列表。")
        content[kind] = [_text(v, f"{where}{kind} 第 {i} 项 ") for i, v in enumerate(items, 1)]
    return Terms(key, version, _text(data.get("title"), f"{where}title "), content)


def _with_optional_labels(mapping: dict, source: str) -> dict:
    """The labels with any optional one it lacks taken from the shipped default wording."""
    missing = [c for c in OPTIONAL_LABELS if c not in mapping]
    if not missing or source == f"{DEFAULT_KEY}.json":
        return mapping
    default = bundled(DEFAULT_KEY).content["labels"]
    return {**mapping, **{c: default[c] for c in missing}}


def read_terms_file(path) -> Terms:
    """Read a terms file from disk (size-limited, UTF-8 JSON) and check it."""
    path = Path(path)
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as e:
        raise UserError(f"无法读取用语文件 {path}：{e.strerror or e}。") from None
    if len(raw) > MAX_BYTES:
        raise UserError(f"用语文件 {path.name} 超过 {MAX_BYTES // 1024} KB，不像用语文件，未导入。")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as e:
        raise UserError(f"用语文件 {path.name} 不是有效的 UTF-8 JSON（{str(e)[:60]}）。") from None
    return parse_terms(data, path.name)


@lru_cache(maxsize=None)
def bundled(key: str = DEFAULT_KEY) -> Terms:
    """One of the terms files the program ships."""
    if key not in BUNDLED_KEYS:
        raise UserError(f"没有内置用语“{key}”，可选：{'、'.join(BUNDLED_KEYS)}。")
    return read_terms_file(resource_path("terms", f"{key}.json"))
