"""The ledger's filter bar: year, level, funding source, place, stage, risk and the search box."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QToolButton, QWidget

from desktop.projects.fields import STAGE_LABELS
from desktop.projects.search import Matcher

ALL = None
NO_RISK = "none"


class FilterBar(QWidget):
    """Emits sig_changed (debounced while typing) whenever a filter or the search text changes."""

    sig_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("ledger_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索名称、编号、村、单位，或拼音首字母（如 lhc）"))
        self.search.setMinimumWidth(220)
        self.search.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.year = self._combo("filter_year", self.tr("全部年度"))
        self.level = self._combo("filter_level", self.tr("全部层级"))
        self.source = self._combo("filter_source", self.tr("全部资金来源"))
        self.place = self._combo("filter_place", self.tr("全部地点"))
        self.stage = self._combo("filter_stage", self.tr("全部阶段"))
        self.risk = self._combo("filter_risk", self.tr("全部风险"))
        for code, label in (("red", self.tr("红色风险")), ("yellow", self.tr("黄色风险")),
                            ("green", self.tr("绿色（正常）")), (NO_RISK, self.tr("未评级"))):
            self.risk.addItem(label, code)
        self.reset_button = QToolButton(text=self.tr("清除筛选"))
        self.reset_button.setObjectName("filter_reset")
        self.reset_button.clicked.connect(self.reset)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.search, 3)
        for w in (self.year, self.level, self.source, self.place, self.stage, self.risk):
            row.addWidget(w, 1)
        row.addWidget(self.reset_button)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.sig_changed)
        self.search.textChanged.connect(lambda _t: self._timer.start())

    def _combo(self, name: str, all_text: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItem(all_text, ALL)
        box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(5)
        box.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        return box

    def set_debounce(self, ms: int) -> None:
        """Wait this long after a keystroke before filtering (only for very large ledgers)."""
        self._timer.setInterval(ms)

    def set_choices(self, choices: dict, many_townships: bool) -> None:
        """Fill the drop-downs from the values present in the data, keeping current selections."""
        def fill(box: QComboBox, items: list[tuple[str, object]]):
            keep = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for text, data in items:
                box.addItem(text, data)
            i = box.findData(keep)
            box.setCurrentIndex(i if i >= 0 else 0)
            box.blockSignals(False)
        fill(self.year, [(self.tr("{0} 年").format(y), y) for y in choices.get("years", [])])
        fill(self.level, [(v, v) for v in choices.get("levels", [])])
        fill(self.source, [(v, v) for v in choices.get("sources", [])])
        places: list[tuple[str, object]] = []
        if many_townships:
            for t in choices.get("townships", []):
                places.append((t, ("township", t)))
                places += [(f"    {v}", ("village", t, v)) for tt, v in choices.get("villages", []) if tt == t]
        else:
            places = [(v, ("village", t, v)) for t, v in choices.get("villages", [])]
        fill(self.place, places)
        fill(self.stage, [(STAGE_LABELS.get(s, s), s) for s in choices.get("stages", [])])

    def reset(self) -> None:
        for box in (self.year, self.level, self.source, self.place, self.stage, self.risk):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.sig_changed.emit()

    def is_active(self) -> bool:
        return bool(self.search.text().strip()) or any(
            b.currentIndex() > 0 for b in (self.year, self.level, self.source, self.place, self.stage, self.risk))

    def predicate(self):
        """A function (row, key) -> bool for the current filters, built once per change."""
        matcher, check, _key = self.spec()
        if check is None and not matcher:
            return lambda r, k: True
        if not matcher:
            return lambda r, k: check(r)
        if check is None:
            return lambda r, k: matcher.matches(k)
        return lambda r, k: matcher.matches(k) and check(r)

    def spec(self):
        """(search Matcher, row check or None, a key naming the non-search filters) for LedgerProxy.filter."""
        year, level, source = self.year.currentData(), self.level.currentData(), self.source.currentData()
        place, stage, risk = self.place.currentData(), self.stage.currentData(), self.risk.currentData()
        matcher = Matcher(self.search.text())
        key = (year, level, source, tuple(place) if place else place, stage, risk)
        checks = []
        if year is not None:
            checks.append(lambda r: r["year"] == year)
        if level is not None:
            checks.append(lambda r: r["level"] == level)
        if source is not None:
            checks.append(lambda r: source in (r["funding_sources"] or "").split("、"))
        if place is not None:
            if place[0] == "township":
                checks.append(lambda r: r["township"] == place[1])
            else:
                checks.append(lambda r: r["township"] == place[1] and r["village"] == place[2])
        if stage is not None:
            checks.append(lambda r: r["stage"] == stage)
        if risk is not None:
            checks.append(lambda r: (r["risk_level"] or NO_RISK) == risk)

        if not checks:
            return matcher, None, key
        if len(checks) == 1:
            return matcher, checks[0], key
        return matcher, (lambda r: all(c(r) for c in checks)), key

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.search.text():
            self.search.clear()
            return
        super().keyPressEvent(event)
