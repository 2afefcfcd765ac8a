"""An import's bookkeeping rows — the peer's counters, the package log, received files — in Core statements
built once per process.

Why: each package of a folder import reads and writes about a dozen small rows of this node's own tables
(never synced, never in the change log). A Core statement built at each call cost ≈ 250 µs of SQLAlchemy
construction and cache-key work on an office PC, an ORM get or flush more; built once with bind
parameters it costs ≈ 50 µs, with the same SQL on SQLite and PostgreSQL. As no ORM object of these
tables lives in an import's session, no flush hook needs them: `db.tracking.note` tells the transaction's
change set which tables changed, so open views still refresh.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import bindparam, func, insert, select, update

from db import tracking
from db.models import AttachmentTransfer, Node, PackageLog, PeerState


@dataclass
class Counters:
    """A peer's sync counters as the import reads and moves them (the peer_state row, or a new one)."""

    peer_id: str
    last_out_package_seq: int = 0
    acked_out_seq: int = 0
    applied_in_seq: int = 0
    last_in_package_seq: int = 0
    last_received_at: datetime | None = None
    applied_ranges: list = field(default_factory=list)
    stored: bool = False  # a peer_state row exists (update it) or not (insert it)


COLUMNS = ("last_out_package_seq", "acked_out_seq", "applied_in_seq", "last_in_package_seq", "last_received_at",
           "applied_ranges")


@functools.cache
def _sql() -> SimpleNamespace:
    ps, pl, at, node = PeerState.__table__, PackageLog.__table__, AttachmentTransfer.__table__, Node.__table__
    def p(name: str):  # a bind parameter may not carry the name of a column its statement writes
        return bindparam("b_" + name)
    return SimpleNamespace(
        seen=select(pl.c.status).where(pl.c.package_id == p("package_id"), pl.c.direction == "in",
                                       pl.c.peer_id == p("peer_id")),
        most_sent=select(func.max(pl.c.last_event_seq)).where(pl.c.direction == "out", pl.c.peer_id == p("peer_id")),
        counters=select(*(ps.c[c] for c in COLUMNS)).where(ps.c.peer_id == p("peer_id")),
        add_counters=insert(ps).values(peer_id=p("peer_id"), **{c: p(c) for c in COLUMNS}),
        set_counters=update(ps).where(ps.c.peer_id == p("peer_id")).values(**{c: p(c) for c in COLUMNS}),
        received=update(at).where(at.c.peer_id == p("peer_id"), at.c.sha256 == p("sha")).values(acked=1),
        add_received=insert(at).values(peer_id=p("peer_id"), sha256=p("sha"), sent_in_event_seq=0, acked=1),
        acked=update(at).where(at.c.peer_id == p("peer_id"), at.c.acked == 0,
                               at.c.sent_in_event_seq <= p("ack")).values(acked=1),
        local_seq=select(node.c.last_seq).where(node.c.id == p("node_id")),
        log=insert(pl),
    )


def _b(values: dict) -> dict:
    return {"b_" + k: v for k, v in values.items()}


def seen_before(conn, package_id: str, peer_id: str) -> str | None:
    """The status this package (by its signed id, from this sender) was imported with, or None."""
    row = conn.execute(_sql().seen, _b({"package_id": package_id, "peer_id": peer_id})).first()
    return None if row is None else row[0]


def most_sent(conn, peer_id: str) -> int:
    """The highest of our change numbers we ever put in a package for this peer."""
    return conn.execute(_sql().most_sent, _b({"peer_id": peer_id})).scalar() or 0


def counters(conn, peer_id: str) -> Counters:
    row = conn.execute(_sql().counters, _b({"peer_id": peer_id})).first()
    if row is None:
        return Counters(peer_id)
    got = dict(zip(COLUMNS, row))
    got["applied_ranges"] = list(got["applied_ranges"] or [])
    return Counters(peer_id, **got, stored=True)


def save_counters(session, state: Counters) -> None:
    values = {"peer_id": state.peer_id, **{c: getattr(state, c) for c in COLUMNS}}
    session.connection().execute(_sql().set_counters if state.stored else _sql().add_counters, _b(values))
    state.stored = True
    tracking.note(session, "peer_state")


def mark_received(session, peer_id: str, sha256s) -> None:
    """Remember that the peer holds these attachment contents (it sent them)."""
    conn, sql = session.connection(), _sql()
    for sha in sha256s:
        if not conn.execute(sql.received, _b({"peer_id": peer_id, "sha": sha})).rowcount:
            conn.execute(sql.add_received, _b({"peer_id": peer_id, "sha": sha}))
    tracking.note(session, "attachment_transfer")


def ack_transfers(session, peer_id: str, ack: int) -> None:
    """Files we sent in changes up to `ack` have arrived: the peer said so."""
    session.connection().execute(_sql().acked, _b({"peer_id": peer_id, "ack": ack}))
    tracking.note(session, "attachment_transfer")


def local_seq(conn, node_id: str) -> int:
    return conn.execute(_sql().local_seq, _b({"node_id": node_id})).scalar() or 0


def log_package(session, **values) -> None:
    """The package log's row of a received package (id and time by the model's defaults)."""
    session.connection().execute(_sql().log, values)
    tracking.note(session, "package_log")
