"""Build resources/regions/china-region-history.tsv: former names → today's unit, from change events.

Source: data/change_events.csv of github.com/nbsetsail/real-china-division (CC BY 4.0; 1980–2026;
columns year,type,level,old_code,old_name,…,new_code,new_name,…). Its events are county level and
above (GB/T 2260 yearly differences and the 民政部 yearly change pages); townships appear only in
划转 events ("维西傈僳族自治县叶枝镇、巴迪乡" → "德钦县"), which are parsed here.

An old name is kept only when the chain of its events ends at a unit of the shipped list (by code,
and with a name that agrees), so a reused code never sends an old name to the wrong place.
Used by scripts/build_regions.py --events; needs the shipped china-regions.tsv.gz (read, not changed).
"""
from __future__ import annotations

import csv
import json
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from desktop.regions.data import Dataset, Unit  # noqa: E402
from desktop.regions.names import core_name, county_short  # noqa: E402

NAME_CHANGES = ("更名", "撤县设市", "撤县设区", "撤市设区", "撤地设市", "撤区设区", "撤旗设区", "区划调整", "撤销")
GENERIC = {"郊区", "城区", "市中区", "矿区", "市辖区", "市区"}  # old names every prefecture had: never mapped
COLUMNS = ["level", "old_name", "old_code", "old_parent_code", "year", "kind", "steps", "new_code"]
TOWNSHIP_END = ("镇", "乡", "街道", "苏木")


def read_events(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [r for r in csv.DictReader(f) if r.get("year", "").isdigit()]


def _county_like(ds: Dataset, u: Unit) -> bool:
    return u.level in ("county", "prefecture")


def _agrees(name: str, unit: Unit) -> bool:
    """An event's new name and today's unit under that code are the same place (not a reused code)."""
    return unit.name == name or core_name(unit.name) == core_name(name) or \
        (county_short(unit.name) or unit.name) == (county_short(name) or name)


def _follow(ds: Dataset, by_old: dict[str, list[dict]], event: dict) -> tuple[Unit, list[dict]] | None:
    """Today's unit an event leads to, through later events on the same code; None when it is lost."""
    steps, e = [event], event
    for _ in range(6):
        code = e["new_code"]
        u = ds.by_mca.get(code)
        if u is not None and _county_like(ds, u) and _agrees(e["new_name"], u):
            return u, steps
        later = [n for n in by_old.get(code, []) if int(n["year"]) >= int(e["year"]) and n is not e]
        if not later:
            return None
        e = min(later, key=lambda n: int(n["year"]))
        steps.append(e)
    return None


def county_rows(ds: Dataset, events: list[dict]) -> list[tuple]:
    coded = [e for e in events if e["type"] in NAME_CHANGES and e["old_code"] and e["new_code"] and e["old_name"]]
    by_old: dict[str, list[dict]] = {}
    for e in coded:
        by_old.setdefault(e["old_code"], []).append(e)
    rows = {}
    for e in coded:
        if e["old_name"] in GENERIC or e["old_name"] == e["new_name"]:
            continue
        still = ds.by_mca.get(e["old_code"])
        if still is not None and still.name == e["old_name"]:
            continue  # the old unit still exists under its name (a partial merge)
        found = _follow(ds, by_old, e)
        if found is None:
            continue
        unit, steps = found
        if unit.name == e["old_name"]:
            continue
        level = "prefecture" if e["level"] == "2" else "county"
        trail = ";".join(f"{s['year']}|{s['type']}|{s['new_name']}" for s in steps)
        rows[(e["old_name"], unit.mca_code)] = (level, e["old_name"], e["old_code"], "", e["year"], e["type"],
                                                trail, unit.mca_code)
    return sorted(rows.values(), key=lambda r: (r[7], r[4], r[1]))


def _target_county(ds: Dataset, text: str) -> Unit | None:
    """广州市南沙区 / 德钦县 → the current county (a leading prefecture name must be its prefecture)."""
    hits = []
    for u in ds.units.values():
        if u.level != "county" or not u.current or not text.endswith(u.name):
            continue
        prefix = text[: -len(u.name)]
        parent = ds.units.get(u.parent)
        if not prefix or (parent is not None and prefix.endswith(parent.name)):
            hits.append(u)
    return hits[0] if len(hits) == 1 else None


def _source_counties(ds: Dataset, text: str, province: str) -> list[tuple[int, int, Unit]]:
    """(start, end, county) for each county of the province named in a 划转 text, longest name first."""
    names = []
    for u in ds.units.values():
        if u.level == "county" and (u.mca_code or u.nbs_code)[:2] == province:
            names += [(u.name, u)] + ([(county_short(u.name), u)] if county_short(u.name) else [])
    taken: list[tuple[int, int, Unit]] = []
    for name, u in sorted(names, key=lambda x: -len(x[0])):
        for m in re.finditer(re.escape(name), text):
            end = m.end() + (1 if name != u.name and text[m.end():m.end() + 1] in ("县", "市", "区", "旗") else 0)
            if not any(a < end and m.start() < b for a, b, _ in taken):  # 铜山县 under today's 铜山区
                taken.append((m.start(), end, u))
    return sorted(taken, key=lambda t: t[0])


def transfer_rows(ds: Dataset, events: list[dict]) -> list[tuple]:
    """Townships named in 划转 events, found again in the county they moved to."""
    rows = []
    for e in events:
        if e["type"] != "划转" or not e["old_name"] or not e["new_name"]:
            continue
        target = _target_county(ds, e["new_name"])
        if target is None:
            continue
        text = e["old_name"].removeprefix("县级")
        spans = _source_counties(ds, text, target.code[:2])
        for i, (_a, end, source) in enumerate(spans):
            segment = text[end: spans[i + 1][0] if i + 1 < len(spans) else len(text)]
            for item in re.split(r"[、，,和及]", segment.lstrip("的")):
                item = item.strip()
                if not item.endswith(TOWNSHIP_END) or "村" in item or "的" in item or len(item) < 2:
                    continue
                now = [u for u in ds.children.get(target.key, []) if u.current and u.level == "township"
                       and (u.name == item or core_name(u.name) == core_name(item))]
                if len(now) != 1:
                    continue
                old = next((u for u in ds.children.get(source.key, []) if u.name == item and not u.current), None)
                rows.append(("township", item, old.nbs_code if old else "", source.code, e["year"], "划转",
                             f"{e['year']}|划转|{target.name}", now[0].mca_code))
    return rows


def build_history(ds: Dataset, events_path: Path, out_path: Path, coverage: str) -> dict:
    events = read_events(events_path)
    rows = county_rows(ds, events) + transfer_rows(ds, events)
    header = {"format": "towndesk-region-history 1", "columns": COLUMNS,
              "source": "github.com/nbsetsail/real-china-division data/change_events.csv (CC BY 4.0)",
              "coverage": coverage, "events_read": len(events),
              "counts": {lv: sum(1 for r in rows if r[0] == lv) for lv in ("prefecture", "county", "township")}}
    text = "#" + json.dumps(header, ensure_ascii=False) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    fd, tmp = tempfile.mkstemp(dir=out_path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, out_path)
    return header
