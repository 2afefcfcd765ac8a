"""Sync package throughput for one township of N projects with attachments, next to floors.

Export is compared with a plain zip of the same bytes (changes + attachment files, no signing or
encryption); import with plain sqlite3 `executemany` of the same rows (records and change-log
rows) plus a plain copy of the attachment files. Run:

    .venv/bin/python bench/sync_bench.py [--projects 500] [--attachment-mb 100]
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import max_rss_mb, timed  # noqa: E402
from bench.generate import tracked_fill  # noqa: E402


def setup(root: Path, projects: int, attachment_mb: float):
    from desktop.core.app import init_data_folder
    from desktop.sync import peers

    town = init_data_folder(root / "town", role="township", region_code="533401102000", name="小中甸镇")
    county = init_data_folder(root / "county", role="county", region_code="533401000000", name="香格里拉市")
    for a, b in ((town, county), (county, town)):
        ident = peers.export_identity(a, root / f"{a.node.role}.json")
        peers.add_peer(b, root / f"{a.node.role}.json", ident["fingerprint"])
    counts = tracked_fill(town, projects, attachment_mb=attachment_mb)
    return town, county, counts


def plain_zip_floor(town, package: Path, root: Path) -> float:
    """Write the same changes and files into an unencrypted, unsigned zip."""
    from desktop.core.attachments_store import AttachmentStore
    from desktop.sync import archive, container

    keys = load_keys_for(root / "county")
    with open(package, "rb") as f:
        _, head = container.read_header(f, package.name)
        key = container.open_key(f, package.name, keys.box)
        container.decrypt_to(f, package.name, key, head, root / "inner.zip", 1 << 40)
    changes = root / "changes.jsonl"
    with zipfile.ZipFile(root / "inner.zip") as zf:
        changes.write_bytes(zf.read(archive.CHANGES))
        shas = [n[6:] for n in zf.namelist() if n.startswith("files/")]
    store = AttachmentStore(town.layout)
    with timed() as t:
        with zipfile.ZipFile(root / "plain.zip", "w") as zf:
            zf.write(changes, "changes.jsonl", compress_type=zipfile.ZIP_DEFLATED)
            for sha in shas:
                zf.write(store.path_for(sha), f"files/{sha}", compress_type=zipfile.ZIP_STORED)
    return t["seconds"]


def load_keys_for(data_dir: Path):
    from desktop.sync import keys as keymod

    return keymod.load(data_dir / "keys" / "node.key")


def executemany_floor(county, root: Path) -> tuple[float, int]:
    """Insert the rows the import wrote (records + change log) into an empty copy of the schema."""
    src = sqlite3.connect(county.layout.database)
    tables = ["project", "milestone", "disbursement", "project_document", "attachment", "checklist_standard",
              "checklist_item", "change_log"]
    data = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    ddl = [r[0] for r in src.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name IN (%s)"
                                     % ",".join("?" * len(tables)), tables)]
    src.close()
    dest = root / "floor.db"
    con = sqlite3.connect(dest, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    for stmt in ddl:
        con.execute(stmt)
    rows = 0
    with timed() as t:
        con.execute("BEGIN")
        for table in tables:
            if data[table]:
                marks = ",".join("?" * len(data[table][0]))
                con.executemany(f"INSERT INTO {table} VALUES ({marks})", data[table])
                rows += len(data[table])
        con.execute("COMMIT")
    con.close()
    return t["seconds"], rows


def copy_floor(town, county, root: Path) -> float:
    src, dest = town.layout.attachments, root / "copied"
    with timed() as t:
        shutil.copytree(src, dest)
    return t["seconds"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--projects", type=int, default=500)
    ap.add_argument("--attachment-mb", type=float, default=100.0)
    args = ap.parse_args()
    from desktop.sync import service

    root = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    try:
        with timed() as t:
            town, county, counts = setup(root, args.projects, args.attachment_mb)
        print(f"data: {counts['projects']} projects, {counts['attachments']} attachments "
              f"({counts['attachment_bytes'] / 1e6:.0f} MB), made in {t['seconds']:.1f} s")
        package = root / "t.tdpkg"
        with timed() as te:
            out = service.export_package(town, package)
        size_mb = out["bytes"] / 1e6
        rss_export = max_rss_mb()
        floor_zip = plain_zip_floor(town, package, root)
        from desktop.sync.importer import load_keys
        from desktop.sync.verify import verify

        with timed() as tv:
            verify(county, package, load_keys(county)).close()
        with timed() as tp:
            service.preview(county, package)
        with timed() as ti:
            res = service.import_package(county, package)
        rss_import = max_rss_mb()
        floor_db, rows = executemany_floor(county, root)
        floor_copy = copy_floor(town, county, root)
        records = res["added"]
        print(f"export: {out['change_sets']} change sets, {out['attachments']} files, package {size_mb:.1f} MB "
              f"in {te['seconds']:.2f} s = {out['change_sets'] / te['seconds']:.0f} records/s, "
              f"{size_mb / te['seconds']:.1f} MB/s | floor plain zip {floor_zip:.2f} s, "
              f"ratio {te['seconds'] / floor_zip:.1f}x | max RSS {rss_export:.0f} MB")
        print(f"import: {records} records ({rows} rows incl. change log) in {ti['seconds']:.2f} s = "
              f"{records / ti['seconds']:.0f} records/s, {size_mb / ti['seconds']:.1f} MB/s | floor executemany "
              f"{floor_db:.2f} s + file copy {floor_copy:.2f} s = {floor_db + floor_copy:.2f} s, "
              f"ratio {ti['seconds'] / (floor_db + floor_copy):.1f}x | max RSS {rss_import:.0f} MB")
        print(f"  of which: verify (decrypt, unzip, hash {size_mb:.0f} MB) {tv['seconds']:.2f} s; "
              f"preview (verify + apply + roll back) {tp['seconds']:.2f} s")
        with timed() as tr:
            again = service.import_package(county, package)
        print(f"re-import (already imported): {tr['seconds']:.2f} s, status {again['status']}")
        town.dispose()
        county.dispose()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
