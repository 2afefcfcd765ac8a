"""Issue 14 item 5: a payment years after the project's year is saved with a warning, not refused."""
import pytest

from desktop.core.errors import UserError
from desktop.projects import project_records as pr
from desktop.projects import projects


@pytest.fixture
def code(township_app):
    return projects.create_project(township_app, {"name": "联合村旅游", "year": 2020, "level": "市级",
                                                  "planned_investment_yuan": "100000"})["code"]


def test_a_2026_payment_to_a_2020_project_is_saved_with_a_warning(township_app, code):
    """The delayed project's 2026 payment and expenditure are stored; each result carries a warning naming the date."""
    rec = pr.add_record(township_app, code, "disbursement", {"paid_on": "2026-03-01", "amount_fen": "5000"})
    assert rec["paid_on"] == "2026-03-01" and len(rec["warnings"]) == 1
    assert "拨付日期（2026-03-01）" in rec["warnings"][0] and "晚 6 年" in rec["warnings"][0]
    spent = pr.add_record(township_app, code, "expenditure", {"spent_on": "2026-04-01", "amount_fen": "3000"})
    assert spent["warnings"] and "支出日期" in spent["warnings"][0]
    assert [r["id"] for r in pr.list_records(township_app, code, "disbursement")] == [rec["id"]]


def test_a_payment_in_the_project_year_has_no_warning(township_app, code):
    """A payment in the project's year or the next one gives no warning, on add and on edit."""
    rec = pr.add_record(township_app, code, "disbursement", {"paid_on": "2021-06-01", "amount_fen": "5000"})
    assert rec["warnings"] == []
    moved = pr.update_record(township_app, code, "disbursement", rec["id"], {"paid_on": "2025-06-01"})
    assert moved["warnings"] and "晚 5 年" in moved["warnings"][0]


@pytest.mark.parametrize("when", ["2012-06-01", "2099-06-01"])
def test_a_date_long_before_the_project_or_far_in_the_future_is_still_refused(township_app, code, when):
    """A date six years before the project's year, or well past next year, is a typo: refused naming the field."""
    with pytest.raises(UserError) as e:
        pr.add_record(township_app, code, "disbursement", {"paid_on": when, "amount_fen": "100"})
    assert e.value.field == "拨付日期" and "相差太远" in e.value.message
