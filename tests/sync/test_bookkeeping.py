"""Issue 17, round 9: an import's bookkeeping (peer counters, package log, received files) and the program's
setting records are written by Core statements built once; these tests hold them to what the ORM wrote."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from db.changes import collect
from db.models import AttachmentTransfer, PackageLog, PeerState
from desktop.core import settings
from desktop.sync import bookkeeping, service
from tests.sync.data import add_project


def test_import_writes_counters_log_and_transfers_and_says_so(pair, tmp_path):
    """One import stores the peer's counters, its package-log row (with the model's id and time) and the
    files it received; the transaction's change set names those tables so the sync page refreshes; a
    second package from the same peer updates the same counters row instead of adding one."""
    town, county = pair
    add_project(town, name="联合村道路硬化")
    first = service.export_package(town, tmp_path / "a.tdpkg")["files"][0]
    with collect() as got:
        res = service.import_package(county, first)
    assert res["status"] == "applied"
    assert got.changes.touches({"peer_state"}) and got.changes.touches({"package_log"})
    with county.read() as s:
        state = s.get(PeerState, town.node.id)
        assert state.applied_in_seq >= 1 and state.last_in_package_seq == res["package_seq"]
        assert isinstance(state.last_received_at, datetime) and state.applied_ranges == []
        log = s.scalars(select(PackageLog).where(PackageLog.direction == "in")).one()
        assert len(log.id) == 36 and isinstance(log.at, datetime) and log.counts["added"] == res["added"]
    add_project(town, name="联合村饮水工程")
    second = service.export_package(town, tmp_path / "b.tdpkg")["files"][0]
    assert service.import_package(county, second)["status"] == "applied"
    with county.read() as s:
        assert len(s.scalars(select(PeerState).where(PeerState.peer_id == town.node.id)).all()) == 1
        assert len(s.scalars(select(PackageLog).where(PackageLog.direction == "in")).all()) == 2
        assert bookkeeping.seen_before(s.connection(), log.package_id, town.node.id) == "applied"


def test_counters_round_trip_gap_ranges(pair):
    """Counters saved with a gap's applied ranges and read back give the same values (JSON and time columns
    converted as the ORM converts them)."""
    _town, county = pair
    when = datetime(2026, 12, 3, 8, 30)
    with county.tx() as s:
        state = bookkeeping.counters(s.connection(), "peer-x")
        assert not state.stored and state.applied_ranges == []
        state.applied_in_seq, state.applied_ranges, state.last_received_at = 7, [[9, 12]], when
        bookkeeping.save_counters(s, state)
        bookkeeping.mark_received(s, "peer-x", ["a" * 64])
        bookkeeping.mark_received(s, "peer-x", ["a" * 64])  # again: the same row, still acked
    with county.read() as s:
        back = bookkeeping.counters(s.connection(), "peer-x")
        assert (back.applied_in_seq, back.applied_ranges, back.last_received_at, back.stored) == (7, [[9, 12]], when, True)
        rows = s.scalars(select(AttachmentTransfer).where(AttachmentTransfer.peer_id == "peer-x")).all()
        assert [(r.sha256, r.acked) for r in rows] == [("a" * 64, 1)]


def test_program_record_write_change_and_remove(pair):
    """A program record is added, changed, left alone when unchanged (no change noted) and removed, read
    back the same in the same transaction and after it."""
    _town, county = pair
    key = "sync.chain_head.peer-x"
    value = {"rows": 3, "hash": "b" * 64, "scheme": 2}
    with collect() as got, county.tx() as s:
        settings.write_record(s, key, value)
        assert settings.read_record(s, key) == value
    assert got.changes.touches({"setting"})
    with collect() as got, county.tx() as s:
        settings.write_record(s, key, value)
    assert not got.changes.touches({"setting"})
    with county.tx() as s:
        settings.write_record(s, key, {**value, "rows": 4})
    with county.read() as s:
        assert settings.read_record(s, key)["rows"] == 4
    with county.tx() as s:
        settings.write_record(s, key, None)
    with county.read() as s:
        assert settings.read_record(s, key) is None
