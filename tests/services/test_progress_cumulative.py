"""Issue 14 item 5: a progress report with blank cumulative amounts takes them from the recorded money up to its date."""
import pytest

from desktop.projects import project_records as pr
from desktop.projects import projects


@pytest.fixture
def code(township_app):
    c = projects.create_project(township_app, {"name": "联合村旅游", "year": 2020, "level": "市级",
                                               "planned_investment_yuan": "100000"})["code"]
    pr.add_record(township_app, c, "disbursement", {"paid_on": "2020-05-15", "amount_fen": "30000"})
    pr.add_record(township_app, c, "disbursement", {"paid_on": "2020-08-15", "amount_fen": "20000"})
    pr.add_record(township_app, c, "expenditure", {"spent_on": "2020-06-01", "amount_fen": "12345.67"})
    pr.add_record(township_app, c, "expenditure", {"spent_on": "2020-09-01", "amount_fen": "10000"})
    return c


@pytest.mark.parametrize("blank", [{}, {"disbursed_fen": "", "spent_fen": "  "}])
def test_blank_cumulative_amounts_come_from_records_up_to_the_date(township_app, code, blank):
    """Absent or blank 累计拨付/累计支出 are the sums of the payments dated on or before the report date."""
    rep = pr.add_record(township_app, code, "progress", {"report_date": "2020-06-29", "period": "半月调度", **blank})
    assert rep["disbursed_fen"] == "30,000.00" and rep["spent_fen"] == "12,345.67"
    later = pr.add_record(township_app, code, "progress", {"report_date": "2020-09-14", "period": "半月调度", **blank})
    assert later["disbursed_fen"] == "50,000.00" and later["spent_fen"] == "22,345.67"


def test_given_amounts_are_kept_and_blanking_on_edit_recomputes(township_app, code):
    """Figures the clerk typed are stored as typed; blanking one on edit fills it from the records."""
    rep = pr.add_record(township_app, code, "progress", {"report_date": "2020-09-14", "period": "半月调度",
                                                         "disbursed_fen": "1", "spent_fen": "0"})
    assert rep["disbursed_fen"] == "1.00" and rep["spent_fen"] == "0.00"
    edited = pr.update_record(township_app, code, "progress", rep["id"], {"spent_fen": ""})
    assert edited["spent_fen"] == "22,345.67" and edited["disbursed_fen"] == "1.00"
