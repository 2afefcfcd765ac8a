"""TownDesk's Qt interface. Calls desktop services only; see ui/README.md for the contract."""
from ui.core import qt_guard as _qt_guard

_qt_guard.apply()  # PySide6 6.12.0 leaks a reference to True per Signal.emit(): see ui/core/qt_guard.py
