"""`towndesk --self-test`: prove, without a screen, that this installation can do its work.

Made for the frozen build on a township PC: a missing DLL, Qt plugin, font, resource or migration
file shows up here as one failed line instead of as a crash in front of the clerk. Everything is
done in a temporary folder; the user's data folder is never opened.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable, TextIO

log = logging.getLogger("towndesk.selftest")


def _checks() -> list[tuple[str, Callable[[Path], str]]]:
    from desktop.setup import selftest_checks as c

    return [
        ("依赖库", c.check_imports),
        ("随附资源", c.check_resources),
        ("界面（无屏幕）", c.check_qt_offscreen),
        ("数据库创建与迁移", c.check_database),
        ("中文 PDF", c.check_pdf),
        ("PDF 打印预览", c.check_pdf_preview),
        ("Excel 文件", c.check_excel),
        ("Word 文件", c.check_word),
        ("同步包导出与导入", c.check_sync),
    ]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def run_self_test(out: TextIO | None = None, *, only: list[str] | None = None) -> int:
    """Run every check; print one line each and a summary. 0 when all passed, else 1."""
    out = out or sys.stdout
    if out is None:  # a windowed build started without a console: write next to the temp folder
        out = open(Path(tempfile.gettempdir()) / "towndesk-selftest.txt", "w", encoding="utf-8")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop import __version__

    frozen = "（打包版）" if getattr(sys, "frozen", False) else ""
    print(f"TownDesk {__version__}{frozen} 自检开始（Python {sys.version.split()[0]}，{sys.platform}）", file=out)
    checks = [(n, f) for n, f in _checks() if not only or n in only]
    logger = logging.getLogger("towndesk")
    handlers_before = list(logger.handlers)
    failed: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="towndesk-selftest-", ignore_cleanup_errors=True) as tmp:
        for i, (name, fn) in enumerate(checks, 1):
            work = Path(tmp) / f"check{i}"
            work.mkdir()
            t0 = time.perf_counter()
            try:
                detail = fn(work)
                status = "通过"
            except Exception as e:  # every failure is one line; the traceback goes to stderr for support
                detail = f"{type(e).__name__}: {e}"
                status = "失败"
                failed.append(name)
                traceback.print_exc(file=sys.stderr) if sys.stderr else None
            took = time.perf_counter() - t0
            print(f"[{status}] {name}：{_one_line(detail)}（{took:.2f} 秒）", file=out, flush=True)
        _close_new_handlers(logger, handlers_before)
    total = time.perf_counter() - started
    if failed:
        print(f"自检未通过：{len(failed)}/{len(checks)} 项失败（{'、'.join(failed)}），用时 {total:.1f} 秒。"
              "请重新安装 TownDesk，或把以上内容发给技术支持。", file=out)
        return 1
    print(f"自检通过：{len(checks)}/{len(checks)} 项，用时 {total:.1f} 秒。", file=out)
    return 0


def _close_new_handlers(logger: logging.Logger, before: list[logging.Handler]) -> None:
    """The temporary data folders opened log files; close them so the folder can be removed (Windows)."""
    for h in list(logger.handlers):
        if h not in before:
            logger.removeHandler(h)
            h.close()
