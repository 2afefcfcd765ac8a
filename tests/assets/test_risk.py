"""Risk rules about assets: each rule alone on hand-made facts, then gathered from a real database."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from desktop.assets import add_assets, edit_asset
from desktop.risk import asset_rules
from desktop.risk.rules import Facts, Rules, propose
from tests.assets.conftest import asset

TODAY = date(2024, 6, 1)


def _facts(stage="operating", category="产业", assets=None):
    p = SimpleNamespace(stage=stage, category=category)
    return SimpleNamespace(project=p, assets=assets)


def _a(code="ZC-1", status="normal", level="village", manager="村委会"):
    return {"code": code, "name": f"资产{code}", "status": status, "owner_level": level, "manager": manager}


def test_finished_project_without_assets_is_a_finding():
    """A finished project with no asset in the ledger gets a yellow finding saying so."""
    [f] = asset_rules.completed_without_assets(_facts(assets=[]), TODAY, Rules())
    assert (f["code"], f["level"]) == ("assets_missing", "yellow") and "没有登记" in f["text"]


def test_unregistered_assets_are_named():
    """Assets without a 确权 level are named in the finding; disposed ones are not counted."""
    facts = _facts(assets=[_a("A", level=None), _a("B"), _a("C", status="disposed", level=None)])
    [f] = asset_rules.completed_without_assets(facts, TODAY, Rules())
    assert f["code"] == "asset_not_registered" and "1 项资产未确权登记" in f["text"] and "资产A（A）" in f["text"]


def test_no_asset_finding_before_completion_nor_for_training_nor_when_not_gathered():
    """Projects in construction, training projects and facts without gathered assets raise nothing."""
    assert asset_rules.completed_without_assets(_facts(stage="construction", assets=[]), TODAY, Rules()) == []
    assert asset_rules.completed_without_assets(_facts(category="就业", assets=[]), TODAY, Rules()) == []
    assert asset_rules.completed_without_assets(_facts(assets=None), TODAY, Rules()) == []


def test_idle_and_damaged_assets_each_give_a_finding():
    """闲置 and 损毁 assets give one yellow finding per state, naming the assets."""
    found = asset_rules.assets_idle_or_damaged(_facts(assets=[_a("A", "idle"), _a("B", "damaged"), _a("C")]),
                                               TODAY, Rules())
    assert [(f["code"], f["level"]) for f in found] == [("asset_idle", "yellow"), ("asset_damaged", "yellow")]
    assert "资产A" in found[0]["text"] and "闲置" in found[0]["text"] and "损毁" in found[1]["text"]


def test_asset_without_manager_is_a_finding():
    """An asset in use without a 管护主体 is named; a disposed one needs none."""
    found = asset_rules.assets_without_manager(
        _facts(assets=[_a("A", manager=None), _a("B", status="disposed", manager=None)]), TODAY, Rules())
    assert [f["code"] for f in found] == ["asset_no_manager"] and "资产A" in found[0]["text"]
    assert "资产B" not in found[0]["text"]


def test_asset_rules_are_registered_with_the_rule_list():
    """propose() runs the asset rules: an idle asset alone makes an otherwise clean project yellow."""
    p = SimpleNamespace(stage="operating", category="基础设施", year=2021, planned_investment_fen=0, joint_account=True,
                        built_not_finished=False, finished_not_used=False, used_not_well=False,
                        planned_completion_date=None, actual_completion_date=None, acceptance_date=None,
                        assets_registered=True)
    level, findings = propose(Facts(project=p, assets=[_a("A", "idle")]), TODAY, Rules())
    assert level == "yellow" and [f["code"] for f in findings] == ["asset_idle"]


def test_findings_come_from_the_database(town):
    """Gathered facts carry the project's assets: missing, then idle, then without manager, each found."""
    from desktop.risk.facts import gather

    def codes(project):
        with town.read() as s:
            [f] = gather(s, TODAY, codes=[project])
        return {x["code"] for rule in asset_rules.ASSET_RULES for x in rule(f, TODAY, Rules())}

    assert codes("2021-102-001") == {"assets_missing"}
    [a] = add_assets(town, asset())
    assert codes("2021-102-001") == set()
    edit_asset(town, a["code"], {"status": "闲置", "manager": ""})
    assert codes("2021-102-001") == {"asset_idle", "asset_no_manager"}
    assert codes("2022-102-001") == set()  # still in construction
