"""Province scale on PostgreSQL: 200,000 projects — bulk import throughput and summary-query times.

    python -m bench.scale_postgres [--url postgresql+psycopg://td:td@127.0.0.1/td] [--projects 200000] [--growth]
    towndesk bench postgres …

The URL names a role allowed to create databases; the benchmark drops and re-creates its own
database (`--database`, default td_bench) on that server, migrates it like `towndesk init --db-url`
does, and leaves it there for inspection (drop it with `dropdb td_bench`).

Data: a synthetic province of 16 prefectures × 8 counties × 10 townships (1,250 of them used),
160 projects each over 2016–2025, with 4 milestones, a disbursement and an expenditure per project
that has paid anything, and a fund allocation each (≈ 1.5 million rows), from bench.generate (deterministic from the seed).

1. Import throughput: the rows are inserted in chunks of 50 townships (≈ 8,000 projects), one
   transaction per chunk, with SQLAlchemy Core `insert()` executemany — how TownDesk writes in bulk
   (sync apply, ledger import). Floor, measured chunk by chunk beside it: PostgreSQL `COPY` of the
   same rows (psycopg `copy`) into tables made `LIKE … INCLUDING ALL` (same columns, constraints
   and indexes; no foreign keys). Row building is outside both timings.
2. Summary queries, after ANALYZE, best of 5 with a warm cache: the county dashboard's own
   per-township queries (planned, started/finished, risk counts; allocated and spent by township)
   for one year and for all years; per-township disbursed/spent over the province; the red/yellow
   projects a province supervises; a filtered ledger query (year, county, stage, risk, name
   substring, with each row's disbursed/spent) and one township's ledger; then the services as the
   application calls them: `ledger_rows` (all 200,000 rows into Python) and the reports' `gather`
   for one year. Each query line names the plan's main node (EXPLAIN) so the index it uses shows.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.common import Figure, max_rss_mb  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://td:td@127.0.0.1/td"
TOWNSHIPS = 1250
CHUNK = 50
YEAR = 2020


def _admin(base_url: str):
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    from desktop.core import dbconfig

    url = make_url(dbconfig.normalise_url(base_url))
    return url, create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def fresh_database(base_url: str, name: str) -> str:
    from sqlalchemy import text

    url, admin = _admin(base_url)
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _rows_for_chunk(app, towns, per, seed, k0):
    """The same rows bench.generate.bulk_fill_townships writes, for one chunk of townships."""
    import uuid
    from datetime import date, datetime

    from bench.generate import project_rows

    now = datetime(2020, 1, 1)
    common = {"version": 1, "created_at": now, "updated_at": now, "deleted": False, "origin_node": app.node.id}
    rows, fa, ms, ds, es = [], [], [], [], []
    for k, town in enumerate(towns, k0):
        for i, r in enumerate(project_rows(per, seed * 100_000 + k, [town])):
            r.update(origin_node=app.node.id, code=f"B{r['year']}-{town[0]}-{i:05d}")
            rows.append(r)
    for r in rows:
        y = r["year"]
        fa.append({**common, "id": str(uuid.uuid4()), "project_id": r["id"], "source": r["funding_sources"][0],
                   "amount_fen": r["planned_investment_fen"], "allocated_on": date(y, 3, 15), "document_no": None,
                   "note": None})
        for k, (m, d, pct) in enumerate([(4, 30, 0), (6, 30, 50), (8, 30, 80), (10, 30, 100)]):
            ms.append({**common, "id": str(uuid.uuid4()), "project_id": r["id"], "name": f"节点{k + 1}",
                       "planned_date": date(y, m, d), "planned_works_pct": pct, "planned_money_pct": pct,
                       "sort_order": k, "actual_date": None, "note": None})
        paid = r["planned_investment_fen"] * r["works_progress_pct"] // 100
        if paid:
            ds.append({**common, "id": str(uuid.uuid4()), "project_id": r["id"], "paid_on": date(y, 6, 1),
                       "amount_fen": paid, "source": None, "voucher_no": None, "note": None})
            es.append({**common, "id": str(uuid.uuid4()), "project_id": r["id"], "spent_on": date(y, 7, 1),
                       "amount_fen": paid * 8 // 10, "payee": None, "purpose": None, "voucher_no": None})
    return rows, fa, ms, ds, es


def import_bulk(app, n_projects: int, seed: int = 1, out=print) -> dict:
    """Insert the province chunk by chunk; beside each chunk, COPY the same rows into floor tables."""
    from sqlalchemy import insert, text

    from bench.generate import province_townships
    from db.models import Disbursement, Expenditure, FundAllocation, Milestone, Project

    models = (Project, FundAllocation, Milestone, Disbursement, Expenditure)
    towns = province_townships()[:TOWNSHIPS]
    per = max(1, n_projects // len(towns))
    with app.engine.begin() as c:
        for m in models:
            t = m.__table__.name
            c.execute(text(f'DROP TABLE IF EXISTS "floor_{t}"'))
            c.execute(text(f'CREATE TABLE "floor_{t}" (LIKE "{t}" INCLUDING ALL)'))
    ours = floor = 0.0
    n_rows = 0
    raw = app.engine.raw_connection()
    try:
        for start in range(0, len(towns), CHUNK):
            batches = _rows_for_chunk(app, towns[start:start + CHUNK], per, seed, start)
            t = time.perf_counter()
            with app.engine.begin() as c:
                for model, batch in zip(models, batches):
                    if batch:
                        c.execute(insert(model), batch)
            ours += time.perf_counter() - t
            t = time.perf_counter()
            cur = raw.cursor()
            for model, batch in zip(models, batches):
                cols = [col.name for col in model.__table__.columns]
                with cur.copy(f'COPY "floor_{model.__table__.name}" ({", ".join(cols)}) FROM STDIN') as cp:
                    for r in batch:
                        cp.write_row([r.get(col) if col != "funding_sources" else json.dumps(r[col], ensure_ascii=False)
                                      for col in cols])
            raw.commit()
            floor += time.perf_counter() - t
            n_rows += sum(len(b) for b in batches)
            if out and (start // CHUNK) % 5 == 4:
                out(f"  … {min(start + CHUNK, len(towns)) * per:,} projects, {n_rows:,} rows: "
                    f"ours {ours:.1f} s, COPY {floor:.1f} s")
    finally:
        raw.close()
    with app.engine.begin() as c:
        for m in models:
            c.execute(text(f'DROP TABLE "floor_{m.__table__.name}"'))
            c.execute(text(f'ANALYZE "{m.__table__.name}"'))
    return {"projects": per * len(towns), "rows": n_rows, "seconds": ours, "floor_seconds": floor}


def _plan(conn, stmt) -> str:
    """The plan's top scan/join nodes, e.g. 'Hash Join < Bitmap Heap Scan on project (ix_project_year)'."""
    from sqlalchemy import text

    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})) \
        if not isinstance(stmt, str) else stmt
    plan = conn.execute(text("EXPLAIN (FORMAT JSON) " + sql)).scalar()[0]["Plan"]
    seen: list[str] = []

    def walk(node):
        kind = node["Node Type"]
        if "Scan" in kind and "Subquery" not in kind:
            rel = node.get("Relation Name", "")
            idx = node.get("Index Name")
            seen.append(f"{kind} {rel}" + (f" ({idx})" if idx else ""))
        for child in node.get("Plans", []):
            walk(child)
    walk(plan)
    return "; ".join(dict.fromkeys(seen))


def queries():
    """(name, statement) pairs: the county dashboard's SQL and the ledger/risk queries a province runs."""
    from sqlalchemy import BigInteger, and_, case, cast, func, select

    from db.models import Disbursement, Expenditure, FundAllocation, Project
    from desktop.county.dashboard import FINISHED, STARTED

    def figures(year):
        started = (Project.stage.in_(STARTED)) | (Project.start_date.is_not(None))
        finished = (Project.stage.in_(FINISHED)) | (Project.actual_completion_date.is_not(None))
        q = (select(Project.township_code, func.max(Project.township_name), func.count(),
                    func.sum(case((started, 1), else_=0)), func.sum(case((finished, 1), else_=0)),
                    cast(func.sum(Project.planned_investment_fen), BigInteger),
                    *[func.sum(case((Project.risk_level == lv, 1), else_=0)) for lv in ("red", "yellow", "green")])
             .where(Project.deleted.is_(False)))
        if year:
            q = q.where(Project.year == year)
        return q.group_by(Project.township_code)

    def money(model, year):
        q = (select(Project.township_code, cast(func.sum(model.amount_fen), BigInteger))
             .join(Project, Project.id == model.project_id)
             .where(Project.deleted.is_(False), model.deleted.is_(False)))
        if year:
            q = q.where(Project.year == year)
        return q.group_by(Project.township_code)

    def sums(model):
        return (select(model.project_id, func.sum(model.amount_fen).label("s"))
                .where(model.deleted.is_(False)).group_by(model.project_id).subquery())

    def ledger(where, limit=None):
        d, e = sums(Disbursement), sums(Expenditure)
        q = (select(Project.code, Project.name, Project.year, Project.township_name, Project.stage,
                    Project.planned_investment_fen, Project.risk_level,
                    func.coalesce(d.c.s, 0), func.coalesce(e.c.s, 0))
             .outerjoin(d, d.c.project_id == Project.id).outerjoin(e, e.c.project_id == Project.id)
             .where(Project.deleted.is_(False), *where).order_by(Project.year.desc(), Project.code))
        return q.limit(limit) if limit else q

    def ledger_lateral(where):
        """The same, with each row's sums looked up by project (what a filtered page wants)."""
        dsum = (select(func.coalesce(func.sum(Disbursement.amount_fen), 0))
                .where(Disbursement.project_id == Project.id, Disbursement.deleted.is_(False)).scalar_subquery())
        esum = (select(func.coalesce(func.sum(Expenditure.amount_fen), 0))
                .where(Expenditure.project_id == Project.id, Expenditure.deleted.is_(False)).scalar_subquery())
        return (select(Project.code, Project.name, Project.year, Project.township_name, Project.stage,
                       Project.planned_investment_fen, Project.risk_level, dsum, esum)
                .where(Project.deleted.is_(False), *where).order_by(Project.year.desc(), Project.code))

    county = and_(Project.township_code >= "530102000000", Project.township_code < "530103000000")
    filt = [Project.year == YEAR, county, Project.stage.in_(("construction", "completed")),
            Project.risk_level.in_(("red", "yellow"))]
    return [
        (f"county dashboard: projects, started/finished, planned, risk counts by township ({YEAR})", figures(YEAR)),
        (f"county dashboard: allocated by township ({YEAR})", money(FundAllocation, YEAR)),
        (f"county dashboard: spent by township ({YEAR})", money(Expenditure, YEAR)),
        ("projects, planned, risk counts by township (all years)", figures(None)),
        ("disbursed by township (all years)", money(Disbursement, None)),
        ("spent by township (all years)", money(Expenditure, None)),
        ("risk list: the province's red and yellow projects, largest first (first 200)",
         select(Project.code, Project.name, Project.township_name, Project.risk_level, Project.planned_investment_fen)
         .where(Project.deleted.is_(False), Project.risk_level.in_(("red", "yellow")))
         .order_by(Project.planned_investment_fen.desc(), Project.code).limit(200)),
        (f"ledger filtered: {YEAR}, one county, stage, risk (with disbursed/spent; sums over all rows)", ledger(filt)),
        (f"ledger filtered: {YEAR}, one county, stage, risk (with disbursed/spent; sums per row)", ledger_lateral(filt)),
        ("ledger filtered + name contains '养殖' (whole province, all years)",
         ledger_lateral([Project.name.contains("养殖"), Project.risk_level == "red"])),
        ("one township's ledger (all years, with disbursed/spent)",
         ledger_lateral([Project.township_code == "530101101000"])),
    ]


def time_queries(app, repeat: int = 5, out=print) -> list[Figure]:
    figs = []
    with app.engine.connect() as conn:
        for name, stmt in queries():
            rows = conn.execute(stmt).all()  # warm
            best = float("inf")
            for _ in range(repeat):
                t = time.perf_counter()
                conn.execute(stmt).all()
                best = min(best, time.perf_counter() - t)
            fig = Figure(f"PG {name}", best, extra={"rows": len(rows), "plan": _plan(conn, stmt)})
            figs.append(fig)
            if out:
                out(fig.line())
    return figs


def time_services(app, out=print) -> list[Figure]:
    from desktop.reports.data import Scope, gather
    from desktop.projects.ledger import ledger_rows

    figs = []
    for name, fn in (("ledger_rows: every project into Python (as the ledger page loads)",
                      lambda: len(ledger_rows(app, with_keys=False)["rows"])),
                     (f"reports gather: one year ({YEAR}) with milestones",
                      lambda: _gather(app, gather, Scope(year=YEAR))),
                     (f"reports gather: one township, all years",
                      lambda: _gather(app, gather, Scope(township="530101101000")))):
        fn()
        best, n = float("inf"), 0
        for _ in range(3):
            t = time.perf_counter()
            n = fn()
            best = min(best, time.perf_counter() - t)
        fig = Figure(f"PG {name}", best, peak_mb=max_rss_mb(), extra={"rows": n})
        figs.append(fig)
        if out:
            out(fig.line())
    return figs


def _gather(app, gather, scope):
    with app.read() as s:
        return len(gather(s, scope, milestones=True))


def sizes(app) -> dict:
    from sqlalchemy import text

    with app.engine.connect() as c:
        db = c.execute(text("SELECT pg_database_size(current_database())")).scalar()
        tables = dict(c.execute(text(
            "SELECT relname, pg_total_relation_size(relid) FROM pg_statio_user_tables "
            "WHERE relname IN ('project', 'fund_allocation', 'milestone', 'disbursement', 'expenditure')")).all())
        settings = dict(c.execute(text("SELECT name, setting FROM pg_settings WHERE name IN "
                                       "('fsync', 'synchronous_commit', 'shared_buffers', 'work_mem', 'server_version')"))
                        .all())
    return {"database_mb": db / 1e6, "tables_mb": {k: v / 1e6 for k, v in tables.items()}, "settings": settings}


def measure(base_url: str, database: str, n_projects: int, out=print) -> dict:
    from desktop.core.app import init_data_folder

    url = fresh_database(base_url, database)
    folder = Path(tempfile.mkdtemp(prefix="pg-bench-"))
    app = init_data_folder(folder, role="county", region_code="530000000000", name="云南省（基准）", db_url=url)
    try:
        res = import_bulk(app, n_projects, out=out)
        fig = Figure(f"PG bulk import, {res['projects']:,} projects ({res['rows']:,} rows)", res["seconds"],
                     "COPY of the same rows", res["floor_seconds"],
                     extra={"rows/s": f"{res['rows'] / res['seconds']:,.0f}",
                            "COPY rows/s": f"{res['rows'] / res['floor_seconds']:,.0f}"})
        if out:
            out(fig.line())
        info = sizes(app)
        if out:
            out(f"  database {info['database_mb']:.0f} MB; server settings {info['settings']}")
        figs = [fig] + time_queries(app, out=out) + time_services(app, out=out)
    finally:
        app.dispose()
    return {"projects": res["projects"], "rows": res["rows"], "figures": [f.__dict__ for f in figs], **info}


def run_from_args(args) -> int:
    from desktop.core.errors import UserError

    base = args.url or os.environ.get("TOWNDESK_BENCH_PG_URL") or DEFAULT_URL
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise UserError("需要 psycopg：pip install \"psycopg[binary]\"") from None
    results = {}
    if args.growth:  # the tenth first, in its own process, so each size's peak RSS is its own
        import subprocess

        print(f"# growth: first {args.projects // 10:,} projects (own process)", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            small = Path(tmp) / "tenth.json"
            subprocess.run([sys.executable, "-m", "bench.scale_postgres", "--url", base, "--database", args.database,
                            "--projects", str(args.projects // 10), "--json", str(small)], check=True, cwd=REPO,
                           env=dict(os.environ, PYTHONPATH=str(REPO)))
            results["tenth"] = json.loads(small.read_text(encoding="utf-8"))["full"]
    print(f"# PostgreSQL at province scale: {args.projects:,} projects, database {args.database}", flush=True)
    results["full"] = measure(base, args.database, args.projects)
    if args.growth:
        for big, small in zip(results["full"]["figures"], results["tenth"]["figures"]):
            print(f"growth {big['name'][3:]}: {small['seconds'] * 1000:.1f} ms → {big['seconds'] * 1000:.1f} ms "
                  f"= {big['seconds'] / small['seconds']:.1f}x for 10x data")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.scale_postgres", description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help=f"a role that may create databases (default {DEFAULT_URL} or TOWNDESK_BENCH_PG_URL)")
    ap.add_argument("--database", default="td_bench")
    ap.add_argument("--projects", type=int, default=200_000)
    ap.add_argument("--growth", action="store_true")
    ap.add_argument("--json")
    return run_from_args(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
