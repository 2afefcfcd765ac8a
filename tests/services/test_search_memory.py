"""The ledger's search tables are built lean: pypinyin's readings read directly, repeated values shared."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.projects import ledger, search

REPO = Path(__file__).resolve().parents[2]


def test_readings_read_directly_equal_pypinyins_own_table():
    """The JSON read without importing pypinyin gives exactly the table `pypinyin.pinyin_dict` loads."""
    from pypinyin.pinyin_dict import pinyin_dict

    assert search._pinyin_readings() == pinyin_dict


def test_building_the_initials_does_not_load_the_phrase_dictionary():
    """A fresh process that builds the initials table never imports pypinyin's phrases or segmenter (≈ 45 MB)."""
    code = ("import sys; from desktop.projects import search; k = search.row_key({'name': '联合村'}); assert search.Matcher('lhc').matches(k); "
            "print(sorted(m for m in sys.modules if m.startswith('pypinyin')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_pair_masks_are_the_same_whether_or_not_a_field_was_cached():
    """Leaving code and name out of the per-field cache changes no row's pair mask."""
    keys = [search.row_key({"code": f"2019-{n % 7}", "name": "联合村养殖项目" if n % 2 else "长安路重建",
                            "village": "联合村", "township": "小中甸镇"}) for n in range(40)]
    first = [search.pair_mask(k[1]) for k in keys]
    search._field_pairs.clear()
    assert [search.pair_mask(k[1]) for k in keys] == first
    assert all(not f.startswith("2019") for f in search._field_pairs)


def test_ledger_rows_share_repeated_values_and_join_funding_sources(demo_app):
    """Equal village, township and stage values are one object; funding sources read as text are joined as before."""
    from sqlalchemy import select

    from db.models import Project

    rows = ledger.ledger_rows(demo_app, with_keys=False)["rows"]
    with demo_app.read() as s:
        stored = {code: sources for code, sources in s.execute(select(Project.code, Project.funding_sources))}
    assert rows and all(r["funding_sources"] == "、".join(stored[r["code"]] or []) for r in rows)
    by_value: dict = {}
    for r in rows:
        for key in ("village", "township", "stage"):
            if r[key] is not None:
                assert by_value.setdefault((key, r[key]), r[key]) is r[key]
