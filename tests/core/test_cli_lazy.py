"""The command line imports only the command module it runs, so `towndesk --version` is instant."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main as cli

REPO = Path(__file__).resolve().parents[2]


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _shape(parser: argparse.ArgumentParser) -> list:
    """Option strings and nested sub-commands of a parser, to compare two builds of one command."""
    out = sorted(s for a in parser._actions for s in a.option_strings)
    for name, p in sorted(_commands(parser).items()):
        out.append((name, _shape(p)))
    return out


def test_every_command_is_in_the_owner_table():
    """A command registered by some module but missing from COMMAND_OWNERS would import everything."""
    full = _commands(cli.build_parser())
    missing = sorted(set(full) - set(cli.COMMAND_OWNERS))
    assert not missing, f"add these to desktop.cli.main.COMMAND_OWNERS: {missing}"


@pytest.mark.parametrize("command", sorted(cli.COMMAND_OWNERS))
def test_lazy_parser_builds_the_same_command(command):
    """Each command built from its owner modules alone has exactly the options and actions of the full build."""
    full = _commands(cli.build_parser())
    if command not in full:
        pytest.skip(f"{command} is not registered in this tree")
    lazy = _commands(cli.build_parser(cli.modules_for(command)))
    assert _shape(lazy[command]) == _shape(full[command])


@pytest.mark.parametrize("argv, expected", [
    (["--version"], None),
    ([], None),
    (["--data-dir", "export", "--user", "x"], None),        # option values are not commands
    (["--data-dir", "/tmp/d", "export", "--out", "p"], "export"),
    (["--data-dir=/tmp/d", "projects", "list"], "projects"),
    (["-h"], ""),
    (["--user", "张三", "--help", "export"], ""),
])
def test_requested_command(argv, expected):
    """The command word is found past global options and their values; help asks for every module."""
    assert cli.requested_command(argv) == expected


def test_unknown_command_imports_every_module():
    """A command missing from the table (or a typo) still gets the full parser and argparse's message."""
    assert cli.modules_for("no-such-command") == cli.COMMAND_MODULES
    assert cli.modules_for("") == cli.COMMAND_MODULES
    assert cli.modules_for(None) == []


def _imports_after(argv: list[str]) -> set[str]:
    code = ("import sys\nfrom desktop.cli.main import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
            "print('LOADED', ' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'alembic', 'PySide6', 'openpyxl', 'reportlab'))))")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
                         timeout=120, check=True)
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("LOADED"))
    return set(line.split()[1:])


def test_version_imports_no_database_or_gui_stack():
    """`towndesk --version` loads neither SQLAlchemy, Alembic, Qt nor the export libraries."""
    assert _imports_after(["--version"]) == set()


def test_bad_command_exits_nonzero_with_usage(capsys):
    """A mistyped command is argparse's clear error (exit 2), with every command listed."""
    with pytest.raises(SystemExit) as exc:
        cli.main(["no-such-command"])
    assert exc.value.code == 2
    assert "export" in capsys.readouterr().err


def test_a_command_run_in_process_closes_the_databases_it_opened(tmp_path, monkeypatch):
    """init, demo and a reading command run through main() close every database engine they opened."""
    from desktop.core import app as app_module

    opened, disposed = [], []
    real_open, real_init = app_module.open_app, app_module.init_data_folder

    def track(app):
        opened.append(app)
        real_dispose = app.dispose
        app.dispose = lambda: (disposed.append(app), real_dispose())[1]
        return app

    monkeypatch.setattr(app_module, "open_app", lambda *a, **k: track(real_open(*a, **k)))
    monkeypatch.setattr(app_module, "init_data_folder", lambda *a, **k: track(real_init(*a, **k)))
    data = str(tmp_path / "data")
    assert cli.main(["--data-dir", data, "init", "--role", "township", "--region-code", "533401102000",
                     "--name", "小中甸镇"]) == 0
    assert cli.main(["--data-dir", data, "projects", "list"]) == 0
    assert opened and all(a in disposed for a in opened)
