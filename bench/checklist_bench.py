"""Benchmark: print the checklists of 1,000 projects into one PDF.

Floor: plain reportlab writing the same rows (same embedded font, one table per project,
plain strings, header repeated) with no database reads, no per-project page numbering and no
wrapping. Each case runs in a fresh process so peak RSS belongs to that case alone.

    .venv/bin/python bench/checklist_bench.py [--projects 1000]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, max_rss_mb  # noqa: E402


def make_data(root: Path, n: int) -> None:
    """A township folder with n projects (bulk) and a ProjectDocument row per item in mixed states."""
    from sqlalchemy import insert, select

    from bench.generate import bulk_fill
    from db.models import Project, ProjectDocument
    from desktop.core.app import init_data_folder
    from desktop.checklists.standards import load_in

    app = init_data_folder(root, role="township", region_code="533401102000", name="小中甸镇")
    bulk_fill(app, n, seed=7)
    rng = random.Random(7)
    with app.tx() as s:
        catalog = load_in(s)
        projects = s.scalars(select(Project)).all()
        rows = []
        for p in projects:
            for it in catalog.for_project(p).items:
                r = rng.random()
                state = "collected" if r < 0.7 else "needs_fix" if r < 0.8 else "missing"
                rows.append({"id": str(uuid.uuid4()), "project_id": p.id, "item_key": it.key, "state": state,
                             "reason": "缺少签字盖章，需补正" if state == "needs_fix" else None,
                             "location": f"{p.year}-档案盒{rng.randint(1, 40):02d}" if state == "collected" else None,
                             "pages": rng.randint(1, 40) if state == "collected" else None,
                             "version": 1, "created_at": datetime(2020, 1, 1), "updated_at": datetime(2020, 1, 1),
                             "deleted": False, "origin_node": app.node.id})
        s.execute(insert(ProjectDocument), rows)
    app.dispose()


def case_ours(data: Path, out: Path) -> dict:
    from desktop.core.app import open_app
    from desktop.checklists.printing import checklist_pdf

    # The libraries loaded before the clock, as the floor's are (its reportlab imports sit above its timer):
    # before 2026-12-02 ours paid ≈ 50–100 ms of importing reportlab, PIL and desktop.pdf inside its figure.
    import reportlab.platypus  # noqa: F401
    import desktop.pdf.grid, desktop.pdf.page, desktop.pdf.tables  # noqa: F401,E401

    app = open_app(data)
    t, c = time.perf_counter(), time.process_time()
    r = checklist_pdf(app, out)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "pages": r["pages"],
            "projects": r["projects"]}


def case_missing(data: Path, out: Path) -> dict:
    from desktop.core.app import open_app
    from desktop.checklists.missing import missing_documents
    from desktop.checklists.printing import missing_pdf

    app = open_app(data)
    t, c = time.perf_counter(), time.process_time()
    rows = missing_documents(app)
    t_rows = time.perf_counter() - t
    r = missing_pdf(app, out, rows)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "rows_seconds": t_rows,
            "rows": len(rows), "pages": r["pages"]}


def case_floor(data: Path, out: Path) -> dict:
    """The same rows, read beforehand, written by plain reportlab (timed: the writing only)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    from desktop.core.app import open_app
    from desktop.checklists.missing import iter_project_checklists
    from desktop.pdf.fonts import register_cjk_font

    app = open_app(data)
    t, c = time.perf_counter(), time.process_time()  # reading and evaluating: shown apart, not in the floor
    with app.read() as s:
        data_rows = [(p.code, p.name, [[str(i), it["name"], "必备" if it["required"] else "不需", it["state_label"],
                                        it["received_on"] or "", str(it["pages"] or ""), it["location"] or "",
                                        it["reason"] or "", ""] for i, it in enumerate(items, 1)])
                     for p, _std, items in iter_project_checklists(s)]
    read, read_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()  # loading the CJK font: shown apart too (ours pays it inside)
    font = register_cjk_font()
    font_s, font_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm)
    story = []
    widths = [w * mm for w in (10, 50, 12, 14, 19, 9, 24, 32, 10)]
    style = TableStyle([("FONT", (0, 0), (-1, -1), font, 8.5), ("GRID", (0, 0), (-1, -1), 0.4, "#555555")])
    for n, (code, name, rows) in enumerate(data_rows):
        if n:
            story.append(PageBreak())
        head = ["序号", "资料名称", "要求", "状态", "收到日期", "页数", "档案位置", "说明", "核对"]
        story.append(Table([[code, name] + [""] * 7, head] + rows, colWidths=widths, repeatRows=2, style=style))
    doc.build(story)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "pages": doc.page,
            "read_seconds": read, "read_cpu": read_cpu, "font_seconds": font_s, "font_cpu": font_cpu}


def run_case(name: str, data: Path, out: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--case", name, "--data", str(data), "--out", str(out)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--projects", type=int, default=1000)
    ap.add_argument("--case")
    ap.add_argument("--data")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.case:
        result = {"ours": case_ours, "floor": case_floor, "missing": case_missing}[args.case](Path(args.data), Path(args.out))
        result["peak_rss_mb"] = max_rss_mb()
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        make_data(tmp / "data", args.projects)
        print(f"data: {args.projects} projects in {time.perf_counter() - t:.1f} s")
        floor = run_case("floor", tmp / "data", tmp / "floor.pdf")
        ours = run_case("ours", tmp / "data", tmp / "ours.pdf")
        miss = run_case("missing", tmp / "data", tmp / "missing.pdf")
        size = (tmp / "ours.pdf").stat().st_size / 1e6
        print(Figure(f"checklist pdf, {ours['projects']} projects (wall)", ours["seconds"], "plain reportlab, same rows",
                     floor["seconds"], ours["peak_rss_mb"],
                     {"pages": ours["pages"], "floor pages": floor["pages"], "file MB": f"{size:.1f}",
                      "ms/project": f"{ours['seconds'] * 1000 / ours['projects']:.1f}",
                      "floor peak RSS MB": f"{floor['peak_rss_mb']:.0f}"}).line())
        print(Figure(f"checklist pdf, {ours['projects']} projects (CPU)", ours["cpu"], "plain reportlab, same rows",
                     floor["cpu"]).line())
        print(Figure(f"missing list ({miss['rows']} rows): query + pdf", miss["seconds"], peak_mb=miss["peak_rss_mb"],
                     extra={"CPU s": f"{miss['cpu']:.1f}", "query s": f"{miss['rows_seconds']:.2f}",
                            "pages": miss["pages"]}).line())
        print(f"cpu: {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
