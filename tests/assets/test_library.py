"""The project library: allowed moves, who decides each, 退回 needs a reason, batches are all or nothing,
and the prescribed tables count only 入库/实施 (plus projects never put through the library)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import UserError
from desktop.library import ALLOWED_FROM, STATE_ROLE, advance, library_history, library_list
from desktop.reports import build_table


def _state(app, code):
    return next(r["state"] for r in library_list(app) if r["code"] == code)


def test_township_declares_and_reviews_but_cannot_approve(town):
    """申报 then 乡审核 at the township; 县审定 there is refused naming who decides it."""
    advance(town, ["2022-102-001"], "申报")
    advance(town, ["2022-102-001"], "乡审核")
    assert _state(town, "2022-102-001") == "town_reviewed"
    with pytest.raises(UserError, match="“县审定”由县级办公室办理"):
        advance(town, ["2022-102-001"], "县审定")
    hist = library_history(town, "2022-102-001")
    assert [(h["from_label"], h["state_label"], h["by"]) for h in hist] == [
        ("未纳入项目库", "申报", "测试员"), ("申报", "乡审核", "测试员")]


def test_a_state_out_of_order_is_refused(town):
    """乡审核 before 申报, or 实施 before 入库, is refused with the states that may come first."""
    with pytest.raises(UserError, match="当前为“未纳入项目库”，不能直接乡审核；只有“申报”"):
        advance(town, ["2022-102-001"], "乡审核")
    advance(town, ["2022-102-001"], "申报")
    with pytest.raises(UserError, match="只有“入库”的项目可以实施"):
        advance(town, ["2022-102-001"], "实施")
    with pytest.raises(UserError, match="不是可选值"):
        advance(town, ["2022-102-001"], "批准")


def test_county_batch_is_all_or_nothing_and_return_needs_reason(network, tmp_path):
    """One project not ready refuses the whole batch; 退回 without a reason is refused."""
    from tests.assets.conftest import PROJECTS
    from tests.assets.test_sync import _send

    county, towns = network
    from desktop.projects import projects

    projects.create_many(towns[0], PROJECTS, source="测试")
    advance(towns[0], ["2021-102-001", "2021-102-002"], "申报")
    advance(towns[0], ["2021-102-001"], "乡审核")
    _send(towns[0], county, tmp_path, "t1")
    with pytest.raises(UserError, match="2021-102-002.*整批未办理"):
        advance(county, ["2021-102-001", "2021-102-002"], "县审定")
    assert _state(county, "2021-102-001") == "town_reviewed"
    with pytest.raises(UserError, match="退回须写明理由"):
        advance(county, ["2021-102-002"], "退回", reason="  ")
    advance(towns[0], ["2021-102-002"], "乡审核")
    _send(towns[0], county, tmp_path, "t2")
    done = advance(county, ["2021-102-001", "2021-102-002"], "县审定")
    assert [d["to"] for d in done] == ["县审定", "县审定"]


def test_prescribed_tables_count_only_listed_and_implementing(town):
    """A declared project leaves the 推进梳理表 until it is 入库; projects never declared stay in it."""
    def codes():
        report = build_table(town, "progress")
        return {ln.values.get("code") for ln in report.lines if ln.kind == "data"}, report.notes

    before, _ = codes()
    assert {"2021-102-001", "2022-102-001"} <= before
    advance(town, ["2022-102-001"], "申报")
    after, notes = codes()
    assert "2022-102-001" not in after and "2021-102-001" in after
    assert any("入库、实施" in n for n in notes)


def test_the_dispatch_table_leaves_out_declared_projects_as_its_note_says(demo_app):
    """A project declared to the library leaves the 半月调度表 too (it was listed while the note said otherwise)."""
    def codes():
        report = build_table(demo_app, "dispatch")
        return [ln.values.get("code") for ln in report.lines if ln.kind == "data"], report.notes

    before, notes = codes()
    assert len(before) > 1 and not any("项目库" in n for n in notes)
    advance(demo_app, [before[0]], "申报")
    after, notes = codes()
    assert after == before[1:]
    assert any("入库、实施" in n for n in notes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(STATE_ROLE)), min_size=1, max_size=8))
def test_any_sequence_of_township_moves_keeps_the_state_machine(town, moves):
    """Whatever order moves are tried in, the state only changes along ALLOWED_FROM and refusals change nothing."""
    code = "2022-102-001"
    for move in moves:
        before = _state(town, code)
        try:
            advance(town, [code], move)
        except UserError:
            assert _state(town, code) == before
            assert STATE_ROLE[move] != "township" or before not in ALLOWED_FROM[move]
        else:
            assert STATE_ROLE[move] == "township" and before in ALLOWED_FROM[move]
            assert _state(town, code) == move


@pytest.mark.parametrize("clock", ["same second", "set back"])
def test_order_follows_the_step_number_not_the_clock(town, monkeypatch, clock):
    """Decisions in the same second, or after the PC's clock was set back, still keep their order."""
    from datetime import datetime, timedelta

    import desktop.library.service as service

    start = datetime(2026, 5, 1, 9, 0, 0)
    times = iter([start, start, start] if clock == "same second"
                 else [start, start - timedelta(days=3), start - timedelta(days=400)])
    monkeypatch.setattr(service, "utcnow", lambda: next(times))
    advance(town, ["2022-102-001"], "申报")
    advance(town, ["2022-102-001"], "乡审核")
    assert _state(town, "2022-102-001") == "town_reviewed"
    hist = library_history(town, "2022-102-001")
    assert [h["state"] for h in hist] == ["declared", "town_reviewed"]
    with pytest.raises(UserError, match="当前为“乡审核”"):
        advance(town, ["2022-102-001"], "申报")  # the project is not back at 申报 because a clock went back


def test_a_database_from_before_the_counter_keeps_its_order(town):
    """Rows without a step number (written before it existed) come first; new decisions follow them."""
    from sqlalchemy import update

    from db.models import LibraryTransition

    advance(town, ["2022-102-001"], "申报")
    with town.tx() as s:
        s.execute(update(LibraryTransition).values(seq=None))
    advance(town, ["2022-102-001"], "乡审核")
    assert [h["state"] for h in library_history(town, "2022-102-001")] == ["declared", "town_reviewed"]
    assert _state(town, "2022-102-001") == "town_reviewed"


@pytest.mark.parametrize("clock", ["same second", "set back"])
def test_tables_leave_out_the_projects_whose_latest_decision_is_not_counted(town, monkeypatch, clock):
    """not_counted_ids (plain rows) names the same projects as the latest ORM transition per project, also
    when clocks disagree with the step numbers and when old rows have no step number."""
    from datetime import datetime, timedelta

    from sqlalchemy import update

    import desktop.library.service as service
    from db.models import LibraryTransition

    start = datetime(2026, 5, 1, 9, 0, 0)
    times = iter([start + timedelta(minutes=i) * (1 if clock == "same second" else -400) for i in range(20)])
    monkeypatch.setattr(service, "utcnow", lambda: next(times))
    advance(town, ["2022-102-001", "2021-102-002"], "申报")
    with town.tx() as s:
        s.execute(update(LibraryTransition).values(seq=None))  # from before the step counter
    advance(town, ["2022-102-001"], "乡审核")
    with town.read() as s:
        want = frozenset(pid for pid, t in service.states_of(s).items() if t.state not in service.COUNTED)
        got = service.not_counted_ids(s, "progress")
        assert got == want and len(got) == 2
        assert service.not_counted_ids(s, "no such table") == frozenset()
