"""The shape every prescribed table shares, so one Excel writer and one PDF writer serve all six.

A table is: an attachment label (附件1), a title, a unit line, an info line, columns under
one- or two-level headers, and lines — the 合计 line first (as county forms put it), then a
section line per group (一、市级项目（8个）) carrying its 小计, then that group's rows.
Amounts are integer fen in the lines; writers convert to 万元 or 元 only when they print.
"""
from __future__ import annotations

from dataclasses import dataclass, field

CN_NUMERALS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (section numbering)."""
    if n <= 10:
        return CN_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMERALS[ones - 1] if ones else "")


@dataclass
class Col:
    key: str
    title: str
    group: str | None = None  # the upper header spanning neighbouring columns with the same group
    width: float = 10.0  # Excel character widths; the PDF scales them to the page
    kind: str = "text"  # text | money | int | pct | date | seq | risk | flag (a centred mark)
    total: bool = False  # summed in section and 合计 lines
    ratio: tuple[str, str] | None = None  # pct recomputed in sums as key0 / key1
    wrap: bool = False
    show: bool = True  # False: summed for a ratio only, never printed


@dataclass
class Line:
    kind: str  # data | section | total
    values: dict


@dataclass
class Report:
    kind: str
    attachment: str  # 附件1 …, or "" for tables without a number
    title: str
    unit_line: str
    info_line: str
    columns: list[Col]
    lines: list[Line]
    notes: list[str] = field(default_factory=list)
    sheet_name: str = "报表"
    money_unit: str = "万元"
    label_key: str = "name"  # the column holding 合计 / section titles

    @property
    def shown(self) -> list[Col]:
        return [c for c in self.columns if c.show]

    @property
    def data_count(self) -> int:
        return sum(1 for ln in self.lines if ln.kind == "data")


def sum_lines(columns: list[Col], rows: list[dict]) -> dict:
    """Totals of the summed columns; ratio columns recomputed from the summed parts."""
    out: dict = {}
    for c in columns:
        if c.total:
            out[c.key] = sum(r.get(c.key) or 0 for r in rows)
    for c in columns:
        if c.ratio:
            num, den = out.get(c.ratio[0], 0), out.get(c.ratio[1], 0)
            out[c.key] = (num / den) if den else None
    return out


def sectioned(columns: list[Col], groups: list[tuple[str, list[dict]]], label_key: str = "name",
              seq_key: str = "seq", total_label: str = "合计", count_word: str = "个") -> list[Line]:
    """合计 first, then 一、<group>（n个） with its 小计, then the group's rows numbered 1…n."""
    everything = [r for _, rows in groups for r in rows]
    lines = [Line("total", {**sum_lines(columns, everything), label_key: total_label})]
    for i, (title, rows) in enumerate(groups, 1):
        head = {**sum_lines(columns, rows), seq_key: cn_number(i), label_key: f"{title}（{len(rows)}{count_word}）"}
        lines.append(Line("section", head))
        for n, r in enumerate(rows, 1):
            lines.append(Line("data", {**r, seq_key: n}))
    return lines


def group_by(rows: list[dict], key, order: list | None = None) -> list[tuple[str, list[dict]]]:
    """Rows grouped by key(row), in `order` first, then the rest by name; rows keep their order."""
    buckets: dict = {}
    for r in rows:
        buckets.setdefault(key(r), []).append(r)
    ordered = [k for k in (order or []) if k in buckets] + sorted(k for k in buckets if k not in (order or []))
    return [(k, buckets[k]) for k in ordered]
