"""Shape checks for everything a package says, before any of it is used.

Why: a township's copy of the program can be altered, and its packages are still signed with a
real key. So every identifier, integer and string is checked by type and shape here (ids are
UUIDs, sha256 is 64 hex digits, integers fit the database, strings fit their column and carry no
control characters or lone surrogates, JSON values are shallow and small). A value that fails is
refused with a message naming the line, table, record and field — never echoing the bad value.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String, Text

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SHA_RE = re.compile(r"[0-9a-f]{64}")
SCHEMA_RE = re.compile(r"[0-9a-z_]{1,64}")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")  # Text may keep \t \n \r
LINE_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")               # String columns: none at all
INT_MIN, INT_MAX = -(1 << 63), (1 << 63) - 1
SEQ_MAX = 1 << 53              # change and package numbers: far above any real count, exact in JSON
MAX_TEXT = 100_000             # characters in one Text field (a very long report is ~20,000)
MAX_JSON_BYTES = 256 << 10     # one JSON column value
MAX_JSON_DEPTH = 8
MAX_NUMERIC_CHARS = 40
FILENAME_BAD = re.compile(r"[/\\:*?\"<>|]")


class Bad(ValueError):
    """A value of the wrong shape; `what` is a Chinese description without the value itself."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def seq(v, what: str, low: int = 0) -> int:
    """A change or package number: a plain integer from `low` to 2**53."""
    if not is_int(v) or not low <= v <= SEQ_MAX:
        raise Bad(f"{what} 不是有效的序号")
    return v


def uuid(v, what: str) -> str:
    if not isinstance(v, str) or not UUID_RE.fullmatch(v):
        raise Bad(f"{what} 不是有效的编号（应为 UUID）")
    return v


def sha256(v, what: str) -> str:
    if not isinstance(v, str) or not SHA_RE.fullmatch(v):
        raise Bad(f"{what} 不是有效的 SHA-256（应为 64 位十六进制）")
    return v


def text(v, what: str, limit: int, multiline: bool = False) -> str:
    if not isinstance(v, str):
        raise Bad(f"{what} 应为文字")
    if len(v) > limit:
        raise Bad(f"{what} 太长（{len(v)} 字，上限 {limit} 字）")
    if (CONTROL_RE if multiline else LINE_CONTROL_RE).search(v):
        raise Bad(f"{what} 含有控制字符或无效字符")
    return v


def filename(v, what: str) -> str:
    text(v, what, 255)
    if FILENAME_BAD.search(v) or v.strip() in ("", ".", "..") or v.startswith("."):
        raise Bad(f"{what} 不是安全的文件名（含路径分隔符或保留字符）")
    return v


def json_value(v, what: str, depth: int = 0) -> None:
    """A JSON column value: shallow, no oversized numbers, strings without control characters."""
    if depth > MAX_JSON_DEPTH:
        raise Bad(f"{what} 嵌套层数过多")
    if isinstance(v, dict):
        for k, x in v.items():
            text(k, what, 200)
            json_value(x, what, depth + 1)
    elif isinstance(v, list):
        for x in v:
            json_value(x, what, depth + 1)
    elif isinstance(v, str):
        text(v, what, MAX_TEXT, multiline=True)
    elif is_int(v):
        if not INT_MIN <= v <= INT_MAX:
            raise Bad(f"{what} 含有超出范围的整数")
    elif isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise Bad(f"{what} 含有无效数字")
    elif v is not None and not isinstance(v, bool):
        raise Bad(f"{what} 的类型不对")


def column_value(column, v, what: str) -> None:
    """One field of a change set against its column: type, range, length, characters, identifiers."""
    if v is None:
        if not column.nullable and column.key != "deleted":
            raise Bad(f"{what} 不能为空")
        return
    t, key = column.type, column.key
    if column.foreign_keys or key.endswith("_id"):
        uuid(v, what)
    elif key == "sha256":
        sha256(v, what)
    elif key == "filename":
        filename(v, what)
    elif isinstance(t, Boolean):
        if not isinstance(v, bool):
            raise Bad(f"{what} 应为是/否")
    elif isinstance(t, Integer):
        if not is_int(v) or not INT_MIN <= v <= INT_MAX:
            raise Bad(f"{what} 不是数据库能保存的整数")
    elif isinstance(t, Numeric):
        _numeric(v, what)
    elif isinstance(t, DateTime):
        _when(v, what, datetime.fromisoformat)
    elif isinstance(t, Date):
        _when(v, what, date.fromisoformat)
    elif isinstance(t, String) and t.length:
        text(v, what, t.length)
    elif isinstance(t, (String, Text)):
        text(v, what, MAX_TEXT, multiline=True)
    elif isinstance(t, JSON):
        json_value(v, what)
        if key.endswith("_ids"):
            if not isinstance(v, list) or len(v) > 10_000:
                raise Bad(f"{what} 应为编号列表")
            for x in v:
                uuid(x, what)


def _numeric(v, what: str) -> None:
    if isinstance(v, bool) or not isinstance(v, (str, int)) or len(str(v)) > MAX_NUMERIC_CHARS:
        raise Bad(f"{what} 不是有效的数值")
    try:
        d = Decimal(str(v))
    except InvalidOperation:
        raise Bad(f"{what} 不是有效的数值") from None
    if not d.is_finite():
        raise Bad(f"{what} 不是有效的数值")


def _when(v, what: str, parse) -> None:
    if not isinstance(v, str) or len(v) > 40:
        raise Bad(f"{what} 不是有效的日期时间")
    try:
        parse(v)
    except ValueError:
        raise Bad(f"{what} 不是有效的日期时间") from None
