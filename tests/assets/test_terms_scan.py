"""No policy word is frozen in code: labels, fund names, levels and categories come from the terms files.

The scan reads every string literal (docstrings and comments aside) of db/, desktop/ and ui/ and fails
when one holds a word of a shipped terms file, outside desktop/terms. The few places that must keep
such a word say why below.
"""
from __future__ import annotations

import ast
from pathlib import Path

from desktop.terms import bundled

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("db", "desktop", "ui")
# Whole files: they hold words as data to recognise or to show as examples, not as labels.
ALLOWED_FILES = {
    "desktop/terms": "the terms themselves",
    "desktop/setup/demo": "demo data: sample projects name their real funds",
    "desktop/ledger_import": "headers and words recognised in old spreadsheets (input, not labels)",
    "desktop/templates/catalogue.py": "template variable names ({{ 建档立卡户数 }}): the contract with .docx files in use",
}
# Single literals: template variable names, kept so templates already in the townships still render.
ALLOWED_LITERALS = {
    ("desktop/templates/context.py", "建档立卡户数"), ("desktop/templates/context.py", "建档立卡人数"),
    ("desktop/templates/context.py", "名单建档立卡户数"), ("desktop/templates/context.py", "建档立卡户"),
    ("desktop/templates/library.py", "建档立卡户"),
}
LIST_KINDS = ("levels", "categories")


def _words() -> set[str]:
    words = set()
    for key in ("2021-2025", "2026"):
        t = bundled(key)
        words |= {w for w in t.choices("labels").values() if len(w) >= 3}
        words |= {w for w in t.items("funding_sources") if len(w) >= 5}
    return words


def _list_words() -> set[str]:
    return {w for key in ("2021-2025", "2026") for kind in LIST_KINDS for w in bundled(key).items(kind)}


def _docstrings(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _files():
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if not any(rel.startswith(prefix) for prefix in ALLOWED_FILES):
                yield rel, path


def scan() -> list[str]:
    """Every literal holding a terms word, and every literal list of three or more levels/categories."""
    words, list_words, found = _words(), _list_words(), []
    for rel, path in _files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                for w in words:
                    if w in node.value and (rel, node.value) not in ALLOWED_LITERALS:
                        found.append(f"{rel}:{node.lineno} “{w}” in {node.value[:40]!r}")
            elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                hits = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in list_words]
                if len(hits) >= 3:
                    found.append(f"{rel}:{node.lineno} a list of levels/categories {hits[:4]}")
    return found


def test_no_terms_word_is_hard_coded_outside_the_terms_files():
    """Labels such as 建档立卡户 or 衔接推进乡村振兴补助资金 and lists of levels or categories live only in the terms files."""
    assert scan() == []


def test_the_scan_finds_a_planted_literal(tmp_path):
    """The scanner itself works: a literal label and a literal list of levels in a new module are reported."""
    fake = tmp_path / "desktop"
    fake.mkdir()
    (fake / "widget.py").write_text('"""Doc 脱贫户 is fine."""\nA = "带动脱贫户数"\nB = ("省级", "州级", "市级")\n',
                                    encoding="utf-8")
    globals()["ROOT"], old = tmp_path, ROOT
    try:
        found = scan()
    finally:
        globals()["ROOT"] = old
    assert any("widget.py:2" in f and "脱贫户" in f for f in found)
    assert any("widget.py:3" in f and "levels/categories" in f for f in found)
    assert not any("widget.py:1" in f for f in found)
