"""The agreement's benefit terms live in the project's 带贫 tab (issue 15 item 4): filled there, saved with the
editor's Save in one service call, the 签订日期 picked from the calendar, bad input refused at the field."""
from __future__ import annotations

import pytest

from tests.gui.conftest import settle

pytestmark = pytest.mark.gui
CODE = "2020-102-001"
TERMS = ("benefit_share", "benefit_period", "benefit_payment_time", "agreement_supervisor", "agreement_date")


def _benefit_tab(window, ctx):
    dlg = window.open_project(CODE)
    settle(ctx)
    tab = dlg.show_tab("benefit")
    settle(ctx)
    return dlg, tab


def _type(editor, text):
    editor.set_text(text)
    editor.sig_edited.emit(editor.name)


def test_terms_are_in_the_benefit_tab_not_in_basic_info(window, ctx):
    """基本信息 no longer holds the terms; the 带贫 tab shows them with the project's stored values."""
    from desktop.projects.projects import update_project

    update_project(ctx.app, CODE, {"benefit_share": "按项目资产的6%每年分红"})
    dlg, tab = _benefit_tab(window, ctx)
    assert not set(TERMS) & set(dlg.form.editors)
    assert set(tab.terms.editors) == set(TERMS)
    assert tab.terms.editors["benefit_share"].text() == "按项目资产的6%每年分红"
    assert not dlg.has_unsaved()


def test_terms_and_a_basic_field_are_saved_in_one_call(window, ctx):
    """Terms typed in 带贫 and a note typed in 基本信息 are one save: the project's version rises by one."""
    from PySide6.QtCore import QDate

    from desktop.projects import projects

    dlg, tab = _benefit_tab(window, ctx)
    before = projects.get_project(ctx.app, CODE)["version"]
    terms = tab.terms.editors
    _type(terms["benefit_share"], "每户每年1000元")
    _type(terms["benefit_period"], "2021年至2025年")
    _type(terms["benefit_payment_time"], "每年12月31日前")
    _type(terms["agreement_supervisor"], "联合村村民委员会")
    terms["agreement_date"]._pick(QDate(2021, 4, 18))  # what a click in the calendar does
    dlg.form.set_value("note", "协议已签")
    assert dlg.has_unsaved() and dlg.windowTitle().endswith("*")
    dlg.save()
    settle(ctx)
    p = projects.get_project(ctx.app, CODE)
    assert (p["benefit_share"], p["benefit_period"], p["benefit_payment_time"], p["agreement_supervisor"],
            p["agreement_date"], p["note"]) == ("每户每年1000元", "2021年至2025年", "每年12月31日前", "联合村村民委员会",
                                                "2021-04-18", "协议已签")
    assert p["version"] == before + 1
    assert not dlg.has_unsaved() and terms["agreement_date"].text() == "2021-04-18"


def test_a_bad_date_in_the_terms_is_refused_at_the_field(window, ctx):
    """An impossible 签订日期 keeps the 带贫 tab open with the field marked; nothing is written."""
    from desktop.projects import projects

    dlg, tab = _benefit_tab(window, ctx)
    before = projects.get_project(ctx.app, CODE)
    _type(tab.terms.editors["agreement_date"], "2021-02-30")
    dlg.form.set_value("note", "不应保存")
    dlg.save()
    settle(ctx)
    assert tab.terms.editors["agreement_date"].has_error()
    assert dlg.tabs.currentIndex() == next(i for i in range(dlg.tabs.count()) if dlg.tabs.tabText(i) == "带贫")
    assert "需要修改" in dlg.message.text()
    after = projects.get_project(ctx.app, CODE)
    assert after["version"] == before["version"] and after["note"] == before["note"]
