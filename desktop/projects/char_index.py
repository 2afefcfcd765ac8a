"""Which ledger rows a one-character query shows, made once per load instead of once per keystroke.

Why: the first keystroke of a search narrows nothing — it scans every row — and a letter such as
`l` (an initial of 联, 路, 乐 …) or a digit such as `2` (every code holds 20) matches almost every
row, so at 50,000 projects it was 20–30 ms of Python passes before anything was painted. For the
36 ASCII letters and digits this module makes, on the worker while the ledger loads, one byte per row
(1 = shown) and the totals of the rows it shows, so that keystroke is a lookup. Any other single
character (a Chinese one matches few rows) is answered by `flags_for` in one pass, as before.

The rule is exactly desktop.projects.search.Matcher's for a one-character term: the character is
in the row's lower-case text, or (a letter) the row's initials can show it (search.initials_mask).
"""
from __future__ import annotations

from itertools import compress, repeat
from operator import and_, contains, or_, truth

from desktop.projects.search import _letter_bits, initials_mask

INDEXED = "abcdefghijklmnopqrstuvwxyz0123456789"


def flags_for(ch: str, texts: list[str], masks: list[int]) -> bytes:
    """One byte per row: 1 when a search for the single character `ch` (lower case) shows the row."""
    hit = map(contains, texts, repeat(ch))
    if ch.isascii() and ch.isalpha():
        if not _letter_bits:
            initials_mask("")  # builds the letter table
        bit = _letter_bits[ch]
        hit = map(or_, hit, map(truth, map(and_, masks, repeat(bit))))
    return bytes(hit)


def build(texts: list[str], masks: list[int], columns: dict[str, list[int]]) -> dict[str, tuple[bytes, dict]]:
    """{character: (flags in row order, {column: total of the flagged rows})} for every INDEXED character.

    `columns` are the totalled columns (None as 0) in the same row order as texts and masks.
    """
    index = {}
    for ch in INDEXED:
        flags = flags_for(ch, texts, masks)
        index[ch] = (flags, {key: sum(compress(values, flags)) for key, values in columns.items()})
    return index


def one_character(matcher) -> str | None:
    """The character when a Matcher's query is a single one-character term, else None."""
    terms = matcher.terms
    return terms[0] if len(terms) == 1 and len(terms[0]) == 1 else None
