"""SQLite data folders on a network share are refused, pointing to the PostgreSQL set-up."""
from __future__ import annotations

import pytest

from desktop.core.errors import UserError
from desktop.platform import netpath


@pytest.mark.parametrize("path, remote, expected", [
    (r"\\fileserver\台账\小中甸镇", False, True),  # UNC share
    ("//fileserver/share/data", False, True),  # UNC written with slashes
    (r"\\?\UNC\fileserver\share\data", False, True),  # long-path UNC
    (r"Z:\TownDesk", True, True),  # mapped network drive
    (r"C:\Users\clerk\AppData\Local\TownDesk", False, False),  # local disk
    (r"\\?\C:\TownDesk", False, False),  # local disk, long-path form
])
def test_windows_paths(path, remote, expected):
    """UNC paths and drive letters that Windows reports as DRIVE_REMOTE are network paths; local ones are not."""
    drive_type = lambda root: netpath.DRIVE_REMOTE if remote else 3  # noqa: E731  (3 = DRIVE_FIXED)
    assert netpath.is_network_path(path, platform="win32", drive_type=drive_type) is expected


MOUNTS = """/dev/vda1 / ext4 rw 0 0
//nas/share /mnt/share cifs rw 0 0
nas:/export /mnt/nfs nfs4 rw 0 0
/dev/vdb1 /mnt/share/local\\040disk ext4 rw 0 0
"""


@pytest.mark.parametrize("path, expected", [
    ("/mnt/share/台账", True), ("/mnt/nfs/a/b", True), ("/home/clerk/TownDesk", False),
    ("/mnt/share/local disk/x", False),  # a local disk mounted inside the share: the deepest mount wins
    ("/mnt/sharecopy", False),  # a prefix of a mount point is not inside it
])
def test_linux_mount_types(path, expected):
    """On Linux the file system type of the deepest mount holding the folder decides."""
    assert netpath.is_network_path(path, platform="linux", mounts_text=MOUNTS) is expected


@pytest.mark.sqlite_only(reason="a SQLite file on a network share; a server database has no such file")
def test_open_app_refuses_sqlite_on_a_share(tmp_path, monkeypatch):
    """Opening a data folder on a (simulated) CIFS mount is refused before anything is written there."""
    from desktop.core.app import init_data_folder

    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/vda1 / ext4 rw 0 0\n//nas/share {tmp_path / 'share'} cifs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(netpath, "MOUNTS", mounts)
    folder = tmp_path / "share" / "TownDesk"
    with pytest.raises(UserError) as e:
        init_data_folder(folder, role="township", region_code="533401102000", name="小中甸镇")
    assert str(folder) in e.value.message and "PostgreSQL" in e.value.message and "--" not in e.value.message
    assert not folder.exists()


@pytest.mark.sqlite_only("the PostgreSQL run has no SQLite file to refuse")
def test_local_folder_still_opens(township_app):
    """A folder on the local disk opens as before."""
    assert township_app.node is not None
