"""The checklist and attach commands, run as the real console script on a copy of the demo folder."""
from __future__ import annotations

import shutil

import pytest

from tests.checklists import pdftools
from tests.conftest import db_dump

SEED = "2020-102-001"  # 小中甸镇联合村乡村旅游建设项目 in the demo


@pytest.fixture
def demo_cli(cli, demo_template):
    shutil.copytree(demo_template, cli.data)
    return cli


def test_show_set_attach_and_print(demo_cli, tmp_path):
    """show --json, set, attach (twice: stored once), then print one project and a filtered batch."""
    cli = demo_cli
    view = cli("checklist", "show", SEED, "--json", check=True).json()
    env = next(i for i in view["items"] if i["key"] == "env_assessment")
    assert env["name"] == "环境影响评价批复" and env["state"] == "missing"  # the seeds' missing approval
    r = cli("checklist", "set", SEED, "env_assessment", "--state", "已收集", "--location", "2020-档案盒03",
            "--pages", "14", check=True)
    assert "已登记" in r.out and "环境影响评价批复：已收集" in r.out
    scan = tmp_path / "环评批复.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned approval " * 50)
    r = cli("attach", SEED, "env_assessment", scan, check=True)
    assert "已添加附件 环评批复.pdf" in r.out
    r = cli("attach", SEED, "env_assessment", scan, check=True)
    assert "已存在，未重复添加" in r.out
    env = next(i for i in cli("checklist", "show", SEED, "--json").json()["items"] if i["key"] == "env_assessment")
    assert (env["state"], env["location"], env["pages"], len(env["attachments"])) == ("collected", "2020-档案盒03", 14, 1)
    assert "环评批复" not in cli("checklist", "show", SEED).err
    one = tmp_path / "one.pdf"
    assert "1 个项目" in cli("checklist", "pdf", "--project", SEED, "--out", one, check=True).out
    assert "2020-档案盒03" in pdftools.text(one) and "附件1份" in pdftools.text(one).replace(" ", "")
    batch = tmp_path / "2020.pdf"
    r = cli("checklist", "pdf", "--all", "--year", "2020", "--township", "小中甸镇", "--out", batch, check=True)
    assert pdftools.pages(batch) > 10 and "联合村乡村旅游" in pdftools.text(batch).replace("\n", "")
    history = cli("projects", "history", SEED, "--json", check=True).json()
    assert any(h["table"] == "project_document" and h["field"] == "location" for h in history)
    assert any(h["table"] == "attachment" for h in history)
    assert cli("verify").code == 0


def test_missing_json_xlsx_pdf(demo_cli, tmp_path):
    """checklist missing prints JSON, and exports Excel and PDF with the same number of rows."""
    rows = demo_cli("checklist", "missing", "--json", "--year", "2020", check=True).json()
    assert rows and all(r["year"] == 2020 for r in rows)
    x, p = tmp_path / "m.xlsx", tmp_path / "m.pdf"
    r = demo_cli("checklist", "missing", "--year", "2020", "--xlsx", x, "--pdf", p, check=True)
    assert f"{len(rows)} 项" in r.out and x.stat().st_size > 0 and pdftools.pages(p) >= 1
    assert "资料缺失清单" in pdftools.text(p)


@pytest.mark.parametrize("args,message", [
    (("attach", SEED, "impl_plan", "/nonexistent/扫描.pdf"), "文件 /nonexistent/扫描.pdf 不存在"),
    (("attach", SEED, "impl_plan", "EMPTY"), "是空文件（0 字节）"),
    (("attach", SEED, "no_such_item", "GOOD"), "没有资料项 'no_such_item'"),
    (("checklist", "set", SEED, "no_such_item", "--state", "已收集"), "没有资料项 'no_such_item'"),
    (("checklist", "set", SEED, "impl_plan", "--state", "完成"), "状态 '完成' 不存在"),
    (("checklist", "set", SEED, "impl_plan", "--state", "不适用"), "须写明理由"),
    (("checklist", "pdf", "--project", "2099-000-001", "--out", "OUT"), "找不到项目编号 '2099-000-001'"),
    (("checklist", "missing", "--stage", "施工中"), "阶段 '施工中' 无法识别"),
])
def test_bad_input_exits_2_with_one_chinese_line_and_changes_nothing(demo_cli, tmp_path, args, message):
    """Nonexistent path, zero-byte file, unknown item key, unknown state: exit 2, a clear message, nothing written."""
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "good.pdf").write_bytes(b"good")
    subst = {"EMPTY": tmp_path / "empty.pdf", "GOOD": tmp_path / "good.pdf", "OUT": tmp_path / "x.pdf"}
    before = db_dump(demo_cli.data / "towndesk.db")
    store = sorted((demo_cli.data / "attachments").rglob("*"))
    r = demo_cli(*[subst.get(a, a) for a in args])
    assert r.code == 2 and message in r.err and "Traceback" not in r.err
    assert db_dump(demo_cli.data / "towndesk.db") == before
    assert sorted((demo_cli.data / "attachments").rglob("*")) == store and not (tmp_path / "x.pdf").exists()
