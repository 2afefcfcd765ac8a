"""The round's save: which projects take part, what one save writes, what it refuses, and its undo."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db.models import Disbursement, Expenditure, Milestone, ProgressReport, Project
from desktop.core.errors import UserError
from desktop.round.active import round_rows
from desktop.round.apply import apply_round, undo_round
from desktop.round.rules import Entry
from tests.round.conftest import WHEN
from tests.sizes import size


def _rows(app, when=WHEN):
    return {r["name"]: r for r in round_rows(app, when)}


def _records(app, code):
    with app.read() as s:
        p = s.scalars(select(Project).where(Project.code == code)).one()
        pay = [(d.paid_on, d.amount_fen) for d in s.scalars(select(Disbursement).where(
            Disbursement.project_id == p.id, Disbursement.deleted.is_(False)).order_by(Disbursement.paid_on))]
        spend = [(e.spent_on, e.amount_fen) for e in s.scalars(select(Expenditure).where(
            Expenditure.project_id == p.id, Expenditure.deleted.is_(False)).order_by(Expenditure.spent_on))]
        reps = [(r.report_date, r.works_pct, r.disbursed_fen, r.spent_fen, r.summary) for r in s.scalars(
            select(ProgressReport).where(ProgressReport.project_id == p.id, ProgressReport.deleted.is_(False))
            .order_by(ProgressReport.report_date))]
        return {"works": p.works_progress_pct, "pay": pay, "spend": spend, "reports": reps}


def test_active_projects_are_started_or_due_and_not_settled_of_any_year(round_app):
    """A delayed 2019 project is in the 2020 round; accepted, reserve and next year's projects are not."""
    app, _ = round_app
    rows = _rows(app)
    assert set(rows) == {"安南村牦牛养殖产业项目", "团结村产业路建设项目"}
    yak = rows["安南村牦牛养殖产业项目"]
    assert (yak["paid_before"], yak["spent_before"], yak["works_prev"], yak["works_now"]) == (50_000_000, 10_000_000,
                                                                                             20, None)
    assert yak["next_milestone"] == "完成50%建设量和资金拨付"
    assert "和平村已验收项目" in _rows(app, date(2020, 4, 29))  # accepted on 1 May: still in April's round


def test_one_save_writes_report_payment_and_spending_dated_the_report_date(round_app):
    """Progress, payment, spending and the milestone land as records dated the report date, in one save."""
    app, codes = round_app
    res = apply_round(app, WHEN, [Entry(codes["yak"], works=45, paid=20_000_000, spent=15_000_000, note="圈舍封顶",
                                        milestone=True),
                                  Entry(codes["road"], works=70)])
    assert (res["applied"], res["unchanged"], res["refused"]) == (2, 0, 0)
    got = _records(app, codes["yak"])
    assert got["works"] == 45
    assert got["pay"] == [(date(2020, 5, 10), 50_000_000), (WHEN, 20_000_000)]
    assert got["spend"] == [(date(2020, 6, 1), 10_000_000), (WHEN, 15_000_000)]
    assert got["reports"][-1] == (WHEN, 45, 70_000_000, 25_000_000, "圈舍封顶")
    with app.read() as s:
        assert s.scalar(select(Milestone.actual_date).where(Milestone.name == "完成50%建设量和资金拨付")) == WHEN
    assert _records(app, codes["road"])["reports"] == [(WHEN, 70, 0, 0, None)]


@pytest.mark.parametrize("entry, reason", [
    (dict(spent=45_000_000), "累计支出 550,000.00 元 将超过累计拨付 500,000.00 元"),
    (dict(works=10), "工程进度倒退：上期 20%"),
    (dict(works=101), "应在 0 到 100 之间"),
    (dict(paid=60_000_000), "累计拨付 1,100,000.00 元 将超过计划投资"),
])
def test_bad_rows_are_refused_with_the_reason(round_app, entry, reason):
    """Spending above disbursed, progress going backwards or past 100, and a payment beyond the plan are refused."""
    app, codes = round_app
    before = _records(app, codes["yak"])
    res = apply_round(app, WHEN, [Entry(codes["yak"], **entry)])
    assert res["refused"] == 1 and reason in res["rows"][0]["reason"]
    assert _records(app, codes["yak"]) == before


def test_unknown_duplicate_and_inactive_codes_are_refused(round_app):
    """A code not active in this township's round, or given twice, is refused; the other rows still apply."""
    app, codes = round_app
    with app.read() as s:
        accepted = s.scalar(select(Project.code).where(Project.name == "和平村已验收项目"))
    res = apply_round(app, WHEN, [Entry("2020-999-001", works=5), Entry(accepted, works=100),
                                  Entry(codes["road"], works=65), Entry(codes["road"], works=66)])
    assert [r["status"] for r in res["rows"]] == ["refused", "refused", "applied", "refused"]
    assert "不是本乡镇" in res["rows"][0]["reason"] and "不止一次" in res["rows"][3]["reason"]
    assert _records(app, codes["road"])["works"] == 65


def test_strict_save_writes_nothing_when_one_row_is_refused(round_app):
    """The grid's Save is all or nothing: one refused row and no project is written."""
    app, codes = round_app
    before = (_records(app, codes["yak"]), _records(app, codes["road"]))
    with pytest.raises(UserError, match="没有保存任何数据"):
        apply_round(app, WHEN, [Entry(codes["road"], works=80), Entry(codes["yak"], works=5)], strict=True)
    assert (_records(app, codes["yak"]), _records(app, codes["road"])) == before


def test_lowering_a_period_total_takes_back_only_the_rounds_own_entries(round_app):
    """Typing a smaller period total reduces the round's own payment; below payments entered one by one is refused."""
    app, codes = round_app
    apply_round(app, WHEN, [Entry(codes["yak"], paid=20_000_000)])
    res = apply_round(app, WHEN, [Entry(codes["yak"], paid=5_000_000)])
    assert res["applied"] == 1 and _records(app, codes["yak"])["pay"][-1] == (WHEN, 5_000_000)
    from desktop.projects.project_records import add_record

    add_record(app, codes["yak"], "disbursement", {"paid_on": "2020-06-20", "amount_fen": "30000"})
    res = apply_round(app, WHEN, [Entry(codes["yak"], paid=1_000_000)])
    assert res["refused"] == 1 and "本期已逐笔登记拨付" in res["rows"][0]["reason"]


def test_undo_takes_back_the_save_and_refuses_after_a_later_change(round_app):
    """Undo restores every figure of the save; once a saved record is changed elsewhere, undo is refused."""
    app, codes = round_app
    before = _records(app, codes["yak"])
    res = apply_round(app, WHEN, [Entry(codes["yak"], works=45, paid=20_000_000, spent=5_000_000, milestone=True)])
    undo_round(app, res["receipt"])
    assert _records(app, codes["yak"]) == before
    with app.read() as s:
        assert s.scalar(select(Milestone.actual_date).where(Milestone.name == "完成50%建设量和资金拨付")) is None
    res = apply_round(app, WHEN, [Entry(codes["yak"], works=45)])
    from desktop.projects.projects import update_project

    update_project(app, codes["yak"], {"works_progress_pct": 50})
    with pytest.raises(UserError, match="不能整体撤销"):
        undo_round(app, res["receipt"])


def test_county_and_future_dates_are_refused(round_app, county_app):
    """The county does not fill a township's round, and a report date still to come is refused."""
    app, codes = round_app
    with pytest.raises(UserError, match="由乡镇填报"):
        apply_round(county_app, WHEN, [Entry(codes["yak"], works=30)])
    with pytest.raises(UserError, match="还没到"):
        apply_round(app, WHEN, [Entry(codes["yak"], works=30)], today=date(2020, 6, 28))
    with pytest.raises(UserError, match="不是报送日"):
        apply_round(app, date(2020, 6, 28), [Entry(codes["yak"], works=30)])


@settings(max_examples=size(6, 15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=5))
def test_any_sequence_of_saves_leaves_the_last_typed_totals(round_app, saves):
    """Whatever totals are saved in turn (paid, spent in 万元), the period holds the last ones, never a sum."""
    app, codes = round_app
    with app.tx() as s:  # each example starts from the fixture's state
        p = s.scalars(select(Project).where(Project.code == codes["road"])).one()
        for model in (Disbursement, Expenditure):
            for rec in s.scalars(select(model).where(model.project_id == p.id)):
                rec.deleted = True
    for paid, spent in saves:
        spent = min(spent, paid)
        apply_round(app, WHEN, [Entry(codes["road"], paid=paid * 1_000_000, spent=spent * 1_000_000)])
        apply_round(app, WHEN, [Entry(codes["road"], paid=paid * 1_000_000, spent=spent * 1_000_000)])
    paid, spent = saves[-1]
    row = _rows(app)["团结村产业路建设项目"]
    assert (row["paid_period"], row["spent_period"]) == (paid * 1_000_000, min(spent, paid) * 1_000_000)


def test_last_save_can_be_undone_after_a_restart(round_app):
    """The receipt is kept in the data folder: a new App on the folder undoes the last save; a forged one is refused."""
    import json

    from desktop.core.app import open_app
    from desktop.round.apply import last_receipt

    app, codes = round_app
    before = _records(app, codes["yak"])
    apply_round(app, WHEN, [Entry(codes["yak"], works=45, paid=20_000_000)])
    again = open_app(app.data_dir)
    try:
        assert last_receipt(again)["date"] == WHEN.isoformat()
        undo_round(again)
        assert _records(app, codes["yak"]) == before and last_receipt(again) is None
        with pytest.raises(UserError, match="没有可以撤销"):
            undo_round(again)
        forged = {"date": "2020-06-29", "created": [], "changed": [["project", "x", "planned_investment_fen", 1, 2]]}
        (app.data_dir / "round-last-save.json").write_text(json.dumps(forged), encoding="utf-8")
        with pytest.raises(UserError, match="无法识别"):
            undo_round(again)
    finally:
        again.dispose()
