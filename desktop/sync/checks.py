"""Package-level checks run by verify(): the clear header, the signed manifest, every change set and
every attachment entry, each by type, shape and limit, before anything is decided or written.
"""
from __future__ import annotations

import json

from db.models import SYNCED_MODELS
from desktop.sync import shape_plan, shapes
from desktop.sync.changes import FILE_TABLES

MAX_LINE = 4 << 20          # one change set, as JSON text
MAX_CHANGE_SETS = 2_000_000


class Refused(Exception):
    """A package part is unusable; `what` names where (line, table, record, field) without its value."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def header(h: dict) -> None:
    """The clear header: only the types and shapes the exporter writes (it decides nothing by itself)."""
    try:
        if not shapes.is_int(h["format"]) or not 0 < h["format"] < 1000:
            raise shapes.Bad("格式版本无效")
        if not isinstance(h["schema"], str) or not shapes.SCHEMA_RE.fullmatch(h["schema"]):
            raise shapes.Bad("数据库版本无效")
        shapes.text(h["app_version"], "程序版本", 40)
        for k in ("sender", "recipient", "package_id"):
            shapes.uuid(h[k], k)
        shapes.seq(h["package_seq"], "包序号", 1)
    except shapes.Bad as e:
        raise Refused(f"文件头中{e.what}") from None


def manifest(m: dict) -> None:
    try:
        for k in ("base_seq", "upto_seq", "ack", "change_sets"):
            shapes.seq(m[k], k)
        if m["upto_seq"] < m["base_seq"]:
            raise shapes.Bad("upto_seq 小于 base_seq")
        if m["change_sets"] > MAX_CHANGE_SETS:
            raise shapes.Bad("变更条数超过上限")
        if not isinstance(m["sender"], dict) or not isinstance(m["recipient"], dict):
            raise shapes.Bad("发送方/接收方")
        shapes.uuid(m["package_id"], "package_id")
        if "app_version" in m:
            shapes.text(m["app_version"], "程序版本", 40)
        shapes.json_value(m.get("counts"), "counts")
        shapes.seq(m["package_seq"], "包序号", 1)
        head = m.get("chain_head")
        if head is not None:
            chain_head(head)
    except (KeyError, TypeError) as e:
        raise Refused(f"清单缺少必需的项目（{e.__class__.__name__}）") from None
    except shapes.Bad as e:
        raise Refused(f"清单中的 {e.what}") from None


def chain_head(head) -> None:
    if not isinstance(head, dict) or not isinstance(head.get("checkpoints", []), list):
        raise shapes.Bad("审计链头")
    shapes.seq(head.get("rows"), "审计链行数")
    if head.get("hash") is not None:
        shapes.sha256(head["hash"], "审计链头")
    if "scheme" in head and (type(head["scheme"]) is not int or not 1 <= head["scheme"] <= 99):
        raise shapes.Bad("审计链哈希方式")
    if len(head.get("checkpoints", [])) > 64:
        raise shapes.Bad("审计链检查点过多")
    for cp in head.get("checkpoints", []):
        if not isinstance(cp, list) or len(cp) != 2:
            raise shapes.Bad("审计链检查点")
        shapes.seq(cp[0], "审计链检查点")
        shapes.sha256(cp[1], "审计链检查点")


def parse_line(raw: bytes, n: int):
    if len(raw) > MAX_LINE:
        raise Refused(f"变更记录第 {n} 行过长")
    try:
        return json.loads(raw)
    except RecursionError:
        raise Refused(f"变更记录第 {n} 行嵌套层数过多") from None
    except (ValueError, UnicodeDecodeError):
        raise Refused(f"变更记录第 {n} 行无法读取") from None


def change_set(cs, n: int, base: int, upto: int) -> None:
    """One change set: envelope fields, then every field against its column. The place named in a refusal
    (line, table, record) is put together only when there is one: a county checks ~30,000 fields a day."""
    if not isinstance(cs, dict):
        raise Refused(f"变更记录第 {n} 行无法读取")
    record = None  # "table 记录 id" once both are known good
    try:
        s = shapes.seq(cs.get("seq"), "序号", 1)
        if not base < s <= upto:
            raise shapes.Bad(f"序号不在本包声明的范围（{base + 1}–{upto}）内")
        table = cs.get("table")
        if not isinstance(table, str) or table not in SYNCED_MODELS:
            raise shapes.Bad("表名不是同步的数据表")
        shapes.uuid(cs.get("id"), "记录编号")
        record = table
        if cs.get("op") not in ("insert", "update", "delete"):
            raise shapes.Bad("操作类型")
        shapes._when(cs.get("at"), "时间", _parse_at)
        if cs.get("user") is not None:
            shapes.text(cs["user"], "操作人", 100)
        shapes.seq(cs.get("seen") or 0, "seen")
        fields = cs.get("fields")
        if not isinstance(fields, dict) or not fields or len(fields) > 200:
            raise shapes.Bad("字段列表")
        plan = shape_plan.checkers(SYNCED_MODELS[table])  # column_value's rules, dispatched once per column
        for name, value in fields.items():
            check = plan.get(name) if isinstance(name, str) else None
            if check is None:
                raise shapes.Bad("含有本机不认识的字段")
            check(value, "字段 " + name)
    except shapes.Bad as e:
        where = f"变更记录第 {n} 行" if record is None else f"变更记录第 {n} 行（{record} 记录 {cs['id']}）"
        raise Refused(f"{where}：{e.what}") from None


def _parse_at(v: str):
    from datetime import datetime
    return datetime.fromisoformat(v)


def files_referenced(sets: list[dict], files: list[str]) -> None:
    """Every file entry must be named by a record in this package (an attachment or a template)."""
    referenced = {cs["fields"].get("sha256") for cs in sets if cs["table"] in FILE_TABLES}
    loose = [f for f in files if f not in referenced]
    if loose:
        raise Refused(f"包内有 {len(loose)} 个文件没有任何记录引用（如 files/{loose[0][:12]}…）")
