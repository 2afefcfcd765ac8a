"""Change sets for the layers above db/: what a unit of work changed, and what other programs changed.

Why: the GUI must learn from the core what changed (never guess it in a widget), and a change
made with the command line or by another clerk must reach an open window. `DataWatch` notices
commits by other connections cheaply (`PRAGMA data_version` on SQLite; on PostgreSQL, which
has no equivalent, a poll of the change log's newest sequence number) and turns the change-log
rows they wrote into a ChangeSet, leaving out the rows this program wrote itself.
"""
from __future__ import annotations

import dataclasses
import sqlite3
import threading

from sqlalchemy import func, select

from db.changes import ALL, NOTHING, ChangeSet, collect, declare_all

# What each kind of view shows, by table: a view names the groups it shows, the core says which
# tables changed. tests/core/test_changes.py checks that every table is in exactly one group.
PROJECTS = frozenset({"project", "library_transition"})  # the project and its library review steps
PROJECT_RECORDS = frozenset({"fund_allocation", "disbursement", "expenditure", "milestone", "progress_report",
                             "household", "benefit_link"})
CHECKLISTS = frozenset({"checklist_standard", "checklist_item", "project_document", "attachment"})
TEMPLATES = frozenset({"template", "generated_document"})
INSPECTIONS = frozenset({"inspection", "rectification"})
NOTICES = frozenset({"notice", "notice_reply"})
RISK = frozenset({"risk_assessment"})
SYNC = frozenset({"peer_state", "package_log", "conflict", "attachment_transfer", "node"})
SETTINGS = frozenset({"setting", "region", "terms_file"})
ASSETS = frozenset({"asset", "asset_source"})
ACCOUNTS = frozenset({"user", "security_event", "personal_key"})
LOG = frozenset({"change_log"})
GROUPS = {"PROJECTS": PROJECTS, "PROJECT_RECORDS": PROJECT_RECORDS, "CHECKLISTS": CHECKLISTS,
          "TEMPLATES": TEMPLATES, "INSPECTIONS": INSPECTIONS, "NOTICES": NOTICES, "RISK": RISK, "SYNC": SYNC,
          "SETTINGS": SETTINGS, "ACCOUNTS": ACCOUNTS, "LOG": LOG, "ASSETS": ASSETS}
OVERSIGHT = INSPECTIONS | NOTICES | RISK

MAX_ROWS = 5000  # more external change-log rows than this at once: just reload everything


def describe(app, changes: ChangeSet) -> ChangeSet:
    """The same ChangeSet with the codes of the projects it names (for views keyed by code)."""
    from db.models import Project

    if changes.everything or not changes.projects:
        return changes
    with app.read() as s:
        codes = s.scalars(select(Project.code).where(Project.id.in_(list(changes.projects)[:900]))).all()
    return dataclasses.replace(changes, codes=changes.codes | frozenset(c for c in codes if c))


class DataWatch:
    """Notices commits made outside this program and says what they changed."""

    def __init__(self, app):
        from db.models import ChangeLog

        self.app = app
        self._lock = threading.Lock()
        self._own: set[tuple[str, int]] = set()
        with app.read() as s:
            self._last_seq = s.scalar(select(func.max(ChangeLog.seq))) or 0
        self._probe_con = None
        self._version = None
        database = app.engine.url.database if app.engine.url.get_backend_name() == "sqlite" else None
        if database:
            self._probe_con = sqlite3.connect(database, check_same_thread=False)
            self._version = self._data_version()

    @property
    def uses_data_version(self) -> bool:
        return self._probe_con is not None

    def _data_version(self) -> int:
        return self._probe_con.execute("PRAGMA data_version").fetchone()[0]

    def probe(self) -> bool:
        """Cheap check (any thread): might another connection have committed since the last probe?

        SQLite: `PRAGMA data_version` changes when any other connection commits (microseconds).
        PostgreSQL has no such counter: always True, and collect() runs one indexed query.
        """
        if self._probe_con is None:
            return True
        with self._lock:
            version = self._data_version()
            changed, self._version = version != self._version, version
        return changed

    def note_own(self, log_keys) -> None:
        """Change-log rows this program wrote (origin_node, origin_seq): not reported as external."""
        with self._lock:
            self._own.update(log_keys)

    def collect(self) -> ChangeSet:
        """What other programs changed since the last call, from the change-log rows they wrote."""
        from db.models import ChangeLog

        with self.app.read() as s:
            rows = s.execute(select(ChangeLog.seq, ChangeLog.table_name, ChangeLog.record_id, ChangeLog.project_id,
                                    ChangeLog.origin_node, ChangeLog.origin_seq)
                             .where(ChangeLog.seq > self._last_seq).order_by(ChangeLog.seq).limit(MAX_ROWS + 1)).all()
        if not rows:
            return NOTHING
        with self._lock:
            self._last_seq = rows[-1].seq
            seen = {(r.origin_node, r.origin_seq) for r in rows}
            foreign = [r for r in rows if (r.origin_node, r.origin_seq) not in self._own]
            self._own -= seen
        if len(rows) > MAX_ROWS:
            return ALL
        if not foreign:
            return NOTHING
        return describe(self.app, ChangeSet(frozenset(r.table_name for r in foreign),
                                            frozenset(r.record_id for r in foreign),
                                            frozenset(r.project_id for r in foreign if r.project_id)))

    def close(self) -> None:
        if self._probe_con is not None:
            self._probe_con.close()
            self._probe_con = None


__all__ = ["ChangeSet", "ALL", "NOTHING", "collect", "declare_all", "describe", "DataWatch", "GROUPS", "OVERSIGHT",
           *GROUPS]
