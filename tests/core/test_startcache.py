"""The last dashboard figures kept beside the database: written atomically, read back, anything odd ignored."""
from __future__ import annotations

import json

import pytest

from desktop.core import startcache
from desktop.projects import dashboard


def test_dashboard_figures_round_trip(demo_app):
    """The cards of a real dashboard come back from the file exactly, with the node's name and role."""
    dash = dashboard.dashboard(demo_app, 2020)
    assert startcache.save(demo_app.data_dir, demo_app.node.name, demo_app.node.is_county, dash)
    cache = startcache.load(demo_app.data_dir)
    assert cache["node_name"] == "小中甸镇" and cache["is_county"] is False and cache["year"] == 2020
    for key in ("projects", "started", "planned_wan", "spending_rate", "docs_complete"):
        assert cache["cards"][key] == dash["cards"][key]
    assert cache["cards"]["risk"] == {k: dash["cards"]["risk"][k] for k in ("red", "yellow", "green")}
    assert not list(demo_app.data_dir.glob(".*.part"))  # nothing half-written left behind


def _good(tmp_path) -> dict:
    dash = {"year": 2024, "today": "2024-06-30", "cards": {
        "projects": 3, "started": 2, "finished": 1, "docs_total": 10, "docs_complete": 7, "start_rate": 66.7,
        "finish_rate": 33.3, "disbursement_rate": 50.0, "spending_rate": 0, "docs_rate": 70.0,
        "planned_wan": "120.00", "disbursed_wan": "60.00", "spent_wan": "0.00",
        "risk": {"red": 1, "yellow": 0, "green": 2}}}
    startcache.save(tmp_path, "尼西乡", False, dash)
    return json.loads(startcache.path_for(tmp_path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("damage", [
    "missing", "not json", "a list", "newer version", "year as text", "count as bool", "count as float",
    "risk missing", "huge amount text", "too big",
])
def test_a_damaged_or_foreign_cache_is_ignored(tmp_path, damage):
    """Each kind of damage (truncated, edited, from a newer program, oversized) means no cache, never an error."""
    doc = _good(tmp_path)
    assert startcache.load(tmp_path) is not None
    path = startcache.path_for(tmp_path)
    body = None
    if damage == "missing":
        path.unlink()
    elif damage == "not json":
        body = '{"version": 1, "cards": {'
    elif damage == "a list":
        body = "[1, 2]"
    elif damage == "newer version":
        doc["version"] = 2
    elif damage == "year as text":
        doc["year"] = "2024"
    elif damage == "count as bool":
        doc["cards"]["projects"] = True
    elif damage == "count as float":
        doc["cards"]["started"] = 2.5
    elif damage == "risk missing":
        del doc["cards"]["risk"]
    elif damage == "huge amount text":
        doc["cards"]["planned_wan"] = "9" * 500
    elif damage == "too big":
        doc["padding"] = "x" * (startcache.MAX_BYTES + 1)
    if damage != "missing":
        path.write_text(body if body is not None else json.dumps(doc), encoding="utf-8")
    assert startcache.load(tmp_path) is None


def test_unwritable_folder_is_not_an_error(tmp_path):
    """A cache that cannot be written (the folder is a file) is skipped: the dashboard still works."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert startcache.save(blocker, "尼西乡", False, {"year": 2024, "today": "x", "cards": {}}) is False
