"""Screenshot mode: open one page with the current data at 1280×800, save a PNG, exit 0.

Used for the README and by tests; works on the offscreen platform.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.core.errors import UserError

SIZE = (1280, 800)


def _settle(ctx, rounds: int = 3) -> None:
    for _ in range(rounds):
        ctx.runner.wait_idle(60)
        QApplication.processEvents()


def take_screenshot(ctx, target: str, page: str | None) -> int:
    from ui.core.main_window import MainWindow

    page = page or "dashboard"
    window = MainWindow(ctx, start_page="projects" if page.startswith("project:") else page)
    window.resize(*SIZE)
    window.show()
    _settle(ctx)
    widget = window
    if page.startswith("project:"):
        code = page.split(":", 1)[1]
        dlg = window.open_project(code)
        if dlg is None:
            raise UserError(f"无法打开项目 {code}。")
        dlg.resize(*SIZE)
        _settle(ctx)
        if getattr(dlg, "load_error", None):
            raise UserError(dlg.load_error)
        widget = dlg
    _settle(ctx)
    out = Path(target).expanduser().resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out), "PNG"):
        raise UserError(f"无法写入截图文件 {out}，请检查路径和权限。")
    print(f"已保存截图：{out}")
    window.deleteLater()
    return 0
