"""Records under a project: add, edit, delete (tombstone), validation naming the field, masking."""
import random

import pytest

from desktop.setup.demo import _id_number
from desktop.core.errors import StaleRecord, UserError
from desktop.projects import project_records as pr
from desktop.projects import projects


@pytest.fixture
def code(township_app):
    return projects.create_project(township_app, {"name": "联合村旅游", "year": 2020, "level": "市级",
                                                  "planned_investment_yuan": "100000"})["code"]


def test_add_edit_delete_disbursement(township_app, code):
    """A disbursement is listed in 元, edited with a version check, and tombstoned on delete."""
    rec = pr.add_record(township_app, code, "disbursement", {"paid_on": "2020年6月1日", "amount_fen": "5,000"})
    assert rec["amount_fen"] == "5,000.00" and rec["paid_on"] == "2020-06-01"
    rec2 = pr.update_record(township_app, code, "disbursement", rec["id"], {"voucher_no": "BF001"},
                            expected_version=rec["version"])
    assert rec2["voucher_no"] == "BF001" and rec2["version"] == rec["version"] + 1
    with pytest.raises(StaleRecord):
        pr.update_record(township_app, code, "disbursement", rec["id"], {"voucher_no": "X"},
                         expected_version=rec["version"])
    pr.delete_record(township_app, code, "disbursement", rec["id"])
    assert pr.list_records(township_app, code, "disbursement") == []
    assert any(h["field"] == "deleted" for h in projects.project_history(township_app, code))


@pytest.mark.parametrize("kind,data,field,words", [
    ("disbursement", {"paid_on": "2020-06-01", "amount_fen": "200000"}, "拨付金额(元)", "将超过计划投资"),
    ("disbursement", {"paid_on": "2020-06-01", "amount_fen": "0"}, "拨付金额(元)", "应大于 0"),
    ("disbursement", {"amount_fen": "100"}, "拨付日期", "缺少必填项"),
    ("expenditure", {"spent_on": "2020-06-01", "amount_fen": "1"}, "支出金额(元)", "超过累计拨付"),
    ("milestone", {"name": "节点", "planned_date": "2020-06-30", "planned_works_pct": "150"}, "计划工程进度(%)", "0–100"),
    ("rectification", {"issue": "资料缺失", "status": "已完成"}, "完成日期", "请填写完成日期"),
    ("inspection", {"kind": "督查", "phase": "事中", "inspected_on": "2020-07-01"}, "审计阶段", "只有审计"),
    ("benefit", {"head_name": "张三", "poor_status": "建档立卡户", "mechanism": "分红", "id_number": "53342119800101"},
     "身份证号", "18 位"),
    ("disbursement", {"paid_on": "2031-06-01", "amount_fen": "100"}, "拨付日期", "相差太远"),
])
def test_bad_input_names_the_field(township_app, code, kind, data, field, words):
    """Each refusal is a Chinese message that names the field the clerk sees."""
    with pytest.raises(UserError) as e:
        pr.add_record(township_app, code, kind, data)
    assert e.value.field == field and words in e.value.message


def test_household_id_numbers_are_masked(township_app, code):
    """The full ID number is stored but every listing shows 5334**********XXXX."""
    idn = _id_number(random.Random(3))
    rec = pr.add_record(township_app, code, "benefit", {"head_name": "李四", "id_number": idn, "phone": "13812345678",
                                                        "poor_status": "监测户", "mechanism": "务工"})
    assert rec["id_number"] == idn[:4] + "*" * 10 + idn[-4:] and rec["phone"] == "138****5678"
    rec2 = pr.update_record(township_app, code, "benefit", rec["id"], {"id_number": rec["id_number"], "members": "4"})
    assert rec2["id_number"] == rec["id_number"] and rec2["members"] == 4
    from db.models import Household

    with township_app.read() as s:
        assert s.query(Household).one().id_number == idn


def test_money_summary_against_milestone_target(township_app, code):
    """The summary gives rates against allocation and the target of the last milestone due."""
    pr.add_record(township_app, code, "allocation", {"source": "沪滇协作资金", "amount_fen": "80000"})
    pr.add_record(township_app, code, "disbursement", {"paid_on": "2020-06-01", "amount_fen": "40000"})
    pr.add_record(township_app, code, "milestone", {"name": "50%", "planned_date": "2020-06-30",
                                                   "planned_money_pct": "50", "planned_works_pct": "50"})
    m = pr.money_summary(township_app, code)
    assert m["disbursed_pct"] == 50.0 and m["target_money_pct"] == 50 and m["by_source"] == {"沪滇协作资金": 8_000_000}
