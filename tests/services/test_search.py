"""Ledger search: Chinese substrings, pinyin initials (with polyphonic characters), several terms."""
from desktop.projects.search import Matcher, filter_rows, initials, row_key


def test_initials_of_place_names():
    """联合村 → lhc; letters and digits are kept, punctuation dropped."""
    assert Matcher("lhc").matches(row_key({"name": "联合村"}))
    assert initials("2020年A-1") [:4] == "2020"
    assert initials("安南村") == "anc"


def test_polyphonic_characters_match_any_reading():
    """长/重 have two readings: both cj (长江) and zj match, as do cq and zq for 重庆."""
    key = row_key({"name": "长江重庆"})
    for q in ("cjcq", "zjzq", "cj", "cq"):
        assert Matcher(q).matches(key), q


def test_substring_code_unit_and_terms():
    """Chinese substrings, codes and several space-separated terms (all must match)."""
    rows = [{"code": "2020-102-001", "name": "小中甸镇联合村乡村旅游建设项目", "village": "联合村",
             "implementing_unit": "小中甸镇人民政府"},
            {"code": "2020-102-002", "name": "安南村牦牛养殖产业项目", "village": "安南村",
             "implementing_unit": "安南村股份经济合作社"}]
    assert [r["code"] for r in filter_rows(rows, "旅游")] == ["2020-102-001"]
    assert [r["code"] for r in filter_rows(rows, "102-002")] == ["2020-102-002"]
    assert [r["code"] for r in filter_rows(rows, "合作社")] == ["2020-102-002"]
    assert [r["code"] for r in filter_rows(rows, "anc 牦牛")] == ["2020-102-002"]
    assert filter_rows(rows, "anc 旅游") == []
    assert len(filter_rows(rows, "  ")) == 2


def test_match_never_spans_two_fields():
    """The end of one field and the start of the next do not form a match."""
    key = row_key({"code": "2020-1", "name": "联合"})
    assert not Matcher("1联").matches(key)
