"""The change log (audit trail and sync outbox in one) and local sync bookkeeping."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, new_uuid, utcnow


class ChangeLog(Base):
    """One field of one record changed: who, when, from what to what.

    Append-only and hash-chained. Rows sharing (origin_node, origin_seq) are one change set;
    rows with origin_node == this node are what sync sends to peers.
    """

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_origin", "origin_node", "origin_seq"),
        Index("ix_change_log_record_field", "record_id", "field"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin_node: Mapped[str] = mapped_column(String(36), nullable=False)
    origin_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    user_name: Mapped[str | None] = mapped_column(String(100))
    table_name: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False)
    project_id: Mapped[str | None] = mapped_column(String(36), index=True)
    scope_code: Mapped[str | None] = mapped_column(String(12))
    op: Mapped[str] = mapped_column(String(10), nullable=False)  # insert | update | delete
    field: Mapped[str] = mapped_column(String(60), nullable=False)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    package_id: Mapped[str | None] = mapped_column(String(36))
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))


class PeerState(Base):
    """Per-peer sync counters, kept only on this node."""

    __tablename__ = "peer_state"

    peer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    last_out_package_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    acked_out_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    applied_in_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    last_in_package_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    last_received_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Change-set ranges (lo, hi] applied beyond applied_in_seq after a gap (restored database).
    applied_ranges: Mapped[list] = mapped_column(JSON, default=list, nullable=False)


class PackageLog(Base):
    """A package sent or received, with its counts and outcome."""

    __tablename__ = "package_log"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    package_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    direction: Mapped[str] = mapped_column(String(4), nullable=False)  # out | in
    peer_id: Mapped[str] = mapped_column(String(36), nullable=False)
    package_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    first_event_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    last_event_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    counts: Mapped[dict] = mapped_column(JSON, default=dict, nullable=False)
    file_name: Mapped[str | None] = mapped_column(Text)
    # For received packages: this node's last_seq when it was applied, and the sender's
    # applied_in_seq after it. Export derives each change set's `seen` from these.
    local_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    applied_in_after: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    message: Mapped[str | None] = mapped_column(Text)


class Conflict(Base):
    """Both sides changed one field since their last exchange: both values are kept here."""

    __tablename__ = "conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    table_name: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    field: Mapped[str] = mapped_column(String(60), nullable=False)
    peer_id: Mapped[str] = mapped_column(String(36), nullable=False)
    mine_value: Mapped[str | None] = mapped_column(Text)
    theirs_value: Mapped[str | None] = mapped_column(Text)
    kept: Mapped[str] = mapped_column(String(10), nullable=False)  # mine | theirs (current value)
    status: Mapped[str] = mapped_column(String(20), default="open", nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(String(20))
    package_id: Mapped[str | None] = mapped_column(String(36))
    theirs_seq: Mapped[int | None] = mapped_column(Integer)


class AttachmentTransfer(Base):
    """Which attachment contents a peer has received (so files travel once)."""

    __tablename__ = "attachment_transfer"

    peer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    sent_in_event_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    acked: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    extra: Mapped[dict | None] = mapped_column(JSON)
