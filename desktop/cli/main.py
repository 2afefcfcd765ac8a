"""Entry point: parse arguments, open the data folder, run one command, map errors to exit codes.

Exit 0 success; 2 bad input or refused operation (Chinese message on stderr); 1 unexpected error
(traceback to the log in the data folder, and the user is told where it is).
"""
from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import traceback
from importlib import import_module

from desktop import __version__
from desktop.core.errors import UserError

# Feature modules that add sub-commands; each has register(subparsers).
COMMAND_MODULES = [
    "desktop.cli.setup_cmds",
    "desktop.cli.project_cmds",
    "desktop.cli.sync_cmds",       # keys, peers, export, import, conflicts, packages
    "desktop.cli.checklist_cmds",  # checklist, attach
    "desktop.cli.template_cmds",   # template
    "desktop.cli.report_cmds",     # report, projects import-xlsx, wallchart
    "desktop.cli.round_cmds",      # round sheet/apply/status (half-monthly round)
    "desktop.cli.county_cmds",     # risk, notices, county dashboard
    "desktop.cli.database_cmds",   # database show/connect (SQLite file or PostgreSQL server)
    "desktop.cli.account_cmds",    # users, login, audit
    "desktop.cli.backup_cmds",     # backup, restore
    "desktop.cli.bench_cmds",      # bench
    "desktop.cli.region_cmds",     # regions find
    "desktop.cli.asset_cmds",      # assets (issue 20)
    "desktop.cli.library_cmds",    # library, terms (issue 20)
]

# Which modules a top-level command needs, so `towndesk export` imports only the sync commands and
# `towndesk --version` imports none (each module pulls in SQLAlchemy and more: seconds on an old PC).
# A command missing here still works: every module is imported then. tests/core/test_cli_lazy.py
# checks this table against what the modules really register.
COMMAND_OWNERS = {
    "init": ("desktop.cli.setup_cmds",), "demo": ("desktop.cli.setup_cmds",),
    "verify": ("desktop.cli.setup_cmds",), "gui": ("desktop.cli.setup_cmds",),
    "projects": ("desktop.cli.project_cmds", "desktop.cli.report_cmds"),
    "keys": ("desktop.cli.sync_cmds",), "peers": ("desktop.cli.sync_cmds",), "export": ("desktop.cli.sync_cmds",),
    "import": ("desktop.cli.sync_cmds",), "conflicts": ("desktop.cli.sync_cmds",),
    "packages": ("desktop.cli.sync_cmds",),
    "checklist": ("desktop.cli.checklist_cmds",), "attach": ("desktop.cli.checklist_cmds",),
    "template": ("desktop.cli.template_cmds",),
    "report": ("desktop.cli.report_cmds",), "wallchart": ("desktop.cli.report_cmds",),
    "round": ("desktop.cli.round_cmds",),
    "county": ("desktop.cli.county_cmds",), "risk": ("desktop.cli.county_cmds",),
    "notices": ("desktop.cli.county_cmds",),
    "database": ("desktop.cli.database_cmds",),
    "users": ("desktop.cli.account_cmds",), "login": ("desktop.cli.account_cmds",), "logout": ("desktop.cli.account_cmds",),
    "audit": ("desktop.cli.account_cmds",), "personal": ("desktop.cli.account_cmds",),
    "backup": ("desktop.cli.backup_cmds",), "restore": ("desktop.cli.backup_cmds",),
    "backups": ("desktop.cli.backup_cmds",),
    "bench": ("desktop.cli.bench_cmds",),
    "round": ("desktop.cli.round_cmds",),
    "regions": ("desktop.cli.region_cmds",),
    "assets": ("desktop.cli.asset_cmds",),
    "library": ("desktop.cli.library_cmds",), "terms": ("desktop.cli.library_cmds",),
}
_VALUE_OPTIONS = ("--data-dir", "--db-url", "--user")  # global options that take the next word

log = logging.getLogger("towndesk.cli")


def requested_command(argv: list[str]) -> str | None:
    """The sub-command named in argv ('' when help is asked for before one, None when there is none)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
            continue
        if word in _VALUE_OPTIONS:
            skip = True
        elif word in ("-h", "--help"):
            return ""
        elif not word.startswith("-"):
            return word
    return None


def modules_for(command: str | None) -> list[str]:
    """The command modules to import for `command` (all of them when unknown or for help)."""
    if command is None:
        return []
    owners = COMMAND_OWNERS.get(command)
    if owners is None:
        return list(COMMAND_MODULES)
    return [m for m in COMMAND_MODULES if m in owners]


def build_parser(modules: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with the sub-commands of `modules` (default: every command module)."""
    parser = argparse.ArgumentParser(prog="towndesk", description="TownDesk 乡镇项目台账")
    parser.add_argument("--version", action="version", version=f"TownDesk {__version__}")
    parser.add_argument("--data-dir", help="数据文件夹（默认：环境变量 TOWNDESK_HOME 或用户数据目录）")
    parser.add_argument("--db-url", help="数据库地址（默认：数据文件夹中的 SQLite 文件）")
    parser.add_argument("--user", help="操作人（写入变更记录）")
    parser.add_argument("--self-test", action="store_true", help="自检：检查依赖、数据库、导出与同步")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES if modules is None else modules:
        try:
            module = import_module(name)
        except ModuleNotFoundError as e:  # a feature module still being written must not break the rest
            if e.name != name:
                raise
            continue
        module.register(sub)
    return parser


_UNSTORABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def unstorable_word(words: list[str]) -> tuple[int, str] | None:
    """(position, shown form) of the first argument holding text no database or workbook can store.

    A byte that is not UTF-8 arrives as a lone surrogate (a terminal in GBK, a pasted binary); U+FFFE/U+FFFF are
    not characters. A path to a file that exists (a USB stick's GBK file name) is left to the OS, which reads it.
    """
    for i, word in enumerate(words, 1):
        if _UNSTORABLE.search(word):
            parent = os.path.dirname(word)
            if "\ufffe" not in word and "\uffff" not in word and (
                    os.path.lexists(word) or (parent and os.path.isdir(parent))):
                continue
            return i, word.encode("utf-8", "backslashreplace").decode("utf-8")
    return None


def _log_unexpected(args) -> str:
    from desktop.core.paths import DataLayout, resolve_data_dir

    try:
        layout = DataLayout(resolve_data_dir(getattr(args, "data_dir", None)))
        layout.logs.mkdir(parents=True, exist_ok=True)
        from desktop.privacy.masking import scrub_text

        with open(layout.log_file, "a", encoding="utf-8", errors="backslashreplace") as f:
            f.write(scrub_text(f"--- unexpected error in: towndesk {' '.join(sys.argv[1:])}\n"))
            f.write(scrub_text(traceback.format_exc()))  # SQL parameters may hold ID numbers
        return str(layout.log_file)
    except OSError:
        return "(无法写入日志)"


def main(argv: list[str] | None = None) -> int:
    from desktop.platform.console import configure_streams

    configure_streams()  # the console's encoding on Windows (cp936), UTF-8 elsewhere; a file when windowed
    words = sys.argv[1:] if argv is None else list(argv)
    bad = unstorable_word(words)
    if bad is not None:
        print(f"错误：第 {bad[0]} 个参数“{bad[1]}”含有无法保存的字符（不是有效的中文或英文文字，可能是终端的编码不对）。"
              "请把这段文字重新输入，或从记事本/WPS 复制后再粘贴。", file=sys.stderr)
        return 2
    parser = build_parser(modules_for(requested_command(words)))
    args = parser.parse_args(words)
    try:
        if args.self_test:
            from desktop.setup.selftest import run_self_test
            return run_self_test()
        if args.command is None:
            args.command = "gui"
            from desktop.cli.setup_cmds import cmd_gui
            args.func, args.screenshot, args.page = cmd_gui, None, None
        rc = int(args.func(args) or 0)
        if rc == 0 and getattr(args, "unproven_note", None):  # a write made without accounts: say so, once
            print(f"注意：{args.unproven_note}", file=sys.stderr)
        return rc
    except UserError as e:
        hint = f"（命令行：{e.cli_hint}）" if getattr(e, "cli_hint", None) else ""
        print(f"错误：{e.message}{hint}", file=sys.stderr)  # one line: scripts read the first line
        return e.exit_code
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception as e:
        from desktop.core.diskerrors import user_error_for

        from desktop.platform.files import user_error_for as in_use_error

        disk = user_error_for(e) or in_use_error(e)  # full disk, pulled USB stick, file open in Excel/WPS
        if disk is not None:
            print(f"错误：{disk.message}", file=sys.stderr)
            return disk.exit_code
        where = _log_unexpected(args)
        print(f"程序内部错误，操作未完成，数据未被改动。详细信息已写入日志：{where}\n"
              "请把日志文件发给技术支持。", file=sys.stderr)
        return 1
    finally:
        _close_apps(args)


def _close_apps(args) -> None:
    """Close the databases a command opened (app_from): a command run in-process (tests, the GUI's
    helpers) must not leave the data folder's database open behind it (Windows keeps the file locked)."""
    for app in vars(args).pop("opened_apps", []):
        try:
            app.dispose()
        except Exception:  # closing never turns a finished command into a failure
            pass
