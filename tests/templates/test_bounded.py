"""Bounded rendering: filter arguments capped (checker and sandbox), and a render in a child process
that is stopped by its memory, time or output limit with a Chinese message."""
from __future__ import annotations

import sys

import pytest

from desktop.core.errors import UserError
from desktop.templates.bounded import render_isolated
from desktop.templates.library import check_file
from desktop.templates.render import render_bytes
from tests.templates.factory import docx_text, make_docx

DATA = {"项目名称": "联合村乡村旅游", "受益户": [{"户主姓名": "卓玛", "家庭人口": 4}]}


@pytest.mark.parametrize("placeholder", ["{{ 项目名称|center(300000000) }}", "{{ 项目名称|center(3*10**8) }}",
                                         "{{ 项目名称|indent(5000) }}", "{{ '%999999999s'|format(项目名称) }}",
                                         "{{ 受益户|batch(10**9) }}"])
def test_checker_refuses_oversized_filter_arguments(tmp_path, placeholder):
    """The checker (by hand and by package) refuses filter widths above the cap or written as sums."""
    result = check_file(make_docx(tmp_path / "t.docx", [placeholder]))
    assert not result.ok, placeholder


@pytest.mark.parametrize("placeholder", ["{{ 项目名称|center(300000000) }}", "{{ '%999999999s'|format(项目名称) }}",
                                         "{{ 项目名称|wordwrap(100000) }}"])
def test_sandbox_caps_filter_arguments_when_rendering(tmp_path, placeholder):
    """Even a template that skipped the checker cannot pass a huge width to a filter."""
    with pytest.raises(UserError) as e:
        render_bytes(make_docx(tmp_path / "t.docx", [placeholder]).read_bytes(), DATA, "测试模板")
    assert "安全限制" in e.value.message


def test_small_filter_arguments_still_work(tmp_path):
    """Ordinary widths render as before."""
    out = render_bytes(make_docx(tmp_path / "t.docx", ["[{{ 项目名称|center(11) }}]"]).read_bytes(), DATA, "测试模板")
    assert "[  联合村乡村旅游  ]" in docx_text(out)[0]


def test_child_render_gives_the_same_document(tmp_path):
    """Rendering in the child process returns the same document as rendering here."""
    tpl = make_docx(tmp_path / "t.docx", ["{{ 项目名称 }}", "{% for h in 受益户 %}{{ h.户主姓名 }}{% endfor %}"]).read_bytes()
    assert docx_text(render_isolated(tpl, DATA, "测试模板"))[0] == docx_text(render_bytes(tpl, DATA, "测试模板"))[0]


def test_child_errors_come_back_as_messages(tmp_path):
    """A refusal inside the child (a template reaching beyond its data) reaches the caller as the same message."""
    tpl = make_docx(tmp_path / "t.docx", ["{{ 项目名称.__class__ }}"]).read_bytes()
    with pytest.raises(UserError) as e:
        render_isolated(tpl, DATA, "测试模板")
    assert "测试模板" in e.value.message


@pytest.mark.skipif(sys.platform == "win32", reason="no address-space limit on Windows")
def test_memory_or_time_limit_stops_a_heavy_render(tmp_path):
    """Two nested loops over 3,000 rows of long text: the child is stopped, the caller gets a Chinese message."""
    rows = [{"户主姓名": "卓" * 2000, "家庭人口": i} for i in range(3000)]
    tpl = make_docx(tmp_path / "t.docx", ["{% for a in 受益户 %}{% for b in 受益户 %}{{ b.户主姓名 }}{% endfor %}"
                                          "{% endfor %}"]).read_bytes()
    with pytest.raises(UserError) as e:
        render_isolated(tpl, {"项目名称": "x", "受益户": rows}, "测试模板", memory_mb=600, time_s=20)
    assert "已停止" in e.value.message
