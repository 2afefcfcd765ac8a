"""A folder import shares one commit among the packages of about a second (desktop/sync/folder.py): the end
state and every package's result are those of importing the packages one by one, in any order and mix."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.attachments_store import AttachmentStore
from desktop.core.errors import UserError
from desktop.sync import apply, folder, service
from tests.conftest import db_dump
from tests.sync.conftest import open_copy
from tests.sync.data import add_project, snapshot

pytestmark = pytest.mark.sqlite_only(reason="commits are shared on SQLite only; on a server each package "
                                             "keeps its own transaction (the one-by-one path, tested everywhere)")


def _packages(towns, out, mixed: bool = True):
    """One package from each township, each with a scan (the last two the same scan); `mixed`: also a second one
    from the first, a copy of one and a damaged file."""
    out.mkdir()
    for i, t in enumerate(towns):
        add_project(t, name=f"{t.node.name}项目", attachment_bytes=SCANS[min(i, 1)])
        service.export_package(t, out / f"{t.node.region_code}-1.tdpkg")
    if not mixed:
        return sorted(out.glob("*.tdpkg"))
    add_project(towns[0], name="第二批项目")
    service.export_package(towns[0], out / "second.tdpkg")
    shutil.copy(out / f"{towns[1].node.region_code}-1.tdpkg", out / "copy.tdpkg")
    data = bytearray((out / f"{towns[2].node.region_code}-1.tdpkg").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (out / "damaged.tdpkg").write_bytes(bytes(data))
    return sorted(out.glob("*.tdpkg"))


SCANS = ["同一份扫描件".encode() * 2000, "另一份扫描件".encode() * 2500]


def _stored(app) -> set:
    """The scans the county's attachment store holds, whole."""
    store = AttachmentStore(app.layout)
    return {scan for scan in SCANS if store.has(hashlib.sha256(scan).hexdigest())
            and store.path_for(hashlib.sha256(scan).hexdigest()).read_bytes() == scan}


def _outcome(results):
    return [(Path(r["file"]).name, r["status"], r.get("added"), r.get("message")) for r in results]


def test_a_package_failing_half_applied_is_refused_alone(network, tmp_path, monkeypatch):
    """When one package fails after writing part of itself into the shared transaction, it alone is refused with
    its message and nothing of it stays; the packages before and after it in the group are applied."""
    county, towns = network
    files = _packages(towns, tmp_path / "in", mixed=False)
    bad = towns[1].node.name
    real_window = apply.Applier._window

    def failing_window(self, window, after):
        real_window(self, window, after)  # its records are written first
        if self.sender.name == bad:
            raise UserError("模拟：写到一半出错")
    monkeypatch.setattr(apply.Applier, "_window", failing_window)
    results = folder.import_many(county, files)
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["message"] == "模拟：写到一半出错"
    assert snapshot(county, towns[1].node.region_code) == {}
    for t in (towns[0], towns[2]):
        assert snapshot(county, t.node.region_code) == snapshot(t)
    assert _stored(county) == set(SCANS)  # the first township's scan came with it, the other with the third
    assert not list(county.layout.attachments.rglob("*.part")) and not list(county.layout.tmp.glob("sync-*"))


@pytest.fixture
def folder_case(network, tmp_path):
    """The packages of `_packages` and the county folder before any import (its database closed)."""
    county, towns = network
    files = _packages(towns, tmp_path / "in")
    county.dispose()
    return county.data_dir, files


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), group_seconds=st.sampled_from([0.0, 60.0]))
def test_shared_commits_give_what_one_by_one_gives(folder_case, tmp_path_factory, monkeypatch, data, group_seconds):
    """For any order and mix of good, repeated, out-of-order and damaged packages, importing the folder with shared
    commits (every package in one group, or each in its own) gives each file the result and the county the
    records that importing them one by one gives."""
    template, files = folder_case
    chosen = data.draw(st.lists(st.sampled_from(files), min_size=2, max_size=7))
    outcomes = []
    for shared in (True, False):
        work = tmp_path_factory.mktemp("county")
        county = open_copy(template.parent, work, template.name)
        try:
            monkeypatch.setattr(folder, "GROUP_SECONDS", group_seconds)
            monkeypatch.setattr(folder.Folder, "shares_commits", property(lambda self, s=shared: s))
            results = folder.import_many(county, chosen)
            outcomes.append((_outcome(results), snapshot(county), _stored(county)))
        finally:
            county.dispose()
    assert outcomes[0] == outcomes[1]


def test_killed_folder_import_holds_whole_groups(network, tmp_path, cli_process, monkeypatch):
    """A real `towndesk import FOLDER` killed before the shared commit leaves the database as it was; killed after
    it, every package is in; importing the folder again then finds them all already imported."""
    from desktop.sync.importer import CRASH_ENV

    county, towns = network
    only = tmp_path / "folder"
    _packages(towns, only, mixed=False)
    before = db_dump(county.layout.database)
    for point in ("apply:1", "before_commit"):
        monkeypatch.setenv(CRASH_ENV, point)
        assert cli_process("import", only, data_dir=county.data_dir).code == -9
        assert db_dump(county.layout.database) == before, point
    monkeypatch.setenv(CRASH_ENV, "committed")
    assert cli_process("import", only, data_dir=county.data_dir).code == -9
    monkeypatch.delenv(CRASH_ENV)
    for t in towns:
        assert snapshot(county, t.node.region_code) == snapshot(t)
    again = service.import_folder(county, only)
    assert again["already_imported"] == 3

