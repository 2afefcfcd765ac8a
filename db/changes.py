"""What a transaction changed, as the tracker saw it: tables, records and projects.

Why here: every write goes through a session whose flushes db.tracking already watches, so the
core (not a widget) is the one that knows what changed. A committed transaction hands its
ChangeSet to the caller (`session.info["changes"]` after commit, or every set committed inside
`collect()`), and the GUI refreshes exactly the views that show those tables.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator


@dataclass(frozen=True)
class ChangeSet:
    """Tables, record ids and project ids a unit of work changed; `everything` means reload all.

    Empty means nothing changed. "Everything" is explicit (ALL), e.g. after a restore replaced
    the database, or a change from outside this program the change log cannot explain.
    """

    tables: frozenset = frozenset()
    records: frozenset = frozenset()
    projects: frozenset = frozenset()
    everything: bool = False
    codes: frozenset = frozenset()  # project codes (old and new), filled where known

    def __bool__(self) -> bool:
        return self.everything or bool(self.tables)

    def __or__(self, other: "ChangeSet") -> "ChangeSet":
        return ChangeSet(self.tables | other.tables, self.records | other.records,
                         self.projects | other.projects, self.everything or other.everything,
                         self.codes | other.codes)

    def touches(self, tables: Iterable[str]) -> bool:
        """True when a view showing these tables must reload."""
        return self.everything or not self.tables.isdisjoint(tables)

    def touches_project(self, project_id: str | None) -> bool:
        """True unless the change names its projects and this one is not among them."""
        return self.everything or not self.projects or project_id in self.projects

    @staticmethod
    def of_tables(*tables: str, projects: Iterable[str] = ()) -> "ChangeSet":
        return ChangeSet(frozenset(tables), frozenset(), frozenset(p for p in projects if p))


NOTHING = ChangeSet()
ALL = ChangeSet(everything=True)


class Builder:
    """Collects what the flushes of one transaction touched (kept in session.info)."""

    def __init__(self) -> None:
        self.tables: set[str] = set()
        self.records: set[str] = set()
        self.projects: set[str] = set()
        self.codes: set[str] = set()
        self.everything = False
        self.log_keys: set[tuple[str, int]] = set()  # (origin_node, origin_seq) of change-log rows written

    def add(self, table: str, record_id=None, project_id=None) -> None:
        self.tables.add(table)
        if record_id:
            self.records.add(str(record_id))
        if project_id:
            self.projects.add(str(project_id))

    def freeze(self) -> ChangeSet:
        return ChangeSet(frozenset(self.tables), frozenset(self.records), frozenset(self.projects), self.everything,
                         frozenset(self.codes))


_local = threading.local()


class Collected:
    """Everything committed inside one `collect()` block on this thread."""

    def __init__(self) -> None:
        self.changes: ChangeSet = NOTHING
        self.log_keys: set[tuple[str, int]] = set()


@contextmanager
def collect() -> Iterator[Collected]:
    """Gather the ChangeSets of every transaction committed on this thread inside the block."""
    stack = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    got = Collected()
    stack.append(got)
    try:
        yield got
    finally:
        stack.remove(got)


def publish(changes: ChangeSet, log_keys: set) -> None:
    """Called by the tracker after a commit: every open collect() on this thread receives it."""
    for got in getattr(_local, "stack", ()):
        got.changes = got.changes | changes
        got.log_keys |= log_keys


def declare_all() -> None:
    """Say that the data was replaced wholesale (restore, a new database): every view reloads."""
    publish(ALL, set())


__all__ = ["ChangeSet", "NOTHING", "ALL", "collect", "publish", "declare_all", "Builder"]
