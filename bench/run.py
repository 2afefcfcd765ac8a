"""The whole benchmark: one line per figure, each with the floor measured in the same run beside it.

    python -m bench [--quick] [--only startup,ledger,sync,county,excel,pdf] [--growth] [--json FILE]
    towndesk bench [--quick] …           (the same, from the command line)

Figures and their floors (the engineers' own benchmark modules are reused where they exist:
bench/gui_bench.py, bench/sync_bench.py, bench/reports_bench.py, bench/checklist_bench.py; a figure
whose module is missing is printed as "not available yet"):

- startup   cold start to a painted dashboard at 5,000 projects  vs a bare PySide6 window, both spawned
- ledger    ledger keystroke (filter + totals + repaint) at 5,000 and 50,000 projects
- sync      export / import of one township package  vs plain zip of the same bytes / plain sqlite3
            executemany of the same rows + plain copy of the same files (bench/scale_county.py)
- county    the county imports a folder of 20 township packages  vs the same floor as import
- excel     each prescribed Excel table for 10,000 projects  vs openpyxl write-only writing the same cells
- pdf       checklist PDF for 1,000 projects  vs plain reportlab writing the same table
- views     risk proposals for every project and the county dashboard at 10,000 (bench/county_bench.py)
Every measured case runs in a fresh process, so "peak" is that case's own peak RSS.
Timings are best-of-N (N = --repeat; 1 in --quick, 3 in the full run).
The full run also measures each growable figure at one tenth of the size (--growth), right after its
full size, and prints how each grows from 1× to 10×. PostgreSQL at province scale is separate: `python -m bench.scale_postgres`.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from importlib import import_module
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.common import Figure, max_rss_mb  # noqa: E402

MARK = "BENCH-JSON "
# seconds: a table written faster than this is measured over more runs (up to 3× --repeat), it and its floor.
# 0.1 until round 10: at quick size the risk and checklist tables (0.15–0.3 s) saw their floor's best move by
# up to 1.6× between runs of unchanged code (the machine's two speeds), so they get the extra rounds too.
SHORT = 0.3
PARTS = ("startup", "ledger", "sync", "county", "excel", "pdf", "views")


@dataclass
class Profile:
    startup_projects: int
    ledger_sizes: tuple[int, ...]
    sync_projects: int
    sync_mb: float
    county_townships: int
    county_per_township: int
    county_mb_per_township: float
    excel_projects: int
    excel_kinds: tuple[str, ...]
    pdf_projects: int
    repeat: int
    views_projects: int = 10000


FULL = Profile(startup_projects=5000, ledger_sizes=(5000, 50000), sync_projects=500, sync_mb=200,
               county_townships=20, county_per_township=50, county_mb_per_township=10, excel_projects=10000,
               excel_kinds=("progress", "risk", "summary", "schedule", "dispatch", "checklist"),
               pdf_projects=1000, repeat=3, views_projects=10000)
QUICK = Profile(startup_projects=5000, ledger_sizes=(5000,), sync_projects=100, sync_mb=20,
                county_townships=20, county_per_township=5, county_mb_per_township=0.5, excel_projects=1000,
                excel_kinds=("progress", "risk", "summary", "schedule", "dispatch", "checklist"),
                pdf_projects=100, repeat=1, views_projects=1000)
TINY = Profile(startup_projects=200, ledger_sizes=(200,), sync_projects=5, sync_mb=1, county_townships=3,
               county_per_township=2, county_mb_per_township=0, excel_projects=50, excel_kinds=("progress",),
               pdf_projects=5, repeat=1, views_projects=50)
PROFILES = {"full": FULL, "quick": QUICK, "tiny": TINY}


@dataclass
class Result:
    """A figure plus what the issue asks of it."""
    key: str               # stable across sizes, for the growth table
    size: int              # projects (or packages × projects) the figure was measured at
    figure: Figure
    target: str = ""       # e.g. "≤ 2× floor"
    met: bool | None = None
    scale: float = 1.0
    # A fairer floor proposed in docs/performance.md where the proved impossible: (what it
    # measures, its seconds in this run, the same ratio limit). Printed and judged beside the issue's
    # verdict, never in its place: `met` above is always against the floor.
    proposed: tuple[str, float, float] | None = None

    @property
    def proposed_ratio(self) -> float | None:
        return self.figure.seconds / self.proposed[1] if self.proposed and self.proposed[1] else None

    @property
    def proposed_met(self) -> bool | None:
        ratio = self.proposed_ratio
        return None if ratio is None else ratio <= self.proposed[2]

    def proposed_text(self) -> str:
        if self.proposed_ratio is None:
            return ""
        name, seconds, limit = self.proposed
        return (f"proposed floor ({name}) {seconds * 1000:.1f} ms = {self.proposed_ratio:.2f}x, "
                f"≤ {limit:g}×: {'met' if self.proposed_met else 'missed'}")

    def as_dict(self) -> dict:
        d = asdict(self)
        d["ratio"] = self.figure.ratio
        d["proposed_ratio"] = self.proposed_ratio
        d["proposed_met"] = self.proposed_met
        return d


class Bench:
    def __init__(self, profile: Profile, root: Path, out=print, repeat: int | None = None):
        self.p = profile
        self.root = root
        self.out = out
        self.repeat = repeat or profile.repeat
        self.results: list[Result] = []
        self.notes: list[str] = []

    # -- plumbing ----------------------------------------------------------------------------------
    def add(self, r: Result) -> None:
        self.results.append(r)
        verdict = "" if r.met is None else f" | target {r.target}: {'met' if r.met else 'missed'}"
        if r.proposed_text():
            verdict += f" | beside it, {r.proposed_text()}"
        self.out(r.figure.line() + verdict)

    def note(self, text: str) -> None:
        self.notes.append(text)
        self.out(text)

    def module(self, name: str):
        try:
            return import_module(f"bench.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"bench.{name}":
                return None
            raise

    def best(self, fn, key="seconds", short: float = 0.0):
        """The fastest of `repeat` runs. With `short`: while the fastest is under `short` seconds, up to three
        times as many runs (a figure of a few milliseconds moves by as much between two runs of one process;
        its floor is given the same rule). `fn(k)` must not depend on k then."""
        runs = [fn(k) for k in range(self.repeat)]
        while short and min(r[key] for r in runs) < short and len(runs) < 3 * max(self.repeat, 1):
            runs.append(fn(len(runs)))
        return min(runs, key=lambda r: r[key])

    def best_together(self, fns: list, keys: list | None = None, short: float = 0.0) -> list:
        """The fastest of `repeat` runs of each of `fns`, their runs interleaved (a, b, a, b …), so a figure and
        its floor see the same minutes of the machine. This machine switches between a fast and a slow mode for
        minutes at a time; measured one after the other, a figure in one mode beside its floor in the other moved
        the ratio by up to 2× (docs/performance.md, round 8). With `short`, as `best`: more rounds of all of them
        while any one's fastest is under `short` seconds (then `fns` must not depend on k)."""
        keys = keys or ["seconds"] * len(fns)
        runs: list[list] = [[] for _ in fns]

        def one_round(k: int) -> None:
            for fn, done in zip(fns, runs):
                done.append(fn(k))

        for k in range(self.repeat):
            one_round(k)
        while short and min(min(r[key] for r in done) for done, key in zip(runs, keys)) < short \
                and len(runs[0]) < 3 * max(self.repeat, 1):
            one_round(len(runs[0]))
        return [min(done, key=lambda r, key=key: r[key]) for done, key in zip(runs, keys)]

    # -- figures -----------------------------------------------------------------------------------
    def startup(self, scale: float = 1.0) -> None:
        gui = self.module("gui_bench")
        n = max(50, int(self.p.startup_projects * scale))
        if gui is None:
            self.note(f"start to painted dashboard ({n:,} projects): not available yet (bench/gui_bench.py)")
            return
        folder = gui.make_folder(self.root / "gui", n)
        fig = gui.startup(folder, max(2, self.repeat))
        fig.name = f"start to painted dashboard: frame with last figures ({n:,} projects)"
        rss = child("dashboard-rss", {"folder": str(folder)})
        fig.peak_mb = rss["peak_mb"]
        self.add(Result("startup", n, fig, "≤ 2× bare window", fig.ratio <= 2, scale))
        live = fig.extra.get("live figures ms")
        if live:  # the same starts, to the dashboard filled from the database: shown, not judged
            self.add(Result("startup live", n, Figure(f"start to live dashboard figures ({n:,} projects)",
                                                      float(live) / 1000, fig.floor_name, fig.floor_seconds,
                                                      fig.peak_mb), scale=scale))

    def ledger(self, scale: float = 1.0) -> None:
        gui = self.module("gui_bench")
        for n in self.p.ledger_sizes:
            if gui is None:
                self.note(f"ledger keystroke ({n:,}): not available yet (bench/gui_bench.py)")
                return
            gui.make_folder(self.root / "gui", n)
            res = child("ledger", {"folder": str(self.root / "gui" / f"p{n}"), "n": n}, timeout=1800)
            for f in res["figures"]:
                fig = Figure(**f)
                fig.peak_mb = res["peak_mb"]
                if "keystroke" in fig.name:
                    # Judged against the 50 ms, repaint included (unchanged; set at 50,000 and
                    # judged at whatever size runs). The proposed fairer reading is printed beside it:
                    # the keystroke less a bare QTableView's reset + repaint of the same rows.
                    query = fig.name.split("'")[1]
                    self.add(Result(f"ledger keystroke '{query}'", n, fig, "≤ 50 ms (issue's, repaint included)",
                                    fig.seconds <= 0.050, scale))
                    over = fig.extra.get("over bare view_ms")
                    if over is not None:
                        self.add(Result(f"ledger keystroke '{query}' over bare view", n, Figure(
                            f"ledger keystroke '{query}' ({n:,}) less the bare view's repaint", float(over) / 1000,
                            peak_mb=fig.peak_mb), "proposed: ≤ 50 ms over the bare-view floor",
                            float(over) <= 50, scale))
                elif "load" in fig.name:
                    self.add(Result("ledger load", n, fig, scale=scale))
                else:
                    self.add(Result("ledger sort", n, fig, scale=scale))

    def sync(self, scale: float = 1.0) -> None:
        sb = self.module("sync_bench")
        projects, mb = max(2, int(self.p.sync_projects * scale)), self.p.sync_mb * scale
        label = f"{projects} projects, {mb:.0f} MB attachments"
        if sb is None:
            self.note(f"township package export/import ({label}): not available yet (bench/sync_bench.py)")
            return
        from bench.scale_county import attachment_files

        root = self.root / f"sync-{projects}"
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        t = time.perf_counter()
        town, county, counts = sb.setup(root, projects, mb)
        town.dispose()
        county.dispose()
        for k in range(self.repeat):
            shutil.copytree(root / "county", root / f"county-{k}")
        self.out(f"  (data: {counts['projects']} projects, {counts['attachments']} attachments "
                 f"{counts['attachment_bytes'] / 1e6:.0f} MB, made in {time.perf_counter() - t:.1f} s)")
        package = root / "pkg-0.tdpkg"  # written by the first export, before the first floor runs
        exp, zfloor, fair = self.best_together([
            lambda k: child("export", {"town": str(root / "town"), "out": str(root / f"pkg-{k}.tdpkg")}),
            lambda k: child("zip-floor", {"root": str(root), "package": str(package)}),
            lambda k: child("export-fair", {"root": str(root)})])  # bench/sync_fair.py: printed beside
        size_mb = package.stat().st_size / 1e6
        fig = Figure(f"export township package ({label})", exp["seconds"], "plain zip of the same bytes",
                     zfloor["seconds"], exp["peak_mb"], {"package MB": f"{size_mb:.1f}",
                                                         "records/s": f"{exp['change_sets'] / exp['seconds']:.0f}"})
        self.add(Result("export", projects, fig, "≤ 1.5× plain zip", fig.ratio <= 1.5, scale,
                        ("zip + outbox SELECT + SHA-256 of entries + encryption", fair["seconds"], 1.5)))
        imp, floor, extra = self.best_together([
            lambda k: child("import-one", {"county": str(root / f"county-{k}"), "package": str(package)}),
            lambda k: child("sqlite-floor", {
                "before": str(root / "county" / "towndesk.db"), "after": str(root / "county-0" / "towndesk.db"),
                "work": str(root / "floor"), "files": attachment_files(root / "town")}),
            self._fair_extra([package], root / "county", root / "county-0")])
        fig = Figure(f"import township package ({label})", imp["seconds"],
                     "sqlite3 executemany same rows + file copy", floor["seconds"], imp["peak_mb"],
                     {"rows": floor["rows"], "rows/s": f"{floor['rows'] / imp['seconds']:.0f}",
                      "floor db/copy s": f"{floor['db_seconds']:.2f}/{floor['copy_seconds']:.2f}"})
        self.add(Result("import", projects, fig, "≤ 3× plain sqlite3", fig.ratio <= 3, scale, _fair_import(floor, extra)))

    def _fair_extra(self, packages: list, county: Path, imported: Path):
        """One run of what the proposed fairer import floor adds to the issue's (bench/sync_fair.py)."""
        return lambda k: child("import-extra", {
            "packages": [str(p) for p in packages], "county": str(county), "work": str(self.root / "fair"),
            "before": str(county / "towndesk.db"), "after": str(imported / "towndesk.db")})

    def county(self, scale: float = 1.0) -> None:
        from bench.scale_county import attachment_files, prepare

        towns = self.p.county_townships
        per = max(1, int(self.p.county_per_township * scale))
        mb = self.p.county_mb_per_township * scale
        root = self.root / f"county-{towns}x{per}"
        shutil.rmtree(root, ignore_errors=True)
        info = prepare(root, towns, per, mb, seed=10, copies=self.repeat)
        self.out(f"  (data: {towns} enrolled townships × {per} projects, {info['households']} households, "
                 f"{info['attachments']} attachments {info['attachment_bytes'] / 1e6:.0f} MB, "
                 f"{towns} packages {info['package_bytes'] / 1e6:.0f} MB, made in {info['seconds']:.1f} s)")
        imp, floor, extra = self.best_together([
            lambda k: child("import-folder", {"county": str(root / f"county-{k}"),
                                              "packages": str(root / "gen" / "packages")}),
            lambda k: child("sqlite-floor", {
                "before": str(root / "gen" / "county" / "towndesk.db"), "after": str(root / "county-0" / "towndesk.db"),
                "work": str(root / "floor"), "files": attachment_files(root / "gen" / "townships")}),
            self._fair_extra(sorted((root / "gen" / "packages").glob("*.tdpkg")), root / "gen" / "county",
                             root / "county-0")])
        if imp["applied"] != towns:
            raise RuntimeError(f"county import applied {imp['applied']} of {towns} packages")
        fig = Figure(f"county imports {towns} township packages ({towns * per:,} projects)", imp["seconds"],
                     "sqlite3 executemany same rows + file copy", floor["seconds"], imp["peak_mb"],
                     {"rows": floor["rows"], "rows/s": f"{floor['rows'] / imp['seconds']:.0f}",
                      "packages MB": f"{info['package_bytes'] / 1e6:.0f}"})
        self.add(Result("county import", towns * per, fig, "≤ 3× plain sqlite3; < 400 MB",
                        fig.ratio <= 3 and fig.peak_mb < 400, scale, _fair_import(floor, extra)))

    def excel(self, scale: float = 1.0) -> None:
        rb = self.module("reports_bench")
        n = max(20, int(self.p.excel_projects * scale))
        if rb is None:
            self.note(f"Excel tables ({n:,} projects): not available yet (bench/reports_bench.py)")
            return
        data = self.root / f"reports-{n}"
        if not (data / "towndesk.db").exists():
            rb.make_data(data, n)
        for kind in self.p.excel_kinds:
            ours, floor = self.best_together(
                [lambda k: rb.run(f"xlsx:{kind}", data, self.root / f"{kind}-{n}.xlsx"),
                 lambda k: rb.run(f"floor:{kind}", data, self.root / f"{kind}-{n}-floor.xlsx")],
                keys=["seconds", "write"], short=SHORT)
            fig = Figure(f"Excel {kind} ({n:,} projects, {ours['lines']:,} lines)", ours["seconds"],
                         "openpyxl write-only, same cells", floor["write"], ours["peak_mb"],
                         {"build s": f"{ours['build']:.2f}", "write s": f"{ours['write']:.2f}",
                          "open (not in the figure) s": f"{ours.get('open', 0):.2f}",
                          "write-only ratio": f"{ours['write'] / floor['write']:.2f}x"})
            proposed = None
            if "query" in floor:  # the summary: the fairer floor proposed in docs/performance.md, judged beside
                proposed = ("its GROUP BY in plain sqlite3 + the write", floor["write"] + floor["query"], 1.5)
            self.add(Result(f"excel {kind}", n, fig, "≤ 1.5× openpyxl write-only", fig.ratio <= 1.5, scale,
                            proposed))

    def pdf(self, scale: float = 1.0) -> None:
        cb = self.module("checklist_bench")
        n = max(5, int(self.p.pdf_projects * scale))
        if cb is None:
            self.note(f"checklist PDF ({n:,} projects): not available yet (bench/checklist_bench.py)")
            return
        data = self.root / f"checklists-{n}"
        if not (data / "towndesk.db").exists():
            cb.make_data(data, n)
        floor, ours = self.best_together([lambda k: cb.run_case("floor", data, self.root / f"cl-floor-{n}.pdf"),
                                          lambda k: cb.run_case("ours", data, self.root / f"cl-{n}.pdf")])
        fig = Figure(f"checklist PDF ({n:,} projects)", ours["seconds"], "plain reportlab, same rows",
                     floor["seconds"], ours["peak_rss_mb"],
                     {"pages": ours["pages"], "floor pages": floor["pages"], "CPU ratio":
                      f"{ours['cpu'] / floor['cpu']:.2f}x", "floor peak MB": f"{floor['peak_rss_mb']:.0f}",
                      "floor's read of the same rows (not in its figure) ms": f"{floor.get('read_seconds', 0) * 1000:.0f}",
                      "ratio if the floor read them too": f"{ours['seconds'] / (floor['seconds'] + floor.get('read_seconds', 0)):.2f}x",
                      "floor's font loading (not in its figure) ms": f"{floor.get('font_seconds', 0) * 1000:.0f}"})
        fairer = floor["seconds"] + floor.get("read_seconds", 0) + floor.get("font_seconds", 0)
        fig.extra["CPU ratio against the proposed floor"] = (  # beside the issue's, never instead
            f"{ours['cpu'] / (floor['cpu'] + floor.get('read_cpu', 0) + floor.get('font_cpu', 0)):.2f}x")
        self.add(Result("checklist pdf", n, fig, "≤ 1.5× plain reportlab", fig.ratio <= 1.5, scale,
                        ("the floor's read + font loading + write", fairer, 1.5)))

    def views(self, scale: float = 1.0) -> None:
        """The county engineer's bench/county_bench.py: risk proposals for every project and the county dashboard."""
        n = max(50, int(self.p.views_projects * scale))
        if self.module("county_bench") is None:
            self.note(f"county views ({n:,} projects): not available yet (bench/county_bench.py)")
            return
        res = child("county-views", {"projects": n})
        for f in res["figures"]:
            fig = Figure(**f)
            fig.peak_mb = res["peak_mb"]
            self.add(Result(f"county views: {fig.name.split('(')[0].strip()}", n, fig, scale=scale))

    # -- the run -----------------------------------------------------------------------------------
    def run(self, parts=PARTS, growth: bool = False) -> list[Result]:
        """Each part at full size, then (growth) at one tenth right after it: the two sizes of a figure are a
        minute apart, not the whole run, so a machine that changes speed in between moves the growth less."""
        for part in parts:
            self.section(part, 1.0)
            if growth and part != "ledger":  # the ledger already runs at 5,000 and 50,000
                self.out(f"# growth: {part} at one tenth of the size")
                self.section(part, 0.1)
        return self.results

    def section(self, part: str, scale: float) -> None:
        t = time.perf_counter()
        try:
            getattr(self, part)(scale)
        except Exception as e:  # noqa: BLE001 - one broken figure must not hide the others
            self.note(f"{part}: FAILED ({type(e).__name__}: {str(e).strip().splitlines()[-1][:300] if str(e).strip() else ''})")
            traceback.print_exc(file=sys.stderr)
        self.out(f"  ({part} took {time.perf_counter() - t:.0f} s)")


# -- growth and summary ----------------------------------------------------------------------------
def growth_rows(results: list[Result]) -> list[dict]:
    """Pairs of the same figure at two sizes: time factor, floor factor, and a verdict against linear."""
    by_key: dict[str, list[Result]] = {}
    for r in results:
        by_key.setdefault(r.key, []).append(r)
    rows = []
    for key, rs in by_key.items():
        sizes = sorted({r.size for r in rs})
        if len(sizes) < 2:
            continue
        small = next(r for r in rs if r.size == sizes[0])
        big = next(r for r in rs if r.size == sizes[-1])
        size_x = big.size / small.size
        time_x = big.figure.seconds / small.figure.seconds if small.figure.seconds else float("nan")
        floor_x = (big.figure.floor_seconds / small.figure.floor_seconds
                   if small.figure.floor_seconds and big.figure.floor_seconds else None)
        verdict = "sub-linear" if time_x < 0.8 * size_x else "linear" if time_x <= 1.25 * size_x else "WORSE than linear"
        # The two sizes are measured minutes apart; when the machine changed speed in between, the floor (the same
        # plain work at both sizes) moved with it. So the growth is also shown against the floor's own growth.
        beside = None
        if floor_x and verdict == "WORSE than linear":
            beside = (f"{time_x / floor_x:.2f}× its floor's growth: "
                      + ("no faster than its floor" if time_x <= 1.25 * floor_x else "faster than its floor"))
        rows.append({"key": key, "small": small.size, "big": big.size, "size_x": size_x,
                     "small_s": small.figure.seconds, "big_s": big.figure.seconds, "time_x": time_x,
                     "floor_x": floor_x, "verdict": verdict, "beside_floor": beside,
                     "small_peak": small.figure.peak_mb, "big_peak": big.figure.peak_mb})
    return rows


def machine() -> dict:
    import sqlite3

    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(), "load_avg": " ".join(f"{x:.1f}" for x in os.getloadavg())}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().split()
        info["ram_gb"] = round(int(mem[1]) / 1e6, 1)
    except OSError:
        pass
    try:
        import PySide6
        from PySide6 import QtCore

        info["qt"] = f"PySide6 {PySide6.__version__} / Qt {QtCore.qVersion()}"
    except ImportError:
        info["qt"] = "PySide6 not installed"
    return info


def summary_lines(results: list[Result], growth: list[dict]) -> list[str]:
    lines = ["# targets (figures at this run's sizes; the growth pass is not judged)"]
    unjudged = [r for r in results if r.met is None and r.scale == 1.0 and r.figure.floor_seconds]
    for r in results:
        if r.met is not None and r.scale == 1.0:
            f = r.figure
            value = f"{f.seconds * 1000:.1f} ms"
            if f.floor_seconds:  # figure, floor and ratio from the same run, whatever the target reads
                value += f" vs {f.floor_name} {f.floor_seconds * 1000:.1f} ms = {f.ratio:.2f}x"
            if "MB" in r.target and r.figure.peak_mb is not None:
                value += f", {r.figure.peak_mb:.0f} MB"
            if r.proposed_text():
                value += f"; {r.proposed_text()}"
            lines.append(f"{'met   ' if r.met else 'missed'} {r.key} ({r.size:,}): {value} (target {r.target})")
    county = [r for r in results if r.figure.peak_mb is not None and r.scale == 1.0]
    if county:
        worst = max(county, key=lambda r: r.figure.peak_mb)
        lines.append(f"{'met   ' if worst.figure.peak_mb < 400 else 'missed'} peak memory: highest is "
                     f"{worst.figure.peak_mb:.0f} MB ({worst.key}, {worst.size:,}) (target < 400 MB)")
    lines.append(tally(results))
    for r in unjudged:  # the issue sets no number for these; their ratio is shown all the same
        f = r.figure
        lines.append(f"(no target) {r.key} ({r.size:,}): {f.seconds * 1000:.1f} ms vs {f.floor_name} "
                     f"{f.floor_seconds * 1000:.1f} ms = {f.ratio:.2f}x")
    if growth:
        lines.append("# growth (time at the larger size / time at the smaller)")
        for g in growth:
            floor = f", floor {g['floor_x']:.1f}x" if g["floor_x"] else ""
            lines.append(f"{g['key']}: {g['small']:,} → {g['big']:,} ({g['size_x']:.0f}x data): "
                         f"{g['small_s']:.3f} s → {g['big_s']:.3f} s = {g['time_x']:.1f}x{floor} — {g['verdict']}"
                         + (f" ({g['beside_floor']})" if g.get("beside_floor") else ""))
    return lines


def tally(results: list[Result]) -> str:
    """How many targets are met against the issue's floors, and how the missed ones stand beside the proposals.

    A ledger keystroke's proposal is its own result ("… over bare view"); the others carry theirs."""
    judged = [r for r in results if r.met is not None and r.scale == 1.0 and not r.key.endswith("over bare view")]
    beside = {r.key.removesuffix(" over bare view"): r.met for r in results
              if r.scale == 1.0 and r.key.endswith("over bare view")}
    missed = [r for r in judged if not r.met]
    rescued = [r for r in missed if (r.proposed_met if r.proposed else beside.get(r.key))]
    return (f"# {len(judged) - len(missed)} of {len(judged)} targets met against the issue's floors; of the "
            f"{len(missed)} missed, {len(rescued)} met against the fairer floor proposed in docs/performance.md, "
            f"{len(missed) - len(rescued)} missed against both")


def markdown(data: dict) -> str:
    """The figures, targets and growth of a run (its --json) as the tables docs/performance.md carries."""
    def ms(x):
        return f"{x * 1000:.2f} ms" if x < 0.01 else f"{x * 1000:,.0f} ms" if x < 10 else f"{x:,.1f} s"

    m = data["machine"]
    out = [f"Run: profile {data['profile']}, {m.get('cpu', '?')} × {m['nproc']} cores, {m.get('ram_gb', '?')} GB RAM, "
           f"Python {m['python']}, SQLite {m['sqlite']}, {m['qt']}; load average {m['load_avg']} at the start, "
           f"{m.get('load_avg_end', '?')} at the end.", "",
           "| figure | ours | floor | ratio | peak RSS | target | proposed floor (beside, not instead) |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in data["results"]:
        if r["scale"] != 1.0:
            continue
        f = r["figure"]
        floor = f"{f['floor_name']}: {ms(f['floor_seconds'])}" if f["floor_seconds"] else ""
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] else ""
        peak = f"{f['peak_mb']:.0f} MB" if f["peak_mb"] is not None else ""
        target = "" if r["met"] is None else f"{r['target']}: **{'met' if r['met'] else 'missed'}**"
        proposed = ""
        if r.get("proposed") and r.get("proposed_ratio"):
            name, seconds, limit = r["proposed"]
            proposed = (f"{name}: {ms(seconds)}, {r['proposed_ratio']:.2f}× (≤ {limit:g}×: "
                        f"{'met' if r['proposed_met'] else 'missed'})")
        out.append(f"| {f['name']} | {ms(f['seconds'])} | {floor} | {ratio} | {peak} | {target} | {proposed} |")
    if data.get("growth"):
        out += ["", "| figure | 1× | 10× | time grows | floor grows | peak 1× → 10× | verdict |",
                "| --- | --- | --- | --- | --- | --- | --- |"]
        for g in data["growth"]:
            floor = f"{g['floor_x']:.1f}×" if g["floor_x"] else ""
            peak = (f"{g['small_peak']:.0f} → {g['big_peak']:.0f} MB"
                    if g["small_peak"] is not None and g["big_peak"] is not None else "")
            out.append(f"| {g['key']} | {g['small']:,}: {ms(g['small_s'])} | {g['big']:,}: {ms(g['big_s'])} | "
                       f"{g['time_x']:.1f}× | {floor} | {peak} | {g['verdict']}"
                       + (f" ({g['beside_floor']})" if g.get("beside_floor") else "") + " |")
    return "\n".join(out) + "\n"


# -- child processes -------------------------------------------------------------------------------
def child(case: str, params: dict, timeout: float = 3600) -> dict:
    """Run one case in a fresh interpreter (its own peak RSS, Qt isolated) and return its JSON."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--case", case, "--params", json.dumps(params)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    raise RuntimeError(f"case {case} failed (exit {proc.returncode}): {proc.stderr.strip()[-1500:]}")


def _case_dashboard_rss(p: dict) -> dict:
    from bench import gui_bench

    gui_bench.child_dashboard(p["folder"])
    return {"peak_mb": max_rss_mb()}


def _case_ledger(p: dict) -> dict:
    from bench import gui_bench

    figures = gui_bench.ledger(Path(p["folder"]), p["n"])
    return {"figures": [asdict(f) for f in figures], "peak_mb": max_rss_mb()}


def _case_export(p: dict) -> dict:
    from desktop.core.app import open_app
    from desktop.sync import service

    app = open_app(p["town"])
    t = time.perf_counter()
    res = service.export_package(app, p["out"])
    return {"seconds": time.perf_counter() - t, "change_sets": res["change_sets"], "bytes": res["bytes"],
            "peak_mb": max_rss_mb()}


def _case_zip_floor(p: dict) -> dict:
    from bench import sync_bench
    from desktop.core.app import open_app

    root = Path(p["root"])
    town = open_app(root / "town")
    return {"seconds": sync_bench.plain_zip_floor(town, Path(p["package"]), root), "peak_mb": max_rss_mb()}


def _fair_import(floor: dict, extra: dict) -> tuple:
    """The proposed fairer import floor (bench/sync_fair.py), judged beside the issue's; target unchanged."""
    return ("executemany + copy + decrypt + SHA-256 of entries + chain hash per row",
            floor["seconds"] + extra["seconds"], 3)


def _case_export_fair(p: dict) -> dict:
    """The proposed export floor, on what the zip-floor case left in `root` (changes text, inner zip)."""
    import zipfile

    from bench import sync_fair
    from desktop.core.app import open_app
    from desktop.core.attachments_store import AttachmentStore

    root = Path(p["root"])
    town = open_app(root / "town")
    with zipfile.ZipFile(root / "inner.zip") as zf:
        shas = [n[6:] for n in zf.namelist() if n.startswith("files/")]
    store = AttachmentStore(town.layout)
    res = sync_fair.export_floor(town.layout.database, town.node.id, root / "changes.jsonl",
                                 [store.path_for(s) for s in shas], root / "fair.bin")
    town.dispose()
    return {**res, "peak_mb": max_rss_mb()}


def _case_import_extra(p: dict) -> dict:
    from bench import sync_fair
    from desktop.sync import keys as keymod

    box = keymod.load(Path(p["county"]) / "keys" / "node.key").box
    rows = sync_fair.chain_rows_added(Path(p["before"]), Path(p["after"]))
    return {**sync_fair.import_extra([Path(x) for x in p["packages"]], box, rows, Path(p["work"])), "rows": rows}


def _case_county_views(p: dict) -> dict:
    """Run bench.county_bench.main and read back the Figure lines it prints."""
    import contextlib
    import io
    import re

    from bench import county_bench

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        county_bench.main(["--projects", str(p["projects"])])
    pattern = re.compile(r"^(?P<name>[^|]+?): (?P<ms>[\d.]+) ms(?: \| floor \((?P<floor>[^)]*)\) (?P<fms>[\d.]+) ms)?")
    figures = []
    for line in buf.getvalue().splitlines():
        m = pattern.match(line)
        if m:
            figures.append({"name": f"{m['name']} ({p['projects']:,} projects)", "seconds": float(m["ms"]) / 1000,
                            "floor_name": m["floor"] or "", "floor_seconds": float(m["fms"] or 0) / 1000})
    return {"figures": figures, "peak_mb": max_rss_mb()}


def _cases() -> dict:
    from bench import scale_county

    return {"dashboard-rss": _case_dashboard_rss, "ledger": _case_ledger, "export": _case_export,
            "zip-floor": _case_zip_floor, "export-fair": _case_export_fair, "import-extra": _case_import_extra,
            "county-views": _case_county_views, "import-one": scale_county.case_import_one,
            "import-folder": scale_county.case_import_folder, "sqlite-floor": scale_county.case_sqlite_floor}


# -- entry -----------------------------------------------------------------------------------------
def add_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--quick", action="store_true", help="smaller sizes, one repetition (under two minutes)")
    ap.add_argument("--profile", choices=sorted(PROFILES), help="sizes: full (default), quick, tiny (smoke test)")
    ap.add_argument("--only", help="comma-separated figures: " + ",".join(PARTS))
    ap.add_argument("--repeat", type=int, help="best of N (default 3 full, 1 quick)")
    ap.add_argument("--growth", action="store_true", help="also run the figures at one tenth of the size")
    ap.add_argument("--no-growth", action="store_true", help="full run without the growth pass")
    ap.add_argument("--keep", metavar="DIR", help="keep generated data here (default: a temporary folder, removed)")
    ap.add_argument("--json", metavar="FILE", help="write the figures, growth and machine as JSON")
    ap.add_argument("--markdown", metavar="FILE", help="write the figures and growth as Markdown tables")


def run_from_args(args) -> int:
    name = args.profile or ("quick" if args.quick else "full")
    profile = PROFILES[name]
    parts = [p.strip() for p in args.only.split(",")] if args.only else list(PARTS)
    bad = [p for p in parts if p not in PARTS]
    if bad:
        print(f"unknown figure(s): {', '.join(bad)}; choose from {', '.join(PARTS)}", file=sys.stderr)
        return 2
    growth = args.growth or (name == "full" and not args.no_growth)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="towndesk-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    info = machine()
    print(f"# TownDesk benchmark, profile {name}{' + growth' if growth else ''}, {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"# {info.get('cpu', '?')}, {info['nproc']} cores, {info.get('ram_gb', '?')} GB; Python {info['python']}, "
          f"SQLite {info['sqlite']}, {info['qt']}; load average {info['load_avg']}")
    start = time.perf_counter()
    bench = Bench(profile, root, out=lambda s: print(s, flush=True), repeat=args.repeat)
    try:
        results = bench.run(parts, growth)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    rows = growth_rows(results)
    for line in summary_lines(results, rows):
        print(line)
    info["load_avg_end"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"# total {time.perf_counter() - start:.0f} s; load average at the end {info['load_avg_end']}")
    data = {"profile": name, "machine": info, "results": [r.as_dict() for r in results], "growth": rows,
            "notes": bench.notes}
    if args.json:
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if getattr(args, "markdown", None):
        Path(args.markdown).write_text(markdown(data), encoding="utf-8")
    return 1 if any("FAILED" in n for n in bench.notes) else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    add_arguments(ap)
    ap.add_argument("--case", help=argparse.SUPPRESS)
    ap.add_argument("--params", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.case:
        result = _cases()[args.case](json.loads(args.params or "{}"))
        print(MARK + json.dumps(result), flush=True)
        return 0
    return run_from_args(args)


if __name__ == "__main__":
    sys.exit(main())
