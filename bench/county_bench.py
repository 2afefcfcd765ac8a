"""County views at scale: risk proposals for every project and the township dashboard.

    python -m bench.county_bench [--projects 10000] [--url postgresql+psycopg://…]

Data: bench.generate.bulk_fill (11 townships, 2016–2025, milestones, disbursements and spending)
in a fresh county folder (SQLite file, or a server database given by --url that the benchmark
empties first). Timed, best of 3 with a warm cache:
- `risk.assess_all` (all projects: facts in a handful of queries, checklist judged per project),
  floor: the same facts gathered without proposing (`facts.gather`);
- `county_dashboard` for one year and the floor of its plain GROUP BY count over that year.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.common import Figure, best_of  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--projects", type=int, default=10_000)
    ap.add_argument("--url", help="PostgreSQL database to use (its tables are emptied first)")
    args = ap.parse_args(argv)

    from datetime import date

    from sqlalchemy import func, select

    from bench.generate import bulk_fill
    from db.models import Project
    from desktop.core.app import init_data_folder
    from desktop.county.dashboard import county_dashboard
    from desktop.risk import facts, service

    root = Path(tempfile.mkdtemp(prefix="county-bench-"))
    if args.url:
        from sqlalchemy import create_engine, text
        engine = create_engine(args.url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    app = init_data_folder(root / "county", role="county", region_code="533401000000", name="香格里拉市",
                           db_url=args.url)
    rows = bulk_fill(app, args.projects)
    today = date(2025, 9, 15)
    print(f"county bench: {args.projects} projects ({rows} rows) on {app.engine.url.get_backend_name()}")

    def gather_only():
        with app.read() as s:
            return facts.gather(s, today)
    floor = best_of(gather_only)
    full = best_of(lambda: service.assess_all(app, today=today))
    print(Figure("risk assess_all", full, "facts.gather", floor, extra={"projects": args.projects}).line())

    def count_only():
        with app.read() as s:
            return s.execute(select(Project.township_code, func.count()).where(Project.year == 2025)
                             .group_by(Project.township_code)).all()
    floor = best_of(count_only)
    dash = best_of(lambda: county_dashboard(app, year=2025, today=today))
    print(Figure("county_dashboard(year=2025)", dash, "GROUP BY count", floor).line())
    app.dispose()


if __name__ == "__main__":
    main()
