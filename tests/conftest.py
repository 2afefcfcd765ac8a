"""Shared fixtures: real temporary data folders, and the real `towndesk` console script."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from tests import pgtest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TOWNSHIP = ("533401102000", "小中甸镇")
COUNTY = ("533401000000", "香格里拉市")


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run the long variants")


# --- Engine selection: SQLite files by default, PostgreSQL with TOWNDESK_TEST_DB_URL (tests/pgtest.py).
PG = None


def pytest_configure(config):
    global PG
    from tests import sizes

    sizes.set_level(config.getoption("--runslow"))
    config.addinivalue_line("markers", "sqlite_only(reason): needs the SQLite file itself; skipped on PostgreSQL")
    if pgtest.ENABLED and PG is None:
        PG = pgtest.PgFolders(pgtest.TEST_DB_URL)
        try:
            PG.check()
        except Exception as e:  # noqa: BLE001 - say why and stop, instead of 500 failures
            pytest.exit(f"TOWNDESK_TEST_DB_URL: cannot use the PostgreSQL server ({e})", returncode=3)


@pytest.fixture(scope="session", autouse=True)
def _database_engine():
    """With PostgreSQL selected, every data folder opened in this process is bound to its own database."""
    if PG is None:
        yield None
        return
    from desktop.core import dbconfig

    original = dbconfig.folder_url
    dbconfig.folder_url = PG.folder_hook
    try:
        yield PG
    finally:
        dbconfig.folder_url = original
        PG.drop_all()


@pytest.fixture(autouse=True)
def _drop_test_databases(request):
    """Drop the PostgreSQL databases of the folders this test made under its tmp_path."""
    root = request.getfixturevalue("tmp_path") if PG is not None and "tmp_path" in request.fixturenames else None
    yield
    if root is not None:
        PG.drop_under(root)


def pytest_itemcollected(item):
    """Tests driving Qt (qtbot) are GUI tests even when unmarked, so `-m "not gui"` leaves them out."""
    if "qtbot" in getattr(item, "fixturenames", ()) and item.get_closest_marker("gui") is None:
        item.add_marker(pytest.mark.gui)


# Files holding the longest tests (--durations profile of 2026-12-02): collected first, so with
# `--dist worksteal` they start early and the short tests fill in around them, instead of one long test
# running alone at the end while the other core idles. The order within and among the rest is unchanged.
LONG_FIRST = ("tests/reliability/", "tests/sync/test_property.py", "tests/core/test_change_log_hash.py",
              "tests/core/test_verify_ledger.py", "tests/ledger_import/test_limits.py", "tests/sync/test_crash.py",
              "tests/gui/test_window.py", "tests/core/test_cli.py", "tests/backup/test_restore.py",
              "tests/bench/test_bench_smoke.py", "tests/sync/test_trust_property.py")


def _long_first(items) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))  # stable: same order on every worker


def pytest_collection_modifyitems(config, items):
    _long_first(items)
    if PG is not None:
        for item in items:
            marker = item.get_closest_marker("sqlite_only")
            reason = PG.skip_reason(item.nodeid)
            if marker is not None:
                reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "SQLite file specific")
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"PostgreSQL run: {reason}"))
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="long variant: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def towndesk_command() -> list[str]:
    """The installed console script next to this Python, else `python -m desktop`."""
    script = Path(sys.executable).with_name("towndesk")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "desktop"]


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


# Commands that start Qt or fork their own checks run as a real process even from the in-process fixture.
REAL_PROCESS_COMMANDS = {"gui", "--self-test", "bench"}


def _cli_argv(data_dir, args) -> list[str]:
    argv = ["--data-dir", str(data_dir)]
    if PG is not None:
        argv += ["--db-url", PG.url_for(data_dir, bind=False)]
    return argv + [*map(str, args)]


def run_process(argv: list[str], input=None) -> CliResult:
    """`towndesk ARGV` as a real process (the console script), as a clerk runs it."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run(towndesk_command() + argv, capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=REPO, input=input, timeout=300)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def run_in_process(argv: list[str], input=None) -> CliResult:
    """`desktop.cli.main.main(argv)` in this process, with stdin/stdout/stderr captured and the exit code.

    Why: a real process costs ~1.5 s of imports and migration checks; 160 tests did that. Behaviour is the
    same function; the ~10 smoke tests that use `cli_process` keep the console script itself covered.
    """
    import contextlib
    import io
    import logging

    from desktop.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    root = logging.getLogger("towndesk")
    saved_handlers, saved_level = list(root.handlers), root.level
    for h in saved_handlers:  # each run logs to its own data folder, as a new process would
        if getattr(h, "_towndesk", False):
            root.removeHandler(h)
    saved_stdin, saved_cwd = sys.stdin, os.getcwd()
    sys.stdin = io.StringIO(input or "")
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as e:  # argparse: usage errors, --help, --version
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        for h in list(root.handlers):
            if getattr(h, "_towndesk", False) and h not in saved_handlers:
                root.removeHandler(h)
                h.close()
        for h in saved_handlers:
            if h not in root.handlers:
                root.addHandler(h)
        root.setLevel(saved_level)
    return CliResult(int(code or 0), out.getvalue(), err.getvalue())


def _cli_fixture(tmp_path, in_process: bool):
    data = tmp_path / "data"

    def run(*args, data_dir=data, check=None, input=None) -> CliResult:
        argv = _cli_argv(data_dir, args)
        real = not in_process or any(str(a) in REAL_PROCESS_COMMANDS for a in args[:1])
        res = run_process(argv, input) if real else run_in_process(argv, input)
        if check is True:
            assert res.code == 0, f"{args}: {res.err}"
        return res

    run.data = data
    return run


@pytest.fixture
def cli(tmp_path):
    """Run `towndesk --data-dir <tmp>/data ARGS…` (in this process: main(argv), output and exit code captured).

    TOWNDESK_TEST_CLI=process runs them all as real processes again (to compare, or to chase a difference).
    """
    return _cli_fixture(tmp_path, in_process=os.environ.get("TOWNDESK_TEST_CLI") != "process")


@pytest.fixture
def cli_process(tmp_path):
    """The same as `cli`, but as a real `towndesk` process (smoke tests of the console script itself)."""
    return _cli_fixture(tmp_path, in_process=False)


@pytest.fixture(scope="session")
def township_template(tmp_path_factory):
    """An initialised, migrated, empty township folder, made once per test run (per worker); tests copy it."""
    from desktop.core.app import init_data_folder

    root = tmp_path_factory.mktemp("township") / "t"
    init_data_folder(root, role="township", region_code=TOWNSHIP[0], name=TOWNSHIP[1]).dispose()
    return root


@pytest.fixture
def township_app(tmp_path, request):
    """An initialised, empty township data folder opened in-process (a copy of one made once; init on PostgreSQL)."""
    from desktop.core.app import init_data_folder, open_app

    if PG is None:
        dest = tmp_path / "t"
        shutil.copytree(request.getfixturevalue("township_template"), dest)
        app = open_app(dest)
    else:  # the database lives on the server, not in the folder: make it afresh
        app = init_data_folder(tmp_path / "t", role="township", region_code=TOWNSHIP[0], name=TOWNSHIP[1])
    app.user_name = "测试员"
    yield app
    app.dispose()


@pytest.fixture(scope="session")
def county_empty_template(tmp_path_factory):
    """An initialised, migrated, empty county folder, made once per run (per worker); tests copy it."""
    from desktop.core.app import init_data_folder

    root = tmp_path_factory.mktemp("county") / "c"
    init_data_folder(root, role="county", region_code=COUNTY[0], name=COUNTY[1]).dispose()
    return root


def copied_app(request, template_fixture: str, dest: Path, role: str, region: tuple[str, str]):
    """A private copy of a session-made folder, opened; on PostgreSQL (database not in the folder) a fresh init."""
    from desktop.core.app import init_data_folder, open_app

    if PG is not None:
        return init_data_folder(dest, role=role, region_code=region[0], name=region[1])
    shutil.copytree(request.getfixturevalue(template_fixture), dest)
    return open_app(dest)


def _demo_folder(tmp_path_factory, name: str, role: str, region: tuple[str, str]):
    """A folder as `towndesk init` + `towndesk demo` leave it (seed 2020), for the templates below."""
    from desktop.core.app import init_data_folder
    from desktop.setup.demo import fill_demo

    root = tmp_path_factory.mktemp(name) / "data"
    app = init_data_folder(root, role=role, region_code=region[0], name=region[1])
    fill_demo(app, seed=2020)
    app.dispose()
    return root


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A township folder with the demo, made once; tests copy it."""
    return _demo_folder(tmp_path_factory, "demo", "township", TOWNSHIP)


def put_demo(cli, request, role: str = "township") -> None:
    """The demo in `cli.data`, as `towndesk init …` + `towndesk demo` leave it: a copy of the folder made once
    per worker (`demo_template` / `county_demo_template`: the same init_data_folder and fill_demo, same seed).

    Why: the demo costs 3–5 s of CPU (a county's more); ten CLI tests built it only to have data to work on
    (the demo command itself keeps its own process smoke test in tests/core/test_cli.py). On PostgreSQL,
    whose database is not in the folder, the two commands run as before.
    """
    region = TOWNSHIP if role == "township" else COUNTY
    if PG is not None:
        cli("init", "--role", role, "--region-code", region[0], "--name", region[1], check=True)
        cli("demo", check=True)
        return
    template = "demo_template" if role == "township" else "county_demo_template"
    shutil.copytree(request.getfixturevalue(template), cli.data)


@pytest.fixture(scope="session")
def county_demo_template(tmp_path_factory):
    """A county folder with the demo (every township's projects), made once per worker; tests copy it."""
    return _demo_folder(tmp_path_factory, "county-demo", "county", COUNTY)


@pytest.fixture
def demo_app(tmp_path, demo_template):
    """A private copy of the demo township folder."""
    from desktop.core.app import open_app

    dest = tmp_path / "demo"
    shutil.copytree(demo_template, dest)
    app = open_app(dest)
    app.user_name = "测试员"
    yield app
    app.dispose()


def db_dump(path: Path) -> str:
    """A logical dump of a SQLite file (or, on PostgreSQL, of its folder's database), to prove nothing changed."""
    import sqlite3

    if PG is not None:
        return pgtest.dump_database(PG.url_for(Path(path).parent, bind=False))

    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


@pytest.fixture(autouse=True)
def _terms_in_force_reset():
    """Each test starts with the shipped default wording for labels built outside a session."""
    yield
    from desktop.terms.words import set_in_force

    set_in_force(None)


@pytest.fixture(scope="session")
def million_row_sheets(tmp_path_factory):
    """Two million-row ledgers (with and without <dimension>), written once per run (per worker) and only read.

    Why: tests/ledger_import/test_limits.py and tests/reliability/test_office_input.py each wrote both
    (2–3 s apiece); the files are deterministic and no test changes them.
    """
    from tests.ledger_import.bigfile import million_row_ledger

    d = tmp_path_factory.mktemp("million")
    million_row_ledger(d / "with-dimension.xlsx", dimension=True)
    million_row_ledger(d / "no-dimension.xlsx", dimension=False)
    return d
