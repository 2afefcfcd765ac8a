"""Personal fields in the change log are sealed with a per-record key (crypto-shredding).

Why: the change log is append-only, so an ID number written into it could never be erased.
Instead the log holds `~sealed1:<base64>` (XChaCha20-Poly1305 via libsodium, bound to
table/record/field); the key lives in `personal_key`. Erasing a household's personal data
deletes its key, and every old value becomes noise while the hash chain still verifies.

Readers of ChangeLog.old_value/new_value for a personal field (history views, audit export,
sync export) call `open_value`, which returns the JSON text, or None once the key is gone.
"""
from __future__ import annotations

import base64
import functools

from nacl.exceptions import CryptoError
from nacl.secret import Aead
from nacl.utils import random as random_bytes
from sqlalchemy import bindparam, delete, insert, select

SEALED_PREFIX = "~sealed1:"  # not valid JSON on purpose: a reader that forgets open_value fails loudly


def personal_fields(obj_or_table) -> tuple[str, ...]:
    """The fields of a model (instance, class or table name) whose change-log values are sealed."""
    if isinstance(obj_or_table, str):
        from db.models import SYNCED_MODELS

        obj_or_table = SYNCED_MODELS.get(obj_or_table)
    return tuple(getattr(obj_or_table, "__personal__", ()))


def is_sealed(stored: str | None) -> bool:
    return isinstance(stored, str) and stored.startswith(SEALED_PREFIX)


def _aad(table: str, record_id: str, field: str) -> bytes:
    return f"{table}|{record_id}|{field}".encode()


@functools.cache
def _one_key():
    """Read and add one record's key: built once (an export opens every sealed value it sends)."""
    from db.models import PersonalKey

    t = PersonalKey.__table__
    return (select(t.c.key).where(t.c.record_id == bindparam("b_record")),
            insert(t).values(record_id=bindparam("b_record"), table_name=bindparam("b_table"), key=bindparam("b_key")))


def _key(conn, cache: dict | None, table: str, record_id: str, create: bool) -> bytes | None:
    if cache is not None and record_id in cache:
        return cache[record_id]
    read, add = _one_key()
    key = conn.execute(read, {"b_record": record_id}).scalar()
    if key is None and create:
        key = random_bytes(Aead.KEY_SIZE)
        conn.execute(add, {"b_record": record_id, "b_table": table, "b_key": key})
    if cache is not None and key is not None:
        cache[record_id] = key
    return key


@functools.cache
def _keys_of():
    """The keys of a list of records (an expanding IN), built once: each imported package asks."""
    from db.models import PersonalKey

    return select(PersonalKey.record_id, PersonalKey.key).where(PersonalKey.record_id.in_(bindparam("ids", expanding=True)))


def prepare_keys(session, table: str, record_ids: list[str]) -> None:
    """Keys for many records about to be sealed (an import's new records): the existing ones read and
    the missing ones made in one statement each, instead of a query and an insert per record."""
    from db import bulk
    from db.models import PersonalKey

    cache = session.info.setdefault("_personal_keys", {})
    wanted = [r for r in dict.fromkeys(record_ids) if r not in cache]
    conn = session.connection()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        cache.update(conn.execute(_keys_of(), {"ids": chunk}).all())
    new = [{"record_id": r, "table_name": table, "key": random_bytes(Aead.KEY_SIZE)} for r in wanted if r not in cache]
    bulk.insert_many(conn, PersonalKey.__table__, new)
    cache.update((row["record_id"], row["key"]) for row in new)


def seal(session, table: str, record_id: str, field: str, value_json: str | None) -> str | None:
    """Seal one JSON value for the change log (None stays None)."""
    if value_json is None:
        return None
    cache = session.info.setdefault("_personal_keys", {})
    key = _key(session.connection(), cache, table, record_id, create=True)
    box = Aead(key).encrypt(value_json.encode("utf-8"), _aad(table, record_id, field))
    return SEALED_PREFIX + base64.b64encode(bytes(box)).decode("ascii")


def open_value(conn, table: str, record_id: str, field: str, stored: str | None, keys: dict | None = None) -> str | None:
    """The JSON text behind a change-log value; plain values pass; None if erased or unreadable.
    `keys`: the caller's cache of keys read in this one transaction (an export opens every sealed value)."""
    if not is_sealed(stored):
        return stored
    key = _key(conn, keys, table, record_id, create=False)
    if key is None:
        return None
    try:
        raw = base64.b64decode(stored[len(SEALED_PREFIX):], validate=True)
        return Aead(key).decrypt(raw, _aad(table, record_id, field)).decode("utf-8")
    except (CryptoError, ValueError):
        return None


def shred(conn, record_id: str) -> bool:
    """Delete a record's key: its sealed change-log values can never be read again."""
    from db.models import PersonalKey

    return bool(conn.execute(delete(PersonalKey).where(PersonalKey.record_id == record_id)).rowcount)
