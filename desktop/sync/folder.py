"""Importing a folder of packages, the county's day (DESIGN.md §6.3): every package all-or-nothing, and a
bad one does not stop the rest.

On SQLite the packages applied within about a second share one transaction and one commit. Why: a commit
writes every page the package touched and waits for the disk, ≈ 4 ms each, which is most of what a small
township's package costs the county (docs/performance.md, round 7). Bounded by time, so the write lock is
held no longer than one large package's own import holds it. The rules stay those of single packages:
- a package that fails a check (verify, sender, trust, ownership) was refused before writing anything,
  so the group goes on without it;
- a package that fails while being applied has written part of itself into the shared transaction: the
  group is rolled back and its packages imported again one by one, each in its own transaction, so the
  failing one is refused (or raises) alone, exactly as in a one-by-one import;
- killed at any point, the database holds whole groups: a package is in or out, never half in, and a
  retry imports what is missing (the others are `already_imported`).
"""
from __future__ import annotations

import time
from pathlib import Path

from desktop.core import gcpause
from desktop.core.errors import UserError
from desktop.sync import container
from desktop.sync.importer import (STAGE_FILES, crash_point, load_keys, log_imported, run_verified,
                                   store_durably)
from desktop.sync.verify import clean_stale_temps, known_nodes, verify

GROUP_SECONDS = 1.0  # a group of packages is committed once it has taken this long


class Folder:
    """One folder import: what is read once for all its packages, and whether the backup is made."""

    def __init__(self, app, dry_run: bool, progress):
        self.app, self.dry_run, self.progress = app, dry_run, progress
        self.keys = load_keys(app)
        clean_stale_temps(app)
        self.nodes = known_nodes(app)  # an import changes no peer's registration
        self.user = None if dry_run else _folder_user(app)
        self.backed_up = False

    @property
    def shares_commits(self) -> bool:
        return not self.dry_run and self.user is not None and self.app.engine.url.get_backend_name() == "sqlite"

    def one(self, path, session=None) -> dict:
        """Verify and import one package; a refusal becomes a 'rejected' result (PartlyApplied goes up)."""
        try:
            v = verify(self.app, path, self.keys, stage_files=STAGE_FILES and not self.dry_run, nodes=self.nodes,
                       flush_early=session is None)  # a group flushes its packages' copies together, at its end
        except UserError as e:
            return {"status": "rejected", "file": str(path), "message": e.message,
                    "sender": _claimed_sender(self.nodes, path)}
        try:
            res = run_verified(self.app, v, dry_run=self.dry_run, backup=not self.backed_up, progress=self.progress,
                               user=self.user, session=session)
            self.backed_up = self.backed_up or bool(res.get("backup"))
            return res
        except UserError as e:
            return {"status": "rejected", "file": str(path), "message": e.message,
                    "sender": {"name": v.sender.name, "region_code": v.sender.region_code}}
        finally:
            v.close()

    def group(self, paths: list) -> list[dict]:
        """Import from the front of `paths` in one transaction until GROUP_SECONDS have passed (at least one
        package); the results of the packages taken. A package failing half-applied: see the module doc."""
        results: list[dict] = []
        start = time.monotonic()
        files: dict = {}  # target → temporary file of the attachments received, stored once before the commit
        try:
            with self.app.tx(self.user, right="edit") as session:
                session.info["deferred_files"] = files
                for path in paths:
                    if results and time.monotonic() - start >= GROUP_SECONDS:
                        break
                    results.append(self.one(path, session))
                store_durably(self.app, [(tmp, target) for target, tmp in files.items()])
                files.clear()
                crash_point("before_commit")
        except Exception:  # PartlyApplied, or an error no check foresaw: rolled back, so each on its own
            return [self.one(path) for path in paths[:len(results) + 1]]
        finally:
            for tmp in files.values():
                tmp.unlink(missing_ok=True)
        crash_point("committed")
        for r in results:
            if r["status"] in ("applied", "outdated"):
                log_imported(r["package_id"], r["sender"]["name"], r)
        return results


def import_many(app, paths: list[Path], *, dry_run: bool = False, progress=None) -> list[dict]:
    """Import several packages in the order given (each all-or-nothing); a bad one does not stop the rest."""
    folder = Folder(app, dry_run, progress)
    with gcpause.paused():  # a package's change sets are alive until applied (desktop/core/gcpause.py)
        if not folder.shares_commits or len(paths) < 2:
            return [folder.one(path) for path in paths]
        results: list[dict] = []
        while len(results) < len(paths):
            results += folder.group(list(paths[len(results):]))
        return results


def _folder_user(app) -> str | None:
    """The account that imports the whole folder, authorized once instead of once per package, when that needs
    no password: no accounts yet, or one signed in. Else None: the first package's own transaction asks for
    the password (as a single import does), and a refusal reaches each package in its own transaction."""
    from desktop.core import identity

    if getattr(app, "actor", None) is None and identity.has_accounts(app):
        return None
    try:
        return identity.authorize(app, "edit")["username"]
    except UserError:
        return None


def _claimed_sender(nodes: dict, path: Path) -> dict:
    """Who a rejected file's unauthenticated header says it is from, marked as a claim ("自称"):
    the report may ask that node to resend, but never treats the claim as proven."""
    head = _clear_header(path)
    sender = head.get("sender") if isinstance(head, dict) else None
    node = nodes.get(sender) if isinstance(sender, str) else None
    return {"name": node.name, "region_code": node.region_code, "claimed": True} if node is not None else {}


def _clear_header(path: Path) -> dict | None:
    """The clear header (or part header) of a file, or None if it is not readable as one."""
    try:
        part = container.read_part_head(Path(path))
        if part:
            return part[0]
        with open(path, "rb") as f:
            return container.read_header(f, Path(path).name)[0]
    except (UserError, OSError, KeyError):
        return None
