"""`towndesk projects import-xlsx` as the real console script."""
from __future__ import annotations

from tests.conftest import COUNTY, db_dump
from tests.ledger_import.ledgers import messy_ledger


def _init(cli):
    cli("init", "--role", "county", "--region-code", COUNTY[0], "--name", COUNTY[1], check=True)


def test_dry_run_json_summary_lists_every_row(cli, tmp_path):
    """--dry-run --json gives imported/skipped/refused counts and one entry per row; nothing is written."""
    _init(cli)
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    before = db_dump(cli.data / "towndesk.db")
    r = cli("projects", "import-xlsx", f, "--dry-run", "--json")
    assert r.code == 3, r.err  # some rows refused
    s = r.json()
    assert (s["imported"], s["skipped"], s["refused"]) == (5, 13, 2) and len(s["rows"]) == 20
    assert [x["row"] for x in s["rows"]] == list(range(1, 21))
    assert db_dump(cli.data / "towndesk.db") == before


def test_import_prints_refusals_and_second_run_finds_existing(cli, tmp_path):
    """A real import prints the refused rows in Chinese; running it again adds nothing."""
    _init(cli)
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    r = cli("projects", "import-xlsx", f)
    assert r.code == 3 and "新增 5 个项目" in r.out and "'待定' 不是金额" in r.out and "被拒绝" in r.err
    assert len(cli("projects", "list", "--json", check=True).json()) == 5
    again = cli("projects", "import-xlsx", f, "--json").json()
    assert (again["imported"], again["existing"]) == (0, 5)
    assert len(cli("projects", "list", "--json", check=True).json()) == 5


def test_options_reach_the_importer(cli, tmp_path):
    """--map, --level-for, --strict and a bad --as-of are honoured or refused with exit 2."""
    _init(cli)
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    r = cli("projects", "import-xlsx", f, "--strict")
    assert r.code == 2 and "--strict" in r.err and "未写入任何数据" in r.err
    r = cli("projects", "import-xlsx", f, "--as-of", "下周", "--dry-run")
    assert r.code == 2 and "不是有效日期" in r.err
    r = cli("projects", "import-xlsx", f, "--map", "乱写", "--dry-run")
    assert r.code == 2 and "列对应“乱写”格式不对" in r.err and "命令行：--map" in r.err
    r = cli("projects", "import-xlsx", f, "--dry-run", "--json", "--level-for", "二、区级项目=县级",
            "--map", "J=计划投资")
    s = r.json()
    assert next(x for x in s["sections"] if x["row"] == 12)["level"] == "县级"
    assert next(c for c in s["columns"] if c["letter"] == "J")["target"] == "planned_investment_fen"
