"""The template checker names every broken or unknown placeholder, with the known fields nearest to it."""
from __future__ import annotations

import pytest

from desktop.templates.library import check_file
from tests.templates.factory import make_docx, split_runs


def _check(tmp_path, paragraphs=(), table=None):
    return check_file(make_docx(tmp_path / "t.docx", list(paragraphs), table))


def test_good_template_lists_its_fields(tmp_path):
    """A template using known fields and a household loop passes and reports the fields in catalogue order."""
    res = _check(tmp_path, ["{{ 项目名称 }} 计划投资 {{ 计划投资大写 }}", "{{ 今日中文 }}"],
                 [["户主", "人口"], ["{%tr for h in 受益户 %}", ""], ["{{ h.户主姓名 }}", "{{ h.家庭人口 }}"],
                  ["{%tr endfor %}", ""]])
    assert res.ok, res.errors
    assert res.fields == ["项目名称", "计划投资大写", "受益户", "今日中文"]


def test_unknown_field_is_named_with_nearest_known(tmp_path):
    """An unknown name is reported by name, with near known fields suggested."""
    res = _check(tmp_path, ["{{ 项目名 }} {{ 计划投资金额 }}"])
    assert not res.ok
    assert any("未知字段“项目名”" in e and "项目名称" in e for e in res.errors)
    assert any("未知字段“计划投资金额”" in e and "计划投资" in e for e in res.errors)


def test_unknown_column_in_loop(tmp_path):
    """A loop over 受益户 may only use its columns; a wrong column is named with the nearest one."""
    res = _check(tmp_path, table=[["{%tr for h in 受益户 %}"], ["{{ h.户主 }}"], ["{%tr endfor %}"]])
    assert any("没有列“户主”" in e and "户主姓名" in e for e in res.errors)


@pytest.mark.parametrize("text,words", [
    ("｛｛ 项目名称 ｝｝", ["全角花括号"]),
    ("{{ 项目名称（简称） }}", ["全角符号", "“（”"]),
    ("{{ 项目名称　}}", ["全角空格"]),
    ("{{ 1号 }}", ["以数字开头"]),
    ("{{ 项目名称 }", ["没有闭合"]),
    ("项目 {{ 项目名称", ["没有闭合"]),
    ("{{ }}", ["空的占位符"]),
    ("{%tr for h in 受益户 %}", ["只能写在表格的一行里"]),
    ("{{ 项目名称.upper() }}", ["不能调用函数"]),
    ("{{ 项目名称.长度 }}", ["没有下一级"]),
    ("{{ self }}", ["“self”不是字段"]),
    ("{% if 项目名称 %}没有结束", ["写法有误"]),
])
def test_malformed_placeholders_are_reported(tmp_path, text, words):
    """Each kind of broken placeholder TOOLCHAIN.md lists gets its own Chinese explanation."""
    res = _check(tmp_path, [text])
    assert not res.ok
    joined = "；".join(res.errors)
    for w in words:
        assert w in joined, joined


def test_curly_quotes_and_single_braces_are_warnings(tmp_path):
    """Word's curly quotes work (docxtpl straightens them) but are flagged; {项目名称} is flagged as not filled."""
    res = _check(tmp_path, ["{{ 受益户[0][‘户主姓名’] }}", "{项目名称}"])
    assert res.ok, res.errors
    assert any("弯引号" in w for w in res.warnings)
    assert any("单层花括号" in w for w in res.warnings)


def test_placeholder_split_across_runs_is_fine(tmp_path):
    """Word often splits a placeholder over several runs; docxtpl joins them, so the checker accepts it."""
    res = check_file(split_runs(tmp_path / "s.docx", ["{{ 项目", "名称 }", "} 与 {{ 实施村 }}"]))
    assert res.ok, res.errors
    assert res.fields == ["项目名称", "实施村"]


def test_nested_loops_are_limited(tmp_path):
    """Three loops deep is refused, so a template cannot make the renderer loop for ever."""
    res = _check(tmp_path, ["{% for a in 受益户 %}{% for b in 受益户 %}{% for c in 受益户 %}x"
                            "{% endfor %}{% endfor %}{% endfor %}"])
    assert any("循环嵌套" in e for e in res.errors)


def test_no_placeholders_is_a_warning(tmp_path):
    """A plain document is accepted but the clerk is told nothing will be filled."""
    res = _check(tmp_path, ["这是一份没有占位符的文件。"])
    assert res.ok and res.fields == [] and any("没有任何占位符" in w for w in res.warnings)
