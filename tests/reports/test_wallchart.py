"""挂图作战 wall chart: A3 and A4-tiled PDFs, rendered to PNG and read back."""
from __future__ import annotations

import subprocess
from datetime import date

import pytest

from desktop.core.errors import UserError
from desktop.reports.wallchart import build_chart, write_wallchart


def _pdfinfo(path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def _flat_text(path) -> str:
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())


def test_a3_chart_shows_every_project_and_renders(county_app, tmp_path):
    """An A3 landscape page lists each 2020 project with its person and risk; the PNG has the red overdue marks."""
    out = tmp_path / "chart.pdf"
    info = write_wallchart(county_app, out, year=2020, as_of=date(2020, 7, 15))
    meta = _pdfinfo(out)
    assert "1190.55 x 841.89" in meta["Page size"] and int(meta["Pages"]) == info["pages"] == 1
    text = _flat_text(out)
    chart = build_chart(county_app, year=2020, as_of=date(2020, 7, 15))
    for group in chart.groups:
        for row in group.rows:
            assert row.name[:10] in text and row.person in text
    assert "2020年度香格里拉市帮扶项目作战图" in text and "7月15日" in text and "逾期未完成节点" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts or "Sim" in fonts or "YaHei" in fonts
    png = tmp_path / "chart"
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(out), str(png)], check=True)
    from PySide6.QtGui import QImage

    img = QImage(str(png) + ".png")
    reds = sum(1 for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)
               if (c := img.pixelColor(x, y)).red() > 180 and c.green() < 110 and c.blue() < 110)
    assert img.width() > 600 and reds > 20


def test_milestones_planned_actual_and_overdue(township_app_with_schedule):
    """Met, overdue and future milestones; money and actuals after the day of the chart are left out."""
    app, code = township_app_with_schedule
    chart = build_chart(app, year=2020, as_of=date(2020, 7, 15))
    row = chart.groups[0].rows[0]
    assert [m[2] for m in row.milestones] == [date(2020, 4, 28), None, None, None]
    assert chart.totals["overdue"] == 1  # 6/30 not reached by 7/15
    assert chart.totals["disbursed"] == 60_000_000 and row.works_target == 50 and row.money_target == 50
    early = build_chart(app, year=2020, as_of=date(2020, 6, 1))
    assert early.totals["disbursed"] == 30_000_000 and early.totals["overdue"] == 0
    assert early.groups[0].rows[0].money_target == 0


def test_a4_tiled_gives_two_portrait_sheets_per_page(county_app, tmp_path):
    """A4-tiled prints each A3 page as a left and a right A4 sheet with a glue strip."""
    out = tmp_path / "tiles.pdf"
    info = write_wallchart(county_app, out, year=2020, as_of=date(2020, 7, 15), paper="A4-tiled")
    meta = _pdfinfo(out)
    assert "595.276 x 841.89" in meta["Page size"] and int(meta["Pages"]) == 2 * info["pages"]
    text = _flat_text(out)
    assert "左半" in text and "右半" in text and "沿虚线" in text


def test_long_list_runs_over_pages_with_headers(county_app, tmp_path):
    """All years' worth of rows do not fit one sheet: every page repeats the header and says which page it is."""
    from desktop.projects.projects import create_project

    for i in range(45):
        create_project(county_app, {"name": f"测试项目{i:02d}", "year": 2020, "level": "县级",
                                    "township_name": "小中甸镇", "planned_investment_yuan": "10000"})
    out = tmp_path / "long.pdf"
    info = write_wallchart(county_app, out, year=2020, as_of=date(2020, 7, 15))
    assert info["pages"] == 3 and info["projects"] == 67
    pages = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    for n in range(1, 4):
        flat = "".join(pages[n - 1].split())
        assert f"第{n}/3页" in flat and "项目名称" in flat and "工程进度" in flat
    assert "小中甸镇（续）" in "".join(pages[1].split()) + "".join(pages[2].split())


def test_bad_requests_are_refused(county_app, tmp_path):
    """A year without projects, a non-PDF name and an unknown paper each get a Chinese message and no file."""
    with pytest.raises(UserError, match="没有 1999 年的项目"):
        write_wallchart(county_app, tmp_path / "a.pdf", year=1999)
    with pytest.raises(UserError, match="写成 .pdf"):
        write_wallchart(county_app, tmp_path / "a.png", year=2020)
    with pytest.raises(UserError, match="A3 或 A4-tiled"):
        write_wallchart(county_app, tmp_path / "a.pdf", year=2020, paper="A2")
    assert not list(tmp_path.glob("a.*"))


def test_township_and_cli(cli, tmp_path, request):
    """`towndesk wallchart` on a township folder groups by level and writes the PDF."""
    from tests.conftest import put_demo

    put_demo(cli, request)
    r = cli("wallchart", "--out", tmp_path / "w.pdf", "--year", "2020", "--date", "2020-07-15", "--json")
    assert r.code == 0, r.err
    assert r.json()["title"] == "2020年度小中甸镇帮扶项目作战图（挂图作战）"
    text = _flat_text(tmp_path / "w.pdf")
    assert "市级项目" in text and "村企结对项目" in text
    r = cli("wallchart", "--out", tmp_path / "w.pdf", "--paper", "A5")
    assert r.code == 2
