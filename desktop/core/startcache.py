"""The figures of the last dashboard, kept beside the database so the next start can paint them at once.

Why: importing and opening the database stack takes most of a start (0.5–1 s on an old PC, several
times a bare window). The window paints these figures first, marked as the last ones seen, and
replaces them when the real read ends. The file is ours but is still read as untrusted: any
surprise (missing, too big, wrong types) means "no cache", never an error.
No SQLAlchemy here: this module must import in milliseconds.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from desktop.core.fileio import atomic_write_bytes

FILE_NAME = "dashboard-cache.json"
VERSION = 1
MAX_BYTES = 64 * 1024
log = logging.getLogger("towndesk.startcache")

_INT_CARDS = ("projects", "started", "finished", "docs_total", "docs_complete")
_FLOAT_CARDS = ("start_rate", "finish_rate", "disbursement_rate", "spending_rate", "docs_rate")
_TEXT_CARDS = ("planned_wan", "disbursed_wan", "spent_wan")


def path_for(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def save(data_dir: Path, node_name: str, is_county: bool, dash: dict) -> bool:
    """Keep the cards of `dash` (desktop.projects.dashboard.dashboard) for the next start. False if not written."""
    c = dash.get("cards", {})
    cards = {k: c[k] for k in (*_INT_CARDS, *_FLOAT_CARDS, *_TEXT_CARDS) if k in c}
    cards["risk"] = {k: int(c.get("risk", {}).get(k, 0)) for k in ("red", "yellow", "green")}
    doc = {"version": VERSION, "node_name": node_name, "is_county": bool(is_county), "year": dash.get("year"),
           "today": dash.get("today"), "saved": datetime.now().isoformat(timespec="seconds"), "cards": cards}
    try:
        atomic_write_bytes(path_for(data_dir), json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        return True
    except OSError as e:  # a read-only or full disk must not stop the dashboard
        log.warning("dashboard cache not written: %s", e)
        return False


def load(data_dir: Path) -> dict | None:
    """The cached figures, checked field by field; None when absent or not exactly as written by save()."""
    path = path_for(data_dir)
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("version") != VERSION:
        return None
    cards = doc.get("cards")
    ok = (isinstance(doc.get("node_name"), str) and isinstance(doc.get("is_county"), bool)
          and _is_int(doc.get("year")) and isinstance(doc.get("today"), str) and isinstance(doc.get("saved"), str)
          and isinstance(cards, dict)
          and all(_is_int(cards.get(k)) for k in _INT_CARDS)
          and all(_is_int(cards.get(k)) or isinstance(cards.get(k), float) for k in _FLOAT_CARDS)
          and all(isinstance(cards.get(k), str) and len(cards[k]) < 40 for k in _TEXT_CARDS)
          and isinstance(cards.get("risk"), dict)
          and all(_is_int(cards["risk"].get(k)) for k in ("red", "yellow", "green")))
    if not ok or len(doc["node_name"]) > 200 or len(doc["today"]) > 20:
        return None
    return doc


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)
