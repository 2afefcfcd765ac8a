"""After the project: the assets it formed (项目资产台账), the project library (项目库) and the terms file.

Why separate tables: an asset can be formed by several projects (AssetSource rows carry which
project, which funding source and how much); library decisions are appended as transitions, one
row per decision, so the township's 申报 and the county's 县审定 never overwrite each other in sync;
the terms file is a county record sent down to every township.
Owners (who may write what, enforced on import) are declared in OWNERS below, in one place.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin

ASSET_CLASSES = ("operating", "public", "household", "equity", "debt")
OWNER_LEVELS = ("county", "township", "village", "household")
ASSET_STATUSES = ("normal", "idle", "damaged", "disposed")
LIBRARY_STATES = ("declared", "town_reviewed", "county_approved", "listed", "implementing", "returned")


class Asset(SyncedMixin, Base):
    """One asset a project formed: what and where it is, who owns, runs and looks after it, what it earns."""

    __tablename__ = "asset"
    __table_args__ = (CheckConstraint("value_fen >= 0", name="value_nonneg"),)

    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    asset_class: Mapped[str] = mapped_column(String(20), nullable=False)  # ASSET_CLASSES
    subtype: Mapped[str | None] = mapped_column(String(40))
    township_code: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    township_name: Mapped[str] = mapped_column(String(100), nullable=False)
    village: Mapped[str | None] = mapped_column(String(200))
    scale: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    unit: Mapped[str | None] = mapped_column(String(20))
    value_fen: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)  # 形成金额
    built_on: Mapped[date | None] = mapped_column(Date)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    owner_level: Mapped[str | None] = mapped_column(String(20))  # OWNER_LEVELS: 确权 level
    owner: Mapped[str | None] = mapped_column(String(200))
    operator: Mapped[str | None] = mapped_column(String(200))  # 经营主体
    manager: Mapped[str | None] = mapped_column(String(200))  # 管护主体
    manager_person: Mapped[str | None] = mapped_column(String(100))
    handover_on: Mapped[date | None] = mapped_column(Date)
    handover_attachment_id: Mapped[str | None] = mapped_column(ForeignKey("attachment.id"))  # 移交书
    status: Mapped[str] = mapped_column(String(20), default="normal", nullable=False)  # ASSET_STATUSES
    disposal_reason: Mapped[str | None] = mapped_column(Text)
    disposal_doc_no: Mapped[str | None] = mapped_column(String(100))
    disposal_proceeds: Mapped[str | None] = mapped_column(Text)  # where the proceeds went
    disposed_on: Mapped[date | None] = mapped_column(Date)
    # [{"year": 2025, "amount_fen": 1200000, "distribution": [{"to": "脱贫户分红", "amount_fen": 800000}]}]
    incomes: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class AssetSource(SyncedMixin, Base):
    """Which project (and which of its funding sources, how much) formed an asset."""

    __tablename__ = "asset_source"
    __table_args__ = (CheckConstraint("amount_fen >= 0", name="amount_nonneg"),)

    asset_id: Mapped[str] = mapped_column(ForeignKey("asset.id"), nullable=False, index=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), nullable=False, index=True)
    source: Mapped[str | None] = mapped_column(String(60))
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)


class LibraryTransition(SyncedMixin, Base):
    """One decision on a project's way through the 项目库: the state it moved to, by whom, when, why."""

    __tablename__ = "library_transition"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), nullable=False, index=True)
    state: Mapped[str] = mapped_column(String(20), nullable=False)  # LIBRARY_STATES
    from_state: Mapped[str | None] = mapped_column(String(20))
    acted_by: Mapped[str | None] = mapped_column(String(100))
    acted_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    role: Mapped[str] = mapped_column(String(10), nullable=False)  # township | county
    reason: Mapped[str | None] = mapped_column(Text)
    # The project's step number (1, 2, 3 …): the order of its decisions, whatever the clocks of the
    # township's and the county's PCs say. None only on rows written before the counter existed.
    seq: Mapped[int | None] = mapped_column(Integer)


class TermsFile(SyncedMixin, Base):
    """A version of the terms (labels, categories, levels, funding sources), issued by the county."""

    __tablename__ = "terms_file"

    key: Mapped[str] = mapped_column(String(40), nullable=False)  # e.g. "2026"
    terms_version: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(100), nullable=False)
    content: Mapped[dict] = mapped_column(JSON, default=dict, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


# Who owns what, for the importer (desktop.sync) to enforce: a record of these tables may only be
# written by a package from this side. "library_transition" depends on the state it moves to.
OWNERS = {
    "asset": "township",          # the township that owns the project(s) that formed it (asset.township_code)
    "asset_source": "township",   # the township of asset_source.project_id
    "terms_file": "county",
    "library_transition": {
        "declared": "township", "town_reviewed": "township", "implementing": "township",
        "county_approved": "county", "listed": "county", "returned": "county",
    },
}


def owner_of(table: str, values: dict | None = None) -> str | None:
    """'township' / 'county' for a record of this module's tables; None for other tables."""
    owner = OWNERS.get(table)
    if isinstance(owner, dict):
        return owner.get((values or {}).get("state"))
    return owner
