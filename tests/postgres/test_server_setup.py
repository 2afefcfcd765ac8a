"""Pointing data folders at a PostgreSQL server: init --db-url, database connect/show, clear refusals."""
import json
import os
import subprocess

import pytest

from tests.conftest import COUNTY, towndesk_command


def _run(data, *args):
    """The real console script without the cli fixture's own --db-url (these tests choose it)."""
    proc = subprocess.run(towndesk_command() + ["--data-dir", str(data), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=dict(os.environ, PYTHONIOENCODING="utf-8"), timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("url,words", [
    ("mysql://u:p@host/db", "无法识别"),
    ("postgresql://td:secret@127.0.0.1:5432", "没有写数据库名"),
    ("", "数据库地址为空"),
])
def test_bad_database_address_is_refused_in_chinese(tmp_path, url, words):
    """An address that is not PostgreSQL, or has no database name, is refused with one line; no password shown."""
    code, _out, err = _run(tmp_path / "d", "--db-url", url, "projects", "list") if url else \
        _run(tmp_path / "d", "database", "connect", " ")
    assert code == 2 and words in err and "Traceback" not in err
    assert "secret" not in err and len(err.strip().splitlines()) == 1


def test_unreachable_server_says_what_to_check_without_the_password(tmp_path):
    """A server that does not answer gives exit 2, the address with the password hidden, and what to check."""
    code, _out, err = _run(tmp_path / "d", "--db-url", "postgresql://td:secret@127.0.0.1:1/td", "projects", "list")
    assert code == 2 and "无法连接数据库" in err and "127.0.0.1:1/td" in err
    assert "secret" not in err and "***" in err and "Traceback" not in err


def test_init_binds_the_folder_and_a_second_clerk_connects(pg_server, tmp_path):
    """init --db-url remembers the server; another folder connects to it and sees the same projects."""
    url = pg_server.fresh_url()
    first, second = tmp_path / "clerk1", tmp_path / "clerk2"
    code, out, err = _run(first, "--db-url", url, "init", "--role", "county", "--region-code", COUNTY[0],
                          "--name", COUNTY[1])
    assert code == 0, err
    assert (first / "database-url.txt").exists() and not (first / "towndesk.db").exists()
    code, out, err = _run(first, "database", "show", "--json")
    assert code == 0, err
    info = json.loads(out)
    assert info["engine"] == "postgresql" and info["node"] == COUNTY[1] and info["revision"] == info["head"]
    assert ":td@" not in info["url"] and "***" in info["url"]
    p = tmp_path / "p.json"
    p.write_text(json.dumps({"name": "尼西乡汤堆村乡村旅游基础设施建设项目", "year": 2020, "level": "市级",
                             "township_code": "533401204000"}, ensure_ascii=False), encoding="utf-8")
    assert _run(first, "projects", "add", "--json", p)[0] == 0
    code, out, err = _run(second, "database", "connect", url)
    assert code == 0 and "已连接" in out, err
    assert "keys" in out  # tells the second clerk where the signing key is
    code, out, err = _run(second, "projects", "list", "--json")
    assert code == 0 and "汤堆村" in out


def test_init_on_an_initialised_server_and_connect_to_an_empty_one_are_refused(pg_server, tmp_path):
    """A second init on the shared database points to `database connect`; connecting to an empty one points to init."""
    url = pg_server.fresh_url()
    code, out, err = _run(tmp_path / "a", "database", "connect", url)
    assert code == 2 and "尚未初始化" in err and "init" in err
    assert not (tmp_path / "a" / "database-url.txt").exists()
    assert _run(tmp_path / "a", "--db-url", url, "init", "--role", "county", "--region-code", COUNTY[0],
                "--name", COUNTY[1])[0] == 0
    code, out, err = _run(tmp_path / "b", "--db-url", url, "init", "--role", "county", "--region-code", COUNTY[0],
                          "--name", COUNTY[1])  # the right name: the refusal is for the second init itself
    assert code == 2 and "已经初始化" in err and "database connect" in err


def test_database_show_names_the_engine_in_use(cli):
    """`database show` says which database the folder uses: the SQLite file, or the server on a PostgreSQL run."""
    from tests import pgtest

    cli("init", "--role", "township", "--region-code", "533401102000", "--name", "小中甸镇", check=True)
    info = cli("database", "show", "--json", check=True).json()
    assert info["node"] == "小中甸镇" and info["revision"] == info["head"]
    if pgtest.ENABLED:
        assert info["engine"] == "postgresql" and info["file"] is None
    else:
        assert info["engine"] == "sqlite" and info["file"].endswith("towndesk.db") and info["bound_in"] is None
    assert "数据库：" in cli("database", "show", check=True).out
