"""Content-addressed attachment store: each file kept once under its SHA-256.

A file is written to a temporary name and renamed into place before any database row
refers to it, so a crash leaves at worst an orphan file (found by verify), never a row
pointing at nothing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from desktop.core.paths import DataLayout


class AttachmentStore:
    def __init__(self, layout: DataLayout):
        self.root = layout.attachments

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put_file(self, source: Path) -> tuple[str, int]:
        """Copy a file into the store (once); returns (sha256, size)."""
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".incoming-{os.getpid()}-{os.urandom(4).hex()}"
        digest, size = hashlib.sha256(), 0
        try:
            with open(source, "rb") as src, open(tmp, "wb") as dst:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            sha = digest.hexdigest()
            final = self.path_for(sha)
            if final.exists():
                tmp.unlink()
            else:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, final)
            return sha, size
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def put_bytes(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        final = self.path_for(sha)
        if not final.exists():
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = final.with_name(f".{sha}.{os.getpid()}.part")
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, final)
        return sha

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def copy_out(self, sha256: str, dest: Path) -> None:
        shutil.copyfile(self.path_for(sha256), dest)

    def orphans(self, known: set[str]) -> list[Path]:
        if not self.root.exists():
            return []
        out = []
        for p in self.root.rglob("*"):
            if p.is_file() and (p.name.startswith(".") or p.name not in known):
                out.append(p)
        return out
