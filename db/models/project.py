"""The project file (台账) and its money and schedule records. Money is integer fen."""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, BigInteger, Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin

STAGES = ("reserve", "preparation", "construction", "completed", "accepted", "operating")
RISK_LEVELS = ("red", "yellow", "green")
DISPOSITIONS = ("consolidate", "upgrade", "revitalize", "restart")


class Project(SyncedMixin, Base):
    """One assistance project: the plan, places, parties, money plan, benefit and risk."""

    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint("planned_investment_fen >= 0", name="planned_nonneg"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
    )

    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    level: Mapped[str] = mapped_column(String(40), nullable=False)
    funding_sources: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    category: Mapped[str | None] = mapped_column(String(40))
    township_code: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    # Indexed: tables and the county view select by township name or code (an OR that scans without it).
    township_name: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    village: Mapped[str | None] = mapped_column(String(200))
    implementing_unit: Mapped[str | None] = mapped_column(String(200))
    responsible_person: Mapped[str | None] = mapped_column(String(100))
    responsible_phone: Mapped[str | None] = mapped_column(String(40))
    supporting_party: Mapped[str | None] = mapped_column(String(200))
    operating_entity: Mapped[str | None] = mapped_column(String(200))
    planned_investment_fen: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
    stage: Mapped[str] = mapped_column(String(20), default="preparation", nullable=False)
    start_date: Mapped[date | None] = mapped_column(Date)
    planned_completion_date: Mapped[date | None] = mapped_column(Date)
    actual_completion_date: Mapped[date | None] = mapped_column(Date)
    acceptance_date: Mapped[date | None] = mapped_column(Date)
    works_progress_pct: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    expected_benefit: Mapped[str | None] = mapped_column(Text)
    benefit_mechanism: Mapped[str | None] = mapped_column(Text)
    # the agreement's benefit terms (利益联结机制协议): filled in the project's 带贫 tab
    benefit_share: Mapped[str | None] = mapped_column(String(200))  # 分红比例或金额
    benefit_period: Mapped[str | None] = mapped_column(String(100))  # 期限
    benefit_payment_time: Mapped[str | None] = mapped_column(String(100))  # 支付时间
    agreement_supervisor: Mapped[str | None] = mapped_column(String(200))  # 监督方 (not 甲方)
    agreement_date: Mapped[date | None] = mapped_column(Date)  # 协议签订日期
    beneficiary_households: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    beneficiary_people: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    poor_households: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    poor_people: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    joint_account: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    assets_registered: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    risk_level: Mapped[str | None] = mapped_column(String(10))
    built_not_finished: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    finished_not_used: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    used_not_well: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    disposition: Mapped[str | None] = mapped_column(String(20))
    checklist_standard_key: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)

    allocations: Mapped[list["FundAllocation"]] = relationship(back_populates="project")
    disbursements: Mapped[list["Disbursement"]] = relationship(back_populates="project")
    expenditures: Mapped[list["Expenditure"]] = relationship(back_populates="project")
    milestones: Mapped[list["Milestone"]] = relationship(back_populates="project")


class _ProjectChild(SyncedMixin):
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), nullable=False, index=True)


class FundAllocation(_ProjectChild, Base):
    """Money allocated to a project from one funding source (资金下达)."""

    __tablename__ = "fund_allocation"
    __table_args__ = (CheckConstraint("amount_fen >= 0", name="amount_nonneg"),)

    source: Mapped[str] = mapped_column(String(60), nullable=False)
    amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    allocated_on: Mapped[date | None] = mapped_column(Date)
    document_no: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    project: Mapped[Project] = relationship(back_populates="allocations")


class Disbursement(_ProjectChild, Base):
    """A transfer of money to the implementing unit (资金拨付)."""

    __tablename__ = "disbursement"
    __table_args__ = (CheckConstraint("amount_fen >= 0", name="amount_nonneg"),)

    paid_on: Mapped[date] = mapped_column(Date, nullable=False)
    amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    source: Mapped[str | None] = mapped_column(String(60))
    voucher_no: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    project: Mapped[Project] = relationship(back_populates="disbursements")


class Expenditure(_ProjectChild, Base):
    """Money actually spent (支出): what the spending rate is computed from."""

    __tablename__ = "expenditure"
    __table_args__ = (CheckConstraint("amount_fen >= 0", name="amount_nonneg"),)

    spent_on: Mapped[date] = mapped_column(Date, nullable=False)
    amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    payee: Mapped[str | None] = mapped_column(String(200))
    purpose: Mapped[str | None] = mapped_column(String(200))
    voucher_no: Mapped[str | None] = mapped_column(String(100))
    project: Mapped[Project] = relationship(back_populates="expenditures")


class Milestone(_ProjectChild, Base):
    """A node of the reverse schedule (倒排工期): planned date and targets, actual date."""

    __tablename__ = "milestone"

    name: Mapped[str] = mapped_column(String(100), nullable=False)
    planned_date: Mapped[date] = mapped_column(Date, nullable=False)
    actual_date: Mapped[date | None] = mapped_column(Date)
    planned_works_pct: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    planned_money_pct: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    project: Mapped[Project] = relationship(back_populates="milestones")


class ProgressReport(_ProjectChild, Base):
    """A dated progress report (月报 / 半月调度) on works and money."""

    __tablename__ = "progress_report"

    report_date: Mapped[date] = mapped_column(Date, nullable=False)
    period: Mapped[str] = mapped_column(String(20), default="monthly", nullable=False)
    works_pct: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    disbursed_fen: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
    spent_fen: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
    summary: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[str | None] = mapped_column(Text)
