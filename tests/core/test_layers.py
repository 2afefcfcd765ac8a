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
