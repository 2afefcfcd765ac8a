"""Reading and erasing personal data (ID and phone numbers of households).

Why erasure is more than a tombstone: a household is tombstoned for sync, but its ID number
would stay in the row, in the change log and in free database pages. Erasure overwrites the
fields (the change travels to the county like any other), deletes the record's sealing key so
every logged value and the sealed live fields become unreadable, checkpoints the WAL so SQLite's
secure_delete has zeroed the old bytes in the database file itself, and removes the key from the
snapshots in the data folder too (desktop/backup/scrub.py).
"""
from __future__ import annotations

import json
import logging

from sqlalchemy import select

from db import personal, personal_rest
from db.models import Household
from desktop.accounts.roles import require
from desktop.audit import events
from desktop.backup.scrub import scrub_backups
from desktop.core.errors import UserError
from desktop.privacy.masking import is_personal, mask_field

log = logging.getLogger("towndesk.privacy")
ERASED_TEXT = "（已删除的个人信息）"


def log_value(conn, table: str, record_id: str, field: str, stored: str | None, *, reveal: bool) -> str | None:
    """A change-log value for display or export: opened if sealed, masked unless reveal."""
    if stored is None:
        return None
    opened = personal.open_value(conn, table, record_id, field, stored)
    if opened is None:
        return ERASED_TEXT
    if reveal or not is_personal(table, field):
        return opened
    try:
        value = json.loads(opened)
    except ValueError:
        return opened
    return json.dumps(mask_field(table, field, value), ensure_ascii=False)


def households_with_id_number(session, id_number: str, township_code: str | None = None) -> list[Household]:
    """Households holding this ID number (the column is sealed: found by its keyed hash, `id_lookup`)."""
    digest = personal_rest.id_lookup(session.connection(), session.info.setdefault("_personal_keys", {}), id_number,
                                   create=False)
    if digest is None:
        return []
    q = select(Household).where(Household.id_lookup == digest, Household.deleted.is_(False))
    if township_code:
        q = q.where(Household.township_code == township_code)
    return list(session.scalars(q.order_by(Household.created_at)))


def erase_household(app, actor: dict, household_id: str, reason: str) -> dict:
    """Overwrite a household's ID and phone, shred its change-log key, record who and why."""
    require(actor, "edit")
    if not (reason or "").strip():
        raise UserError("请写明删除个人信息的原因（例如：本人申请、数据录入错误）。", field="原因")
    with app.tx(user=actor["username"]) as s:
        h = s.get(Household, household_id)
        if h is None:
            raise UserError(f"找不到受益户 {household_id}。")
        had = [f for f in Household.__personal__ if getattr(h, f)]
        for f in Household.__personal__:
            setattr(h, f, None)
        s.flush()  # the change log rows (sealed old values) are written with the key still present
        shredded = personal.shred(s.connection(), h.id)
        s.info.get("_personal_keys", {}).pop(h.id, None)
        events.record(s, "personal_erased", user=actor["username"], subject=h.id,
                      detail={"fields": had, "reason": reason.strip()[:200]})
    checkpoint(app)
    copies = scrub_backups(app.layout, household_id) if app.engine.url.get_backend_name() == "sqlite" else {}
    return {"household_id": household_id, "fields": had, "key_shredded": shredded,
            "backups_scrubbed": copies.get("scrubbed", 0), "backups_failed": copies.get("failed", 0)}


def checkpoint(app) -> None:
    """Fold the WAL into the database file and truncate it, so old page images are gone too."""
    if app.engine.url.get_backend_name() != "sqlite":
        return
    raw = app.engine.raw_connection()  # outside a transaction: a checkpoint cannot run inside one
    try:
        busy = raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        raw.close()
    if busy and busy[0]:
        log.warning("WAL checkpoint blocked by another connection; old pages stay until the next one")


def household_numbers(app, actor: dict, household_id: str, reveal: bool = False) -> dict:
    """A household's ID and phone for a screen: masked unless the role may see them and asks."""
    if reveal:
        require(actor, "reveal_personal")
    with app.read() as s:
        h = s.scalar(select(Household).where(Household.id == household_id))
        if h is None:
            raise UserError(f"找不到受益户 {household_id}。")
        return {f: getattr(h, f) if reveal else mask_field("household", f, getattr(h, f))
                for f in Household.__personal__}
