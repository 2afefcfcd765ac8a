"""kill -9 during import and during export at random moments (Linux: fork + SIGKILL).

After each kill: the database passes integrity_check and equals the state before or after the
operation, never in between; attachment files under their final names are complete; an export's
package is either absent or complete; running the operation again succeeds. Trials continue until
30 of them were really killed (100 in the thorough CI run, 300 with --runslow: tests/sizes.py); a trial
that finished before its kill moment still counts as a trial. Retry is checked on every 8th trial and the
last (every trial with --runslow). Restore: 15 kills (30 thorough, 150 --runslow).
"""
import hashlib
import json
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.reliability.conftest import Measure
from tests.reliability.network import build_network, copy_folder, keys_of, open_folder
from tests.sizes import exhaustive, size

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork and SIGKILL: Linux CI")


class Zygote:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.reliability.zygote"], cwd=REPO, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def run(self, op, data, path, delay=None) -> dict:
        self.proc.stdin.write(json.dumps({"op": op, "data": str(data), "path": str(path), "delay": delay}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the zygote died"
        return json.loads(line)

    def close(self):
        try:
            self.proc.stdin.write('{"op": "quit"}\n')
            self.proc.stdin.close()
            self.proc.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()


@pytest.fixture(scope="module")
def zygote():
    z = Zygote()
    yield z
    z.close()


@pytest.fixture(scope="module")
def net(tmp_path_factory):
    return build_network(tmp_path_factory.mktemp("killnet"), attachment_kb=40)


def state(folder: Path) -> str:
    """Digest of what an import or export changes: synced rows, change log, package log, peer counters."""
    con = sqlite3.connect(folder / "towndesk.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        parts = []
        for t in sorted(tables):
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
            if {"id", "version", "deleted"} <= set(cols):
                parts.append((t, sorted(con.execute(f"SELECT id, version, deleted FROM {t}").fetchall())))
        parts.append(("change_log", con.execute("SELECT count(*), max(origin_seq) FROM change_log").fetchone()))
        parts.append(("package_log", con.execute("SELECT direction, status, package_seq FROM package_log "
                                                 "ORDER BY direction, package_seq").fetchall()))
        parts.append(("peer_state", con.execute("SELECT last_out_package_seq, acked_out_seq, applied_in_seq, "
                                               "last_in_package_seq FROM peer_state ORDER BY peer_id").fetchall()))
        parts.append(("node", con.execute("SELECT last_seq FROM node WHERE is_self = 1").fetchone()))
    finally:
        con.close()
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def half_written_attachments(folder: Path) -> int:
    """Files under a final (hash) name whose content does not match the name."""
    bad = 0
    for p in (folder / "attachments").rglob("*"):
        if p.is_file() and not p.name.startswith(".") and hashlib.sha256(p.read_bytes()).hexdigest() != p.name:
            bad += 1
    return bad


def _trials(request) -> int:
    return size(30, 100, 300)


def test_kill9_during_import(zygote, net, tmp_path, figures, request):
    """Import killed at random moments: before or after, never between; the retry applies it."""
    n, slow = _trials(request), exhaustive()
    before = state(net["county"])
    times = []
    for k in range(3):  # the median of three runs: the machine may be busy; kill moments spread over all of it
        ref = copy_folder(net["county"], tmp_path / f"ref{k}")
        r = zygote.run("import", ref, net["package"])
        assert r["exit"] == 0
        times.append(r["seconds"])
    after, duration = state(ref), sorted(times)[1]
    rng = random.Random(99)
    outcome = {"before": 0, "after": 0, "between": 0, "killed": 0, "retried": 0, "retry_failed": 0, "half_files": 0}
    i = 0
    with Measure() as m:
        while outcome["killed"] < n and i < 2 * n:
            i += 1
            folder = copy_folder(net["county"], tmp_path / f"c{i}")
            res = zygote.run("import", folder, net["package"], delay=rng.uniform(0, duration * 1.05))
            outcome["killed"] += res["killed"]
            s = state(folder)
            outcome["before" if s == before else "after" if s == after else "between"] += 1
            outcome["half_files"] += half_written_attachments(folder)
            if slow or i % 8 == 1 or outcome["killed"] == n:
                again = zygote.run("import", folder, net["package"])
                outcome["retried"] += 1
                outcome["retry_failed"] += not (again["exit"] == 0 and state(folder) == after)
            shutil.rmtree(folder)
    figures.record("kill9_import", trials=i, failures=outcome["between"] + outcome["retry_failed"] + outcome["half_files"],
                   op_seconds=duration, seconds=m.seconds, outcome=outcome,
                   note="SIGKILL at a uniform random moment of the import process (open, verify, backup, apply, commit)")
    assert outcome["between"] == 0 and outcome["retry_failed"] == 0 and outcome["half_files"] == 0
    assert outcome["killed"] >= n, "at least n trials must really be interrupted"


def test_kill9_during_export(zygote, net, tmp_path, figures, request):
    """Export killed at random moments: no half package under its name, database before or after; retry works."""
    from desktop.core.errors import UserError
    from desktop.sync.verify import verify

    n, slow = _trials(request), exhaustive()
    before = state(net["town"])
    times = []
    for k in range(3):
        ref = copy_folder(net["town"], tmp_path / f"ref{k}")
        r = zygote.run("export", ref, tmp_path / f"ref{k}.tdpkg")
        assert r["exit"] == 0
        times.append(r["seconds"])
    after, duration = state(ref), sorted(times)[1]
    county = open_folder(copy_folder(net["county"], tmp_path / "county"))
    keys = keys_of(county.data_dir)

    def complete(pkg: Path) -> bool:
        try:
            verify(county, pkg, keys).close()
            return True
        except UserError:
            return False

    rng = random.Random(7)
    outcome = {"before": 0, "after": 0, "between": 0, "killed": 0, "package_absent": 0, "package_complete": 0,
               "package_half": 0, "retried": 0, "retry_failed": 0}
    try:
        i = 0
        with Measure() as m:
            while outcome["killed"] < n and i < 2 * n:
                i += 1
                folder = copy_folder(net["town"], tmp_path / f"t{i}")
                pkg = tmp_path / f"out{i}" / "package.tdpkg"
                pkg.parent.mkdir()
                res = zygote.run("export", folder, pkg, delay=rng.uniform(0, duration * 1.05))
                outcome["killed"] += res["killed"]
                s = state(folder)
                outcome["before" if s == before else "after" if s == after else "between"] += 1
                if not pkg.exists():
                    outcome["package_absent"] += 1
                elif complete(pkg):
                    outcome["package_complete"] += 1
                else:
                    outcome["package_half"] += 1
                if slow or i % 8 == 1 or outcome["killed"] == n:
                    pkg.unlink(missing_ok=True)
                    again = zygote.run("export", folder, pkg)
                    outcome["retried"] += 1
                    outcome["retry_failed"] += not (again["exit"] == 0 and complete(pkg))
                shutil.rmtree(folder)
                shutil.rmtree(pkg.parent)
    finally:
        county.dispose()
    failures = outcome["between"] + outcome["package_half"] + outcome["retry_failed"]
    figures.record("kill9_export", trials=i, failures=failures, op_seconds=duration, seconds=m.seconds, outcome=outcome,
                   note="SIGKILL at a uniform random moment of the export process; the package is checked by the county")
    assert failures == 0
    assert outcome["killed"] >= n


def test_kill9_during_restore(zygote, net, tmp_path, figures, request):
    """Restore killed at random moments: the data is the current one or the backup's, never a mix; retry works."""
    from desktop.backup import archive
    from tests.reliability.network import add_records

    n = size(15, 30, 150)
    town = open_folder(copy_folder(net["town"], tmp_path / "town"))
    archive.write_archive(town, tmp_path / "backup.zip")
    add_records(town, n_projects=2, attachment_kb=20, seed=5)  # the current data differs from the backup
    town.dispose()
    before = state(town.data_dir)
    times = []
    for k in range(3):
        ref = copy_folder(town.data_dir, tmp_path / f"ref{k}")
        r = zygote.run("restore", ref, tmp_path / "backup.zip")
        assert r["exit"] == 0
        times.append(r["seconds"])
    after, duration = state(ref), sorted(times)[1]
    assert after != before
    rng = random.Random(3)
    outcome = {"before": 0, "after": 0, "between": 0, "killed": 0, "retried": 0, "retry_failed": 0}
    i = 0
    with Measure() as m:
        while outcome["killed"] < n and i < 3 * n:
            i += 1
            folder = copy_folder(town.data_dir, tmp_path / f"r{i}")
            res = zygote.run("restore", folder, tmp_path / "backup.zip", delay=rng.uniform(0, duration * 1.05))
            outcome["killed"] += res["killed"]
            s = state(folder)
            outcome["before" if s == before else "after" if s == after else "between"] += 1
            if i % 5 == 1 or outcome["killed"] == n:
                again = zygote.run("restore", folder, tmp_path / "backup.zip")
                outcome["retried"] += 1
                outcome["retry_failed"] += not (again["exit"] == 0 and state(folder) == after)
            shutil.rmtree(folder)
    figures.record("kill9_restore", trials=i, failures=outcome["between"] + outcome["retry_failed"],
                   op_seconds=duration, seconds=m.seconds, outcome=outcome,
                   note="SIGKILL at a uniform random moment of `restore` (check, safety copy, attachments, swap)")
    assert outcome["between"] == 0 and outcome["retry_failed"] == 0 and outcome["killed"] >= n
