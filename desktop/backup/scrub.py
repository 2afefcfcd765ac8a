"""Erasure reaches the database copies in the data folder: their copy of the household's key goes too.

Why: live values and the change log are sealed with the household's key (db/personal_rest.py), and
every snapshot (before import, daily, before migration) holds that key as well. Deleting the key and
the sealed fields from each copy (then VACUUM, so no free page keeps them) makes the copies as blind
as the live database. The snapshot's manifest is rewritten with the new hash so it still checks.
A backup zip saved outside the data folder cannot be reached: docs/accounts-and-backups.md says so.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

from desktop.backup.snapshot import auto_dir, sha256_file
from desktop.core.fileio import atomic_write_bytes

log = logging.getLogger("towndesk.backup")


def snapshot_files(layout) -> list[Path]:
    """Every database copy the program keeps in the data folder."""
    return sorted(auto_dir(layout).glob("*.db")) + sorted(layout.backups.glob("before-*.db"))


def _columns(con, table: str) -> set[str]:
    return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}


def scrub_copy(path: Path, record_id: str) -> bool:
    """Remove one household's key and personal fields from one database copy; True if it held any."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA secure_delete=ON")
        changed = 0
        if _columns(con, "personal_key"):
            changed += con.execute("DELETE FROM personal_key WHERE record_id = ?", (record_id,)).rowcount
        cols = _columns(con, "household") & {"id_number", "phone", "id_lookup"}
        if cols:
            sets = ", ".join(f"{c} = NULL" for c in sorted(cols))
            where = " OR ".join(f"{c} IS NOT NULL" for c in sorted(cols))
            changed += con.execute(f"UPDATE household SET {sets} WHERE id = ? AND ({where})", (record_id,)).rowcount
        if changed:
            con.execute("VACUUM")  # rewrites the file: the old cells are not in a free page either
        return bool(changed)
    finally:
        con.close()


def _refresh_manifest(db: Path) -> None:
    manifest = db.with_suffix(".json")
    if not manifest.exists():
        return
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data.setdefault("db", {}).update(sha256=sha256_file(db), size=db.stat().st_size)
    data["personal_data_erased"] = int(data.get("personal_data_erased", 0)) + 1
    atomic_write_bytes(manifest, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def scrub_backups(layout, record_id: str) -> dict:
    """Scrub every copy in the data folder; a copy that cannot be opened is counted, not fatal."""
    scrubbed = failed = 0
    for db in snapshot_files(layout):
        try:
            if scrub_copy(db, record_id):
                scrubbed += 1
                _refresh_manifest(db)
        except (sqlite3.DatabaseError, OSError, ValueError) as e:
            failed += 1
            log.warning("could not erase personal data from backup %s: %s", db.name, e)
    return {"scrubbed": scrubbed, "failed": failed}
