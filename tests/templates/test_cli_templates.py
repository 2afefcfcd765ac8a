"""The `towndesk template` commands, run as a real process on a copy of the demo folder."""
from __future__ import annotations

import shutil

from tests.templates.factory import docx_text, household_table, make_docx


def test_template_commands_end_to_end(cli, tmp_path, demo_template):
    """list, fields, check, add, preview, render, generated and link work together from the command line."""
    data = tmp_path / "demo"
    shutil.copytree(demo_template, data)

    def run(*args):
        return cli(*args, data_dir=data, check=True)

    rows = run("template", "list", "--json").json()
    assert len(rows) == 7 and rows[0]["name"] == "利益联结机制协议" and rows[0]["source"] == "builtin"
    fields = run("template", "fields", "--json").json()
    assert {"项目名称", "计划投资大写", "受益户", "今日中文"} <= {f["name"] for f in fields}
    assert "{%tr for h in 受益户 %}" in run("template", "fields").out

    mine = make_docx(tmp_path / "mine.docx", ["{{ 项目名称 }}：{{ 计划投资大写 }}"],
                     [["序号", "户主姓名"], ["{%tr for h in 建档立卡户 %}", ""], ["{{ h.序号 }}", "{{ h.户主姓名 }}"],
                      ["{%tr endfor %}", ""]])
    assert "检查通过" in run("template", "check", mine).out
    assert "第 1 版" in run("template", "add", mine, "--name", "签字名单", "--kind", "other").out

    prev = run("template", "preview", "签字名单", "--project", "2020-102-001", "--json").json()
    assert prev["problems"] == [] and {f["name"] for f in prev["fields"]} == {"项目名称", "计划投资大写", "建档立卡户"}

    out = tmp_path / "名单.docx"
    res = run("template", "render", "签字名单", "--project", "2020-102-001", "--out", out, "--date", "2020-04-01",
              "--json").json()
    text, tables = docx_text(out)
    assert "小中甸镇联合村乡村旅游建设项目：壹仟陆佰玖拾万元整" in text
    assert len(household_table(tables).rows) == 27

    listed = run("template", "generated", "--project", "2020-102-001", "--json").json()
    assert [g["id"] for g in listed] == [res["id"]] and listed[0]["version"] == 1
    assert "benefit_agreement" in run("template", "link", res["id"], "--item", "benefit_agreement").out
    # No accounts on this PC: the signing copy with full ID numbers is made, not refused for a password.
    signing = tmp_path / "签字名单-完整.docx"
    full = cli("template", "render", "签字名单", "--project", "2020-102-001", "--out", signing, "--full-id-numbers",
               data_dir=data)
    asked = full.err.replace("未经密码确认", "")  # the no-accounts attribution note is not a password request
    assert full.code == 0 and "密码" not in asked and signing.is_file() and "已生成" in full.out