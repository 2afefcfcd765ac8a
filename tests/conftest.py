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


def pytest_collection_modifyitems(config, items):
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
    def __init__(self, proc: subprocess.CompletedProcess):
        self.code, self.out, self.err = proc.returncode, proc.stdout, proc.stderr

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path):
    """Run `towndesk --data-dir <tmp>/data ARGS…` as a real process."""
    data = tmp_path / "data"

    def run(*args, data_dir=data, check=None, input=None) -> CliResult:
        cmd = towndesk_command() + ["--data-dir", str(data_dir)]
        if PG is not None:
            cmd += ["--db-url", PG.url_for(data_dir, bind=False)]
        cmd += [*map(str, args)]
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO,
                              input=input, timeout=300)
        res = CliResult(proc)
        if check is True:
            assert res.code == 0, f"{args}: {res.err}"
        return res

    run.data = data
    return run


@pytest.fixture
def township_app(tmp_path):
    """An initialised, empty township data folder opened in-process."""
    from desktop.core.app import init_data_folder

    app = init_data_folder(tmp_path / "t", role="township", region_code=TOWNSHIP[0], name=TOWNSHIP[1])
    app.user_name = "测试员"
    yield app
    app.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A township folder with the demo, made once; tests copy it."""
    from desktop.core.app import init_data_folder
    from desktop.setup.demo import fill_demo

    root = tmp_path_factory.mktemp("demo") / "data"
    app = init_data_folder(root, role="township", region_code=TOWNSHIP[0], name=TOWNSHIP[1])
    fill_demo(app, seed=2020)
    app.dispose()
    return root


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
