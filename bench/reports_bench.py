"""Benchmark: importing a 5,000-row ledger, and writing each prescribed table for 10,000 projects.

Floors: for a table, openpyxl in write-only mode writing the same cell values (no styles, no
merges, no print setup, no database reads); for the import, openpyxl read-only reading the same
sheet with values only. Each case runs in a fresh process so its peak RSS is its own.

    .venv/bin/python bench/reports_bench.py [--projects 10000] [--ledger-rows 5000] [--only xlsx]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, max_rss_mb  # noqa: E402

KINDS = ["progress", "risk", "summary", "schedule", "dispatch", "checklist"]
COUNTY = ("533401000000", "香格里拉市")


def make_data(root: Path, n: int) -> None:
    """A county folder: n projects over 11 townships and ten years (bulk, no change log), with
    milestones, money, two half-monthly reports, risk grades and checklist states."""
    from sqlalchemy import insert, select

    from bench.generate import bulk_fill
    from db.models import Project, ProgressReport, ProjectDocument, RiskAssessment
    from desktop.core.app import init_data_folder
    from desktop.checklists.standards import load_in

    app = init_data_folder(root, role="county", region_code=COUNTY[0], name=COUNTY[1])
    bulk_fill(app, n, seed=11)
    rng = random.Random(11)
    base = {"version": 1, "created_at": datetime(2020, 1, 1), "updated_at": datetime(2020, 1, 1), "deleted": False,
            "origin_node": app.node.id}
    with app.tx() as s:
        catalog = load_in(s)
        reports, risks, docs = [], [], []
        for p in s.scalars(select(Project)):
            for day, pct in ((date(p.year, 6, 14), p.works_progress_pct // 2), (date(p.year, 6, 29), p.works_progress_pct)):
                reports.append({**base, "id": str(uuid.uuid4()), "project_id": p.id, "report_date": day,
                                "period": "half-monthly", "works_pct": pct, "disbursed_fen": 0, "spent_fen": 0,
                                "summary": "按倒排工期推进", "problems": "雨季施工进度受影响" if pct < 50 else None})
            if p.risk_level:
                risks.append({**base, "id": str(uuid.uuid4()), "project_id": p.id, "level": p.risk_level,
                              "proposed_level": p.risk_level, "reasons": ["未设立共管账户"], "plan": [],
                              "disposition": "consolidate", "assessed_by": "县工作专班",
                              "assessed_at": datetime(p.year, 9, 15), "signed_off": False})
            for it in catalog.for_project(p).items:
                r = rng.random()
                docs.append({**base, "id": str(uuid.uuid4()), "project_id": p.id, "item_key": it.key,
                             "state": "collected" if r < 0.7 else "needs_fix" if r < 0.8 else "missing"})
        for model, rows in ((ProgressReport, reports), (RiskAssessment, risks), (ProjectDocument, docs)):
            for i in range(0, len(rows), 20_000):
                s.execute(insert(model), rows[i:i + 20_000])
    app.dispose()


def make_ledger(path: Path, rows: int) -> None:
    """A county ledger as offices keep it: title, unit line, merged two-level header, sections per
    level with a 小计, text amounts with separators, dates in three written forms, a footnote."""
    from openpyxl import Workbook

    from bench.generate import NAMES, TOWNSHIP_CODES
    from desktop.setup.demo_data import GENERIC_PROJECTS, VILLAGES

    rng = random.Random(5)
    wb = Workbook()
    ws = wb.active
    ws.append(["2020年香格里拉市帮扶项目台账"])
    ws.append(["单位：万元、户、人"])
    ws.append(["序号", "项目名称", "实施乡镇", "建设地点", "计划投资", None, "已拨付", "开工时间", "计划完工",
               "工程进度", "受益情况", None, "责任人", "备注"])
    ws.append([None, None, None, None, "合计", "其中：沪滇资金", None, None, None, None, "户数", "人数"])
    for rng_ in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:G4", "H3:H4", "I3:I4", "J3:J4", "K3:L3",
                 "M3:M4", "N3:N4"):
        ws.merge_cells(rng_)
    levels = ["市级", "区级", "携手奔小康", "村企结对"]
    per = rows // len(levels)
    for k, level in enumerate(levels):
        ws.append([f"{'一二三四'[k]}、{level}项目（{per}个）"])
        total = 0
        for i in range(per):
            code = TOWNSHIP_CODES[i % len(TOWNSHIP_CODES)]
            village = VILLAGES[code][i % len(VILLAGES[code])]
            wan = rng.randint(5, 900) + rng.randint(0, 99) / 100
            total += round(wan * 100)
            cat, pattern = GENERIC_PROJECTS[i % len(GENERIC_PROJECTS)]
            start = [datetime(2020, 5, 1 + i % 28), f"2020.5.{1 + i % 28}", f"2020年5月{1 + i % 28}日"][i % 3]
            ws.append([i + 1, f"{pattern.format(v=village)}（{level}{i}）", NAMES[code], village,
                       f"{wan:,.2f}" if i % 2 else wan, wan, round(wan * 0.4, 2), start, "2020-10-30",
                       rng.choice([0.3, 0.5, 0.8, 1]), rng.randint(5, 90), rng.randint(20, 300), "和志强", None])
        ws.append([None, "小计", None, None, total / 100])
    ws.append(["注：数据截至2020年6月30日。"])
    wb.save(path)


def _values(report):
    from desktop.reports.xlsx import cell_value

    cols = report.shown
    return [[cell_value(c, ln.values.get(c.key), report.money_unit) for c in cols] for ln in report.lines]


def _plain_group_by(db: Path) -> float:
    """Seconds plain sqlite3 takes to run the summary's own GROUP BY (the proposed fairer floor's query part)."""
    import sqlite3

    from sqlalchemy.dialects import sqlite as sqlite_dialect

    from desktop.reports.data import Scope, summary_query

    compiled = summary_query(Scope()).compile(dialect=sqlite_dialect.dialect(), compile_kwargs={"render_postcompile": True})
    params = [compiled.params[k] for k in compiled.positiontup]
    con = sqlite3.connect(db)
    try:
        t = time.perf_counter()
        con.execute(str(compiled), params).fetchall()
        return time.perf_counter() - t
    finally:
        con.close()


def _program_running() -> None:
    """Import what a running program has loaded before a clerk's click, for our table and its floor alike:
    the table builders (and the modules they import on first use: the library's states, the plain-text
    statements, the checklist figures) and openpyxl with the part it imports on the first save. Before
    2026-12-02 these first-use imports (≈3–5 ms) were inside the figures, weighing on the small tables."""
    import openpyxl.packaging.extended  # noqa: F401
    from openpyxl import Workbook  # noqa: F401

    import desktop.checklists.bulk, desktop.library, desktop.reports.dispatch_sql  # noqa: F401,E401
    import desktop.reports.progress, desktop.reports.risk, desktop.reports.schedule  # noqa: F401,E401
    import desktop.reports.summary_sql, desktop.reports.xlsx, desktop.terms.words  # noqa: F401,E401


def case(args) -> dict:
    """One measured case in this process; prints JSON."""
    from desktop.core.app import open_app

    kind, _, what = args.case.partition(":")
    out = Path(args.out)
    t0 = time.perf_counter()
    result: dict = {}
    if kind == "xlsx":
        # The clock starts as a clerk's click does: program running (modules imported), data folder open.
        # Opening and importing are timed apart ("open"); before 2026-12-02 they were inside the figure.
        _program_running()
        from desktop.reports import build_table
        from desktop.reports.xlsx import write_report

        app = open_app(args.data)
        opened = time.perf_counter() - t0
        on = date(2020, 6, 29) if what == "dispatch" else None
        t0, c0 = time.perf_counter(), time.process_time()
        report = build_table(app, what, on=on)
        t1, c1 = time.perf_counter(), time.process_time()
        write_report(report, out)
        result = {"build": t1 - t0, "write": time.perf_counter() - t1, "lines": len(report.lines),
                  "build_cpu": c1 - c0, "write_cpu": time.process_time() - c1, "open": opened,
                  "projects": sum(1 for ln in report.lines if ln.kind == "data")}
    elif kind == "floor":
        _program_running()
        from openpyxl import Workbook

        from desktop.reports import build_table

        app = open_app(args.data)
        report = build_table(app, what, on=date(2020, 6, 29) if what == "dispatch" else None)
        values = _values(report)
        t1, c1 = time.perf_counter(), time.process_time()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("t")
        for row in values:
            ws.append(row)
        wb.save(out)
        result = {"write": time.perf_counter() - t1, "write_cpu": time.process_time() - c1,
                  "cells": sum(len(r) for r in values)}
        if what == "summary":
            result["query"] = _plain_group_by(Path(args.data) / "towndesk.db")
    elif kind == "pdf":
        from desktop.reports import build_table
        from desktop.reports.pdf import write_report

        app = open_app(args.data)
        report = build_table(app, what, on=date(2020, 6, 29) if what == "dispatch" else None)
        t1, c1 = time.perf_counter(), time.process_time()
        write_report(report, out, installation=COUNTY[1])
        result = {"build": t1 - t0, "write": time.perf_counter() - t1, "write_cpu": time.process_time() - c1}
    elif kind == "wallchart":
        from desktop.reports.wallchart import write_wallchart

        app = open_app(args.data)
        result = write_wallchart(app, out, year=int(what), as_of=date(int(what), 7, 15))
    elif kind in ("import", "dry"):
        from desktop.ledger_import import run_import

        app = open_app(args.data)
        s = run_import(app, args.ledger, dry_run=kind == "dry")
        result = {k: s[k] for k in ("imported", "skipped", "refused", "existing")}
    elif kind == "read":
        from openpyxl import load_workbook

        wb = load_workbook(args.ledger, read_only=True, data_only=True)
        result = {"rows": sum(1 for _ in wb.active.iter_rows(values_only=True))}
    result.update(seconds=time.perf_counter() - t0, peak_mb=max_rss_mb(),
                  size=out.stat().st_size if out.exists() else None)
    return result


def run(kind: str, data: Path, out: Path, ledger: Path | None = None) -> dict:
    cmd = [sys.executable, __file__, "--case", kind, "--data", str(data), "--out", str(out)]
    if ledger:
        cmd += ["--ledger", str(ledger)]
    cpu0 = _children_cpu()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["cpu"] = _children_cpu() - cpu0
    return res


def _children_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--projects", type=int, default=10_000)
    ap.add_argument("--ledger-rows", type=int, default=5_000)
    ap.add_argument("--only", choices=["import", "xlsx", "pdf"])
    ap.add_argument("--case")
    ap.add_argument("--data")
    ap.add_argument("--out")
    ap.add_argument("--ledger")
    args = ap.parse_args()
    if args.case:
        print(json.dumps(case(args)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="reports-bench-"))
    print(f"# TownDesk reports benchmark — {datetime.now():%Y-%m-%d %H:%M}, data in {tmp}")
    if args.only in (None, "import"):
        ledger = tmp / "ledger.xlsx"
        make_ledger(ledger, args.ledger_rows)
        from desktop.core.app import init_data_folder

        for name in ("dry", "import"):
            init_data_folder(tmp / f"imp-{name}", role="county", region_code=COUNTY[0], name=COUNTY[1]).dispose()
        floor = run("read", tmp, tmp / "none", ledger)
        for name, label in (("dry", "import-xlsx --dry-run"), ("import", "import-xlsx (writes, change log)")):
            r = run(name, tmp / f"imp-{name}", tmp / "none", ledger)
            print(Figure(f"{label}, {args.ledger_rows} rows", r["seconds"], "openpyxl read-only values",
                         floor["seconds"], r["peak_mb"], {"cpu": f"{r['cpu']:.1f} s", "imported": r["imported"],
                                                           "refused": r["refused"]}).line())
    if args.only in (None, "xlsx", "pdf"):
        data = tmp / "county"
        t = time.perf_counter()
        make_data(data, args.projects)
        print(f"setup: {args.projects} projects (bulk) in {time.perf_counter() - t:.1f} s")
    if args.only in (None, "xlsx"):
        for kind in KINDS:
            ours = run(f"xlsx:{kind}", data, tmp / f"{kind}.xlsx")
            floor = run(f"floor:{kind}", data, tmp / f"{kind}-floor.xlsx")
            print(Figure(f"report xlsx {kind} ({ours['projects']} rows)", ours["seconds"],
                         "openpyxl write-only, same cells", floor["write"], ours["peak_mb"],
                         {"build": f"{ours['build']:.2f} s (cpu {ours['build_cpu']:.2f} s)",
                          "write": f"{ours['write']:.2f} s (cpu {ours['write_cpu']:.2f} s)",
                          "floor write cpu": f"{floor['write_cpu']:.2f} s",
                          "write cpu ratio": f"{ours['write_cpu'] / floor['write_cpu']:.2f}x",
                          "size": f"{ours['size'] // 1024} KB"}).line())
    if args.only in (None, "pdf"):
        r = run("pdf:progress", data, tmp / "progress.pdf")
        print(Figure("report pdf progress", r["seconds"], peak_mb=r["peak_mb"],
                     extra={"build": f"{r['build']:.2f} s", "write": f"{r['write']:.2f} s (cpu {r['write_cpu']:.1f} s)",
                            "cpu": f"{r['cpu']:.1f} s", "size": f"{r['size'] // 1024} KB"}).line())
        r = run("wallchart:2020", data, tmp / "wall.pdf")
        print(Figure(f"wallchart 2020 ({r['projects']} projects, {r['pages']} A3 pages)", r["seconds"],
                     peak_mb=r["peak_mb"], extra={"cpu": f"{r['cpu']:.1f} s", "size": f"{r['size'] // 1024} KB"}).line())


if __name__ == "__main__":
    main()
