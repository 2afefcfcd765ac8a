"""`towndesk round sheet|apply|status` as a real process: files, JSON counts and exit codes."""
from __future__ import annotations

from openpyxl import load_workbook

from desktop.round.sheet import HEADER_ROW
from tests.conftest import TOWNSHIP, put_demo


def _init(cli, role="township", region=TOWNSHIP):
    cli("init", "--role", role, "--region-code", region[0], "--name", region[1], check=True)


def test_sheet_then_apply_counts_applied_and_twice_pays_nothing(cli, tmp_path, request):
    """The demo's round sheet filled in openpyxl applies with an `applied` count; the same file again applies 0."""
    put_demo(cli, request)
    out = tmp_path / "填报.xlsx"
    assert "个项目" in cli("round", "sheet", "--date", "2020-06-29", "--out", out, check=True).out
    wb = load_workbook(out)
    ws = wb["半月填报"]
    code = ws.cell(HEADER_ROW + 1, 1).value
    ws.cell(HEADER_ROW + 1, 9).value, ws.cell(HEADER_ROW + 1, 10).value = 15, "1万元"
    wb.save(out)
    dry = cli("round", "apply", out, "--dry-run", "--json", check=True).json()
    assert dry["applied"] == 1 and dry["dry_run"]
    first = cli("round", "apply", out, "--json", check=True).json()
    assert first["applied"] == 1 and next(r for r in first["rows"] if r["code"] == code)["paid_diff"] == 1_000_000
    second = cli("round", "apply", out, "--json", check=True).json()
    assert second["applied"] == 0 and second["refused"] == 0
    undone = cli("round", "undo", "--json", check=True).json()  # the first apply: the second wrote nothing
    assert undone["date"] == "2020-06-29" and undone["removed"] >= 1
    r = cli("round", "undo")
    assert r.code == 2 and "没有可以撤销" in r.err


def test_refused_rows_exit_non_zero_and_wrong_dates_are_refused(cli, tmp_path, request):
    """A refused row makes the exit code 3 with the reason; a date that is no report date exits 2."""
    put_demo(cli, request)
    out = tmp_path / "r.xlsx"
    cli("round", "sheet", "--date", "2020-06-29", "--out", out, check=True)
    wb = load_workbook(out)
    wb["半月填报"].cell(HEADER_ROW + 1, 9).value = 150
    wb.save(out)
    r = cli("round", "apply", out)
    assert r.code == 3 and "应在 0 到 100 之间" in r.out and "被拒绝" in r.err
    r = cli("round", "sheet", "--date", "2020-06-20", "--out", tmp_path / "x.xlsx")
    assert r.code == 2 and "不是报送日" in r.err and not (tmp_path / "x.xlsx").exists()
    r = cli("round", "apply", out, "--date", "2020-06-14")
    assert r.code == 2 and "不是 2020年6月14日 的" in r.err


def test_county_status_lists_townships_and_their_round(cli, tmp_path, request):
    """At the county, `round status` says per township whether its round for the date has arrived."""
    put_demo(cli, request, "county")
    info = cli("round", "status", "--date", "2020-06-29", "--json", check=True).json()
    assert info["date"] == "2020-06-29" and info["townships"]
    assert info["arrived"] >= 1 and all({"township", "active", "reported", "arrived"} <= set(t) for t in info["townships"])
