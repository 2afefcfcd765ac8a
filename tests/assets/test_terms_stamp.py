"""Issue 17: the terms in force are loaded and checked again only when what is stored for them changed."""
from __future__ import annotations

from sqlalchemy import update

from db.models import TermsFile
from desktop.terms import import_terms
from desktop.terms import service as terms_service
from desktop.terms.words import in_force, refresh_in_force


def _loads(monkeypatch) -> list:
    """Count the full loads of the terms file (the ORM read and the check of its content)."""
    calls, real = [], terms_service.current_terms
    monkeypatch.setattr(terms_service, "current_terms", lambda s: calls.append(1) or real(s))
    return calls


def test_unchanged_terms_are_not_loaded_again(network, monkeypatch):
    """Two refreshes with nothing changed in between load the terms once; the words are the county's."""
    county, _towns = network
    import_terms(county, "2026", activate=True)
    loads = _loads(monkeypatch)
    with county.read() as s:
        first = refresh_in_force(s)
    with county.read() as s:
        second = refresh_in_force(s)
    assert len(loads) == 1 and first is second and second.key == "2026"


def test_terms_changed_under_the_program_are_read_again(network, monkeypatch):
    """A title or content changed in the database by another process (same record, same version) is seen by the
    next refresh; so is switching back to the shipped wording by deactivating every file."""
    county, _towns = network
    import_terms(county, "2026", activate=True)
    with county.read() as s:
        refresh_in_force(s)
    loads = _loads(monkeypatch)
    with county.engine.begin() as conn:  # another process: no service call, so nothing told this one
        conn.execute(update(TermsFile).values(title="县里改过的用语"))
    with county.read() as s:
        assert refresh_in_force(s).title == "县里改过的用语"
    with county.engine.begin() as conn:
        conn.execute(update(TermsFile).values(active=False))
    with county.read() as s:
        assert refresh_in_force(s).key == "2021-2025"
    assert len(loads) == 2 and in_force().key == "2021-2025"
