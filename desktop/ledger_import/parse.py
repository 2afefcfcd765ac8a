"""Reading a ledger sheet into row results: header found, columns mapped, every row classified.

No database access here: the result is what the dry run shows and what apply.py writes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.core.errors import UserError
from desktop.ledger_import import workbook as W
from desktop.ledger_import.columns import build_columns, header_rows, map_hints
from desktop.ledger_import.convert import Context, RowResult, check_row, convert_row, finish_percent
from desktop.ledger_import.headers import Column, header_score
from desktop.ledger_import.values import clean_text
from desktop.ledger_import.rows import (
    Section, level_in, parse_level_for, parse_section, preamble_facts, row_kind, section_text,
)
from desktop.ledger_import.totals import Totals

HEADER_SCAN = 40
KIND_REASON = {"title": "标题行", "unit": "单位行", "header": "表头", "blank": "空行", "footnote": "脚注/说明行"}


@dataclass
class ImportOptions:
    sheet: str | None = None
    maps: list[str] = field(default_factory=list)
    level_for: list[str] = field(default_factory=list)
    year: int | None = None
    township: str | None = None
    level: str | None = None
    default_level: str | None = "县级"  # when neither the ledger nor `level` says: imported with a per-row warning
    unit: str | None = None
    as_of: date | None = None
    update: bool = False
    strict: bool = False
    link_similar: bool = False  # at the county: link rows that are a township's project under another name


@dataclass
class Ledger:
    path: Path
    sheet: str
    columns: list[Column]
    unit: str | None
    unit_source: str
    as_of: date | None
    title: str
    sections: list[Section]
    rows: list[RowResult]
    notes: list[str]


def read_ledger(path: Path, opts: ImportOptions, townships: dict[str, str], counties: tuple[str, ...] = ()) -> Ledger:
    """Parse the sheet; raises UserError when the file as a whole cannot be read."""
    path = Path(path)
    wb = W.open_workbook(path)
    try:
        candidate = None
        for ws in W.pick_sheet(wb, opts.sheet, path):
            stream = W.iter_rows(ws, path)
            buffer = []
            for number, values in stream:
                buffer.append((number, values))
                if len(buffer) >= HEADER_SCAN:
                    break
            hints = map_hints(opts.maps)
            scores = [(header_score(v, hints), -i) for i, (_, v) in enumerate(buffer)]
            best, at = max(scores, default=(0, 0))
            if best >= 2:
                layout = W.scan_layout(wb, ws)
                return _read(path, ws.title, buffer, -at, stream, layout, opts, townships, counties)
            candidate = candidate or _looks_like_header(ws.title, buffer)
        where = f"工作表“{opts.sheet}”" if opts.sheet else "任何工作表"
        hint = (f"第{candidate[1]}行（工作表“{candidate[0]}”）像是表头：{candidate[2]}，但没有能识别为“项目名称”的列。"
                f"请指定哪一列是项目名称，例如 {candidate[3]}=项目名称。" if candidate else
                "请确认这是项目台账，或选择正确的工作表。")
        raise UserError(f"文件 {path.name} 的{where}前 {HEADER_SCAN} 行中没有找到表头：没有找到“项目名称”列。{hint}",
                        cli_hint=f"--map \"{candidate[3]}=项目名称\"" if candidate else "--sheet 工作表名称")
    finally:
        wb.close()


def _looks_like_header(title: str, buffer) -> tuple | None:
    """The first row with three or more short titles: shown to the clerk when no name column was found."""
    for number, values in buffer:
        texts = [clean_text(v) for v in values if isinstance(v, str) and 0 < len(v.strip()) <= 20]
        if len(texts) >= 3:
            return title, number, "、".join(texts[:12]), texts[0]
    return None


def _read(path, sheet, buffer, at, stream, layout, opts, townships, counties=()) -> Ledger:
    top, sub, extra = header_rows(buffer, at, layout)
    header_idx = [i for i in (top, sub, extra) if i is not None]
    columns, notes = build_columns(buffer, top, sub, layout, opts.maps, path)
    results: list[RowResult] = []
    facts: dict = {}
    title = ""
    for number, values in buffer[:top]:
        text = section_text(values)
        found = preamble_facts(text)
        kind = "unit" if "unit" in found and len(text) < 40 else ("blank" if not text else "title")
        if kind == "title" and not title:
            title = text
        for k, v in found.items():
            facts.setdefault(k, v)
        results.append(RowResult(number, kind, reason=KIND_REASON[kind]))
    results.extend(RowResult(buffer[i][0], "header", reason=KIND_REASON["header"]) for i in header_idx)
    if "level" not in facts and level_in(sheet):  # a workbook with one sheet per level: 县级项目 / 市级项目
        facts["level"] = level_in(sheet)
    unit = opts.unit or facts.get("unit")
    unit_source = "导入时指定的单位" if opts.unit else ("表头上方的单位行" if facts.get("unit") else "列标题")
    _require_units(path, columns, unit)
    ctx = Context(unit=unit, townships=townships, counties=tuple(counties))
    reader = _RowReader(columns, layout, opts, townships, facts, ctx)
    for number, values in buffer[max(header_idx) + 1:]:
        results.append(reader.row(number, values))
    for number, values in stream:
        results.append(reader.row(number, values))
    reader.close()
    data = [r for r in results if r.kind == "data" and r.status != "skipped"]
    finish_percent(data)
    for r in data:
        check_row(r, columns)
    return Ledger(path, sheet, columns, unit, unit_source, facts.get("as_of"), title, reader.sections,
                  results, notes + reader.notes)


def _require_units(path: Path, columns: list[Column], unit: str | None) -> None:
    money = [c for c in columns if c.target in ("planned_investment_fen", "disbursed", "spent", "alloc")
             and not c.hidden and c.unit is None]
    if money and unit is None:
        names = "、".join(f"“{c.title}”（{c.letter}列）" for c in money[:3])
        raise UserError(f"文件 {path.name} 没有写明金额单位：表头上方没有“单位：万元”一类的说明，列标题 {names} 也没有注明"
                        "（万元）或（元）。请指定金额单位（万元或元）后再导入。", cli_hint="--unit 万元 或 --unit 元")


class _RowReader:
    """Classifies rows below the header one at a time, carrying section state and totals."""

    def __init__(self, columns, layout, opts, townships, facts, ctx):
        self.columns = [c for c in columns if not c.hidden or c.mapped_by == "map"]
        self.layout, self.opts, self.townships, self.ctx = layout, opts, townships, ctx
        self.level_for = parse_level_for(opts.level_for)
        self.title_year = facts.get("year")
        self.title_level = facts.get("level")
        self.seq = next((c.index for c in self.columns if c.target == "seq"), None)
        self.name = next(c.index for c in self.columns if c.target == "name")
        self.width = max((c.index for c in columns), default=0) + 1
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.notes: list[str] = []
        self.tops = {m.min_row for m in layout.merges if m.max_row > m.min_row}
        self.fill = layout.fill_sources(1)
        self.kept: dict[int, tuple] = {}
        self.wide = {m.min_row for m in layout.merges if m.max_col - m.min_col + 1 >= max(2, self.width // 2)}
        self.totals = Totals(self.columns, ctx)

    def row(self, number: int, values: tuple) -> RowResult:
        values = self._filled(number, values)
        kind = row_kind(values, self.seq, self.name, number in self.wide)
        res = RowResult(number, kind)
        if kind == "section":
            parent = self.section if self.section and self.section.top else (
                next((s for s in reversed(self.sections) if s.top), None))
            self.totals.section_end(self.section)
            self.section = parse_section(number, section_text(values), self.townships, self.level_for, parent)
            self.sections.append(self.section)
            self.totals.section_start(self.section, values, res)
            res.reason = "分组行" + _describe(self.section)
        elif kind == "subtotal":
            res.reason = "小计/合计行"
            self.totals.subtotal(values, res)
        elif kind == "data":
            self._data(res, values)
        else:
            res.reason = KIND_REASON[kind]
        return res

    def _filled(self, number: int, values: tuple) -> tuple:
        if number in self.tops:
            self.kept[number] = values
        if not self.fill:
            return values
        out = list(values)
        for c in self.columns:
            src = self.fill.get((number, c.index + 1))
            if src is not None and c.index < len(out) and out[c.index] is None and src in self.kept:
                if c.target in ("planned_investment_fen", "disbursed", "spent", "alloc"):
                    self.totals.merged_money.append((number, c))
                    continue
                out[c.index] = self.kept[src][c.index]
        return tuple(out)

    def _data(self, res: RowResult, values: tuple) -> None:
        sec = self.section
        if sec is not None and sec.skip:
            res.reason = f"所在分组“{sec.text}”设为跳过"
            return
        ctx = self.ctx
        ctx.year = (sec.year if sec and sec.year else None) or self.opts.year or self.title_year
        ctx.township = (sec.township if sec else None) or self.opts.township
        ctx.level = (sec.level if sec else None) or self.opts.level or self.title_level
        ctx.default_level = self.opts.default_level
        ctx.category = sec.category if sec else None
        res.status = "pending"
        convert_row(res, values, self.columns, ctx)
        if res.row in self.layout.hidden_rows:
            res.warnings.append("该行在表格中被隐藏，仍按正常行导入；如不需要请删除该行")
        for number, col in self.totals.merged_money:
            if number == res.row:
                res.warnings.append(f"{col.title}（{col.letter}{number}）与上一行合并，金额只计入合并区域的第一行")
        self.totals.add(res)

    def close(self) -> None:
        self.totals.section_end(self.section)
        self.totals.close()
        self.notes.extend(self.totals.notes)


def _describe(sec: Section) -> str:
    parts = [f"层级：{sec.level}" if sec.level else "", f"乡镇：{sec.township}" if sec.township else "",
             f"类别：{sec.category}" if sec.category else "", f"年度：{sec.year}" if sec.year else "",
             "跳过" if sec.skip else ""]
    parts = [p for p in parts if p]
    return f"（{'，'.join(parts)}）" if parts else "（未识别出层级）"
