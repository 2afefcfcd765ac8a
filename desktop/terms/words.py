"""The words in force for labels built away from a session: widget captions, field labels, column titles.

Why: a label such as 建档立卡户 or 衔接推进乡村振兴补助资金 must follow the terms file the county sent down,
but many labels live in tables built once (field specs, column lists). Those hold a placeholder such
as "带动{registered_household}数" or a LiveChoices mapping, and take the word when they are shown.
`refresh_in_force(session)` is called when a data folder opens and whenever the terms change.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from desktop.terms.files import BUNDLED_KEYS, DEFAULT_KEY, Terms, bundled

_in_force: Terms | None = None
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Household kinds (Household.poor_status) and the label each one shows; 一般户 is not a policy term.
POOR_STATUS_TERMS = {"registered_poor": "registered_household", "lifted": "poor_household",
                     "monitored": "monitored_household"}
ORDINARY_HOUSEHOLD = "一般户"


def in_force() -> Terms:
    """The terms of the open data folder (the shipped default until one is opened)."""
    return _in_force or bundled(DEFAULT_KEY)


def set_in_force(terms: Terms | None) -> None:
    global _in_force, _stamp
    _in_force, _stamp = terms, None  # the next refresh reads the database again


_stamp: tuple | None = None  # desktop.terms.service.in_force_stamp of what _in_force was read from


def refresh_in_force(session) -> Terms:
    """Read the terms in force from the database and remember them for labels.

    Why the stamp: every table and every filled document asks, and the terms change a few times a year; the
    record, version, title and content text are read (one small statement) and the file is loaded and checked
    again only when they differ from what the terms in force were read from."""
    global _stamp
    from desktop.terms.service import current_terms, in_force_stamp

    stamp = ("none",) if (found := in_force_stamp(session)) is None else found
    if _in_force is not None and stamp == _stamp:
        return _in_force
    terms = current_terms(session)
    set_in_force(terms)
    _stamp = stamp
    return terms


def fill(text: str, terms: Terms | None = None) -> str:
    """Replace {label_name} placeholders with the words of `terms` (default: the terms in force)."""
    if not text or "{" not in text:
        return text
    labels = (terms or in_force()).content["labels"]
    return _PLACEHOLDER.sub(lambda m: labels.get(m.group(1), m.group(0)), text)


def all_wordings(text: str) -> set[str]:
    """A placeholder text as every shipped wording and the one in force writes it (for reading input)."""
    return {fill(text, bundled(k)) for k in BUNDLED_KEYS} | {fill(text)}


def poor_status_labels(terms: Terms | None = None) -> dict[str, str]:
    """{poor_status code: label}, e.g. registered_poor → 建档立卡户 (2021–2025) / 防止返贫监测对象 (2026)."""
    terms = terms or in_force()
    out = {code: terms.label(name) for code, name in POOR_STATUS_TERMS.items()}
    out["ordinary"] = ORDINARY_HOUSEHOLD
    return out


def poor_status_code(text) -> str | None:
    """The poor_status code for a code or for its label in any wording; None when it is neither."""
    value = str(text or "").strip()
    if value in POOR_STATUS_TERMS or value == "ordinary":
        return value
    for terms in (in_force(), *(bundled(k) for k in BUNDLED_KEYS)):
        for code, label in poor_status_labels(terms).items():
            if value == label:
                return code
    return None


class LiveChoices(Mapping):
    """A choices mapping whose words are read from the terms in force each time it is used.

    kind "funding_sources" / "levels" / "categories": {word: word} of that list;
    kind "poor_status": {code: label} of the household kinds.
    """

    def __init__(self, kind: str):
        self.kind = kind

    def _current(self) -> dict:
        if self.kind == "poor_status":
            return poor_status_labels()
        return {w: w for w in in_force().items(self.kind)}

    def __getitem__(self, key):
        return self._current()[key]

    def __iter__(self):
        return iter(self._current())

    def __len__(self):
        return len(self._current())

    def __repr__(self) -> str:
        return f"LiveChoices({self.kind!r})"
