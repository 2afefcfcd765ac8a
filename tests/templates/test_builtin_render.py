"""Every built-in template renders for the demo projects into a real Word file with the right facts."""
from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop.projects.projects import list_projects
from desktop.templates.generated import render_document
from desktop.templates.library import BUILTIN, list_templates
from tests.templates.factory import docx_text, household_table

REPO = Path(__file__).resolve().parents[2]
LIANHE = "小中甸镇联合村乡村旅游建设项目"
ANNAN = "小中甸镇安南村牦牛养殖产业项目"
EXPECT = {LIANHE: ("壹仟陆佰玖拾万元整", 57, 26), ANNAN: ("陆佰贰拾万元整", 48, 21)}
FULL_ID = re.compile(r"\d{17}[\dX]")


def _code(app, name: str) -> str:
    return next(p["code"] for p in list_projects(app) if p["name"] == name)


@pytest.mark.parametrize("filename,name,kind,item_key,table", BUILTIN, ids=[b[0] for b in BUILTIN])
def test_builtin_renders_for_seed_projects(demo_app, tmp_path, filename, name, kind, item_key, table):
    """Name, planned amount in capitals and one table row per household appear; no placeholder is left."""
    for project, (capitals, households, poor) in EXPECT.items():
        out = tmp_path / f"{filename}-{project}.docx"
        res = render_document(demo_app, name, _code(demo_app, project), out, today=date(2020, 4, 1))
        text, tables = docx_text(out)
        assert project in text
        assert capitals in text
        assert "二〇二〇年四月一日" in text or "2020年4月1日" in text
        assert "{{" not in text and "{%" not in text and "}}" not in text
        assert not FULL_ID.search(text), "ID numbers are masked unless asked for"
        assert res["version"] >= 1 and res["template"] == name
        if table:
            rows = household_table(tables).rows[1:]
            assert len(rows) == (poor if table == "建档立卡户" else households)
            assert [r.cells[0].text for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
        else:
            assert not [t for t in tables if any(c.text == "户主姓名" for c in t.rows[0].cells)]


def test_agreement_lists_the_26_registered_poor_households(demo_app, tmp_path):
    """The 联合村 benefit agreement's annex names exactly the registered poor households, marked as such."""
    out = tmp_path / "agreement.docx"
    render_document(demo_app, "利益联结机制协议", _code(demo_app, LIANHE), out, today=date(2020, 4, 1))
    text, tables = docx_text(out)
    rows = household_table(tables).rows[1:]
    assert len(rows) == 26
    assert {r.cells[4].text for r in rows} == {"建档立卡户"}
    assert "丙方（受益农户）：联合村建档立卡户26户" in text
    assert "人民币壹仟陆佰玖拾万元整（¥16,900,000.00元，合1,690.00万元）" in text


def test_library_lists_seven_builtins(demo_app):
    """The library shows the seven shipped templates as version 1, source 内置, with their fields."""
    rows = list_templates(demo_app)
    assert [r["name"] for r in rows] == [b[1] for b in BUILTIN]
    assert all(r["source_label"] == "内置" and r["version"] == 1 and r["fields"] for r in rows)
    assert "受益户" in rows[-2]["fields"] and "计划投资大写" in rows[0]["fields"]


def test_committed_templates_match_the_script(tmp_path):
    """resources/templates/*.docx are exactly what scripts/make_templates.py writes (reproducible build)."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import make_templates
    finally:
        sys.path.pop(0)
    assert make_templates.stale_files(tmp_path) == []
    assert sorted(f for f, _ in make_templates.ALL) == sorted(b[0] for b in BUILTIN)
