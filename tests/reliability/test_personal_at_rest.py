"""ID and phone numbers are sealed at rest: the live household table, the before-import snapshots, the
automatic snapshots and the backup zips hold none in clear; erasing a household's key blinds them all
(the copies in the data folder lose their key too); lookups by ID number still work."""
from __future__ import annotations

import json
import random
import re
import sqlite3
import zipfile

import pytest
from sqlalchemy import select

from db import personal
from db.models import ChangeLog, Household
from desktop.sync import service
from tests.sync.conftest import network, network_template, pair  # noqa: F401  (fixtures)
from tests.sync.data import add_project

pytestmark = pytest.mark.sqlite_only(reason="reads the SQLite file and its copies byte by byte")
ADMIN = {"username": "admin", "role": "admin"}


def _numbers(app) -> list[tuple[str, str, str]]:
    """(id, ID number, phone) as services read them: ORM objects, opened on load (a bare column select is not)."""
    with app.read() as s:
        return [(h.id, h.id_number, h.phone) for h in s.scalars(select(Household)) if h.id_number or h.phone]


def _file_bytes(path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


class _Needles:
    """Finds which of many numbers occur in a text or in bytes, exactly as `n in text` for each would.

    Why: 592 numbers × 750,000 cells as `any(n in v …)` cost 50 s per file. Every needle is made of a few
    characters (digits, X); any occurrence lies inside a maximal run of those characters, so the runs (found
    by one regex scan in C) are cut into windows of each needle length and looked up in a set.
    """

    def __init__(self, needles: set[str]):
        self.text = set(needles)
        self.raw = {n.encode() for n in needles}
        self.lengths = sorted({len(n) for n in needles})
        chars = re.escape("".join(sorted(set("".join(needles)))))
        shortest = self.lengths[0] if self.lengths else 1
        self._runs = re.compile(f"[{chars}]{{{shortest},}}") if needles else None
        self._raw_runs = re.compile(f"[{chars}]{{{shortest},}}".encode()) if needles else None

    def _found(self, runs, data, wanted) -> set:
        hits = set()
        if runs is None:
            return hits
        for m in runs.finditer(data):
            run = m.group()
            for size in self.lengths:
                hits.update(run[i:i + size] for i in range(len(run) - size + 1) if run[i:i + size] in wanted)
        return hits

    def in_text(self, value: str) -> bool:
        return bool(self._found(self._runs, value, self.text))

    def in_bytes(self, raw: bytes) -> list[str]:
        return sorted(n.decode() for n in self._found(self._raw_runs, raw, self.raw))


def _cells_with(path, needles: set[str]) -> list[str]:
    """Every table cell of a SQLite file (opened with sqlite3) that contains one of the numbers."""
    finder = _Needles(needles)
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    found = []
    try:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in con.execute(f'SELECT * FROM "{table}"'):
                found += [f"{table}: {v[:30]}" for v in row if isinstance(v, str) and finder.in_text(v)]
    finally:
        con.close()
    return found


def _leaks(path, needles: set[str]) -> list[str]:
    """Cells holding a number, then the numbers found anywhere in the file's (and WAL's) bytes."""
    return _cells_with(path, needles) + _Needles(needles).in_bytes(_file_bytes(path))


def test_needle_finder_agrees_with_plain_substring_search():
    """The fast finder reports exactly the numbers `n in text` finds, for text and bytes, overlaps and edges."""
    rng = random.Random(7)
    needles = {"".join(rng.choice("0123456789") for _ in range(11)) for _ in range(40)}
    needles |= {"".join(rng.choice("0123456789") for _ in range(17)) + "X" for _ in range(40)}
    pool = sorted(needles)
    for _ in range(400):
        parts = [rng.choice(["", "号", "x", " ", "1", "12X", rng.choice(pool), rng.choice(pool)[3:],
                             rng.choice(pool)[:-2]]) for _ in range(rng.randrange(1, 8))]
        text = "".join(parts)
        expected = {n for n in needles if n in text}
        finder = _Needles(needles)
        assert finder.in_text(text) == bool(expected)
        assert finder.in_bytes(text.encode()) == sorted(expected)


def test_no_number_in_the_database_a_snapshot_or_a_backup_zip(demo_app, tmp_path, figures):
    """296 demo households: none of their ID or phone numbers is in any table, snapshot or backup zip."""
    from desktop.backup.archive import write_archive
    from desktop.backup.snapshot import make_backup
    from desktop.privacy.personal_data import checkpoint

    rows = _numbers(demo_app)
    assert len(rows) > 100 and all(len(i) == 18 and len(p) == 11 for _, i, p in rows)  # readers see clear text
    needles = {i for _, i, _ in rows} | {p for _, _, p in rows}
    checkpoint(demo_app)
    live = _leaks(demo_app.data_dir / "towndesk.db", needles)
    snap = make_backup(demo_app, "import").path
    in_snapshot = _leaks(snap, needles)
    archive = write_archive(demo_app, tmp_path / "backup.zip")["file"]
    with zipfile.ZipFile(archive) as z:
        (tmp_path / "from-zip.db").write_bytes(z.read("towndesk.db"))
    in_zip = _leaks(tmp_path / "from-zip.db", needles)
    figures.record("personal_at_rest", trials=3, failures=sum(map(bool, (live, in_snapshot, in_zip))),
                   note=f"{len(needles)} ID/phone numbers of {len(rows)} households searched in the live file + WAL, "
                        "a before-import snapshot and the database inside a backup zip (every table cell, every byte)")
    assert live == [] and in_snapshot == [] and in_zip == []


def test_history_still_shows_the_numbers_a_clerk_entered(demo_app):
    """The change log's sealed values open to the clear numbers the household table reads back."""
    hid, id_number, _ = _numbers(demo_app)[0]
    with demo_app.read() as s:
        logged = s.execute(select(ChangeLog.new_value).where(ChangeLog.record_id == hid,
                                                             ChangeLog.field == "id_number")).scalar()
        assert json.loads(personal.open_value(s.connection(), "household", hid, "id_number", logged)) == id_number


def test_a_changed_number_is_sealed_and_logged(demo_app):
    """Editing a household's phone stores it sealed, logs the clear old and new values (sealed) and reads back."""
    hid, _, old_phone = _numbers(demo_app)[1]
    with demo_app.tx() as s:
        s.get(Household, hid).phone = "13700001111"
    with demo_app.read() as s:
        assert s.get(Household, hid).phone == "13700001111"
        row = s.execute(select(ChangeLog.old_value, ChangeLog.new_value).where(
            ChangeLog.record_id == hid, ChangeLog.field == "phone").order_by(ChangeLog.seq.desc())).first()
        opened = [json.loads(personal.open_value(s.connection(), "household", hid, "phone", v)) for v in row]
    assert opened == [old_phone, "13700001111"]
    assert _cells_with(demo_app.data_dir / "towndesk.db", {"13700001111", old_phone}) == []


def test_lookup_by_id_number_finds_the_household(demo_app):
    """Finding a household by its ID number works through the keyed hash; unknown or masked numbers find none."""
    from desktop.privacy.masking import mask_id
    from desktop.privacy.personal_data import households_with_id_number

    hid, id_number, _ = _numbers(demo_app)[2]
    with demo_app.read() as s:
        assert [h.id for h in households_with_id_number(s, id_number.lower())] == [hid]
        assert households_with_id_number(s, "110101190001011237") == []
        assert households_with_id_number(s, mask_id(id_number)) == []


def test_erasure_blinds_the_live_row_the_log_and_every_snapshot(demo_app, figures):
    """After erasure the live fields, the change log and both snapshots made before it no longer yield the numbers."""
    from desktop.backup.snapshot import make_backup, sha256_file
    from desktop.privacy.personal_data import erase_household

    rows = random.Random(13).sample(_numbers(demo_app), 5)
    snaps = [make_backup(demo_app, "import").path, make_backup(demo_app, "daily").path]
    for hid, _, _ in rows:
        result = erase_household(demo_app, ADMIN, hid, "测试：本人申请删除")
        assert result["key_shredded"] and result["backups_scrubbed"] == len(snaps) and result["backups_failed"] == 0
    readable = []
    for path in [demo_app.data_dir / "towndesk.db", *snaps]:
        con = sqlite3.connect(path)
        try:
            for hid, _, _ in rows:
                key = con.execute("SELECT 1 FROM personal_key WHERE record_id = ?", (hid,)).fetchone()
                cells = con.execute("SELECT id_number, phone, id_lookup FROM household WHERE id = ?", (hid,)).fetchone()
                if key or any(cells):
                    readable.append((path.name, hid))
        finally:
            con.close()
    manifests_ok = all(json.loads(p.with_suffix(".json").read_text("utf-8"))["db"]["sha256"] == sha256_file(p)
                       for p in snaps)
    figures.record("personal_erasure_copies", trials=len(rows) * (1 + len(snaps)), failures=len(readable),
                   note="5 erased households × (live database + a before-import and a daily snapshot made before)")
    assert readable == [] and manifests_ok
    with demo_app.read() as s:
        assert s.get(Household, rows[0][0]).id_number is None


def test_migration_seals_numbers_an_older_release_stored_in_clear(tmp_path, demo_template):
    """A database one revision older (numbers in clear) is sealed by 0005: same numbers read back, none left in the file."""
    import shutil

    from alembic import command

    from db.engine import make_engine, sqlite_url
    from db.migrate import alembic_config
    from desktop.core.app import open_app

    folder = tmp_path / "old"
    shutil.copytree(demo_template, folder)
    app = open_app(folder)
    before = sorted(_numbers(app))
    app.dispose()
    engine = make_engine(sqlite_url(folder / "towndesk.db"))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007_ledger_fts")
    engine.dispose()
    needles = {i for _, i, _ in before} | {p for _, _, p in before}
    assert _cells_with(folder / "towndesk.db", needles)  # the old release's clear numbers
    app = open_app(folder)
    try:
        assert sorted(_numbers(app)) == before
        from desktop.privacy.personal_data import checkpoint

        checkpoint(app)
        assert _leaks(folder / "towndesk.db", needles) == []
    finally:
        app.dispose()


def test_county_copy_holds_the_numbers_sealed(pair, tmp_path):
    """A household imported by the county is stored sealed there and reads back as the township sent it."""
    town, county = pair
    add_project(town)
    service.export_package(town, tmp_path / "p.tdpkg")
    service.import_package(county, tmp_path / "p.tdpkg")
    with county.read() as s:
        h = s.scalars(select(Household)).one()
        assert (h.id_number, h.phone) == ("533421198001011234", "13988700000")
    assert _cells_with(county.data_dir / "towndesk.db", {"533421198001011234", "13988700000"}) == []


def test_a_conflict_on_a_phone_number_is_stored_sealed_and_shown_masked(pair, tmp_path):
    """Both sides change a household's phone: the county's conflict row holds neither number in clear,
    the conflict list shows them masked, and keeping the county's value still works."""
    from desktop.sync import conflicts
    from tests.sync.data import set_fields

    town, county = pair
    add_project(town)
    service.export_package(town, tmp_path / "p1.tdpkg")
    service.import_package(county, tmp_path / "p1.tdpkg")
    with town.read() as s:
        hid = s.scalars(select(Household.id)).one()
    set_fields(county, Household, hid, phone="13911112222")
    set_fields(town, Household, hid, phone="13933334444")
    service.export_package(town, tmp_path / "p2.tdpkg")
    assert service.import_package(county, tmp_path / "p2.tdpkg")["conflicts"] == 1
    listed = conflicts.list_conflicts(county)
    assert [(c["mine"], c["theirs"]) for c in listed] == [("139****2222", "139****4444")]
    assert _cells_with(county.data_dir / "towndesk.db", {"13911112222", "13933334444"}) == []
    kept = conflicts.resolve_conflict(county, listed[0]["id"], "mine")
    assert kept["value"] == "139****2222"
    with county.read() as s:
        assert s.get(Household, hid).phone == "13911112222"
