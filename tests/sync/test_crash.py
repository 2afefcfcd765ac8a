"""kill -9 of the importer (or exporter) at any point: the database is before or after, never between."""
from __future__ import annotations

import random

import pytest

from desktop.sync import service
from desktop.sync.importer import CRASH_ENV
from tests.conftest import db_dump
from tests.sync.data import add_project, snapshot


@pytest.fixture
def package(pair, tmp_path):
    town, county = pair
    for i in range(4):
        add_project(town, name=f"项目{i}", attachment_bytes=f"扫描件{i}".encode() * 3000)
    out = service.export_package(town, tmp_path / "p.tdpkg")
    return town, county, tmp_path / "p.tdpkg", out["change_sets"]


def crash_points(n_sets: int) -> list[str]:
    rng = random.Random(20201030)
    return ["verified", "backed_up", "apply:1", *(f"apply:{k}" for k in sorted(rng.sample(range(2, n_sets), 2))),
            f"apply:{n_sets}", "before_commit", "committed"]


def test_kill_importer_at_random_points(package, cli_process, monkeypatch):
    """A real `towndesk import` process is killed at each point; the database is all-before or all-after; retry works."""
    town, county, path, n_sets = package
    before = db_dump(county.layout.database)
    points = crash_points(n_sets)
    for point in points:
        monkeypatch.setenv(CRASH_ENV, point)
        res = cli_process("import", path, data_dir=county.data_dir)
        assert res.code == -9, (point, res.code, res.err)
        after = db_dump(county.layout.database)
        if point != "committed":
            assert after == before, f"database changed after kill at {point}"
    monkeypatch.delenv(CRASH_ENV)
    assert snapshot(county, town.node.region_code) == snapshot(town)  # the last kill came after the commit
    assert service.import_package(county, path)["status"] == "already_imported"


def test_retry_after_kill_succeeds(package, cli_process, monkeypatch):
    """After a kill in the middle of applying, importing again applies the package completely."""
    town, county, path, n_sets = package
    monkeypatch.setenv(CRASH_ENV, f"apply:{n_sets // 2}")
    assert cli_process("import", path, data_dir=county.data_dir).code == -9
    monkeypatch.delenv(CRASH_ENV)
    res = cli_process("import", path, "--json", data_dir=county.data_dir)
    assert res.code == 0 and res.json()["status"] == "applied"
    assert snapshot(county, town.node.region_code) == snapshot(town)
    assert list(county.layout.tmp.glob("sync-*")) == []  # the killed run's temp files were cleaned up


def test_kill_exporter_leaves_no_half_file(pair, cli_process, monkeypatch, tmp_path):
    """An export killed after writing but before the rename leaves nothing under the final name."""
    town, county = pair
    add_project(town, attachment_bytes=b"x" * 200_000)
    monkeypatch.setenv(CRASH_ENV, "export_written")
    res = cli_process("export", "--to", tmp_path / "out.tdpkg", data_dir=town.data_dir)
    assert res.code == -9
    assert not (tmp_path / "out.tdpkg").exists() and len(list(tmp_path.glob(".out.tdpkg.*.part"))) == 1
    monkeypatch.delenv(CRASH_ENV)
    assert cli_process("export", "--to", tmp_path / "out.tdpkg", data_dir=town.data_dir).code == 0
    assert list(tmp_path.glob(".out.tdpkg.*.part")) == []  # the next export cleared the dead one's leftover
    assert service.import_package(county, tmp_path / "out.tdpkg")["status"] == "applied"
