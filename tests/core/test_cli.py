"""The command line on real data folders. Most tests call main(argv) in-process (the `cli` fixture); the
smoke tests marked below use `cli_process`, the real console script, so the installed entry point, exit codes
and stderr of a separate process stay covered."""
import json
import sqlite3

import pytest

from tests.conftest import TOWNSHIP, db_dump, put_demo


def _init(cli):
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)


def test_version(cli_process):
    """--version prints the program name and version."""
    r = cli_process("--version")
    assert r.code == 0 and "TownDesk" in r.out


def test_init_twice_fails_and_changes_nothing(cli_process):
    """A second init on the same folder is refused in Chinese and leaves the database as it was."""
    _init(cli_process)
    before = db_dump(cli_process.data / "towndesk.db")
    r = cli_process("init", "--role", "county", "--region-code", "533401000000", "--name", "香格里拉市")
    assert r.code != 0 and "已经初始化" in r.err and "Traceback" not in r.err
    assert db_dump(cli_process.data / "towndesk.db") == before


def test_commands_before_init_say_what_to_do(cli_process):
    """Using a folder that was never initialised tells the user to run init."""
    r = cli_process("projects", "list")
    assert r.code != 0 and "towndesk init" in r.err


def test_demo_then_list_json_shows_the_seeds_figures(cli_process, cli):
    """The demo holds the seeds' 联合村 project with its money and benefit figures.

    `demo` and the first `projects list --json` run as real processes (the console script's stdout, Chinese
    unescaped); init and the filtered list call main() in-process.
    """
    _init(cli)
    cli_process("demo", check=True)
    listed = cli_process("projects", "list", "--json", check=True)
    rows = listed.json()
    assert len([r for r in rows if 2019 <= r["year"] <= 2021]) >= 40
    assert {r["level"] for r in rows} >= {"市级", "区级", "携手奔小康", "村企结对"}
    assert {r["risk_level"] for r in rows} >= {"red", "yellow", "green"}
    lh = next(r for r in rows if r["name"] == "小中甸镇联合村乡村旅游建设项目")
    assert lh["level"] == "市级" and lh["year"] == 2020
    assert lh["planned_investment_yuan"] == "16900000.00"
    assert (lh["beneficiary_households"], lh["beneficiary_people"]) == (57, 306)
    assert (lh["poor_households"], lh["poor_people"]) == (26, 107)
    for key in ("id", "code", "funding_sources", "township", "village", "stage", "disbursed_yuan", "spent_yuan"):
        assert key in lh
    assert any(r["name"] == "小中甸镇安南村牦牛养殖产业项目" for r in rows)
    assert "联合村" in listed.out  # Chinese is not escaped
    filtered = cli("projects", "list", "--year", "2020", "--township", "小中甸镇", "--json", check=True).json()
    assert filtered and all(r["year"] == 2020 for r in filtered)


def test_add_show_edit_roundtrip(cli, tmp_path):
    """A project added from JSON can be shown and edited from the command line."""
    _init(cli)
    f = tmp_path / "p.json"
    f.write_text(json.dumps({"name": "团结村产业路", "year": 2021, "level": "区级",
                             "planned_investment_yuan": "500000"}, ensure_ascii=False), encoding="utf-8")
    r = cli("projects", "add", "--json", f, check=True)
    assert "2021-102-001" in r.out
    cli("projects", "edit", "2021-102-001", "--set", "stage=在建", "--set", "village=团结村", check=True)
    shown = cli("projects", "show", "2021-102-001", "--json", check=True).json()
    assert shown["stage"] == "construction" and shown["village"] == "团结村"


def test_bad_input_exits_nonzero_with_one_clear_message_and_writes_nothing(cli_process, cli, tmp_path):
    """Unknown project, malformed JSON, negative amount, bad date, missing field: all refused cleanly.

    The first case and the last check run as real processes (exit code and a separate process's whole
    stderr); the other cases call main() in-process (the same code and messages, 1.5 s less each).
    """
    _init(cli)
    before = db_dump(cli_process.data / "towndesk.db")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"name": "x", "year": 2020,', encoding="utf-8")
    negative = tmp_path / "neg.json"
    negative.write_text(json.dumps({"name": "负数", "year": 2020, "level": "市级", "planned_investment_yuan": "-1"}),
                        encoding="utf-8")
    missing = tmp_path / "missing.json"
    missing.write_text(json.dumps({"year": 2020, "level": "市级"}), encoding="utf-8")
    wrong_date = tmp_path / "date.json"
    wrong_date.write_text(json.dumps({"name": "日期", "year": 2020, "level": "市级", "start_date": "2020/30/4"}),
                          encoding="utf-8")
    cases = [
        (("projects", "show", "NO-SUCH"), "NO-SUCH"),
        (("projects", "add", "--json", bad_json), "不是有效的 JSON"),
        (("projects", "add", "--json", negative), "计划投资不能为负数"),
        (("projects", "add", "--json", missing), "项目名称"),
        (("projects", "add", "--json", wrong_date), "开工日期"),
        (("projects", "add", "--json", tmp_path / "nope.json"), "找不到文件"),
        (("projects", "edit", "NO-SUCH", "--set", "stage=在建"), "NO-SUCH"),
    ]
    for i, (args, words) in enumerate(cases):
        r = (cli_process if i == 0 else cli)(*args)
        assert r.code != 0, args
        assert words in r.err, (args, r.err)
        assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1
    assert str(bad_json) in cli_process("projects", "add", "--json", bad_json).err
    assert db_dump(cli_process.data / "towndesk.db") == before


@pytest.mark.sqlite_only(reason="damages the SQLite file itself")
def test_verify_ok_then_detects_damaged_database(cli, request):
    """verify passes on a sound folder and fails clearly after the file is damaged."""
    put_demo(cli, request)
    assert cli("verify").code == 0
    db = cli.data / "towndesk.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    raw = bytearray(db.read_bytes())
    for offset in range(page_size * 3, min(len(raw), page_size * 40), page_size):
        raw[offset + 8: offset + 40] = b"\xff" * 32  # smash b-tree page headers
    db.write_bytes(bytes(raw))
    r = cli("verify")
    assert r.code != 0
    assert "Traceback" not in r.err


@pytest.mark.sqlite_only(reason="edits the SQLite file with sqlite3; tests/postgres has the server variant")
def test_verify_detects_tampered_change_log(cli, request):
    """Editing one change-log row behind the program's back breaks the hash chain."""
    put_demo(cli, request)
    con = sqlite3.connect(cli.data / "towndesk.db")
    con.execute("DROP TRIGGER change_log_no_update")
    con.execute("UPDATE change_log SET new_value = '1' WHERE seq = 100")
    con.commit()
    con.close()
    r = cli("verify")
    assert r.code != 0 and "第 100 条" in r.err


@pytest.mark.sqlite_only(reason="overwrites the SQLite file with garbage")
def test_unexpected_error_goes_to_log_not_screen(cli_process, monkeypatch):
    """An internal error prints a Chinese pointer to the log; the traceback is in the log file."""
    _init(cli_process)
    (cli_process.data / "towndesk.db").write_bytes(b"this is not a database at all" * 100)
    r = cli_process("projects", "list")
    assert r.code != 0 and "Traceback" not in r.err
    assert "日志" in r.err
    assert "Traceback" in (cli_process.data / "logs" / "towndesk.log").read_text(encoding="utf-8")
