"""Files that hold personal data (database copies, backup archives) are created readable by the owner only.

Why: a snapshot or backup zip holds every household's name, ID and phone number; on a shared PC a
world-readable copy in the data folder is a leak. The file is created empty with mode 0600 *before*
SQLite or zipfile writes into it (VACUUM INTO accepts an empty file), so there is no moment when it
is readable by others; folders are 0700. On Windows the modes are ignored (the profile's ACLs apply).
"""
from __future__ import annotations

import os
from pathlib import Path

FILE_MODE, DIR_MODE = 0o600, 0o700


def private_dir(path: Path) -> Path:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix":
        os.chmod(path, DIR_MODE)
    return path


def create_private(path: Path, folder_too: bool = False) -> Path:
    """An empty file only the owner can read (replacing a stale one). `folder_too` also makes its folder
    owner-only: only for folders inside the data folder, never for a place the user chose."""
    path = Path(path)
    if folder_too:
        private_dir(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    return path
