"""Imports go one way (ui → desktop → db) and the core never imports Qt."""
import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _imports(package: str) -> list[tuple[str, str]]:
    out = []
    for path in (REPO / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                out += [(str(path.relative_to(REPO)), a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                out.append((str(path.relative_to(REPO)), node.module))
    return out


def test_db_imports_neither_desktop_nor_ui_nor_qt():
    """db/ is the bottom layer: no desktop, ui or Qt imports."""
    bad = [(f, m) for f, m in _imports("db") if m.split(".")[0] in ("desktop", "ui", "PySide6", "PyQt6")]
    assert bad == []


def test_desktop_imports_no_ui_and_no_qt():
    """desktop/ is Qt-free and never reaches up into ui/."""
    bad = [(f, m) for f, m in _imports("desktop") if m.split(".")[0] in ("ui", "PySide6", "PyQt6", "shiboken6")]
    # The gui command imports ui lazily by design; that single entry point is allowed.
    bad = [(f, m) for f, m in bad if not (f.endswith("setup_cmds.py") and m == "ui.core.launch")]
    assert bad == []


def test_ui_never_opens_database_sessions():
    """Widgets go through desktop services, never through db/ or SQLAlchemy sessions."""
    if not (REPO / "ui").exists():
        return
    bad = [(f, m) for f, m in _imports("ui") if m.split(".")[0] in ("db", "sqlalchemy")]
    assert bad == []


# Calls that open a transaction or a session: only services (desktop/) may make them.
TRANSACTION_CALLS = {"tx", "sessions", "transaction", "begin", "begin_nested", "connect", "raw_connection"}
DATABASE_OWNERS = {"app", "engine", "s", "session", "conn", "connection", "sqlite3"}


def _transaction_calls(package: str) -> list[tuple[str, int, str]]:
    out = []
    for path in (REPO / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            owner = fn.value if isinstance(fn, ast.Attribute) else None
            owner_name = (owner.attr if isinstance(owner, ast.Attribute) else
                          owner.id if isinstance(owner, ast.Name) else "")
            generic = name in ("connect", "begin")  # QPainter.begin, socket.connect … are not database calls
            if name in TRANSACTION_CALLS and not (generic and owner_name not in DATABASE_OWNERS):
                out.append((str(path.relative_to(REPO)), node.lineno, name))
            elif name == "read" and owner_name == "app":  # app.read(): a read transaction
                out.append((str(path.relative_to(REPO)), node.lineno, name))
    return out


def test_ui_opens_no_transaction():
    """No widget opens a transaction (app.tx/app.read/sessions/begin): every change is one service call."""
    assert _transaction_calls("ui") == []


def test_transaction_scan_finds_a_widget_transaction(tmp_path):
    """The scan above is real: a module that calls app.tx() is reported."""
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "bad.py").write_text("def run(app):\n    with app.tx() as s:\n        s.add(1)\n",
                                            encoding="utf-8")
    globals()["REPO"], saved = tmp_path, REPO
    try:
        assert _transaction_calls("ui") == [("ui/bad.py", 2, "tx")]
    finally:
        globals()["REPO"] = saved
