"""One data row of a ledger → project field values, money extras, warnings, or a refusal.

A refusal names the row, the column title, the cell and the value, and says what to write
instead, so the clerk can fix the sheet and import again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.errors import UserError
from desktop.ledger_import import values as V
from desktop.ledger_import.headers import Column
from desktop.projects.fields import LABEL_ALIASES, PROJECT_FIELDS, check_consistency, parse_field
from desktop.values.money import fen_to_wan_exact

NOTE_PARTS = (("content", "建设内容"), ("progress_text", "进展"), ("problems", "存在问题"), ("note", "备注"))
SOURCE_ALIASES = {"沪滇资金": "沪滇协作资金", "沪滇帮扶资金": "沪滇协作资金", "上海帮扶资金": "沪滇协作资金",
                  "苏陕资金": "苏陕协作资金", "粤桂资金": "粤桂协作资金", "衔接资金": "衔接推进乡村振兴补助资金",
                  "衔接补助资金": "衔接推进乡村振兴补助资金", "整合资金": "统筹整合涉农资金",
                  "涉农整合资金": "统筹整合涉农资金", "配套资金": "地方配套", "地方配套资金": "地方配套"}


@dataclass
class RowResult:
    row: int
    kind: str  # data | title | unit | header | section | subtotal | footnote | blank
    status: str = "skipped"  # imported | updated | existing | skipped | refused
    reason: str | None = None
    cell: str | None = None
    name: str | None = None
    code: str | None = None
    values: dict = field(default_factory=dict)
    money: dict = field(default_factory=dict)  # disbursed / spent fen, allocations {source: fen}
    warnings: list[str] = field(default_factory=list)
    raw_pct: tuple | None = None  # (number, explicit, cell) until the column decides fraction or percent
    link: str | None = None  # code of the existing project this row was linked to (same project, other name)

    def refuse(self, reason: str, cell: str | None = None) -> None:
        already = self.status == "refused" and self.reason
        self.reason = f"{self.reason}；{reason}" if already else reason
        self.status, self.cell = "refused", self.cell if already else cell

    def as_dict(self) -> dict:
        out = {"row": self.row, "kind": self.kind, "status": self.status, "reason": self.reason,
               "cell": self.cell, "name": self.name, "code": self.code, "link": self.link}
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


@dataclass
class Context:
    """What a row inherits: unit, section attributes, command options, this node."""
    unit: str | None
    year: int | None = None
    township: str | None = None
    level: str | None = None
    default_level: str | None = None  # used, with a warning on the row, when the ledger states no level
    category: str | None = None
    townships: dict[str, str] = field(default_factory=dict)  # full and short name → full name
    counties: tuple[str, ...] = ()  # the county's names (香格里拉市, 香格里拉) that may lead a 建设地点 cell


def clean_name(value) -> str:
    """Names typed with stray spaces and line breaks: spaces between Chinese characters go."""
    text = V.clean_text(value)
    return re.sub(r"(?<=[\u3400-\u9fff）)])\s+(?=[\u3400-\u9fff（(])", "", text)


def convert_row(res: RowResult, values: tuple, columns: list[Column], ctx: Context) -> None:
    """Fill res.values / res.money or refuse it; never raises for bad cells."""
    out: dict = {}
    notes: list[tuple[str, str]] = []  # (column target, text)
    allocations: dict[str, int] = {}
    problems: list[tuple[str, str]] = []

    def fail(col: Column, raw, reason: str, advice: str = "") -> None:
        cell = f"{col.letter}{res.row}"
        shown = V.clean_text(raw)[:30]
        problems.append((f"第{res.row}行 {col.title}（{cell}）'{shown}' {reason}{advice}", cell))

    for col in columns:
        if col.target in (None, "ignore", "seq") or col.index >= len(values):
            continue
        raw = values[col.index]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        t = col.target
        try:
            if t in ("planned_investment_fen", "disbursed", "spent", "alloc"):
                unit = col.unit or ctx.unit
                fen, note = V.to_fen(raw, unit)
                if note:
                    res.warnings.append(f"{col.title}（{col.letter}{res.row}）{note}")
                if fen is None:
                    continue
                if t == "alloc":
                    allocations[col.source] = allocations.get(col.source, 0) + fen
                elif t == "planned_investment_fen":
                    out[t] = fen
                else:
                    res.money[t] = fen
            elif t in ("start_date", "planned_completion_date", "actual_completion_date", "acceptance_date"):
                if V.is_blank(raw) or V.tight(raw) in ("待定", "未定"):
                    continue
                out[t] = V.to_date(raw, month_end=t != "start_date")
            elif t == "works_progress_pct":
                number, prose, explicit = V.to_percent(raw)
                if prose:
                    notes.append(("progress_text", prose))
                elif number is not None:
                    res.raw_pct = (number, explicit, f"{col.letter}{res.row}", col.title)
            elif t in ("beneficiary_households", "beneficiary_people", "poor_households", "poor_people"):
                n = V.to_count(raw)
                if n is not None:
                    out[t] = n
            elif t == "year":
                out[t] = V.to_year(raw)
            elif t == "stage":
                stage = V.to_stage(raw)
                if stage:
                    out[t] = stage
            elif t == "risk_level":
                risk = V.to_risk(raw)
                if risk:
                    out[t] = risk
            elif t in ("joint_account", "assets_registered"):
                flag = V.to_bool(raw)
                if flag is not None:
                    out[t] = flag
            elif t in ("content", "progress_text", "problems", "note"):
                if not V.is_blank(raw):
                    notes.append((t, V.clean_text(raw)))
            elif t == "funding_sources":
                if not V.is_blank(raw):
                    out[t] = [SOURCE_ALIASES.get(s, s) for s in parse_field(t, V.clean_text(raw))]
            elif t in ("code", "responsible_phone") and isinstance(raw, (int, float)):
                out[t] = str(int(raw))
            elif t == "name":
                out[t] = clean_name(raw)
            elif not V.is_blank(raw):
                text = V.clean_text(raw)
                if t == "level":
                    text = re.sub(r"项目$", "", text)
                out[t] = parse_field(t, text)
        except V.CellError as e:
            advice = {"planned_investment_fen": f"，请填写数字（单位：{col.unit or ctx.unit}）或留空",
                      "disbursed": "，请填写数字或留空", "spent": "，请填写数字或留空",
                      "alloc": "，请填写数字或留空"}.get(t, "")
            fail(col, raw, str(e), advice)
        except UserError as e:
            fail(col, raw, e.message.split("'", 2)[-1].strip() if "'" in e.message else e.message)

    _finish(res, out, notes, allocations, columns, ctx, problems)


def _finish(res, out, notes, allocations, columns, ctx, problems) -> None:
    res.name = out.get("name")
    res.code = out.get("code")
    if problems:
        res.status, res.cell = "refused", problems[0][1]
        res.reason = "；".join(p for p, _ in problems)
        return
    if not out.get("name"):
        res.refuse(f"第{res.row}行 缺少项目名称，请填写项目名称或删除该行。")
        return
    if allocations:
        res.money["allocations"] = allocations
        total = sum(allocations.values())
        if "planned_investment_fen" not in out:
            out["planned_investment_fen"] = total
        elif out["planned_investment_fen"] != total:
            res.warnings.append(f"资金构成合计 {fen_to_wan_exact(total)} 万元与计划投资 "
                                f"{fen_to_wan_exact(out['planned_investment_fen'])} 万元不符，以计划投资为准")
        out.setdefault("funding_sources", [s for s, v in allocations.items() if v])
    if notes:
        parts = [text if key == "note" else f"{label}：{text}"
                 for key, label in NOTE_PARTS for k, text in notes if k == key]
        note = "；".join(parts)
        if len(note) > 4000:
            res.warnings.append("备注超过 4000 字，已截断")
            note = note[:4000]
        out["note"] = note
    for key, value in (("year", ctx.year), ("level", ctx.level), ("category", ctx.category)):
        if key not in out and value is not None:
            out[key] = value
    if "level" not in out and ctx.default_level:
        out["level"] = ctx.default_level
        res.warnings.append(f"表中没有写明项目层级（没有“项目层级”列，标题和所在分组也未写明），暂按“{ctx.default_level}”"
                            "导入，请核对；不是该层级时请为所在分组或全部行指定层级后重新预览")
    _township(res, out, ctx)
    if "year" not in out:
        res.refuse(f"第{res.row}行 缺少年度：表中没有“年度”列，标题和分组中也没有年份。请在导入时指定年度。")
    elif "level" not in out:
        res.refuse(f"第{res.row}行 缺少项目层级：请在表中加“项目层级”列，或在导入时指定分组的层级（分组标题=市级）"
                   f"或全部项目的层级。")
    res.values = out


def _township(res: RowResult, out: dict, ctx: Context) -> None:
    name = out.pop("township_name", None)
    place = out.get("village")
    town_from_place, village = split_place(place, ctx) if place else (None, None)
    if name:
        name = V.clean_text(name)
        full = ctx.townships.get(name) or split_place(name, ctx)[0]
        out["township_name"] = full or name
    elif town_from_place:
        out["township_name"] = town_from_place
    if "township_name" not in out and ctx.township:
        out["township_name"] = ctx.township
    if place and town_from_place and town_from_place == out.get("township_name"):
        if village:
            out["village"] = village
        else:
            out.pop("village")


VILLAGE_TYPE_WORDS = ("村", "社区", "居委会", "村委会", "组", "片区")


def split_place(text: str, ctx: Context) -> tuple[str | None, str | None]:
    """建设地点 as offices write it: 白塔乡王家村, 香格里拉市小中甸镇联合村, 小中甸镇 → (township, village).

    The county (full or short) may lead; then the longest township form that leaves a real village
    name: 东旺村 under 东旺乡 is the village 东旺村, never township 东旺 + village 村."""
    t = re.sub(r"\s+", "", text or "")
    for county in sorted(ctx.counties, key=len, reverse=True):
        if t.startswith(county) and len(t) > len(county):
            t = t[len(county):]
            break
    for form in sorted(ctx.townships, key=len, reverse=True):
        if not t.startswith(form):
            continue
        rest = t[len(form):].lstrip("、,，-—/")
        if not rest:
            return ctx.townships[form], None
        if len(rest) >= 2 and rest not in VILLAGE_TYPE_WORDS and not rest.startswith(("乡", "镇", "街道")):
            return ctx.townships[form], rest
    return None, None


def finish_percent(rows: list[RowResult]) -> None:
    """A progress column holding only numbers ≤ 1 is Excel percent format (0.85 = 85 %)."""
    numeric = [r.raw_pct for r in rows if r.raw_pct and not r.raw_pct[1]]
    fraction = bool(numeric) and all(n <= 1 for n, *_ in numeric) and any(0 < n < 1 for n, *_ in numeric)
    for r in rows:
        if not r.raw_pct or r.status == "refused":
            continue
        number, explicit, cell, title = r.raw_pct
        pct = number * 100 if fraction and not explicit else number
        if pct > 100.5:
            r.refuse(f"第{r.row}行 {title}（{cell}）'{number:g}' 超过 100%，请填写 0–100 之间的数字。", cell)
            continue
        r.values["works_progress_pct"] = int(round(pct))
        if "stage" not in r.values:
            r.values["stage"] = "completed" if pct >= 100 else "construction" if pct > 0 else "preparation"
    for r in rows:
        if r.status != "refused" and "stage" not in r.values and r.values.get("actual_completion_date"):
            r.values["stage"] = "completed"


def check_row(res: RowResult, columns: list[Column]) -> None:
    """Rules across fields (dates in order, poor ≤ beneficiaries, 已拨付 ≤ 计划投资), reported with the cell."""
    if res.status == "refused":
        return
    planned, disbursed = res.values.get("planned_investment_fen"), res.money.get("disbursed")
    if planned is not None and disbursed is not None and disbursed > planned:
        col = next((c for c in columns if c.target == "disbursed"), None)
        cell = f"{col.letter}{res.row}" if col else None
        res.refuse(f"第{res.row}行 已拨付 {V.fen_text(disbursed)} 超过计划投资 {V.fen_text(planned)}"
                   f"{'（' + cell + '）' if cell else ''}：项目表单不允许拨付超过计划投资。请核对金额或计划投资后再导入。", cell)
        return
    try:
        check_consistency(res.values, f"第{res.row}行 ")
    except UserError as e:
        name = LABEL_ALIASES.get(e.field or "")
        col = next((c for c in columns if c.target == name), None)
        res.refuse(e.message, f"{col.letter}{res.row}" if col else None)
    for key, spec in PROJECT_FIELDS.items():
        v = res.values.get(key)
        if isinstance(v, str) and len(v) > spec.max_len:
            res.refuse(f"第{res.row}行 {spec.label}太长（{len(v)} 字），最多 {spec.max_len} 字。")
