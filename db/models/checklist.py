"""Document checklists (资料目录对照表), per-project document state, attachments, templates."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin

DOCUMENT_STATES = ("missing", "collected", "not_applicable", "needs_fix")


class ChecklistStandard(SyncedMixin, Base):
    """A versioned checklist standard (e.g. 沪滇协作项目). County-owned."""

    __tablename__ = "checklist_standard"
    __table_args__ = (UniqueConstraint("key", "std_version"),)

    key: Mapped[str] = mapped_column(String(60), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    std_version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    # Which projects use this standard when they name none (same condition language as items).
    applies_to: Mapped[dict | None] = mapped_column(JSON)
    priority: Mapped[int] = mapped_column(Integer, default=100, nullable=False)


class ChecklistItem(SyncedMixin, Base):
    """One item a project file must (or, on a condition, may) hold."""

    __tablename__ = "checklist_item"

    standard_id: Mapped[str] = mapped_column(ForeignKey("checklist_standard.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(60), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    stage: Mapped[str] = mapped_column(String(40), nullable=False)
    required: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    condition: Mapped[dict | None] = mapped_column(JSON)
    sort_order: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


class ProjectDocument(SyncedMixin, Base):
    """The state of one checklist item for one project."""

    __tablename__ = "project_document"
    __table_args__ = (UniqueConstraint("project_id", "item_key"),)

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), nullable=False, index=True)
    item_key: Mapped[str] = mapped_column(String(60), nullable=False)
    state: Mapped[str] = mapped_column(String(20), default="missing", nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)
    received_on: Mapped[date | None] = mapped_column(Date)
    pages: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


class Attachment(SyncedMixin, Base):
    """A file attached to a project (optionally to one checklist item).

    The content lives once in the data folder's store under its SHA-256.
    """

    __tablename__ = "attachment"

    project_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"), index=True)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("project_document.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    mime: Mapped[str | None] = mapped_column(String(100))


class Template(SyncedMixin, Base):
    """A Word template; an edited template is a new row with a higher `template_version`."""

    __tablename__ = "template"
    __table_args__ = (UniqueConstraint("name", "template_version"),)

    name: Mapped[str] = mapped_column(String(100), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    template_version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    source: Mapped[str] = mapped_column(String(20), default="local", nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    fields: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    scope_code: Mapped[str | None] = mapped_column(String(12))
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)


class GeneratedDocument(SyncedMixin, Base):
    """A document rendered from a template for a project, kept as an attachment."""

    __tablename__ = "generated_document"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), nullable=False, index=True)
    template_id: Mapped[str] = mapped_column(ForeignKey("template.id"), nullable=False)
    template_version: Mapped[int] = mapped_column(Integer, nullable=False)
    attachment_id: Mapped[str | None] = mapped_column(ForeignKey("attachment.id"))
    item_key: Mapped[str | None] = mapped_column(String(60))
    generated_by: Mapped[str | None] = mapped_column(String(100))
    generated_at: Mapped[datetime | None] = mapped_column(DateTime)
