"""The wizard window: page order (the enrollment page only for a township), buttons in Chinese,
and the one place where the answers are written (the summary page's 完成)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QWizard

from desktop.setup.first_run import SetupPlan
from desktop.core.paths import resource_path
from ui.first_run.pages_place import PlacePage, RolePage
from ui.first_run.pages_setup import AdminPage, DataPage, EnrollPage, SummaryPage

ROLE, PLACE, ADMIN, ENROLL, DATA, SUMMARY = range(6)


class FirstRunWizard(QWizard):
    """Six steps; every one can go back, and only 完成 writes anything."""

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.plan = SetupPlan()
        self.result_info: dict | None = None
        self.setWindowTitle(self.tr("TownDesk 乡镇项目台账 — 首次设置"))
        icon = resource_path("icons", "towndesk.png")
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        for button, text in ((QWizard.WizardButton.BackButton, "< 上一步"),
                             (QWizard.WizardButton.NextButton, "下一步 >"),
                             (QWizard.WizardButton.FinishButton, "完成"),
                             (QWizard.WizardButton.CancelButton, "取消")):
            self.setButtonText(button, self.tr(text))
        self.setPage(ROLE, RolePage(self))
        self.setPage(PLACE, PlacePage(self))
        self.setPage(ADMIN, AdminPage(self))
        self.setPage(ENROLL, EnrollPage(self))
        self.setPage(DATA, DataPage(self))
        self.setPage(SUMMARY, SummaryPage(self))
        self.setStartId(ROLE)
        self.resize(760, 560)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

    def nextId(self) -> int:
        current = self.currentId()
        if current == ADMIN:
            return ENROLL if self.plan.role == "township" else DATA
        return super().nextId()

    # File choosers are attributes so tests can answer them without a dialog.
    def choose_open_file(self, title: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), filters)
        return Path(path) if path else None
