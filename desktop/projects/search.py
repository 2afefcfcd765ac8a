"""Ledger search: Chinese substrings and pinyin initials (typing `lhc` finds 联合村).

Why a precomputed key per row: the ledger filters on every keystroke over thousands of rows,
so each row's text and initials are built once, and a keystroke is one pass of `in`/regex.
Polyphonic characters (长 cháng/zhǎng, 重 chóng/zhòng) match under any of their readings:
each such character becomes a "class" character in the initials, and the query letter
becomes a regex character class of every class that contains it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import compress, repeat
from functools import reduce
from operator import and_, contains, eq, or_

# The fields a clerk searches by: names, codes, villages, units, people, parties.
SEARCH_FIELDS = ("code", "name", "village", "township", "implementing_unit", "supporting_party",
                 "responsible_person", "operating_entity", "category", "level")
_SEP = "\u0001"  # between fields, so a match never spans two fields
_CONTROL = dict.fromkeys(range(2))  # the separator (and NUL) never come from a field

class _Table(dict):
    """str.translate table: unknown characters (punctuation, symbols) are dropped."""

    def __missing__(self, key):
        return None


_table: _Table | None = None
_letter_class: dict[str, str] = {}
_letter_bits: dict[str, int] = {}  # a character of the initials → the bits of every letter it can stand for


def _initial(reading: str) -> str:
    return unicodedata.normalize("NFKD", reading)[0].lower()


def _build() -> _Table:
    """Map every CJK code point to one character: its initial, or a class for several initials."""
    global _table
    if _table is not None:
        return _table
    pinyin_dict = _pinyin_readings()
    table = _Table()
    for ch in "abcdefghijklmnopqrstuvwxyz0123456789":
        table[ord(ch)] = ch
        table[ord(ch.upper())] = ch
    classes: dict[frozenset, str] = {}
    for cp, readings in pinyin_dict.items():
        letters = frozenset(_initial(r) for r in readings.split(",") if r)
        if not letters:
            continue
        if len(letters) == 1:
            table[cp] = next(iter(letters))
        else:
            if letters not in classes:
                classes[letters] = chr(0xE000 + len(classes))  # private-use code points
            table[cp] = classes[letters]
    for letter in "abcdefghijklmnopqrstuvwxyz":
        members = [ch for letters, ch in classes.items() if letter in letters]
        _letter_class[letter] = "[" + letter + "".join(members) + "]"
        _letter_bits[letter] = _bit(letter)
    for letters, ch in classes.items():
        _letter_bits[ch] = sum(_bit(x) for x in letters if "a" <= x <= "z")
    _table = table
    return table


def _pinyin_readings() -> dict[int, str]:
    """pypinyin's table of readings per code point, without importing the package.

    Why: `import pypinyin.pinyin_dict` first runs pypinyin/__init__, which loads its phrase dictionary
    and segmenter (≈ 45 MB and a few hundred ms) that the initials never use. The package folder is
    found without executing it (also inside a frozen build, whose hook ships the JSON files); if the
    file is not where it should be, the normal import is the fallback.
    """
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("pypinyin")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "pinyin_dict.json"
        if path.is_file():
            return {int(k): v for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    from pypinyin.pinyin_dict import pinyin_dict  # pragma: no cover - layout of another pypinyin release

    return pinyin_dict


def _bit(letter: str) -> int:
    return 1 << (ord(letter) - 97)


def initials_mask(inits: str) -> int:
    """Bit i set when the initials can show letter i (a polyphone shows all its letters).

    A one-letter query is then one AND per row, and longer ones run their regex only on rows that
    hold all their letters: the pinyin initials, precomputed and indexed.
    """
    if not _letter_bits:
        _build()
    return reduce(or_, map(_letter_bits.get, set(inits), repeat(0)), 0)


_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


class _PairBits(dict):
    """(character, next character) of the initials -> the bits of every (letter, letter) pair they can show."""

    def __missing__(self, pair):
        a, b = (_letters_of(c) for c in pair)
        value = self[pair] = reduce(or_, (_pair_bit(x, y) for x in a for y in b), 0)
        return value


def _letters_of(ch: str) -> str:
    if ch in _ALNUM:
        return ch
    bits = _letter_bits.get(ch, 0)
    return "".join(x for x in _ALNUM[:26] if bits & _bit(x))


def _pair_bit(x: str, y: str) -> int:
    return 1 << (_ALNUM.index(x) * 36 + _ALNUM.index(y))


_pair_bits = _PairBits()
_field_pairs: dict[str, int] = {}  # one field's initials -> its pair mask (township, village, unit names repeat)
_UNIQUE_FIELDS = 2  # SEARCH_FIELDS starts with code and name, which seldom repeat


def pair_mask(inits: str) -> int:
    """Bit (x, y) set when two neighbouring initials of one field can show letters x then y.

    A two-letter pinyin query (`lh`) then needs no regex: a row matches exactly when its mask has
    the query's pair, and a longer query runs its regex only on rows holding all its pairs.
    """
    if not _letter_bits:
        _build()
    total = 0
    for position, field in enumerate(inits.split(_SEP)):
        bits = _field_pairs.get(field)
        if bits is None:
            bits = reduce(or_, map(_pair_bits.__getitem__, zip(field, field[1:])), 0)
            # The code and the name (the first two fields) differ on nearly every row: kept, they
            # would hold one large int per project for nothing (19 MB at 50,000 projects).
            if position >= _UNIQUE_FIELDS and len(_field_pairs) < 200_000:
                _field_pairs[field] = bits
        total |= bits
    return total


def _term_pairs(term: str) -> int:
    """The pair bits a row must hold for an initials term (letters and digits) to match."""
    return reduce(or_, (_pair_bit(x, y) for x, y in zip(term, term[1:])), 0)


@lru_cache(maxsize=65536)
def initials(text: str) -> str:
    """'联合村' → 'lhc'; letters and digits kept lower-case, other characters dropped."""
    return text.translate(_table if _table is not None else _build())


def row_key(row: dict) -> tuple[str, str]:
    """(lower-case text, initials) of a project row, both with field separators."""
    parts = [str(row.get(f) or "").translate(_CONTROL) for f in SEARCH_FIELDS]
    return _SEP.join(parts).lower(), _SEP.join(initials(p) for p in parts)


def _is_initials(term: str) -> bool:
    return term.isascii() and any(c.isalpha() for c in term) and term.isalnum()


class Matcher:
    """A compiled query: every whitespace-separated term must match text or initials."""

    def __init__(self, query: str):
        self.terms = [t for t in query.lower().split() if t]
        _build()
        self._regexes: list[re.Pattern | None] = []
        for t in self.terms:
            if _is_initials(t):
                self._regexes.append(re.compile("".join(_letter_class.get(c, re.escape(c)) for c in t)))
            else:
                self._regexes.append(None)

    def narrows(self, previous: "Matcher | None") -> bool:
        """True when every row this query matches also matched `previous` (the clerk typed on).

        Holds when the terms are the previous ones, the last possibly longer and of the same kind
        (Chinese/text or pinyin initials), plus new terms: then the new result is a subset.
        """
        if previous is None:
            return False
        old, new = previous.terms, self.terms
        if not old:
            return True
        if len(new) < len(old) or new[:len(old) - 1] != old[:-1]:
            return False
        last, grown = old[-1], new[len(old) - 1]
        return grown.startswith(last) and _is_initials(grown) == _is_initials(last)

    def select(self, indices, texts: list[str], inits: list[str],
               masks: list[int] | None = None) -> tuple[list, list, list, list | None]:
        """The (indices, texts, initials, masks) that match, from parallel lists.

        The same test as `matches`, but each term is a few passes of map/compress in C rather
        than a Python call per row. With `masks` (initials_mask of each row), a one-letter term is
        an AND per row and a longer one runs its regex only on rows holding all its letters.
        """
        mask = self._mask(texts, inits, masks)
        if mask is None:
            return list(indices), list(texts), list(inits), (list(masks) if masks is not None else None)
        return (list(compress(indices, mask)), list(compress(texts, mask)), list(compress(inits, mask)),
                list(compress(masks, mask)) if masks is not None else None)

    @property
    def uses_initials(self) -> bool:
        """Whether some term may match pinyin initials (else `inits` and `masks` are never read)."""
        return any(rx is not None for rx in self._regexes)

    def select_indices(self, indices, texts: list[str], inits: list[str] | None,
                       masks: list[int] | None = None, pairs: list[int] | None = None) -> list:
        """Only the matching indices of `select` (the ledger derives the other lists when it needs them).

        `inits` may be None when not `uses_initials`. With `pairs` (pair_mask of each row, beside
        `masks`), a two-letter initials term needs no regex at all."""
        mask = self._mask(texts, inits, masks, pairs)
        return list(indices) if mask is None else list(compress(indices, mask))

    def _mask(self, texts, inits, masks, pairs=None) -> list[bool] | None:
        """Per row of the parallel lists, whether every term matches (None: no terms, every row)."""
        keep = None
        for term, rx in zip(self.terms, self._regexes):
            if keep is not None:  # later terms look only at the rows earlier terms kept
                pos = list(compress(range(len(keep)), keep))
                sub = self._term_mask(term, rx, list(compress(texts, keep)),
                                      list(compress(inits, keep)) if inits is not None else None,
                                      list(compress(masks, keep)) if masks is not None else None,
                                      list(compress(pairs, keep)) if pairs is not None else None)
                keep = [False] * len(keep)
                for i in compress(pos, sub):
                    keep[i] = True
            else:
                keep = self._term_mask(term, rx, texts, inits, masks, pairs)
        return keep

    @staticmethod
    def _term_mask(term: str, rx, texts, inits, masks, pairs=None) -> list[bool]:
        hit = map(contains, texts, repeat(term))
        if rx is not None and masks is not None:
            if pairs is not None and len(term) > 1:  # rows holding every neighbouring pair (so every letter)
                need = _term_pairs(term)
                ok = list(map(eq, map(and_, pairs, repeat(need)), repeat(need)))
            else:
                need = reduce(or_, (_letter_bits.get(c, 0) for c in term), 0)
                ok = list(map(eq, map(and_, masks, repeat(need)), repeat(need)))
            if len(term) > 2 or (len(term) == 2 and pairs is None):  # else the masks decided exactly
                pos = list(compress(range(len(inits)), ok))
                found = set(compress(pos, map(rx.search, compress(inits, ok))))
                ok = map(found.__contains__, range(len(inits)))
            hit = map(or_, hit, ok)
        elif rx is not None:
            hit = map(or_, hit, map(bool, map(rx.search, inits)))
        return list(hit)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, key: tuple[str, str]) -> bool:
        text, inits = key
        for term, rx in zip(self.terms, self._regexes):
            if term in text:
                continue
            if rx is not None and rx.search(inits):
                continue
            return False
        return True


def filter_rows(rows: list[dict], query: str) -> list[dict]:
    """The rows matching `query` (all rows for an empty query)."""
    m = Matcher(query)
    if not m:
        return list(rows)
    return [r for r in rows if m.matches(row_key(r))]


def search_projects(app, query: str, *, use_index: bool = True, **filters) -> list[dict]:
    """Ledger rows (see projects.list_projects) matching a search as the ledger's box does.

    The trigram index (desktop.projects.search_index) narrows the rows read for terms it can answer;
    the Matcher still decides each row, so the result equals the plain path's."""
    from desktop.projects import search_index
    from desktop.projects.projects import ledger_query, project_dict

    with app.read() as s:
        q = ledger_query(**filters)
        if use_index and Matcher(query):
            q = search_index.restrict(s, q, query)
        rows = [project_dict(p, d, sp) for p, d, sp in s.execute(q)]
    return filter_rows(rows, query)
