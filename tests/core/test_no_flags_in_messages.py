"""Messages written by services (shown in the window too) say what to do in words, never a command-line flag."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "desktop"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
# strings that are not messages to a person: the office suite's own command line
NOT_MESSAGES = {("templates/render.py", "--headless"), ("templates/render.py", "--norestore"),
                ("templates/render.py", "--convert-to"), ("templates/render.py", "--outdir")}


def _skipped(tree) -> set[int]:
    """ids of string nodes that are docstrings or a cli_hint (a UserError's or a report entry's: CLI only)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
        if isinstance(node, ast.keyword) and node.arg == "cli_hint":
            out |= {id(n) for n in ast.walk(node.value)}
        if isinstance(node, ast.Dict):  # a report's {"message": …, "cli_hint": …}: the hint is the CLI's alone
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "cli_hint":
                    out |= {id(n) for n in ast.walk(value)}
    return out


def flagged_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _skipped(tree)
    rel = path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            for flag in FLAG.findall(node.value):
                if (rel, flag) not in NOT_MESSAGES:
                    found.append((node.lineno, node.value[:80]))
    return found


def test_no_service_message_names_a_flag():
    """No string in desktop/ outside desktop/cli names a flag like --year, except a UserError's separate cli_hint."""
    bad = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.relative_to(ROOT).parts[0] == "cli":
            continue
        bad += [f"{path.relative_to(ROOT)}:{line}: {text}" for line, text in flagged_strings(path)]
    assert bad == [], "\n".join(bad)


def test_the_scan_finds_a_flag(tmp_path):
    """The scanner itself sees a flag in a message and ignores it in a cli_hint and a docstring."""
    global ROOT
    f = tmp_path / "x.py"
    f.write_text('"""Uses --doc."""\nfrom e import UserError\n'
                 'def f(y):\n    """--also-doc"""\n    raise UserError(f"年度 {y} 不对，请用 --year 指定", cli_hint="--year")\n'
                 'GAP = {"message": "请重新导出", "cli_hint": "towndesk export --full"}\n',
                 encoding="utf-8")
    old, ROOT = ROOT, tmp_path
    try:
        assert [line for line, _ in flagged_strings(f)] == [5]
    finally:
        ROOT = old


def test_cli_prints_the_hint_the_window_does_not_see(cli):
    """The command line adds the flag hint after the message; the message itself has none."""
    from desktop.core.errors import UserError
    from desktop.sync.conflicts import resolve_conflict

    try:
        resolve_conflict(None, "x", "both")
    except UserError as e:
        assert "--" not in e.message and e.cli_hint.startswith("--keep")
    else:
        raise AssertionError("refused")
