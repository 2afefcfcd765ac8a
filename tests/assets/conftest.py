"""Asset-ledger fixtures: a township with a few projects of its own, ready for assets."""
from __future__ import annotations

import pytest

from tests.sync.conftest import network, network_template  # noqa: F401  (fixtures for the sync tests)

PROJECTS = [
    {"code": "2021-102-001", "name": "安南村牦牛养殖产业项目", "year": 2021, "level": "市级", "category": "产业",
     "village": "安南村", "planned_investment_wan": "620", "stage": "operating"},
    {"code": "2021-102-002", "name": "联合村通组道路硬化项目", "year": 2021, "level": "区级", "category": "基础设施",
     "village": "联合村", "planned_investment_wan": "180", "stage": "completed"},
    {"code": "2022-102-001", "name": "团结村人饮管网改造项目", "year": 2022, "level": "县级", "category": "饮水",
     "village": "团结村", "planned_investment_wan": "95", "stage": "construction"},
]


def add_projects(app) -> None:
    from desktop.projects import projects

    projects.create_many(app, PROJECTS, source="测试")


@pytest.fixture
def town(township_app):
    """The 小中甸镇 township folder with three projects (one operating, one completed, one in construction)."""
    add_projects(township_app)
    return township_app


def asset(**over) -> dict:
    """A valid asset input, changed by keyword."""
    base = {"name": "牦牛养殖圈舍", "class": "经营性", "subtype": "产业基地", "project": "2021-102-001",
            "value_yuan": "4800000", "scale": "1200", "unit": "平方米", "owner_level": "村级",
            "owner": "安南村股份经济合作社", "operator": "安南村牦牛养殖专业合作社", "manager": "安南村委会",
            "manager_person": "扎西", "built_on": "2021-10-20", "accepted_on": "2021-12-10"}
    base.update(over)
    return {k: v for k, v in base.items() if v is not None}
