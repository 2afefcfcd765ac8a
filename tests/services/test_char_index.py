"""The one-character index answers exactly what Matcher answers for a one-character query, with its totals."""
from __future__ import annotations

from itertools import compress

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.projects import char_index
from desktop.projects.search import Matcher, initials_mask, row_key
from tests.sizes import size

NAMES = ["联合村生态旅游", "安南村牦牛养殖", "和平村产业路", "长征村重建", "乐业村", "2019年联合村", "ABC合作社", ""]
row = st.builds(lambda name, code, village, amount: {"code": code, "name": name, "village": village, "amount": amount},
                st.sampled_from(NAMES), st.from_regex(r"[A-Za-z0-9\-]{0,8}", fullmatch=True),
                st.sampled_from(["", "长坡村", "Lhasa", "行政村"]), st.none() | st.integers(0, 10**12))


@settings(max_examples=size(30, 80), deadline=None)
@given(st.lists(row, max_size=30))
def test_every_indexed_character_matches_the_matcher(rows):
    """For each letter and digit, the flags mark exactly the rows Matcher(ch) matches, and the totals are theirs."""
    keys = [row_key(r) for r in rows]
    masks = [initials_mask(k[1]) for k in keys]
    amounts = [r["amount"] or 0 for r in rows]
    index = char_index.build([k[0] for k in keys], masks, {"amount": amounts})
    assert set(index) == set(char_index.INDEXED)
    for ch, (flags, sums) in index.items():
        expected = [Matcher(ch).matches(k) for k in keys]
        assert list(map(bool, flags)) == expected, ch
        assert sums == {"amount": sum(compress(amounts, expected))}, ch


def test_unindexed_characters_follow_the_same_rule():
    """A Chinese character or punctuation is answered by one pass with the same rule."""
    rows = [{"name": n, "code": f"C{i}"} for i, n in enumerate(NAMES)]
    keys = [row_key(r) for r in rows]
    masks = [initials_mask(k[1]) for k in keys]
    for ch in ("村", "联", "-", "年", "l", "c"):
        flags = char_index.flags_for(ch, [k[0] for k in keys], masks)
        assert list(map(bool, flags)) == [Matcher(ch).matches(k) for k in keys], ch


def test_one_character_queries_are_recognised():
    """Only a query that is one term of one character uses the index (spaces around it do not matter)."""
    assert char_index.one_character(Matcher(" l ")) == "l"
    assert char_index.one_character(Matcher("L")) == "l"
    assert char_index.one_character(Matcher("联")) == "联"
    for query in ("", "lh", "l h", "联合"):
        assert char_index.one_character(Matcher(query)) is None, query
