"""The ledger's fast search path gives exactly the rows of the plain per-row matcher, and typing on narrows."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.projects.search import Matcher, initials_mask, pair_mask, row_key
from tests.sizes import size

# Chinese place-name characters (some polyphonic: 长 重 行), letters, digits, punctuation, the
# separators the keys use, and a private-use character like those the initials classes use.
ALPHABET = "联合村安南长重行乡镇项目旅游养殖和朝aAbhlncjz0129-（）· \u0001\u0002\ue001"
field = st.text(alphabet=ALPHABET, max_size=8)
rows = st.lists(st.fixed_dictionaries({"code": field, "name": field, "village": field}), max_size=25)
queries = st.text(alphabet="联合村安南长重乡lhcanjzqx0129- ", max_size=6)


def _plain(rows_, query):
    m = Matcher(query)
    return [i for i, r in enumerate(rows_) if not m or m.matches(row_key(r))]


def _fast(rows_, query, indices=None, use_masks=True):
    keys = [row_key(r) for r in rows_]
    indices = list(range(len(rows_))) if indices is None else indices
    m = Matcher(query)
    if not m:
        return indices
    masks = [initials_mask(keys[i][1]) for i in indices] if use_masks else None
    return m.select(indices, [keys[i][0] for i in indices], [keys[i][1] for i in indices], masks)[0]


@settings(max_examples=size(100, 300), deadline=None)
@given(rows, queries)
def test_select_equals_per_row_matching(rows_, query):
    """Matcher.select over the key lists (with and without the initials masks) keeps the rows Matcher.matches keeps."""
    assert _fast(rows_, query) == _plain(rows_, query) == _fast(rows_, query, use_masks=False)


@settings(max_examples=size(100, 300), deadline=None)
@given(rows, queries, queries)
def test_narrowing_a_previous_result_is_exact(rows_, first, more):
    """When a longer query narrows the previous one, searching the previous result equals searching all rows."""
    longer = first + more
    if not Matcher(longer).narrows(Matcher(first)):
        return
    previous = _fast(rows_, first)
    assert _fast(rows_, longer, previous) == _plain(rows_, longer)


def test_narrows_only_for_a_growing_query():
    """Typing on narrows; deleting, changing a term, or switching from Chinese to initials does not."""
    assert Matcher("联合村").narrows(Matcher("联合"))
    assert Matcher("lhc").narrows(Matcher("lh"))
    assert Matcher("anc 牦牛").narrows(Matcher("anc"))
    assert Matcher("联合").narrows(Matcher(""))
    assert not Matcher("联合").narrows(Matcher("联合村"))
    assert not Matcher("安南").narrows(Matcher("联合"))
    assert not Matcher("20a").narrows(Matcher("20"))  # digits are text; 20a is initials
    assert not Matcher("联合").narrows(None)


def test_separators_in_a_field_cannot_fake_a_match():
    """A field holding the key separators is searched as its visible text only."""
    key = row_key({"name": "ab\u0002cd"})
    assert Matcher("abcd").matches(key)
    assert Matcher("abcd").select([0], [key[0]], [key[1]], [initials_mask(key[1])])[0] == [0]


def _indexed(rows_, query, indices=None):
    """select_indices with both per-row indexes (letter masks and neighbouring-pair masks)."""
    keys = [row_key(r) for r in rows_]
    indices = list(range(len(rows_))) if indices is None else indices
    m = Matcher(query)
    if not m:
        return indices
    return m.select_indices(indices, [keys[i][0] for i in indices], [keys[i][1] for i in indices],
                            [initials_mask(keys[i][1]) for i in indices], [pair_mask(keys[i][1]) for i in indices])


@settings(max_examples=size(100, 400), deadline=None)
@given(rows, queries)
def test_pair_masks_decide_two_letter_terms_exactly(rows_, query):
    """With pair masks (no regex for two-letter initials), the rows are exactly the per-row matcher's."""
    assert _indexed(rows_, query) == _plain(rows_, query)


@settings(max_examples=size(60, 200), deadline=None)
@given(st.lists(st.fixed_dictionaries({"name": st.text(alphabet="长重行乐朝和联合村安南lhcz0129\u0001", max_size=6)}),
                max_size=25), st.text(alphabet="lhczcx02", min_size=2, max_size=3))
def test_pair_masks_with_polyphones(rows_, query):
    """Polyphonic characters (长 c/z, 重 c/z, 行 x/h, 乐 l/y) match a pair under any of their readings."""
    assert _indexed(rows_, query) == _plain(rows_, query)


def test_pair_mask_examples():
    """联合村 holds the pairs lh and hc (not lc); 长 shows c and z; fields never pair across the separator."""
    assert Matcher("lh").select_indices([0], *[[x] for x in row_key({"name": "联合村"})],
                                        [initials_mask("lhc")], [pair_mask("lhc")]) == [0]
    assert Matcher("lc").select_indices([0], *[[x] for x in row_key({"name": "联合村"})],
                                        [initials_mask("lhc")], [pair_mask("lhc")]) == []
    key = row_key({"name": "长征"})
    for q in ("cz", "zz"):
        assert Matcher(q).select_indices([0], [key[0]], [key[1]], [initials_mask(key[1])], [pair_mask(key[1])]) == [0]
    key = row_key({"code": "ab", "name": "cd"})
    assert Matcher("bc").select_indices([0], [key[0]], [key[1]], [initials_mask(key[1])], [pair_mask(key[1])]) == []
