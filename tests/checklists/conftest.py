"""Fixtures for checklist tests: a township folder with a few projects of known shape."""
from __future__ import annotations

import pytest

from desktop.projects import projects


def add_project(app, name: str, **extra) -> dict:
    data = {"name": name, "year": 2020, "level": "市级", "category": "产业", "planned_investment_yuan": "6200000",
            "funding_sources": ["沪滇协作资金"], "stage": "construction", "start_date": "2020-05-10",
            "planned_completion_date": "2020-10-30", **extra}
    return projects.create_project(app, data)


@pytest.fixture
def small_app(township_app):
    """Three projects: a 620万 industry project, a 5万 village one, a 衔接资金 road."""
    add_project(township_app, "安南村牦牛养殖产业项目", code="2020-102-001")
    add_project(township_app, "团结村村企结对小项目", code="2020-102-002", level="村企结对", category="人居环境",
                planned_investment_yuan="50000", funding_sources=["村企结对资金"], stage="preparation")
    add_project(township_app, "和平村产业路", code="2021-102-001", year=2021, category="基础设施",
                funding_sources=["衔接推进乡村振兴补助资金"], planned_investment_yuan="1200000", stage="completed",
                start_date="2021-05-01", planned_completion_date="2021-10-30")
    return township_app


def store_files(app) -> list:
    root = app.layout.attachments
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.exists() else []
