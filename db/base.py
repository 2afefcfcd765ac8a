"""Declarative base, constraint naming convention and the columns every synced record shares.

Why: sync needs every record to carry a UUID, a version counter, the node that created it
and a tombstone, so these live in one mixin instead of being repeated per model.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import Boolean, DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedMixin:
    """Columns shared by every record that travels in sync packages.

    `version` counts changes to the row on this node; `origin_node` names the node that
    created it; `deleted` is the tombstone that replaces a hard delete.
    """

    __synced__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    origin_node: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


# Columns the change tracker never logs as field changes: they are bookkeeping (or local only:
# `id_lookup` is a hash keyed with this node's own lookup key, meaningless to a peer).
BOOKKEEPING_COLUMNS = frozenset({"id", "version", "origin_node", "created_at", "updated_at", "id_lookup"})
