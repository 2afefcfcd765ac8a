"""Ledger search through the FTS5 trigram index (migration 0007_ledger_fts), with the plain path beside it.

Why: `search_projects` used to read every project into Python for each search. The index narrows the
rows first for the terms it can answer exactly; every row it returns is still checked by the same
Matcher the ledger box uses, so the result is the plain path's, row for row (tests/services/
test_search_index.py). The index answers a term only when it is 3+ characters (trigram MATCH needs 3)
made of Chinese characters, digits and ASCII punctuation: letters may be pinyin initials (`lhc`), and
case folding of other scripts differs between Python and SQLite, so those terms take the plain path.
On PostgreSQL, or a database without the index, every search takes the plain path.
"""
from __future__ import annotations

import re

from sqlalchemy import select, text

from db.models import Project

# The indexed columns and the ledger row's search fields (desktop.projects.search.SEARCH_FIELDS).
FIELDS = {"code": "code", "name": "name", "village": "village", "township": "township_name",
          "implementing_unit": "implementing_unit", "supporting_party": "supporting_party",
          "responsible_person": "responsible_person", "operating_entity": "operating_entity",
          "category": "category", "level": "level"}
_SAFE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9!-/:-@\[-`{-~]{3,}")


def index_terms(query: str) -> list[str]:
    """The terms of a query the index can answer exactly (the rest are left to the Matcher)."""
    return [t for t in query.lower().split() if _SAFE.fullmatch(t)]


def has_index(session) -> bool:
    """Whether this database carries the trigram index (SQLite at revision 0007 or later)."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    return session.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'project_fts'")
                           ).first() is not None


def _match(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'  # one FTS5 string: the term as a phrase of its trigrams


def matching_ids(session, terms: list[str]):
    """A select of the ids of projects holding every term in one of the indexed fields."""
    q = None
    for i, term in enumerate(terms):
        ids = select(text("k.project_id")).select_from(
            text("project_fts JOIN project_search_key AS k ON k.n = project_fts.rowid")).where(
            text(f"project_fts MATCH :m{i}").bindparams(**{f"m{i}": _match(term)}))
        q = ids if q is None else q.intersect(ids)
    return q


def restrict(session, query, search: str):
    """`query` (a select over Project) limited to the index's candidates for `search`, when it can help."""
    terms = index_terms(search)
    if not terms or not has_index(session):
        return query
    return query.where(Project.id.in_(matching_ids(session, terms)))
