"""Starting the window: Qt application, data folder (or first-run wizard), login, main window.

`run_gui(args)` is what `towndesk` and `towndesk gui` call; args carries data_dir, db_url,
screenshot and page (and optionally user).
"""
from __future__ import annotations

import importlib.util
import logging
import os
import sys

log = logging.getLogger("towndesk.ui")


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def ensure_qapp():
    """The one QApplication (created with Chinese translations for Qt's own buttons)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    qapp = QApplication.instance()
    if qapp is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        QCoreApplication.setOrganizationName("TownDesk")
        QCoreApplication.setApplicationName("TownDesk")
        qapp = QApplication(sys.argv[:1])
        qapp.setApplicationDisplayName("TownDesk")
    return qapp


def install_translations(qapp, language: str = "zh_CN") -> list:
    """Qt's own strings in Chinese; our strings are written in Chinese and translated to English."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from desktop.core.paths import resource_path

    if getattr(qapp, "_towndesk_language", None) == language:
        return list(getattr(qapp, "_towndesk_translators", []))  # already installed (by the start frame)
    for old in getattr(qapp, "_towndesk_translators", []):
        qapp.removeTranslator(old)
    translators = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    t = QTranslator(qapp)
    if t.load(f"qtbase_{language}", qt_dir):
        qapp.installTranslator(t)
        translators.append(t)
    if language != "zh_CN":
        t = QTranslator(qapp)
        if t.load(str(resource_path("translations", f"towndesk_{language}.qm"))):
            qapp.installTranslator(t)
            translators.append(t)
    qapp._towndesk_translators = translators  # keep them alive
    qapp._towndesk_language = language
    return translators


def _message(title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(None, title, text)


def show_start_frame(data_dir, qapp):
    """Paint the window frame with the last dashboard figures (desktop.core.startcache); None without a cache."""
    from desktop.core import startcache

    cache = startcache.load(data_dir)
    if cache is None:
        return None
    from ui.core import prefs
    from ui.core.start_frame import StartFrame

    settings = prefs.open_store(data_dir)
    install_translations(qapp, prefs.get(settings, "ui/language"))
    from ui.core.fonts import apply_font

    apply_font(prefs.get(settings, "ui/font_pt"))
    frame = StartFrame(cache, settings)
    frame.show()
    frame.repaint()
    qapp.processEvents()
    return frame


def off_thread(fn):
    """Run fn() on a plain thread while the Qt event loop keeps the painted frame alive; its result or error.

    Used for opening the data folder: the first import of SQLAlchemy and the models, the revision check
    and the first query happen there, not in the thread that paints.
    """
    import threading

    from PySide6.QtCore import QEventLoop, QTimer

    box: dict = {}

    def work():
        try:
            box["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed back to the caller's thread
            box["error"] = e
    thread = threading.Thread(target=work, name="towndesk-open", daemon=True)
    thread.start()
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    timer.start()
    if thread.is_alive():
        loop.exec()
    timer.stop()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _open(args, qapp, screenshot: bool, in_background: bool = False):
    """Open the data folder; offer the first-run wizard when it is not set up.

    Returns (app, 0), or (None, exit code): 0 when the clerk cancelled the wizard, 2 when it cannot open.
    """
    from desktop.core.errors import NotInitialised, UserError
    from desktop.core.paths import resolve_data_dir

    def open_app(*a, **kw):
        from desktop.core.app import open_app as _open_app

        return _open_app(*a, **kw)

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    db_url = getattr(args, "db_url", None)
    try:
        if in_background:
            return off_thread(lambda: open_app(data_dir, db_url=db_url)), 0
        return open_app(data_dir, db_url=db_url), 0
    except NotInitialised as e:
        if screenshot:
            raise
        if _has_module("ui.first_run"):
            from ui.first_run import run_wizard

            if not run_wizard(data_dir):
                return None, 0
            return open_app(data_dir, db_url=db_url), 0
        _message("TownDesk", f"{e.message}\n\n（也可以在命令行运行：towndesk --data-dir \"{data_dir}\" init …）")
        return None, 2
    except UserError as e:
        if screenshot:
            raise
        _message("TownDesk", e.message)
        return None, 2


def _default_user(args) -> str:
    if getattr(args, "user", None):
        return args.user
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def run_gui(args) -> int:
    """Open the window (or, with args.screenshot, save a PNG of one page and exit 0)."""
    screenshot = getattr(args, "screenshot", None)
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qapp = ensure_qapp()
    folder_lock = None if screenshot else _lock_folder(args)
    if folder_lock is False:
        return 2
    try:
        return _run_window(args, qapp, screenshot)
    finally:
        if folder_lock:
            folder_lock.release()


def _lock_folder(args):
    """The data folder's window lock, or False after telling the clerk another window has it."""
    from desktop.core.errors import UserError
    from desktop.core.paths import resolve_data_dir
    from desktop.platform.folder_lock import DataFolderLock

    try:
        return DataFolderLock(resolve_data_dir(getattr(args, "data_dir", None))).acquire()
    except UserError as e:
        _message("TownDesk", e.message)
        return False
    except OSError as e:  # a folder we cannot even create: _open says why in its own words
        log.warning("cannot lock the data folder: %s", e)
        return None


def _run_window(args, qapp, screenshot) -> int:
    frame = None
    if not screenshot:
        from desktop.core.paths import resolve_data_dir

        frame = show_start_frame(resolve_data_dir(getattr(args, "data_dir", None)), qapp)
    try:
        app, rc = _open(args, qapp, bool(screenshot), in_background=frame is not None)
    except BaseException:
        frame and frame.dismiss()
        raise
    if app is None:
        frame and frame.dismiss()
        return rc
    if frame is not None and frame.closed_by_user:  # the clerk closed the window while it was opening
        app.dispose()
        return 0
    app.user_name = _default_user(args)

    from ui.core.context import UiContext, apply_font
    from ui.core.errors import install_excepthook

    ctx = UiContext(app)
    install_translations(qapp, ctx.value("ui/language"))
    apply_font(ctx.font_pt())
    from ui.core.main_window import MainWindow

    try:
        if not screenshot and _has_module("ui.accounts.login_dialog"):
            from ui.accounts.login_dialog import login

            if not login(ctx):
                return 0
        geometry = frame.saveGeometry() if frame is not None else None
        if screenshot:
            from ui.core.screenshot import take_screenshot

            return take_screenshot(ctx, screenshot, getattr(args, "page", None))
        window = MainWindow(ctx, start_page=_page_key(getattr(args, "page", None)))
        install_excepthook(ctx)
        if geometry is not None:
            window.restoreGeometry(geometry)  # exactly where the frame was (the clerk may have moved it)
        window.show()
        if frame is not None:
            frame.dismiss()
            frame = None
        code = getattr(args, "page", None) or ""
        if code.startswith("project:"):
            window.open_project(code.split(":", 1)[1])
        return qapp.exec()
    finally:
        ctx.stop_watching()
        if frame is not None:
            frame.dismiss()
        ctx.runner.shutdown()  # the worker thread must end before Qt objects go away
        app.dispose()


def _page_key(page: str | None) -> str | None:
    if not page:
        return None
    return "projects" if page.startswith("project:") else page
