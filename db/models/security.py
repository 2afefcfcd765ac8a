"""Local security records: per-record keys that seal personal data in the change log, and the
security event log (logins, lockouts, password resets, unmasked exports, backups, restores).

Neither table syncs: keys never leave this installation, and account events are local facts.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, utcnow


class PersonalKey(Base):
    """The key that seals one record's personal fields in the change log.

    Erasing a household's personal data deletes this row (secure_delete zeroes it), so every
    sealed value of that record in the append-only change log becomes unreadable for good.
    """

    __tablename__ = "personal_key"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), nullable=False)
    key: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)


class SecurityEvent(Base):
    """One account or data-protection event, hash-chained like the change log."""

    __tablename__ = "security_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    user_name: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    subject: Mapped[str | None] = mapped_column(String(100))  # the account or file concerned
    detail: Mapped[str | None] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))
