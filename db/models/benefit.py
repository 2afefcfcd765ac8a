"""Beneficiary households and how each benefits from a project (利益联结)."""
from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db import personal_rest
from db.base import Base, SyncedMixin

POOR_STATUSES = ("registered_poor", "lifted", "monitored", "ordinary")


class Household(SyncedMixin, Base):
    """A household. `id_number` and `phone` are personal data: mask them when shown."""

    __tablename__ = "household"
    __personal__ = ("id_number", "phone")  # sealed in the change log so they can be erased (db/personal.py)

    township_code: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    village: Mapped[str | None] = mapped_column(String(100))
    head_name: Mapped[str] = mapped_column(String(60), nullable=False)
    # Stored sealed (db/personal_rest.py): the column holds `~sealed1:…`, the attribute the clear text.
    # 200 wide on a server (PostgreSQL enforces lengths); SQLite keeps the old declaration, which it does not enforce.
    id_number: Mapped[str | None] = mapped_column(String(18).with_variant(String(200), "postgresql"))
    phone: Mapped[str | None] = mapped_column(String(40).with_variant(String(200), "postgresql"))
    id_lookup: Mapped[str | None] = mapped_column(String(64), index=True)  # keyed hash, local only (not synced)
    members: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    poor_status: Mapped[str] = mapped_column(String(20), default="ordinary", nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


personal_rest.install(Household)


class BenefitLink(SyncedMixin, Base):
    """A household's benefit from one project: mechanism (分红/务工/土地流转…) and income."""

    __tablename__ = "benefit_link"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), nullable=False, index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), nullable=False, index=True)
    mechanism: Mapped[str] = mapped_column(String(40), nullable=False)
    annual_income_fen: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
    year: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
