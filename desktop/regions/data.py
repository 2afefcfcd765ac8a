"""The national region list shipped in resources/regions/ (every 乡级 unit with county, prefecture, province).

One gzip'd TSV, rebuilt by scripts/build_regions.py. Each unit carries both code systems that
ledgers quote — the 民政部 code (edition in the header) and the 统计用区划代码 (2023) — because they
differ for many townships. A unit's `key` is only a row id inside this file: codes change when a
乡 becomes a 镇, so nothing outside the file should keep the key.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from desktop.core.paths import resource_path

DATA_FILE = ("regions", "china-regions.tsv.gz")
LEVEL_LABELS = {"province": "省级", "prefecture": "地级", "county": "县级", "township": "乡级"}


class Unit(NamedTuple):
    """One region; a tuple because 45,000 of them are made at start (a frozen dataclass is 5× slower)."""

    key: str
    level: str
    name: str
    parent: str
    mca_code: str  # 民政部 code, 12 digits; "" for a unit only in the 统计用 2023 list
    nbs_code: str  # 统计用区划代码 2023, 12 digits; "" for a unit created since
    nbs_name: str  # its name in the 统计用 2023 list when that differs (a former name)
    initials: str  # pinyin initials, for searching (xzdz → 小中甸镇)

    @property
    def current(self) -> bool:
        """In the latest 民政部 edition (False: only in 统计用 2023, abolished or statistical-only)."""
        return bool(self.mca_code)

    @property
    def code(self) -> str:
        """The code a node and its projects use: 统计用 2023 when it has one (what offices quote), else 民政部."""
        return self.nbs_code or self.mca_code


@dataclass
class Dataset:
    header: dict
    units: dict[str, Unit] = field(default_factory=dict)
    by_mca: dict[str, Unit] = field(default_factory=dict)
    by_nbs: dict[str, Unit] = field(default_factory=dict)
    children: dict[str, list[Unit]] = field(default_factory=dict)

    def edition(self, system: str) -> str:
        return self.header["systems"][system]["edition"]

    def path(self, unit: Unit) -> list[Unit]:
        """Province … unit."""
        out = [unit]
        while out[-1].parent and out[-1].parent in self.units:
            out.append(self.units[out[-1].parent])
        return out[::-1]

    def county_of(self, unit: Unit) -> Unit | None:
        """The county (or the prefecture that has no counties, e.g. 东莞市) a township belongs to."""
        return self.units.get(unit.parent) if unit.level == "township" else None

    def by_code(self, code: str) -> list[tuple[str, Unit]]:
        """Units a 6/9/12-digit code names, with the system: ('nbs', u), ('mca', u); both may differ."""
        code = code.strip().ljust(12, "0")
        out = []
        if code in self.by_nbs:
            out.append(("nbs", self.by_nbs[code]))
        if code in self.by_mca:
            out.append(("mca", self.by_mca[code]))
        return out

    def full_name(self, unit: Unit) -> str:
        """云南省迪庆藏族自治州香格里拉市小中甸镇 (the 市辖区 levels of 直辖市 are skipped)."""
        return "".join(u.name for u in self.path(unit))


def parse(text: str) -> Dataset:
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#"):
        raise ValueError("区划数据文件缺少表头")
    ds = Dataset(header=json.loads(lines[0][1:]))
    for line in lines[1:]:
        if not line:
            continue
        u = Unit._make(line.split("\t"))
        ds.units[u.key] = u
        if u.mca_code:
            ds.by_mca[u.mca_code] = u
        if u.nbs_code:
            ds.by_nbs.setdefault(u.nbs_code, u)
        ds.children.setdefault(u.parent, []).append(u)
    return ds


@lru_cache(maxsize=1)
def dataset() -> Dataset:
    """The shipped list, read once per process (≈ 0.2 s)."""
    with gzip.open(resource_path(*DATA_FILE), "rt", encoding="utf-8") as f:
        return parse(f.read())


def describe(unit: Unit, ds: Dataset | None = None) -> dict:
    """A unit for the CLI, the wizard and JSON output: names, both codes with system and edition."""
    ds = ds or dataset()
    path = ds.path(unit)
    county = next((u for u in reversed(path[:-1]) if u.level in ("county", "prefecture")), None)
    return {"name": unit.name, "level": unit.level, "code": unit.code,
            "mca_code": unit.mca_code or None, "mca_edition": ds.edition("mca_code"),
            "nbs_code": unit.nbs_code or None, "nbs_edition": ds.edition("nbs_code"),
            "nbs_name": unit.nbs_name or None, "current": unit.current,
            "county": county.name if county else None, "county_code": county.code if county else None,
            "province": path[0].name if len(path) > 1 else None, "full_name": ds.full_name(unit)}
