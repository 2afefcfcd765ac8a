"""County import of a folder of township packages, and the import floor shared by the package figures.

The county office's day (DESIGN.md §6.3): township packages sit in one folder and the county imports
the folder. Data: `bench.generate.generate_enrolled` makes N townships enrolled with a county by real
keys (Ed25519 signatures, packages encrypted to the county), each filled through the ORM so the
change log carries every record, and one package exported from each.

Floor of an import: the rows the import added to the county database (every table: records,
change log, package log …), inserted with plain sqlite3 `executemany` in one transaction into an
empty database with the same schema (tables and indexes; the same WAL + synchronous=FULL pragmas
the application uses), plus a plain copy of the attachment files the packages carried. Everything
else the import does — reading the package, checking signatures and hashes, decrypting, checking
versions and ownership, writing receipts, the backup before applying — is what the ratio measures.
"""
from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from bench.common import max_rss_mb


def prepare(root: Path, townships: int, per_township: int, attachments_mb: float, seed: int, copies: int) -> dict:
    """root/gen (townships, packages, county not yet importing) and `copies` copies of the county folder."""
    from bench.generate import generate_enrolled

    t = time.perf_counter()
    info = generate_enrolled(root / "gen", townships, per_township, attachments_mb, seed=seed,
                             import_into_county=False, progress=None)
    for k in range(copies):
        shutil.copytree(root / "gen" / "county", root / f"county-{k}")
    info["seconds"] = time.perf_counter() - t
    return info


def case_import_folder(params: dict) -> dict:
    """Child process: import every package in the folder into one county copy."""
    from desktop.core.app import open_app
    from desktop.sync import service

    app = open_app(params["county"])
    t, c = time.perf_counter(), time.process_time()
    res = service.import_folder(app, params["packages"])
    out = {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "applied": res["applied"],
           "rejected": res["rejected"], "added": sum(f.get("added", 0) or 0 for f in res["files"]),
           "peak_mb": max_rss_mb()}
    app.dispose()
    return out


def case_import_one(params: dict) -> dict:
    """Child process: import one package file into one county copy."""
    from desktop.core.app import open_app
    from desktop.sync import service

    app = open_app(params["county"])
    t, c = time.perf_counter(), time.process_time()
    res = service.import_package(app, params["package"])
    out = {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "status": res["status"],
           "added": res.get("added", 0), "peak_mb": max_rss_mb()}
    app.dispose()
    return out


def case_sqlite_floor(params: dict) -> dict:
    """Child process: plain sqlite3 executemany of the rows the import added, plus a plain file copy."""
    before, after, work = Path(params["before"]), Path(params["after"]), Path(params["work"])
    src = sqlite3.connect(f"file:{after}?mode=ro", uri=True)
    old = sqlite3.connect(f"file:{before}?mode=ro", uri=True)
    ddl = src.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index') "
                      "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'").fetchall()
    # A virtual table (the ledger's FTS5 index) makes its own shadow tables: create and fill only the former.
    virtual = [name for _k, name, sql in ddl if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    ddl = [d for d in ddl if not any(d[1].startswith(v + "_") for v in virtual)]
    data: dict[str, list] = {}
    for kind, name, _sql in ddl:
        if kind != "table":
            continue
        known = {r[0] for r in old.execute(f'SELECT rowid FROM "{name}"')} if _has_table(old, name) else set()
        rows = [r[1:] for r in src.execute(f'SELECT rowid, * FROM "{name}"') if r[0] not in known]
        if rows:
            data[name] = rows
    src.close()
    old.close()
    work.mkdir(parents=True, exist_ok=True)
    dest = work / "floor.db"
    for p in work.glob("floor.db*"):
        p.unlink()
    con = sqlite3.connect(dest, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=OFF")
    for _kind, _name, sql in ddl:
        con.execute(sql)
    files = [Path(f) for f in params.get("files", [])]
    copy_to = work / "files"
    shutil.rmtree(copy_to, ignore_errors=True)
    copy_to.mkdir()
    t = time.perf_counter()
    con.execute("BEGIN")
    for name, rows in data.items():
        con.executemany(f'INSERT INTO "{name}" VALUES ({",".join("?" * len(rows[0]))})', rows)
    con.execute("COMMIT")
    t_db = time.perf_counter() - t
    t = time.perf_counter()
    for f in files:
        shutil.copyfile(f, copy_to / f.name)
    t_copy = time.perf_counter() - t
    con.close()
    return {"seconds": t_db + t_copy, "db_seconds": t_db, "copy_seconds": t_copy,
            "rows": sum(len(r) for r in data.values()), "tables": len(data), "files": len(files),
            "bytes": sum(f.stat().st_size for f in files)}


def _has_table(con, name: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def attachment_files(folder: Path) -> list[str]:
    """Every stored attachment file under a data folder (or several)."""
    return sorted(str(p) for p in folder.rglob("attachments/**/*") if p.is_file() and not p.name.startswith("."))
