"""Assets, library states and terms travel in real signed, encrypted packages, both ways."""
from __future__ import annotations

from desktop.assets import add_assets, edit_asset, list_assets
from desktop.library import advance, library_history, library_list
from desktop.projects import projects
from desktop.sync import service as sync
from desktop.terms import activate_terms, terms_for_app
from tests.assets.conftest import PROJECTS, asset
from tests.conftest import TOWNSHIP


def _send(src, dst, tmp_path, name, peer=None):
    path = tmp_path / f"{name}.tdpkg"
    sync.export_package(src, path, peer=peer)
    res = sync.import_package(dst, path)
    assert res["status"] == "applied", res
    return res


def _state(app, code):
    return next(r["state"] for r in library_list(app) if r["code"] == code)


def test_assets_and_library_states_travel_both_ways(network, tmp_path):
    """Township declares and registers assets → county sees them, approves in batch → township sees the decisions."""
    county, towns = network
    town = towns[0]
    projects.create_many(town, PROJECTS, source="测试")
    [a] = add_assets(town, asset(incomes=[{"year": 2023, "amount_yuan": "60000",
                                           "distribution": [{"to": "脱贫户分红", "amount_yuan": "42000"}]}]))
    add_assets(town, asset(name="通组道路", project="2021-102-002", value_yuan="1750000", **{"class": "公益性"}))
    advance(town, ["2022-102-001"], "申报")
    advance(town, ["2022-102-001"], "乡审核")
    _send(town, county, tmp_path, "t1")

    seen = {r["code"]: r for r in list_assets(county)}
    assert seen[a["code"]] == a
    assert sorted(seen) == sorted(r["code"] for r in list_assets(town))
    assert _state(county, "2022-102-001") == "town_reviewed"

    advance(county, ["2022-102-001"], "县审定")
    advance(county, ["2022-102-001"], "入库")
    _send(county, town, tmp_path, "c1", peer=TOWNSHIP[0])
    assert _state(town, "2022-102-001") == "listed"
    steps = [(h["state"], h["role"]) for h in library_history(town, "2022-102-001")]
    assert steps == [("declared", "township"), ("town_reviewed", "township"), ("county_approved", "county"),
                     ("listed", "county")]

    edit_asset(town, a["code"], {"status": "闲置"})
    advance(town, ["2022-102-001"], "实施")
    _send(town, county, tmp_path, "t2")
    assert {r["code"]: r["status"] for r in list_assets(county)}[a["code"]] == "idle"
    assert _state(county, "2022-102-001") == "implementing"


def test_a_return_with_its_reason_reaches_the_township(network, tmp_path):
    """The county returns a declared project with a reason; the township sees 退回 and why, and may declare again."""
    county, towns = network
    town = towns[0]
    projects.create_many(town, PROJECTS[2:], source="测试")
    advance(town, ["2022-102-001"], "申报")
    _send(town, county, tmp_path, "t1")
    advance(county, ["2022-102-001"], "退回", reason="实施方案未附联审意见")
    _send(county, town, tmp_path, "c1", peer=TOWNSHIP[0])
    row = next(r for r in library_list(town) if r["code"] == "2022-102-001")
    assert (row["state"], row["reason"]) == ("returned", "实施方案未附联审意见")
    advance(town, ["2022-102-001"], "申报")
    assert _state(town, "2022-102-001") == "declared"


def test_terms_chosen_by_the_county_reach_the_township(network, tmp_path):
    """The county switches to the 2026 wording; after its package the township's terms are the 2026 ones."""
    county, towns = network
    town = towns[0]
    assert terms_for_app(town).key == "2021-2025"
    activate_terms(county, "2026")
    _send(county, town, tmp_path, "c1", peer=TOWNSHIP[0])
    now = terms_for_app(town)
    assert (now.key, now.label("asset_ledger")) == ("2026", "帮扶项目资产台账")
    assert terms_for_app(towns[1]).key == "2021-2025"  # not yet imported there


def test_county_enforces_owners_of_assets_and_library_states(network, tmp_path):
    """A township package writing a county decision (入库) is refused whole; so is an asset of another township's project."""
    import pytest
    from sqlalchemy import select

    from db.base import utcnow
    from db.models import Asset, LibraryTransition, Project
    from desktop.core.errors import UserError

    county, towns = network
    town = towns[0]
    projects.create_many(town, PROJECTS[2:], source="测试")
    _send(town, county, tmp_path, "t0")
    with town.tx() as s:  # a tampered program: the township writes the county's decision itself
        pid = s.scalar(select(Project.id).where(Project.code == "2022-102-001"))
        s.add(LibraryTransition(project_id=pid, state="listed", acted_at=utcnow(), role="township"))
    path = tmp_path / "t1.tdpkg"
    sync.export_package(town, path)
    with pytest.raises(UserError, match="项目库的申报、乡审核、实施由乡镇办理；县审定、入库、退回由县级办理"):
        sync.import_package(county, path)
    assert library_list(county)[0]["state"] is None

    other = towns[1]
    projects.create_many(other, [dict(PROJECTS[0], code="2021-103-001")], source="测试")
    with other.tx() as s:  # 建塘镇 registers an asset claiming 小中甸镇 as its township
        a = Asset(code="ZC-X", name="冒名资产", asset_class="public", township_code=TOWNSHIP[0], township_name=TOWNSHIP[1],
                  value_fen=1)
        s.add(a)
    path = tmp_path / "o1.tdpkg"
    sync.export_package(other, path)
    with pytest.raises(UserError, match="项目资产属于形成它的项目所在乡镇"):
        sync.import_package(county, path)
    assert list_assets(county) == []
