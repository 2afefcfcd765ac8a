"""Issue 17, round 9: the lines a wrapped cell needs are counted in C, with the same widths as before
(a Chinese character two units, anything narrower 1.1) and exact arithmetic."""
from __future__ import annotations

from hypothesis import given, strategies as st

from desktop.reports.xlsx import _lines


def _by_hand(text, width: float) -> int:
    """The rule written out one character at a time, in tenths of a unit."""
    if not isinstance(text, str) or not text:
        return 1
    tenths = sum(20 if ord(ch) > 0x2E80 else 11 for ch in text)
    per_line = max(20, round(width * 10) - 15)
    return min(12, -(-tenths // per_line) + text.count("\n"))


def test_known_widths():
    """Ten Chinese characters in a column of width 11.5 take two lines; ten letters one; a newline adds one;
    no text needs one line; a very long text stops at twelve."""
    assert _lines("联" * 10, 11.5) == 2
    assert _lines("a" * 9, 11.5) == 1
    assert _lines("a" * 4 + "\n" + "b", 11.5) == 2
    assert _lines(None, 10) == _lines("", 10) == 1
    assert _lines("联" * 1000, 10) == 12


@given(st.text(alphabet=st.sampled_from("ab 1\n联合村⺀⺁、（😀é"), max_size=120),
       st.sampled_from([6, 8, 10, 11.5, 12.5, 20, 40]))
def test_same_as_the_rule_character_by_character(text, width):
    """For any mix of narrow, wide and boundary characters (U+2E80 narrow, U+2E81 wide) and newlines, the
    count is the rule's."""
    assert _lines(text, width) == _by_hand(text, width)
