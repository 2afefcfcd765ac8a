"""Issue 17, round 5: the outbox read straight from the SQLite driver gives the lines the Core read gives."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db.models import Household, Node, Project
from desktop.sync import changes
from tests.sync.data import add_project, grade, set_fields


def _lines(app, peer_id: str, base: int, upto: int, raw: bool, monkeypatch) -> list[tuple]:
    """Every OutLine field for (base, upto], read by the driver path (raw) or the Core path."""
    monkeypatch.setattr(changes, "RAW_OUTBOX", raw)
    with app.read() as s:
        peer = s.get(Node, peer_id)
        return [(o.seq, o.table, o.op, o.sha256, o.line)
                for o in changes.change_sets(s, app.node.id, peer, base, upto, changes.SeenIndex(s, peer.id))]


def _last_seq(app) -> int:
    with app.read() as s:
        return s.get(Node, app.node.id).last_seq


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_driver_outbox_equals_core_outbox(network, monkeypatch, data):
    """For any range of change numbers, a township's outbox to the county and the county's to a township
    (scope filter, county-wide records) are the same lines both ways: sealed ID numbers and phones opened,
    inserts, updates, a delete, attachments naming their file."""
    county, towns = network
    town = towns[0]
    if _last_seq(town) == 0:  # the network fixture is made once per test; the examples share it
        ids = [add_project(town, name=f"项目{i}", attachment_bytes=b"%PDF-1.4 x" * (i + 1)) for i in range(3)]
        set_fields(town, Project, ids[0], name="改名后的项目", village=None)
        with town.tx() as s:
            first, second = s.scalars(select(Household).order_by(Household.id)).all()[:2]
            first.phone = "13900000000"
            second.deleted = True  # records are deleted by marking them
        add_project(towns[1], name="别乡的项目")
        grade(county, add_project(county, name="县里的项目", with_children=False))
    for app, peer in ((town, county), (county, town)):
        top = _last_seq(app)
        assert top > 0
        base = data.draw(st.integers(min_value=0, max_value=top), label="base")
        upto = data.draw(st.integers(min_value=base, max_value=top + 2), label="upto")
        raw = _lines(app, peer.node.id, base, upto, True, monkeypatch)
        assert raw == _lines(app, peer.node.id, base, upto, False, monkeypatch)
        if base == 0 and upto >= top and app is town:
            assert any(b'"op":"delete"' in line for *_, line in raw)
            assert any(sha for _, _, _, sha, _ in raw)
