"""The user guide opens with its pictures, and the build spec stays truthful about what it leaves out."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _spec_dict(name: str) -> dict:
    tree = ast.parse((REPO / "build_installer.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not found in build_installer.spec")


def test_excluded_qt_modules_are_not_used_by_the_code():
    """Every Qt module the spec leaves out has a reason and is imported nowhere in desktop/, ui/ or db/."""
    excluded = _spec_dict("QT_EXCLUDED")
    assert all(reason.strip() for reason in excluded.values())
    used = set()
    for pkg in ("desktop", "ui", "db"):
        for path in (REPO / pkg).rglob("*.py"):
            used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    clash = sorted(used & set(excluded))
    assert not clash, f"{clash} are used now: remove them from QT_EXCLUDED in build_installer.spec"


def test_guide_images_exist():
    """Every screenshot the user guide shows is committed next to it."""
    text = (REPO / "docs" / "用户手册.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert images and all((REPO / "docs" / i).is_file() for i in images)


def test_installer_keeps_the_data_folder():
    """The Inno Setup script never deletes the per-user data folder on uninstall."""
    iss = (REPO / "installer" / "towndesk.iss").read_text(encoding="utf-8")
    assert "TownDesk.exe" in iss and "towndesk-cli.exe" in iss
    assert not re.search(r"^\[UninstallDelete\]", iss, re.M)
    assert not re.search(r"DelTree\(.*localappdata", iss, re.I)


@pytest.mark.gui
def test_user_guide_window_renders_markdown(qtbot):
    """The Help window shows the guide's Chinese headings and resolves its screenshots."""
    from ui.core.help import UserGuideDialog

    d = UserGuideDialog()
    qtbot.addWidget(d)
    text = d.browser.toPlainText()
    assert "每天的工作" in text and "同步包被拒绝" in text
    html = d.browser.toHtml()
    assert "screenshots/wizard-1-role.png" in html
    assert d.browser.loadResource(2, "screenshots/wizard-1-role.png") is not None  # 2 = ImageResource


@pytest.mark.slow
def test_frozen_build_and_its_self_test():
    """The CI step itself: PyInstaller build, frozen self-test, size under the hard limit."""
    import subprocess

    proc = subprocess.run(["bash", str(REPO / "scripts" / "build_frozen.sh")], capture_output=True, text=True,
                          timeout=1200)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "自检通过" in proc.stdout
