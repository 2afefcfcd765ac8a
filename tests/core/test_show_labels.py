"""`projects show` speaks the clerk's language: stage, risk and yes/no as labels, money in 元 and 万元."""
import json

from tests.conftest import TOWNSHIP


def test_show_prints_labels_not_codes(cli, tmp_path):
    """No `construction`, `red` or `True` in the listing; the planned amount reads in 元 and 万元."""
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)
    f = tmp_path / "p.json"
    f.write_text(json.dumps({"name": "安南村牦牛养殖", "year": 2023, "level": "市级", "stage": "在建",
                             "risk_level": "红", "joint_account": "是", "planned_investment_wan": "1690"},
                            ensure_ascii=False), encoding="utf-8")
    cli("projects", "add", "--json", f, check=True)
    code = cli("projects", "list", "--json", check=True).json()[0]["code"]
    out = cli("projects", "show", code, check=True).out
    assert "项目阶段：在建" in out and "风险等级：红" in out and "设立共管账户：是" in out
    assert "计划投资：16,900,000.00 元（1,690.00 万元）" in out
    assert not any(word in out for word in ("construction", "red", "True", "False"))


def test_show_masks_the_responsible_phone(cli, tmp_path):
    """The responsible person's phone prints masked (138****5678) in the listing and the JSON."""
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)
    f = tmp_path / "p.json"
    f.write_text(json.dumps({"name": "团结村产业路", "year": 2021, "level": "区级", "planned_investment_yuan": "500000",
                             "responsible_phone": "13812345678"}, ensure_ascii=False), encoding="utf-8")
    cli("projects", "add", "--json", f, check=True)
    code = cli("projects", "list", "--json", check=True).json()[0]["code"]
    out = cli("projects", "show", code, check=True).out
    assert "138****5678" in out and "13812345678" not in out
    assert cli("projects", "show", code, "--json", check=True).json()["responsible_phone"] == "138****5678"
