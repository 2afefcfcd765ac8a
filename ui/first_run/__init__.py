"""First-run wizard: set up a new data folder in Chinese, without a manual.

`run_wizard(data_dir) -> bool` is called by ui/core/launch.py when the folder is not initialised;
True means the folder is now set up. Answers are checked by desktop.setup.first_run, and nothing is
written until the clerk presses 完成 on the last page.
"""
from __future__ import annotations

from pathlib import Path


def run_wizard(data_dir) -> bool:
    """Show the wizard modally; True if the data folder was initialised."""
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.first_run.wizard import FirstRunWizard

    if QApplication.instance() is None:  # launch.py makes the application; this is for direct use
        from ui.core.launch import ensure_qapp

        ensure_qapp()
    wizard = FirstRunWizard(Path(data_dir))
    return wizard.exec() == QDialog.DialogCode.Accepted and wizard.result_info is not None
