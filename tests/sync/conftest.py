"""Sync fixtures: a county and townships with real keys, enrolled with each other through identity files."""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import COUNTY, TOWNSHIP

OTHER_TOWNSHIPS = [("533401103000", "建塘镇"), ("533401104000", "虎跳峡镇")]


def enroll(a, b, tmp) -> None:
    """Each side exports its identity file and the other adds it with the fingerprint it was told."""
    from desktop.sync import peers

    for x, y in ((a, b), (b, a)):
        ident = peers.export_identity(x, tmp / f"{x.node.id}.json")
        peers.add_peer(y, tmp / f"{x.node.id}.json", ident["fingerprint"])


def make_node(root, role, code, name):
    from desktop.core.app import init_data_folder

    app = init_data_folder(root, role=role, region_code=code, name=name)
    app.user_name = "测试员"
    return app


@pytest.fixture(scope="session")
def network_template(tmp_path_factory):
    """One county and three townships, enrolled, made once per session; tests copy the folders."""
    base = tmp_path_factory.mktemp("network")
    county = make_node(base / "county", "county", *COUNTY)
    towns = [make_node(base / f"t{i}", "township", code, name)
             for i, (code, name) in enumerate([TOWNSHIP, *OTHER_TOWNSHIPS])]
    for t in towns:
        enroll(county, t, base)
    for a in (county, *towns):
        a.dispose()
    return base


def open_copy(template, dest, name):
    from desktop.core.app import open_app

    shutil.copytree(template / name, dest / name)
    app = open_app(dest / name)
    app.user_name = "测试员"
    return app


@pytest.fixture
def network(tmp_path, network_template):
    """A private copy: (county, [township 小中甸镇, 建塘镇, 虎跳峡镇])."""
    county = open_copy(network_template, tmp_path, "county")
    towns = [open_copy(network_template, tmp_path, f"t{i}") for i in range(3)]
    yield county, towns
    for a in (county, *towns):
        a.dispose()


@pytest.fixture
def pair(network):
    """(township 小中甸镇, county)."""
    county, towns = network
    return towns[0], county
