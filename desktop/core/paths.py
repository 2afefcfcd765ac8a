"""Where the data folder is and what it holds."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_HOME = "TOWNDESK_HOME"


def resolve_data_dir(arg: str | os.PathLike | None = None) -> Path:
    """--data-dir, else $TOWNDESK_HOME, else the platform's per-user data folder."""
    if arg:
        return Path(arg).expanduser().resolve()
    if os.environ.get(ENV_HOME):
        return Path(os.environ[ENV_HOME]).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir("TownDesk", appauthor=False)).resolve()


@dataclass(frozen=True)
class DataLayout:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "towndesk.db"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "towndesk.log"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    def make_dirs(self) -> None:
        for d in (self.root, self.attachments, self.backups, self.logs, self.exports, self.keys, self.tmp):
            d.mkdir(parents=True, exist_ok=True)


def resource_path(*parts: str) -> Path:
    """A file shipped in resources/, found the same way from source and from a frozen build."""
    import sys

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base.joinpath("resources", *parts)
