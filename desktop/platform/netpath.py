"""Is a folder on a network share? SQLite must not run there.

Why: SQLite's WAL mode needs shared memory that network file systems (SMB/CIFS shares, mapped
drives, NFS) do not provide, and their file locking is unreliable: two PCs writing one database
file on a share corrupt it. A shared office uses a PostgreSQL server instead (docs/postgresql.md).
Windows: a UNC path (\\\\server\\share) or a drive letter that GetDriveTypeW calls DRIVE_REMOTE.
Linux: the file system type of the mount holding the folder (/proc/self/mounts).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

from desktop.core.errors import UserError

DRIVE_REMOTE = 4
MOUNTS = Path("/proc/self/mounts")
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
              "fuse.sshfs", "sshfs", "fuse.gvfsd-fuse", "fuse.smbnetfs", "davfs", "fuse.davfs2", "fuse.rclone"}


def is_network_path(path, *, platform: str | None = None, drive_type=None, mounts_text: str | None = None) -> bool:
    """True when `path` lives on a network file system (simulate Windows with platform='win32')."""
    platform = platform or sys.platform
    if platform == "win32":
        return _windows_network(str(path), drive_type)
    return _mount_fs_type(Path(path), mounts_text) in NETWORK_FS


def _windows_network(text: str, drive_type) -> bool:
    p = PureWindowsPath(text)
    anchor = p.anchor
    if anchor.startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")):
        return True
    if anchor.startswith("\\\\?\\") or anchor.startswith("\\\\.\\"):
        anchor = anchor[4:]  # \\?\C:\... is a local path written the long way
    if anchor.startswith("\\\\"):
        return True  # \\server\share\...
    if len(anchor) >= 2 and anchor[1] == ":":
        if drive_type is None:
            import ctypes

            drive_type = ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
        return drive_type(anchor[:2] + "\\") == DRIVE_REMOTE
    return False


def _mount_fs_type(path: Path, mounts_text: str | None) -> str:
    """The type of the deepest mount point containing `path` ('' when unknown)."""
    if mounts_text is None:
        try:
            mounts_text = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
    target = _existing_ancestor(path)
    best, fs = "", ""
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        inside = target == mount or target.startswith(mount.rstrip("/") + "/") or mount == "/"
        if inside and len(mount) >= len(best):
            best, fs = mount, parts[2]
    return fs


def _existing_ancestor(path: Path) -> str:
    """The absolute path with symbolic links of its existing part resolved (the rest kept as written)."""
    p = Path(os.path.abspath(path))
    rest: list[str] = []
    while not p.exists() and p.parent != p:
        rest.insert(0, p.name)
        p = p.parent
    try:
        p = p.resolve()
    except OSError:
        pass
    return str(p.joinpath(*rest))


def refuse_sqlite_on_network(folder, **simulate) -> None:
    """UserError when a SQLite data folder is on a network share."""
    if is_network_path(folder, **simulate):
        raise UserError(f"数据文件夹 {folder} 在网络共享文件夹（或映射的网络驱动器）上。TownDesk 的本机数据库不能放在"
                        "网络文件夹中：网络文件系统不支持它需要的文件锁，几台电脑同时使用会损坏数据。请把数据文件夹放在本机磁盘"
                        "上；如果几位经办人需要共用同一份数据，请按使用说明中的《PostgreSQL 共享数据库设置》"
                        "（docs/postgresql.md）改用共享数据库服务器。")
