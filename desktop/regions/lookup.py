"""Find units by the names clerks write, inside a county or nationally; never guess between two.

Order of trust (the first rule that names anything wins; two different units under one rule is
ambiguous): the official name; the name without its nationality (三坝乡); the name without its
type word (马山); a former name from the 统计用 2023 list (a 乡 since made a 镇, a merged unit); a
historical name from the change events (中甸县 → 香格里拉市; 叶枝镇 under 维西, since 2024 in 德钦).
Every match by a former or historical name carries the note the clerk is shown (原名 … （2001年更名）).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from desktop.core.errors import UserError
from desktop.regions.data import Dataset, Unit, dataset
from desktop.regions.history import former_note, formers
from desktop.regions.names import clean, short_forms

RULES = ("official", "nationality", "type", "former", "history")
RULE_LABELS = {"official": "正式名称", "nationality": "省略民族名", "type": "省略“乡/镇/街道”",
               "former": "统计用 2023 名称（曾用名或别称）", "history": "历史名称（区划变更）"}
TOWNSHIP_LEVELS = ("township",)
COUNTY_LEVELS = ("county",)


@dataclass(frozen=True)
class Match:
    unit: Unit
    rule: str
    note: str = ""  # 原名 中甸县（2001年更名为香格里拉县，2014年撤县设市）
    old_parent: str = ""  # key of the county a moved township belonged to (found when searching there)
    replaces: str = ""  # key of a 统计用 2023 unit this match supersedes (same place, since moved)


def _forms(unit: Unit) -> list[tuple[str, str]]:
    if not unit.current:  # only in 统计用 2023: every form of it is a former name
        return [(f, "former") for f, _ in short_forms(unit.name)]
    out = short_forms(unit.name)
    if unit.nbs_name:
        out += [(f, "former") for f, _ in short_forms(unit.nbs_name)]
    return out


@lru_cache(maxsize=1)
def _national_index() -> dict[str, list[Match]]:
    """Every form of every unit → matches (≈ 130,000 entries, built on the first national search)."""
    index: dict[str, list[Match]] = {}
    for unit in dataset().units.values():
        for form, rule in _forms(unit):
            index.setdefault(form, []).append(Match(unit, rule, former_note(unit) if rule == "former" else ""))
    for f in formers():
        for form, _rule in short_forms(f.name):
            index.setdefault(form, []).append(Match(f.unit, "history", f.note, f.old_parent.key if f.old_parent else "",
                                                    f.replaces.key if f.replaces else ""))
    return index


def _best(matches: list[Match]) -> list[Match]:
    """Keep the most trusted rule's matches, one per unit."""
    for rule in RULES:
        picked: dict[str, Match] = {}
        for m in matches:
            if m.rule == rule:
                picked.setdefault(m.unit.key, m)
        if picked:
            return list(picked.values())
    return []


def find(name: str, *, county: Unit | None = None, levels=None, every_rule: bool = False) -> list[Match]:
    """Units named `name`, most trusted rule only (every rule, most trusted first, for listing); inside `county`."""
    text = clean(name)
    if not text:
        return []
    matches = _national_index().get(text, [])
    if county is not None:
        matches = [m for m in matches if county.key in (m.unit.parent, m.unit.key, m.old_parent)]
    if levels:
        matches = [m for m in matches if m.unit.level in levels]
    gone = {m.replaces for m in matches if m.replaces}
    matches = [m for m in matches if m.unit.key not in gone]
    if every_rule:
        seen: set[str] = set()
        ordered = sorted(matches, key=lambda m: RULES.index(m.rule))
        return [m for m in ordered if not (m.unit.key in seen or seen.add(m.unit.key))]
    return _best(matches)


def search(text: str, *, levels=None, county: Unit | None = None, limit: int = 200) -> list[Unit]:
    """For a search box: exact forms first, then names containing the text, code prefixes, pinyin initials."""
    ds = dataset()
    t = clean(text).lower()
    if not t:
        return []
    exact = [m.unit for m in find(t, county=county, levels=levels)]
    seen = {u.key for u in exact}
    rest = []
    pool = ds.children.get(county.key, []) if county is not None else ds.units.values()
    for u in pool:
        if u.key in seen or (levels and u.level not in levels):
            continue
        if t in u.name or (t.isdigit() and (u.nbs_code.startswith(t) or u.mca_code.startswith(t))) or \
                (t.isascii() and u.initials.startswith(t)):
            rest.append(u)
            if len(exact) + len(rest) >= limit:
                break
    rest.sort(key=lambda u: (not u.current, not u.name.startswith(t), u.code))
    return (exact + rest)[:limit]


def county_by_code(code: str, ds: Dataset | None = None) -> Unit | None:
    """The county (or a prefecture without counties) a 6/12-digit code names, in either system."""
    ds = ds or dataset()
    for _, u in ds.by_code(code):
        if u.level == "county" or (u.level == "prefecture" and any(c.level == "township"
                                                                    for c in ds.children.get(u.key, []))):
            return u
    return None


def describe_choices(matches: list[Match]) -> str:
    """小中甸镇（香格里拉市，统计用 533401102000 / 民政部 533401103000）、… for a refusal message."""
    ds = dataset()
    parts = []
    for m in matches:
        county = ds.units.get(m.unit.parent)
        codes = "，".join(x for x in (f"统计用 {m.unit.nbs_code}" if m.unit.nbs_code else "",
                                     f"民政部 {m.unit.mca_code}" if m.unit.mca_code else "") if x)
        parts.append(f"{m.unit.name}（{county.name + '，' if county else ''}{codes}）")
    return "、".join(parts)


def resolve_township(name: str, county: Unit, *, what: str = "乡镇") -> Unit:
    """The one township of `county` that `name` means; a clear refusal naming the candidates otherwise."""
    matches = find(name, county=county, levels=TOWNSHIP_LEVELS)
    if len(matches) == 1:
        return matches[0].unit
    if not matches:
        raise UserError(f"{county.name}没有名为“{clean(name)}”的{what}。请核对名称（可用正式名称，"
                        f"如 {_example(county)}）。", field=what)
    raise UserError(f"“{clean(name)}”在{county.name}可指{len(matches)}个单位：{describe_choices(matches)}。"
                    "请写出完整名称。", field=what)


def _example(county: Unit) -> str:
    kids = [u for u in dataset().children.get(county.key, []) if u.level == "township" and u.current]
    return kids[0].name if kids else "某某镇"
