"""`towndesk report xlsx|pdf` as the real console script."""
from __future__ import annotations

from openpyxl import load_workbook

from tests.conftest import put_demo


def test_report_commands_write_files(cli, tmp_path, request):
    """report xlsx and report pdf write the file and say where; --json reports the count."""
    put_demo(cli, request)
    out = tmp_path / "进度.xlsx"
    r = cli("report", "xlsx", "--kind", "progress", "--out", out, "--year", "2020", "--json")
    assert r.code == 0, r.err
    assert r.json()["projects"] == len(cli("projects", "list", "--year", "2020", "--json").json())
    assert load_workbook(out).active["A2"].value.startswith("2020年小中甸镇")
    r = cli("report", "pdf", "--kind", "dispatch", "--out", tmp_path / "d.pdf", "--date", "2020-06-29")
    assert r.code == 0 and "半月调度表" in r.out and (tmp_path / "d.pdf").stat().st_size > 5000


def test_report_bad_input_exits_2_in_chinese(cli, tmp_path, request):
    """Wrong suffix, a date that is not a report day, an empty year and a folder as --out each exit 2."""
    put_demo(cli, request)
    cases = [
        (["report", "pdf", "--kind", "risk", "--out", tmp_path / "r.xlsx"], "应以 .pdf 结尾"),
        (["report", "xlsx", "--kind", "dispatch", "--out", tmp_path / "d.xlsx", "--date", "2020-06-20"], "不是报送日"),
        (["report", "xlsx", "--kind", "progress", "--out", tmp_path / "p.xlsx", "--year", "1999"], "没有可列入"),
        (["report", "xlsx", "--kind", "progress", "--out", tmp_path / "p.xlsx", "--date", "昨天"], "不是有效日期"),
    ]
    for args, words in cases:
        r = cli(*args)
        assert r.code == 2 and words in r.err and "Traceback" not in r.err, (args, r.err)
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.pdf"))
    r = cli("report", "xlsx", "--kind", "nonsense", "--out", tmp_path / "x.xlsx")
    assert r.code == 2 and "invalid choice" in r.err or "无效" in r.err
