"""Checking a ledger's own 小计/合计 and section totals against its rows.

Subtotal rows are skipped, not imported, but a subtotal that disagrees with the rows above
it usually means a row was typed twice or left out: the dry run says so.
"""
from __future__ import annotations

import re

from desktop.ledger_import.values import CellError, tight, to_fen
from desktop.values.money import fen_to_wan_str

COUNT_RE = re.compile(r"(\d+)个")


class Totals:
    def __init__(self, columns, ctx):
        self.col = next((c for c in columns if c.target == "planned_investment_fen"), None)
        self.ctx = ctx
        self.notes: list[str] = []
        self.merged_money: list = []
        self.grand, self.grand_rows, self.grand_bad = 0, 0, False
        self.sec, self.sec_rows, self.sec_bad = 0, 0, False
        self.since, self.since_bad = 0, False
        self.declared = None  # (text, row, fen, count) of the open section
        self.early_total = None  # a 合计 row above the data: (row, fen)

    def _amount(self, values):
        if self.col is None or self.col.index >= len(values):
            return None
        try:
            return to_fen(values[self.col.index], self.col.unit or self.ctx.unit)[0]
        except CellError:
            return None

    def add(self, res) -> None:
        if res.status == "refused":
            self.grand_bad = self.sec_bad = self.since_bad = True
        else:
            fen = res.values.get("planned_investment_fen") or 0
            self.grand += fen
            self.sec += fen
            self.since += fen
        self.grand_rows += 1
        self.sec_rows += 1

    def section_start(self, section, values, res) -> None:
        self.sec, self.sec_rows, self.sec_bad = 0, 0, False
        self.since, self.since_bad = 0, False
        m = COUNT_RE.search(tight(section.text))
        self.declared = (section.text, section.row, self._amount(values), int(m[1]) if m else None)

    def section_end(self, section) -> None:
        if self.declared is None:
            return
        text, row, fen, count = self.declared
        if fen is not None and not self.sec_bad and fen != self.sec:
            self.notes.append(f"第{row}行 分组“{text}”标明 {fen_to_wan_str(fen, 4)} 万元，"
                              f"其下各行合计 {fen_to_wan_str(self.sec, 4)} 万元，请核对是否漏行或重复。")
        if count is not None and count != self.sec_rows:
            self.notes.append(f"第{row}行 分组“{text}”标明 {count} 个项目，其下实际有 {self.sec_rows} 行项目，请核对。")
        self.declared = None

    def subtotal(self, values, res) -> None:
        fen = self._amount(values)
        words = " ".join(tight(v) for v in values if isinstance(v, str))
        grand = ("合计" in words or "总计" in words) and "小计" not in words
        if fen is not None:
            if grand and self.grand_rows == 0:
                self.early_total = (res.row, fen)
            elif grand and not self.grand_bad and fen != self.grand:
                res.warnings.append(f"合计 {fen_to_wan_str(fen, 4)} 万元与全部明细合计 {fen_to_wan_str(self.grand, 4)} 万元不符，请核对")
            elif not grand and not self.since_bad and fen != self.since:
                res.warnings.append(f"小计 {fen_to_wan_str(fen, 4)} 万元与上方明细合计 {fen_to_wan_str(self.since, 4)} 万元不符，请核对")
        self.since, self.since_bad = 0, False

    def close(self) -> None:
        if self.early_total and not self.grand_bad and self.early_total[1] != self.grand:
            row, fen = self.early_total
            self.notes.append(f"第{row}行 合计 {fen_to_wan_str(fen, 4)} 万元与全部明细合计 "
                              f"{fen_to_wan_str(self.grand, 4)} 万元不符，请核对。")
