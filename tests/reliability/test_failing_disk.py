"""A failing disk: the k-th write step of an operation raises ENOSPC or EIO (every k), and SQLite
reports a full disk when the database must grow.

Each time: the error reaches the user as one Chinese message (a UserError, or a disk error that
desktop.core.diskerrors turns into one), no file exists under its final name, files under hash names
are complete, and the database is unchanged.
"""
import errno
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from desktop.core.diskerrors import user_error_for
from desktop.core.errors import UserError
from tests.conftest import db_dump
from tests.reliability.faults import DiskFault, injected, limit_database_growth
from tests.reliability.network import build_network, copy_folder, open_folder
from tests.sizes import exhaustive, size

# Write steps tried per operation: the first, the last and the rest spread evenly over all steps; 8 in the
# quick run, 40 in the thorough CI run (tests/sizes.py); --runslow tries every step.
def _max_steps() -> int:
    return size(8, 40)



@pytest.fixture(scope="module")
def net(tmp_path_factory):
    return build_network(tmp_path_factory.mktemp("disknet"), attachment_kb=60)


def _complete_store(folder: Path) -> bool:
    return all(hashlib.sha256(p.read_bytes()).hexdigest() == p.name
               for p in (folder / "attachments").rglob("*") if p.is_file() and not p.name.startswith("."))


def _ops(net, tmp: Path):
    """name → (folder template, run(app, out_dir) -> files that must not exist after a failure)."""
    from desktop.audit.export import export_changes
    from desktop.backup import archive, make_backup
    from desktop.sync import service

    def attach(app, out):
        from desktop.checklists.attachments import attach_files
        from desktop.projects import projects

        src = out / "扫描件.pdf"
        code = projects.list_projects(app)[0]["code"]
        attach_files(app, code, None, [src])
        return []

    def snapshot(app, out):
        make_backup(app, "import")
        return []

    def zip_backup(app, out):
        archive.write_archive(app, out / "b.zip")
        return [out / "b.zip"]

    def audit(app, out):
        export_changes(app, {"username": "审计", "role": "reviewer"}, out / "a.xlsx")
        return [out / "a.xlsx"]

    def export(app, out):
        service.export_package(app, out / "p.tdpkg")
        return [out / "p.tdpkg"]

    def import_(app, out):
        service.import_package(app, net["package"])
        return []

    if "backup_zip" not in net:  # the backup that `restore` reads, made once without faults
        town = open_folder(copy_folder(net["town"], tmp / "zipsrc"))
        archive.write_archive(town, tmp / "town-backup.zip")
        town.dispose()
        net["backup_zip"] = tmp / "town-backup.zip"

    def restore(app, out):
        from desktop.backup.restore import restore as do_restore

        app.dispose()
        do_restore(app.data_dir, net["backup_zip"], user="测试员")
        return []

    return {"attachment save": (net["town"], attach, []),
            "backup snapshot": (net["town"], snapshot, []), "backup zip": (net["town"], zip_backup, ["b.zip"]),
            "audit export": (net["town"], audit, ["a.xlsx"]), "package export": (net["town"], export, ["p.tdpkg"]),
            "package import": (net["county"], import_, []), "restore": (net["town"], restore, [])}


def _trial(template, run, finals, tmp: Path, fault: DiskFault | None, db_full: bool = False):
    folder = copy_folder(template, tmp / "data")
    out = tmp / "out"
    out.mkdir()
    (out / "扫描件.pdf").write_bytes(b"%PDF-1.4 scan " + bytes(range(256)) * 800)
    app = open_folder(folder)
    app.dispose()
    before = db_dump(app.layout.database)
    backups_before = {p.name for p in app.layout.backups.rglob("*") if p.is_file()}
    error = None
    try:
        if db_full:
            limit_database_growth(app)
        if fault is None:
            run(app, out)
        else:
            with injected(fault):
                run(app, out)
    except Exception as e:  # noqa: BLE001 - the test classifies every error
        error = e
    finally:
        app.dispose()
    result = {"error": error, "db_same": db_dump(app.layout.database) == before,
              "finals_left": [f for f in finals if (out / f).exists()], "store_ok": _complete_store(folder),
              "backups_new": {p.name for p in app.layout.backups.rglob("*") if p.is_file()} - backups_before,
              "temps_left": [p.name for p in app.layout.tmp.rglob("*") if p.is_file()]}
    import shutil
    shutil.rmtree(tmp)
    return result


def _message(e) -> str | None:
    if isinstance(e, UserError):
        return e.message
    disk = user_error_for(e)
    return disk.message if disk else None


def _judge(name, r) -> str | None:
    """None if the failure was handled well, else what went wrong."""
    if r["error"] is None:
        return "the operation did not fail"
    if _message(r["error"]) is None:
        return f"unclear error {type(r['error']).__name__}: {r['error']}"
    if r["finals_left"]:
        return f"file left under its final name: {r['finals_left']}"
    if not r["store_ok"]:
        return "half-written attachment under its hash name"
    if not r["db_same"]:
        return "database changed"
    if name == "backup snapshot" and any(n.endswith(".db") for n in r["backups_new"]):
        return f"snapshot left without its manifest: {r['backups_new']}"
    return None


def test_every_write_step_fails_cleanly(net, tmp_path, figures, request):
    """For each operation and each write step k: ENOSPC/EIO at step k is handled cleanly."""
    slow, max_steps = exhaustive(), _max_steps()
    summary, problems = {}, []
    for name, (template, run, finals) in _ops(net, tmp_path).items():
        counter = DiskFault()
        ok = _trial(template, run, finals, tmp_path / "count", counter)
        assert ok["error"] is None, f"{name} must succeed without faults: {ok['error']!r}"
        n = counter.count
        ks = list(range(1, n + 1))
        if not slow and n > max_steps:
            step = n / max_steps
            ks = sorted({1, n, *(int(i * step) + 1 for i in range(max_steps))})
        kinds, temps = Counter(), 0
        for k in ks:
            err = errno.ENOSPC if k % 2 else errno.EIO
            r = _trial(template, run, finals, tmp_path / f"k{k}", DiskFault(k, err))
            bad = _judge(name, r)
            if bad:
                problems.append((name, k, counter.steps[k - 1], bad))
            else:
                kinds[(_message(r["error"]) or "")[:24]] += 1
            temps += len(r["temps_left"])
        summary[name] = {"write_steps": n, "tried": len(ks), "failures": sum(1 for p in problems if p[0] == name),
                         "temp_files_left": temps, "messages": dict(kinds.most_common(3))}
    figures.record("failing_disk", trials=sum(s["tried"] for s in summary.values()), failures=len(problems),
                   per_operation=summary, problems=[list(map(str, p)) for p in problems[:20]])
    assert problems == []


def test_database_full(net, tmp_path, figures):
    """When SQLite cannot grow the database (disk full) during an import or a large edit, it fails cleanly."""
    from desktop.projects import projects

    def many(app, out):
        projects.create_many(app, [{"name": f"批量项目{i}", "year": 2021, "level": "区级", "note": "备注" * 50}
                                   for i in range(200)], source="测试")
        return []

    ops = _ops(net, tmp_path)
    cases = {"package import": ops["package import"], "200 new projects": (net["town"], many, [])}
    results = {}
    for name, (template, run, finals) in cases.items():
        r = _trial(template, run, finals, tmp_path / f"full{len(results)}", None, db_full=True)
        results[name] = _judge(name, r) or (_message(r["error"]) or "")[:40]
    figures.record("database_full", trials=len(results),
                   failures=sum(1 for v in results.values() if not v.startswith("磁盘")), rejected=results,
                   note="PRAGMA max_page_count = current pages: SQLite answers 'database or disk is full'")
    for name, verdict in results.items():
        assert verdict.startswith("磁盘"), (name, verdict)
