"""The terms in force: stored as TermsFile records (county-owned, sent down in the county's package).

Only the county imports or activates a terms file; a township takes what arrives in the package.
Without any record the bundled 2021–2025 wording applies, so a fresh install reads as before.
"""
from __future__ import annotations

import functools

from sqlalchemy import Text, cast, select

from db.models import TermsFile
from desktop.core.errors import UserError
from desktop.terms.files import DEFAULT_KEY, Terms, bundled, parse_terms, read_terms_file
from desktop.terms.words import set_in_force


def _as_terms(row: TermsFile) -> Terms:
    data = {"format": "towndesk-terms", "format_version": 1, "key": row.key, "terms_version": row.terms_version,
            "title": row.title, **row.content}
    try:
        return parse_terms(data, f"{row.key} 第 {row.terms_version} 版")
    except UserError:
        return bundled(DEFAULT_KEY)  # a damaged record never stops the program: fall back to the shipped words


def _in_force_filter(q):
    return (q.where(TermsFile.active.is_(True), TermsFile.deleted.is_(False))
            .order_by(TermsFile.terms_version.desc(), TermsFile.updated_at.desc()).limit(1))


def current_terms(session) -> Terms:
    """The active terms file (newest version of the active key), else the bundled default."""
    row = session.scalars(_in_force_filter(select(TermsFile))).first()
    return _as_terms(row) if row is not None else bundled(DEFAULT_KEY)


@functools.lru_cache(maxsize=1)
def _stamp_statement():
    return _in_force_filter(select(TermsFile.id, TermsFile.key, TermsFile.terms_version, TermsFile.title,
                                   cast(TermsFile.content, Text)))


def in_force_stamp(session) -> tuple | None:
    """What the terms in force are made of, as stored (the record, its version, title and content as text):
    equal stamps, equal terms. One small Core read, so a table or document need not load and check the
    terms file again when nothing changed (desktop.terms.words.refresh_in_force)."""
    if session.new or session.dirty or session.deleted:
        session.flush()  # as autoflush would: a terms file activated in this transaction counts
    row = session.connection().execute(_stamp_statement()).first()
    return tuple(row) if row is not None else None


def terms_for_app(app) -> Terms:
    with app.read() as s:
        return current_terms(s)


def list_terms(app) -> list[dict]:
    with app.read() as s:
        rows = s.scalars(select(TermsFile).where(TermsFile.deleted.is_(False))
                         .order_by(TermsFile.key, TermsFile.terms_version)).all()
        return [{"key": r.key, "terms_version": r.terms_version, "title": r.title, "active": r.active} for r in rows]


def _require_county(app, what: str) -> None:
    if not (app.node and app.node.is_county):
        raise UserError(f"{what}由县级办公室统一下发，乡镇不能自行修改；请等待县级同步包。")


def _store(s, terms: Terms) -> TermsFile:
    same = s.scalar(select(TermsFile).where(TermsFile.key == terms.key,
                                            TermsFile.terms_version == terms.terms_version,
                                            TermsFile.deleted.is_(False)))
    content = {k: v for k, v in terms.content.items()}
    if same is not None:
        if same.content != content or same.title != terms.title:
            raise UserError(f"用语“{terms.key}”第 {terms.terms_version} 版已存在且内容不同；修改后的用语请把 "
                            "terms_version 加一再导入。")
        return same
    row = TermsFile(key=terms.key, terms_version=terms.terms_version, title=terms.title, content=content,
                    active=False)
    s.add(row)
    s.flush()
    return row


def import_terms(app, source, activate: bool = False) -> dict:
    """Store a terms file (a path, or a bundled key such as "2026"); optionally make it the one in force."""
    _require_county(app, "用语文件")
    terms = bundled(source) if str(source) in ("2021-2025", "2026") else read_terms_file(source)
    with app.tx(right="settings") as s:  # the county's wording for every screen and paper
        row = _store(s, terms)
        if activate:
            _activate(s, row)
            set_in_force(terms)
        return {"key": row.key, "terms_version": row.terms_version, "title": row.title, "active": row.active}


def _activate(s, row: TermsFile) -> None:
    for other in s.scalars(select(TermsFile).where(TermsFile.active.is_(True), TermsFile.id != row.id)):
        other.active = False
    row.active = True


def activate_terms(app, key: str) -> dict:
    """Make the newest stored version of `key` the terms in force (a bundled key is stored first)."""
    _require_county(app, "用语")
    with app.tx(right="settings") as s:  # the county's wording for every screen and paper
        row = s.scalars(select(TermsFile).where(TermsFile.key == key, TermsFile.deleted.is_(False))
                        .order_by(TermsFile.terms_version.desc())).first()
        if row is None:
            row = _store(s, bundled(key))
        _activate(s, row)
        set_in_force(_as_terms(row))
        return {"key": row.key, "terms_version": row.terms_version, "title": row.title, "active": True}
