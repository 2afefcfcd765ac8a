"""The ledger's columns: what each shows, how it sorts and totals, and which show by default."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop.terms.words import fill


@dataclass(frozen=True)
class Column:
    key: str           # row dict key
    header: str        # Chinese header (translated through Qt)
    kind: str          # text | int | money | pct | risk
    visible: bool      # shown by default
    total: bool = False
    width: int = 90


def _t(text: str) -> str:
    return QCoreApplication.translate("LedgerColumns", text)


COLUMNS: list[Column] = [
    Column("code", "项目编号", "text", True, width=104),
    Column("name", "项目名称", "text", True, width=230),
    Column("year", "年度", "int", True, width=52),
    Column("level", "层级", "text", True, width=80),
    Column("funding_sources", "资金来源", "text", False, width=160),
    Column("category", "类别", "text", False, width=70),
    Column("township", "乡镇", "text", False, width=80),
    Column("village", "实施村", "text", True, width=64),
    Column("implementing_unit", "实施单位", "text", False, width=140),
    Column("responsible_person", "责任人", "text", False, width=70),
    Column("supporting_party", "支援方", "text", False, width=120),
    Column("stage_label", "阶段", "text", True, width=76),
    Column("risk_level", "风险", "risk", True, width=56),
    Column("planned_investment_fen", "计划投资(万元)", "money", True, True, 100),
    Column("disbursed_fen", "已拨付(万元)", "money", True, True, 92),
    Column("spent_fen", "已支出(万元)", "money", True, True, 92),
    Column("spending_pct", "支出进度", "pct", True, width=68),
    Column("works_progress_pct", "工程进度", "pct", True, width=68),
    Column("beneficiary_households", "受益户", "int", True, True, 60),
    Column("beneficiary_people", "受益人数", "int", False, True, 70),
    Column("poor_households", "{registered_household}", "int", False, True, 80),
    Column("docs_missing", "缺资料", "int", False, width=60),
]


def header(col: Column) -> str:
    """The header in the UI language, with a policy word (建档立卡户 …) taken from the terms in force."""
    return fill(_t(col.header))


def index_of(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)
