"""Several clerks writing one database at once (runs on SQLite and on PostgreSQL)."""
import threading

import pytest
from sqlalchemy import func, select

from db.models import ChangeLog, Project
from desktop.core.app import open_app
from desktop.core.errors import StaleRecord
from desktop.projects import projects
from desktop.core.verify import check_change_chain

BASE = {"name": "联合村乡村旅游建设项目", "year": 2020, "level": "市级", "planned_investment_wan": "1690",
        "village": "联合村"}


def _second_clerk(app):
    other = open_app(app.data_dir)
    other.user_name = "第二经办人"
    return other


def test_second_save_waits_then_is_refused_naming_the_field(township_app, monkeypatch):
    """Clerk B saves while clerk A's save is half-way: B waits for A, then is told 村 changed; A's value stays."""
    p = projects.create_project(township_app, BASE)
    clerk_b = _second_clerk(township_app)
    inside, release = threading.Event(), threading.Event()
    real_normalise = projects.normalise_input

    def slow_for_a(changes, where=""):
        if threading.current_thread().name == "clerk-a":
            inside.set()
            assert release.wait(20)
        return real_normalise(changes, where)

    monkeypatch.setattr(projects, "normalise_input", slow_for_a)
    results = {}

    def save(name, app, village):
        try:
            results[name] = projects.update_project(app, p["code"], {"village": village},
                                                    expected_version=p["version"])
        except Exception as e:  # noqa: BLE001 - the test inspects it
            results[name] = e

    a = threading.Thread(target=save, args=("a", township_app, "安南村"), name="clerk-a")
    b = threading.Thread(target=save, args=("b", clerk_b, "团结村"), name="clerk-b")
    a.start()
    assert inside.wait(20)
    b.start()
    b.join(1.0)
    assert b.is_alive(), "clerk B must wait while clerk A is saving"
    release.set()
    a.join(30)
    b.join(30)
    try:
        assert isinstance(results["a"], dict) and results["a"]["village"] == "安南村"
        assert isinstance(results["b"], StaleRecord), results["b"]
        assert "已被他人修改" in results["b"].message and "村" in results["b"].message
        assert projects.get_project(township_app, p["code"])["village"] == "安南村"
    finally:
        clerk_b.dispose()


def test_stale_message_names_only_fields_changed_since_the_clerk_opened_it(township_app):
    """The refusal lists the fields saved after the clerk's version, not the ones set at creation."""
    p = projects.create_project(township_app, BASE)
    projects.update_project(township_app, p["code"], {"stage": "在建"})
    opened = projects.get_project(township_app, p["code"])
    projects.update_project(township_app, p["code"], {"planned_investment_wan": "1700"})
    with pytest.raises(StaleRecord) as e:
        projects.update_project(township_app, p["code"], {"note": "x"}, expected_version=opened["version"])
    assert "计划投资" in e.value.message
    assert "项目阶段" not in e.value.message and "项目名称" not in e.value.message


def test_concurrent_writers_keep_one_unbroken_change_chain(township_app):
    """Four clerks adding projects at the same time leave a linear hash chain and distinct change numbers."""
    clerks = [township_app] + [_second_clerk(township_app) for _ in range(3)]
    errors = []

    def work(i, app):
        try:
            for n in range(5):
                projects.create_project(app, {**BASE, "name": f"经办人{i}的项目{n}"})
                if n % 2:
                    code = projects.list_projects(app)[0]["code"]
                    projects.update_project(app, code, {"note": f"{i}-{n}"})
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i, app)) for i, app in enumerate(clerks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    try:
        assert errors == []
        assert check_change_chain(township_app) == []
        with township_app.read() as s:
            assert s.scalar(select(func.count()).select_from(Project)) == 20
            sets = s.execute(select(ChangeLog.origin_node, ChangeLog.origin_seq).distinct()).all()
            seqs = [seq for _node, seq in sets]
            assert len(seqs) == len(set(seqs))
    finally:
        for app in clerks[1:]:
            app.dispose()
