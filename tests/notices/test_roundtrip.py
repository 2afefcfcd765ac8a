"""A notice issued at the county reaches the township by package; the answer and its evidence come back."""
from datetime import date, timedelta

from sqlalchemy import select

from db.models import Attachment
from desktop.core.attachments_store import AttachmentStore
from desktop.county.dashboard import county_dashboard
from desktop.notices import service as notices
from desktop.projects import projects
from desktop.sync import service as sync
from tests.conftest import TOWNSHIP
from tests.sync.conftest import network, network_template  # noqa: F401  (fixtures)
from tests.sync.test_cli import setup_pair


def test_notice_and_reply_travel_by_package(network, tmp_path):
    """County issues → township imports and answers with a photo → county imports, sees it answered, closes it."""
    county, towns = network
    town = towns[0]
    today = date.today()
    p = projects.create_project(town, {"name": "安南村牦牛养殖产业项目", "year": today.year, "level": "市级",
                                       "category": "产业", "planned_investment_wan": "620"})
    sync.import_package(county, _export(town, tmp_path, "t1"))
    n = notices.issue(county, township=TOWNSHIP[1], deadline=today + timedelta(days=7),
                      title="关于加快红色风险项目整改的督办单", content="请报送整改情况及佐证材料。", project_codes=[p["code"]])
    assert n["status"] == "open"

    res = sync.import_package(town, _export(county, tmp_path, "c1", peer=TOWNSHIP[0]))
    assert res["status"] == "applied"
    [seen] = notices.list_notices(town)
    assert (seen["label"], seen["title"], seen["status"]) == (n["label"], n["title"], "open")
    assert seen["projects"] == [{"id": p["id"], "code": p["code"], "name": p["name"]}]

    photo = tmp_path / "复工照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 50)
    notices.reply(town, str(n["number"]), "已复工，附现场照片。", attach=[photo])
    sync.import_package(county, _export(town, tmp_path, "t2"))
    [back] = notices.list_notices(county)
    assert back["status"] == "answered" and back["replies"][0]["content"] == "已复工，附现场照片。"
    att = back["replies"][0]["attachments"][0]
    assert att["filename"] == "复工照片.jpg"
    with county.read() as s:
        sha = s.scalar(select(Attachment.sha256).where(Attachment.id == att["id"]))
    assert AttachmentStore(county.layout).path_for(sha).read_bytes() == photo.read_bytes()

    row = next(r for r in county_dashboard(county)["townships"] if r["township_code"] == TOWNSHIP[0])
    assert row["package_age_days"] == 0 and row["silent"] is False and row["notices"]["answered"] == 1

    notices.close(county, str(n["number"]))
    sync.import_package(town, _export(county, tmp_path, "c2", peer=TOWNSHIP[0]))
    assert notices.list_notices(town)[0]["status"] == "closed"


def _export(app, tmp_path, name, peer=None):
    path = tmp_path / f"{name}.tdpkg"
    sync.export_package(app, path, peer=peer)
    return path


def test_notice_round_trip_through_the_command_line(cli, tmp_path):
    """The same exchange with the real console script: notices issue/list/reply/close and export/import."""
    town, county = setup_pair(cli, tmp_path)
    deadline = (date.today() + timedelta(days=10)).isoformat()
    out = cli("notices", "issue", "--township", TOWNSHIP[1], "--deadline", deadline, "--title", "资料补齐督办单",
              data_dir=county, check=True).out
    assert "已下发督办单" in out and "第1号" in out
    cli("export", "--to", tmp_path / "c1.tdpkg", "--peer", TOWNSHIP[0], data_dir=county, check=True)
    cli("import", tmp_path / "c1.tdpkg", data_dir=town, check=True)
    listed = cli("notices", "list", "--json", data_dir=town, check=True).json()
    assert [(r["number"], r["status"]) for r in listed] == [(1, "open")]
    evidence = tmp_path / "整改报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 report")
    r = cli("notices", "reply", "1", "--text", "已补齐实施方案批复", "--attach", evidence, data_dir=town, check=True)
    assert "已答复" in r.out
    bad = cli("notices", "reply", "9", "--text", "x", data_dir=town)
    assert bad.code == 2 and "找不到" in bad.err and len(bad.err.strip().splitlines()) == 1
    cli("export", "--to", tmp_path / "t1.tdpkg", data_dir=town, check=True)
    cli("import", tmp_path / "t1.tdpkg", data_dir=county, check=True)
    shown = cli("notices", "show", "1", "--json", data_dir=county, check=True).json()
    assert shown["status"] == "answered" and shown["replies"][0]["attachments"][0]["filename"] == "整改报告.pdf"
    assert "已办结" in cli("notices", "close", "1", data_dir=county, check=True).out
    assert "已办结" in cli("notices", "list", data_dir=county, check=True).out
