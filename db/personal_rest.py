"""Personal fields in the live tables are stored sealed, with the record's change-log key.

Why: an ID number in clear in the `household` table ends up in every snapshot and backup zip;
sealed with the per-household key of db/personal.py, erasing that key makes the live value, the
change log and every copy of the database unreadable at once. Code above the ORM never sees the
sealed form: a flush seals (mapper events), a load opens (instance events), so services keep
reading `household.id_number` as text. Lookups by ID number use `id_lookup`, a keyed BLAKE2b hash
(libsodium) whose key lives in `personal_key` too — an ID cannot be found from the hash alone.

The change tracker logs the clear value (it seals it itself): `clear_value()` gives it the value
that was sealed during this flush.
"""
from __future__ import annotations

import base64

from nacl.encoding import HexEncoder
from nacl.exceptions import CryptoError
from nacl.hash import blake2b
from nacl.secret import Aead
from nacl.utils import random as random_bytes
from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session, attributes, object_session

from db import personal

LOOKUP_RECORD = "~lookup"  # personal_key row holding the lookup-hash key (not a record id: ids are UUIDs)
_STASH = "_personal_clear"


def _live_aad(table: str, record_id: str, field: str) -> bytes:
    return f"{table}|{record_id}|{field}|live".encode()  # never interchangeable with a change-log value


def seal_live(conn, cache: dict | None, table: str, record_id: str, field: str, value: str | None) -> str | None:
    """The stored form of a live personal value (None stays None; a sealed value stays as it is)."""
    if value is None or personal.is_sealed(value):
        return value
    key = personal._key(conn, cache, table, record_id, create=True)
    box = Aead(key).encrypt(str(value).encode("utf-8"), _live_aad(table, record_id, field))
    return personal.SEALED_PREFIX + base64.b64encode(bytes(box)).decode("ascii")


def open_live(conn, cache: dict | None, table: str, record_id: str, field: str, stored: str | None) -> str | None:
    """The clear value of a stored live field; None once the record's key is erased."""
    if not personal.is_sealed(stored):
        return stored
    key = personal._key(conn, cache, table, record_id, create=False)
    if key is None:
        return None
    try:
        raw = base64.b64decode(stored[len(personal.SEALED_PREFIX):], validate=True)
        return Aead(key).decrypt(raw, _live_aad(table, record_id, field)).decode("utf-8")
    except (CryptoError, ValueError):
        return None


def _lookup_key(conn, cache: dict | None, create: bool = True) -> bytes | None:
    from db.models import PersonalKey

    if cache is not None and LOOKUP_RECORD in cache:
        return cache[LOOKUP_RECORD]
    key = conn.execute(select(PersonalKey.key).where(PersonalKey.record_id == LOOKUP_RECORD)).scalar()
    if key is None and not create:
        return None
    if key is None:
        key = random_bytes(32)
        conn.execute(insert(PersonalKey).values(record_id=LOOKUP_RECORD, table_name="lookup", key=key))
    if cache is not None:
        cache[LOOKUP_RECORD] = key
    return key


def normalise_id(id_number: str | None) -> str | None:
    text = (id_number or "").strip().upper()
    return text or None


def id_lookup(conn, cache: dict | None, id_number: str | None, create: bool = True) -> str | None:
    """Keyed hash of an ID number for finding a household by it (None for no number, or no key yet)."""
    text = normalise_id(id_number)
    if text is None or not text.isalnum():  # a masked (or malformed) number identifies nobody
        return None
    key = _lookup_key(conn, cache, create)
    return None if key is None else blake2b(text.encode("utf-8"), key=key, encoder=HexEncoder).decode("ascii")


def clear_value(session: Session, obj, field: str, value):
    """For the change tracker: the clear value behind a value this flush sealed."""
    stash = session.info.get(_STASH)
    if stash and personal.is_sealed(value):
        return stash["by_key"].get((obj.id, field), value)
    return value


def _cache(session: Session | None) -> dict | None:
    return session.info.setdefault("_personal_keys", {}) if session is not None else None


def _seal_target(connection, target, fields) -> None:
    session = object_session(target)
    cache = _cache(session)
    stash = session.info.setdefault(_STASH, {"objs": [], "by_key": {}})
    table = target.__tablename__
    for field in fields:
        clear = getattr(target, field)
        if clear is None or personal.is_sealed(clear):
            continue
        sealed = seal_live(connection, cache, table, target.id, field, clear)
        stash["objs"].append((target, field, clear))
        stash["by_key"][(target.id, field)] = clear
        setattr(target, field, sealed)
    if "id_number" in fields:
        number = stash["by_key"].get((target.id, "id_number")) if target.id_number is not None else None
        target.id_lookup = id_lookup(connection, cache, number)


def _before_insert(_mapper, connection, target) -> None:
    _seal_target(connection, target, target.__personal__)


def _before_update(_mapper, connection, target) -> None:
    changed = [f for f in target.__personal__ if attributes.get_history(target, f).has_changes()]
    if changed:
        _seal_target(connection, target, changed)


def _restore(session: Session, _ctx) -> None:
    """After the flush: objects hold the clear values again, as committed state (not dirty)."""
    stash = session.info.pop(_STASH, None)
    for obj, field, clear in (stash or {}).get("objs", ()):
        attributes.set_committed_value(obj, field, clear)


def _drop_stash(session: Session, *_args) -> None:
    session.info.pop(_STASH, None)


def _open_target(target, session: Session | None) -> None:
    if session is None:
        return
    cache, conn = _cache(session), None
    state = attributes.instance_state(target)
    for field in target.__personal__:
        stored = state.dict.get(field)
        if personal.is_sealed(stored):
            conn = conn or session.connection()
            attributes.set_committed_value(target, field, open_live(conn, cache, target.__tablename__, target.id,
                                                                    field, stored))


def _on_load(target, context) -> None:
    _open_target(target, context.session)


def _on_refresh(target, context, _attrs) -> None:
    _open_target(target, context.session)


def rows_for_insert(session: Session, table: str, fields: tuple, rows: list[dict]) -> list[dict]:
    """What `_before_insert` makes of new records written without the ORM (sync's executemany): each
    row's `id_lookup` set in place from its clear ID number (the change log records it), and the rows to
    store returned with the personal fields sealed. Same rules: a value already sealed stays as it is
    and then has no lookup; keys from the session's cache (db.personal.prepare_keys fills it)."""
    cache, conn = _cache(session), session.connection()
    stored = []
    for row in rows:
        if "id_number" in fields:
            number = row.get("id_number")
            row["id_lookup"] = None if number is None or personal.is_sealed(number) else id_lookup(conn, cache, number)
        out = dict(row)
        for field in fields:
            if row.get(field) is not None:
                out[field] = seal_live(conn, cache, table, row["id"], field, row[field])
        stored.append(out)
    return stored


SEALED_MODELS: set = set()  # models whose one insert hook is `_before_insert` (sync may insert them by Core)


def install(model) -> None:
    """Seal `model.__personal__` at rest (called once per model that has personal fields)."""
    SEALED_MODELS.add(model)
    event.listen(model, "before_insert", _before_insert)
    event.listen(model, "before_update", _before_update)
    event.listen(model, "load", _on_load)
    event.listen(model, "refresh", _on_refresh)


event.listen(Session, "after_flush_postexec", _restore)
event.listen(Session, "after_soft_rollback", _drop_stash)
