"""User templates run in a sandbox: nothing but the plain data given, no methods, no huge output."""
from __future__ import annotations

import pytest

from desktop.core.errors import UserError
from desktop.templates.render import render_bytes
from tests.templates.factory import docx_text, make_docx

DATA = {"项目名称": "A&B<合作社>", "受益户": [{"户主姓名": "卓玛", "家庭人口": 4}]}


def _render(tmp_path, *paragraphs):
    return render_bytes(make_docx(tmp_path / "t.docx", list(paragraphs)).read_bytes(), DATA, "测试模板")


@pytest.mark.parametrize("placeholder", [
    "{{ 项目名称.__class__ }}",
    "{{ 项目名称.upper() }}",
    "{{ 受益户.__len__() }}",
    "{{ 受益户.pop() }}",
    "{% for h in 受益户 %}{{ h.__class__.__mro__ }}{% endfor %}",
    "{% for h in 受益户 %}{{ h.items() }}{% endfor %}",
    "{{ 受益户[0].__init__ }}",
    "{{ range(10) }}",
    "{{ lipsum() }}",
    "{{ self._TemplateReference__context }}",
    "{{ config }}",
])
def test_no_access_beyond_the_data(tmp_path, placeholder):
    """Python attributes, methods and Jinja globals are out of reach: rendering is refused in Chinese."""
    with pytest.raises(UserError) as e:
        _render(tmp_path, placeholder)
    assert "测试模板" in e.value.message


@pytest.mark.parametrize("placeholder", ['{{ "x" * 100000000 }}', "{{ 9 ** 99999999 }}", "{{ 受益户 * 10000000 }}"])
def test_no_memory_bombs(tmp_path, placeholder):
    """Repetition and powers are capped, so a template cannot exhaust memory."""
    with pytest.raises(UserError):
        _render(tmp_path, placeholder)


def test_values_are_escaped_and_loops_work(tmp_path):
    """Text with & and < comes out as written (the document stays valid); loops and loop.index work."""
    out = _render(tmp_path, "{{ 项目名称 }}", "{% for h in 受益户 %}{{ loop.index }}.{{ h.户主姓名 }}{{ h['家庭人口'] }}"
                  "{% endfor %}")
    text = docx_text(out)[0]
    assert "A&B<合作社>" in text and "1.卓玛4" in text


def test_missing_value_prints_a_blank_but_is_false(tmp_path):
    """A missing fact prints as ________ to fill by hand, yet {% if %} treats it as absent."""
    from desktop.templates.context import BLANK

    data = {"支援方": BLANK, "项目名称": "X"}
    out = render_bytes(make_docx(tmp_path / "t.docx", ["支援方：{{ 支援方 }}",
                                                        "{% if 支援方 %}有支援方{% else %}无支援方{% endif %}"]).read_bytes(),
                       data, "测试模板")
    text = docx_text(out)[0]
    assert "支援方：________" in text and "无支援方" in text and "有支援方" not in text
