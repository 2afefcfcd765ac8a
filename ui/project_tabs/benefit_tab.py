"""带贫: the agreement's benefit terms, then the beneficiary households and how each benefits (ID and
phone numbers shown masked). The terms are saved by the editor's Save with the project's other fields."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.terms.words import POOR_STATUS_TERMS, poor_status_labels
from desktop.values.money import fen_to_yuan_display

from ui.project_tabs.agreement_terms import AgreementTerms
from ui.project_tabs.records_panel import RecordsPanel


def create_tab(ctx, project_code: str):
    return BenefitTab(ctx, project_code)


class BenefitTab(QWidget):
    def __init__(self, ctx, code: str):
        super().__init__()
        self.terms = AgreementTerms()
        self.sig_dirty = self.terms.sig_dirty
        self.summary = QLabel()
        self.summary.setObjectName("benefit_summary")
        self.panel = RecordsPanel(ctx, code, "benefit", hide=("note",))
        self.panel.sig_loaded.connect(self._summarise)
        lay = QVBoxLayout(self)
        lay.addWidget(self.terms)
        lay.addWidget(self.summary)
        lay.addWidget(self.panel, 1)

    def _summarise(self, _n: int) -> None:
        recs = self.panel.records
        words = poor_status_labels()
        kinds = [words[k] for k in POOR_STATUS_TERMS]
        poor = sum(1 for r in recs if r.get("poor_status") in kinds)
        people = sum(int(r.get("members_raw") or 0) for r in recs)
        income = fen_to_yuan_display(sum(int(r.get("annual_income_fen_raw") or 0) for r in recs))
        self.summary.setText(self.tr("已登记受益户 {0} 户 {1} 人，其中{2} {3} 户；"
                                     "年增收合计 {4} 元。").format(len(recs), people, "、".join(kinds), poor, income))

    def refresh(self) -> None:
        self.panel.refresh()

    # -- the agreement terms, saved by the project editor ----------------------------------------
    def load_project(self, project: dict) -> None:
        self.terms.load(project)

    def has_unsaved(self) -> bool:
        return self.terms.is_dirty()

    def project_changes(self) -> tuple[dict, list[tuple[str, str]]]:
        return self.terms.collect()

    def show_error(self, field: str | None, message: str) -> bool:
        return self.terms.show_error(field, message)
