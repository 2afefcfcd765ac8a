"""The risk commands through the real `towndesk` console script."""
import json

from tests.conftest import COUNTY, db_dump


def _county_with_project(cli, tmp_path) -> str:
    cli("init", "--role", "county", "--region-code", COUNTY[0], "--name", COUNTY[1], check=True)
    f = tmp_path / "p.json"
    f.write_text(json.dumps({"name": "安南村牦牛养殖产业项目", "year": 2023, "level": "市级", "category": "产业",
                             "planned_investment_wan": "3500", "township_code": "533401102000", "stage": "在建",
                             "built_not_finished": "是"}, ensure_ascii=False), encoding="utf-8")
    cli("projects", "add", "--json", f, check=True)
    return cli("projects", "list", "--json", check=True).json()[0]["code"]


def test_assess_confirm_plan_history_flow(cli, tmp_path):
    """assess --json proposes red with reasons; confirm, plan and history record and show the grade."""
    code = _county_with_project(cli, tmp_path)
    r = cli("risk", "assess", code, "--json", check=True).json()
    assert r["proposed_level"] == "red" and r["supervision_level"] == "province"
    assert "建而不成（已标记）" in [x["text"] for x in r["reasons"]]
    assert "系统建议：红色" in cli("risk", "assess", code, check=True).out
    assert "共 1 个项目：红 1" in cli("risk", "assess", "--all", check=True).out
    out = cli("risk", "confirm", code, "--level", "红", "--disposition", "提升",
              "--task", "引入运营主体恢复生产|2027-03-31|小中甸镇人民政府", check=True).out
    assert "红色" in out and "省（自治区）级督办" in out and "引入运营主体" in out
    cli("risk", "plan", code, "--disposition", "盘活", check=True)
    hist = cli("risk", "history", code, "--json", check=True).json()
    assert len(hist) == 1 and hist[0]["disposition"] == "revitalize" and hist[0]["plan"][0]["unit"] == "小中甸镇人民政府"
    assert cli("projects", "show", code, "--json", check=True).json()["risk_level"] == "red"
    s = cli("risk", "settings", "--set", "risk.province_threshold_wan=5000", "--json", check=True).json()
    assert {x["key"]: x["value"] for x in s}["risk.province_threshold_wan"] == 5000


def test_bad_risk_input_exits_2_with_one_line_and_changes_nothing(cli, tmp_path):
    """Override without reason, unknown level/project, sign-off without documents, bad settings: refused cleanly."""
    code = _county_with_project(cli, tmp_path)
    before = db_dump(cli.data / "towndesk.db")
    cases = [
        (("risk", "confirm", code, "--level", "绿"), "须写明理由"),
        (("risk", "confirm", code, "--level", "紫"), "风险等级 '紫' 无效"),
        (("risk", "confirm", "NO-SUCH", "--level", "红"), "NO-SUCH"),
        (("risk", "confirm", code, "--level", "红", "--task", "只有任务"), "格式不对"),
        (("risk", "signoff", code, "--evidence", "已整改"), "尚未评级"),
        (("risk", "plan", code, "--disposition", "提升"), "risk confirm"),
        (("risk", "assess"), "--all"),
        (("risk", "settings", "--set", "risk.province_threshold_wan=abc"), "不是整数"),
        (("risk", "settings", "--set", "nonsense"), "键=值"),
    ]
    for args, words in cases:
        r = cli(*args)
        assert r.code == 2, (args, r.err)
        assert words in r.err and "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1, (args, r.err)
    assert db_dump(cli.data / "towndesk.db") == before
