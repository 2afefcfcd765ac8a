"""Oversight: inspections and audits, rectifications, supervision notices, risk grades."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin


class Inspection(SyncedMixin, Base):
    """督查 / 调研 / 审计 of a project; `phase` is 事前/事中/事后 for audits."""

    __tablename__ = "inspection"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # inspection | visit | audit
    phase: Mapped[str | None] = mapped_column(String(20))  # before | during | after
    inspected_on: Mapped[date] = mapped_column(Date, nullable=False)
    organisation: Mapped[str | None] = mapped_column(String(200))
    findings: Mapped[str | None] = mapped_column(Text)


class Rectification(SyncedMixin, Base):
    """整改: a problem found, the measure, deadline, and when it was done."""

    __tablename__ = "rectification"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), nullable=False, index=True)
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspection.id"))
    notice_id: Mapped[str | None] = mapped_column(ForeignKey("notice.id"))
    issue: Mapped[str] = mapped_column(Text, nullable=False)
    measure: Mapped[str | None] = mapped_column(Text)
    deadline: Mapped[date | None] = mapped_column(Date)
    responsible: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="open", nullable=False)
    completed_on: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str | None] = mapped_column(Text)


class Notice(SyncedMixin, Base):
    """督办单: a numbered supervision notice from the county to a township. County-owned."""

    __tablename__ = "notice"

    number: Mapped[int] = mapped_column(Integer, nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    township_code: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    deadline: Mapped[date] = mapped_column(Date, nullable=False)
    content: Mapped[str | None] = mapped_column(Text)
    project_ids: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="open", nullable=False)
    closed_on: Mapped[date | None] = mapped_column(Date)  # the county accepted the answer


class NoticeReply(SyncedMixin, Base):
    """A township's answer to a notice: its rectification report. Township-owned."""

    __tablename__ = "notice_reply"

    notice_id: Mapped[str] = mapped_column(ForeignKey("notice.id"), nullable=False, index=True)
    township_code: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    replied_on: Mapped[date] = mapped_column(Date, nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    attachment_ids: Mapped[list] = mapped_column(JSON, default=list, nullable=False)


class RiskAssessment(SyncedMixin, Base):
    """A risk grade for a project with its reasons; every grade is kept as history."""

    __tablename__ = "risk_assessment"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), nullable=False, index=True)
    level: Mapped[str] = mapped_column(String(10), nullable=False)
    proposed_level: Mapped[str | None] = mapped_column(String(10))
    reasons: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    override_reason: Mapped[str | None] = mapped_column(Text)
    supervision_level: Mapped[str | None] = mapped_column(String(20))
    disposition: Mapped[str | None] = mapped_column(String(20))
    plan: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    assessed_by: Mapped[str | None] = mapped_column(String(100))
    assessed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_off: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    signoff_evidence: Mapped[str | None] = mapped_column(Text)
    # 降级销号: the checklist standard's items as they stood, acceptance path, evidence attachments.
    signoff_record: Mapped[dict | None] = mapped_column(JSON)
