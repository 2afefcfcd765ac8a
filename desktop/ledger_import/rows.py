"""What kind of row this is: title, unit line, section (一、市级项目（8个）), subtotal, footnote, data.

Offices mark structure with words, not formatting, so we read the words. A section row
sets the level (or township, category, year) of the rows under it until the next one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.ledger_import.values import CellError, clean_text, tight, to_date
from desktop.projects.fields import categories

NUMERAL = "一二三四五六七八九十百零〇"
SECTION_RE = re.compile(rf"^([{NUMERAL}]+)[、.,．]")
SUB_SECTION_RE = re.compile(rf"^\(([{NUMERAL}]+)\)")
SEQ_SECTION_RE = re.compile(rf"^(\(?[{NUMERAL}]+\)?)[、.]?$")
COUNT_RE = re.compile(r"\((?:共)?\d+个[^()]*\)|共\d+个|\d+个项目")
SUBTOTAL_RE = re.compile(r"^(小计|合计|总计|共计|合\s*计|总\s*计)|(小计|合计|总计)$")
FOOTNOTE_RE = re.compile(r"^(注|备注:|说明|填表说明|填表人|填报人|制表人|制表|审核人|审核|复核|负责人|单位负责人|"
                         r"分管领导|主要领导|联系人|联系电话|数据来源|数据截至|截至|截止|以上|\*|※)")
UNIT_RE = re.compile(r"单位:?(?:为)?(万元|元)|\((万元|元)\)$|^(万元|元)$")
ASOF_RE = re.compile(r"(?:截至|截止|填报日期|统计时间|报送时间)[:]?(\d{4}[年.\-/]\d{1,2}[月.\-/]\d{1,2}日?)")
YEAR_RE = re.compile(r"(20\d\d)年")
LEVEL_WORDS = [("携手奔小康", "携手奔小康"), ("村企结对", "村企结对"), ("村企对接", "村企结对"), ("省级", "省级"),
               ("州级", "州级"), ("市级", "市级"), ("区级", "区级"), ("县级", "县级"), ("镇级", "镇级"),
               ("乡级", "镇级"), ("村级", "村级")]
SKIP_LEVEL = ("跳过", "忽略", "skip")


@dataclass
class Section:
    """The attributes a section row gives the rows beneath it."""
    row: int
    text: str
    top: bool
    level: str | None = None
    township: str | None = None
    category: str | None = None
    year: int | None = None
    skip: bool = False
    set_by: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"row": self.row, "text": self.text, "level": self.level, "township": self.township,
                "category": self.category, "year": self.year, "skip": self.skip}


def preamble_facts(text: str) -> dict:
    """Unit, report date and year found in a title or unit line above the header."""
    t = tight(text)
    out: dict = {}
    m = UNIT_RE.search(t)
    if m:
        out["unit"] = next(g for g in m.groups() if g)
    m = ASOF_RE.search(t)
    if m:
        try:
            out["as_of"] = to_date(m[1], month_end=False)
        except CellError:
            pass
    m = YEAR_RE.search(t)
    if m:
        out["year"] = int(m[1])
    level = level_in(t)
    if level:
        out["level"] = level
    return out


def level_in(text: str) -> str | None:
    """The project level a title states (兴城市2022年县级衔接资金项目表 → 县级), or None."""
    return next((level for word, level in LEVEL_WORDS if word in text), None)


def row_kind(values: tuple, seq_col: int | None, name_col: int, one_merge: bool) -> str:
    """blank | subtotal | section | footnote | data for a row below the header."""
    cells = [(i, v) for i, v in enumerate(values) if v is not None and tight(v) != ""]
    if not cells:
        return "blank"
    if any(isinstance(v, str) and SUBTOTAL_RE.search(tight(v)) for i, v in cells[:3]) or \
            (name_col < len(values) and isinstance(values[name_col], str) and SUBTOTAL_RE.search(tight(values[name_col]))):
        return "subtotal"
    first = tight(cells[0][1])
    seq_text = tight(values[seq_col]) if seq_col is not None and values[seq_col] is not None else ""
    if seq_text and SEQ_SECTION_RE.match(seq_text) and not seq_text.isdigit():
        return "section"
    if isinstance(cells[0][1], str) and (SECTION_RE.match(first) or SUB_SECTION_RE.match(first)):
        return "section"
    single = len(cells) == 1 or one_merge
    if len(cells) <= 2 and FOOTNOTE_RE.match(first) and not first.startswith("注册"):
        return "footnote"
    if single and COUNT_RE.search(first):
        return "section"
    if single and cells[0][0] != name_col and len(first) > 12:
        return "footnote"
    return "data"


def section_text(values: tuple) -> str:
    """The words of a title or section row (amounts beside a section title are its subtotal)."""
    return " ".join(clean_text(v) for v in values if isinstance(v, str) and tight(v) != "")


def parse_section(row: int, text: str, townships: dict[str, str], level_for: list[tuple[str, str]],
                  parent: Section | None) -> Section:
    """Read level / township / category / year from a section title; --level-for wins."""
    t = tight(text)
    body = _body(t)
    top = not SUB_SECTION_RE.match(t) and not re.match(r"^\d+[、.]", t)
    inherited = parent if (parent is not None and not top) else None
    sec = Section(row, clean_text(text), top,
                  level=inherited.level if inherited else None,
                  township=inherited.township if inherited else None,
                  category=inherited.category if inherited else None,
                  year=inherited.year if inherited else None,
                  skip=inherited.skip if inherited else False)
    sec.level = level_in(body) or sec.level
    for name in sorted(townships, key=len, reverse=True):
        if name in body:
            sec.township = townships[name]
            break
    for cat in categories():
        if cat != "其他" and cat in body and ("类" in body or body.endswith("项目") or body == cat):
            sec.category = cat
            break
    m = YEAR_RE.search(body)
    if m:
        sec.year = int(m[1])
    for key, level in level_for:
        k = tight(key)
        if k and (k == t or k == body or k in t or (_body(k) and _body(k) in body)):
            if level in SKIP_LEVEL:
                sec.skip = True
            else:
                sec.level = level
            sec.set_by.append(f"指定的分组层级 {key}={level}")
            break
    return sec


def _body(t: str) -> str:
    """A section title without its numbering and count: 一、市级项目（8个） → 市级项目."""
    body = re.sub(rf"^[{NUMERAL}]+[、.,．]?|^\([{NUMERAL}]+\)|^\d+[、.]", "", t)
    return COUNT_RE.sub("", body)


def parse_level_for(items: list[str] | None) -> list[tuple[str, str]]:
    from desktop.core.errors import UserError

    out = []
    for item in items or []:
        if "=" not in item:
            raise UserError(f"分组层级“{item}”格式不对，应为 分组标题=层级，例如 一、市级项目=市级。",
                            cli_hint="--level-for \"一、市级项目=市级\"")
        key, level = item.rsplit("=", 1)
        if not key.strip() or not level.strip():
            raise UserError(f"分组层级“{item}”缺少分组标题或层级。", cli_hint="--level-for \"分组标题=层级\"")
        out.append((key.strip(), level.strip()))
    return out


def township_names(rows: list[tuple[str, str]]) -> dict[str, str]:
    """Every form clerks write (三坝纳西族乡 / 三坝乡 / 三坝) → full name, for sections and locations.

    A short form two townships share is left out: it must be written in full (never guessed)."""
    from desktop.regions.names import short_forms

    out: dict[str, str] = {}
    shared: set[str] = set()
    for name, _code in rows:
        out[name] = name
    for name, code in rows:
        for form in [f for f, _rule in short_forms(name)[1:]] + _former_forms(code):
            if form in out and out[form] != name:
                shared.add(form)
            elif form not in out:
                out[form] = name
    for form in shared - {n for n, _ in rows}:
        out.pop(form, None)
    return out


def _former_forms(code: str) -> list[str]:
    """A township's name in the 统计用 2023 list when it has since changed (刘汉乡 for 刘汉镇), in every form."""
    from desktop.regions.data import dataset
    from desktop.regions.names import short_forms

    ds = dataset()
    return [f for _s, u in ds.by_code(code) if u.level == "township" and u.nbs_name
            for f, _rule in short_forms(u.nbs_name)]
