"""Former names: the old name a clerk still writes → today's unit, with the note the clerk is shown.

Two sources. The change events of nbsetsail/real-china-division (CC BY 4.0), built by
scripts/build_regions.py --events into resources/regions/china-region-history.tsv: counties and
prefectures renamed or merged (中甸县 → 香格里拉市) and townships moved to another county (叶枝镇,
2024 from 维西 to 德钦). And the 统计用 2023 list, whose names for 365 townships differ from the
民政部 2025 edition (a 乡 since made a 镇): those are kept on the unit itself (Unit.nbs_name).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from desktop.core.paths import resource_path
from desktop.regions.data import Dataset, Unit, dataset

HISTORY_FILE = ("regions", "china-region-history.tsv")
RENAMES = {"更名": "更名"}  # other kinds (撤县设市, 撤地设市 …) are shown as they are named


@dataclass(frozen=True)
class Former:
    """One former name of a unit of today."""

    name: str
    unit: Unit
    year: int
    kind: str
    steps: tuple[tuple[str, str, str], ...]  # (year, kind, name after the step)
    old_parent: Unit | None = None  # 划转: the county the township belonged to
    replaces: Unit | None = None  # the same place as a unit of the 统计用 2023 list that no longer exists

    @property
    def note(self) -> str:
        """原名 中甸县（2001年更名为香格里拉县，2014年撤县设市）; 原属维西傈僳族自治县（2024年划入德钦县）."""
        if self.kind == "划转":
            was = self.old_parent.name if self.old_parent else "另一县"
            return f"原属{was}（{self.year}年划入{self.steps[-1][2]}）"
        parts = []
        for i, (year, kind, name) in enumerate(self.steps):
            last = i == len(self.steps) - 1
            if kind == "撤销":
                parts.append(f"{year}年撤销，并入{name}")
            elif last and name == self.unit.name and kind != "更名":
                parts.append(f"{year}年{kind}")
            else:
                parts.append(f"{year}年{kind}为{name}" if kind != "更名" or not last else f"{year}年更名")
        return f"原名 {self.name}（{'，'.join(parts)}）"


def former_note(unit: Unit) -> str:
    """The note for a unit found by its 统计用 2023 name (刘汉乡 → 刘汉镇)."""
    if not unit.current:
        return "统计用区划代码 2023 年版所列单位，民政部 2025 年版中已没有（已撤并或调整）"
    if unit.nbs_name.endswith("地区"):
        return f"统计用名称 {unit.nbs_name}"
    return f"原名 {unit.nbs_name}（2023年后更名）"


def parse_history(text: str, ds: Dataset) -> list[Former]:
    lines = text.splitlines()
    out = []
    for line in lines[1:]:
        if not line.strip():
            continue
        level, name, old_code, old_parent_code, year, kind, steps, new_code = line.split("\t")
        unit = ds.by_mca.get(new_code)
        if unit is None:
            continue  # the list was rebuilt without this unit: the former name no longer leads anywhere
        old_parent = next((u for _s, u in ds.by_code(old_parent_code) if u.level == "county"), None) \
            if old_parent_code else None
        replaced = ds.by_nbs.get(old_code) if old_code else None
        replaces = replaced if replaced is not None and not replaced.current and replaced.name == name else None
        trail = tuple(tuple(s.split("|")) for s in steps.split(";"))
        out.append(Former(name, unit, int(year), kind, trail, old_parent, replaces))
    return out


@lru_cache(maxsize=1)
def formers() -> list[Former]:
    """Every former name from the shipped change-event table (≈ 300 rows)."""
    path = resource_path(*HISTORY_FILE)
    if not path.exists():
        return []
    return parse_history(path.read_text(encoding="utf-8"), dataset())


def edition() -> dict:
    """The table's header: source, licence and which part of the events file it was built from."""
    import json

    path = resource_path(*HISTORY_FILE)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        return json.loads(f.readline()[1:])
