"""This PC's window settings file (ui.ini beside the database), opened in one place.

Why: which keys exist, their types and defaults are in the one settings registry
(desktop.core.settings, entries changed by "this_pc"); this module only opens the file Qt keeps
them in. Everything else reads and writes through `UiContext.value/set_value` (or `prefs.get`
before a context exists), so an unknown key or a wrong type is refused the same way everywhere.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.core import settings


def open_store(data_dir) -> QSettings:
    return QSettings(str(Path(data_dir) / "ui.ini"), QSettings.IniFormat)


def get(store: QSettings, key: str, default=None):
    return settings.window_get(store, key, default)


def put(store: QSettings, key: str, value):
    return settings.window_set(store, key, value)
