"""Copies that hold personal data — before-import snapshots, automatic snapshots, backup zips — are
readable by their owner only, from the moment they are created."""
from __future__ import annotations

import os
import stat

import pytest

from desktop.sync import service
from tests.sync.conftest import network, network_template, pair  # noqa: F401  (fixtures)
from tests.sync.data import add_project

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; Windows uses the profile's ACLs")


def _others_can_read(path) -> bool:
    return bool(stat.S_IMODE(os.stat(path).st_mode) & 0o077)


@pytest.mark.sqlite_only(reason="backup files exist only for a SQLite data folder")
def test_backups_are_owner_only(pair, tmp_path, figures):
    """Even under a permissive umask, every database copy and backup zip is created 0600 in a 0700 folder."""
    from desktop.backup.archive import write_archive
    from desktop.backup.snapshot import make_backup

    town, county = pair
    old = os.umask(0o002)
    try:
        add_project(town)
        path = tmp_path / "p.tdpkg"
        service.export_package(town, path)
        before_import = service.import_package(county, path)["backup"]
        snap = make_backup(county, "manual").path
        archive = write_archive(county, tmp_path / "backup.zip")["file"]
    finally:
        os.umask(old)
    files = [before_import, snap, archive]
    folders = [os.path.dirname(before_import), os.path.dirname(snap)]
    loose = [p for p in files + folders if _others_can_read(p)]
    figures.record("private_files", trials=len(files) + len(folders), failures=len(loose),
                   note="before-import snapshot, automatic snapshot, backup zip and their folders, umask 002")
    assert loose == []
