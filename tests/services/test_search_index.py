"""The ledger's trigram index (0007_ledger_fts) gives exactly the plain search's rows, and stays current."""
from __future__ import annotations

import sqlite3
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update

from db.models import Project
from desktop.projects import search_index
from desktop.projects.search import search_projects
from tests.sizes import size

ALPHABET = "联合村安南牦牛养殖产业项目和平路旅游合作社0123-/ 2019abcLHCΣσςİi"
text = st.text(alphabet=ALPHABET, max_size=14)
project = st.fixed_dictionaries({"name": text.filter(str.strip), "village": st.none() | text,
                                 "implementing_unit": st.none() | text, "code_tail": st.integers(0, 999)})


def _insert(app, rows: list[dict]) -> list[str]:
    ids = []
    with app.tx() as s:
        s.execute(delete(Project))
        for n, r in enumerate(rows):
            pid = str(uuid.uuid4())
            ids.append(pid)
            s.execute(insert(Project).values(
                id=pid, code=f"2019-{n:03d}-{r['code_tail']:03d}", name=r["name"], year=2019, level="市级",
                funding_sources=[], township_code="533401102000", township_name="小中甸镇", village=r["village"],
                implementing_unit=r["implementing_unit"]))
    return ids


def _queries(rows: list[dict], picks: list[tuple[int, int, int]]) -> list[str]:
    """Substrings of the stored names (so most queries find something), plus fixed ones."""
    out = ["联合村", "养殖产业", "2019-0", "lhc", "合作社 2019", "ΣΣΣ", "iii"]
    for k, a, b in picks:
        name = rows[k % len(rows)]["name"]
        out.append(name[min(a, b):max(a, b) + 3])
    return [q for q in out if q.strip()]


@settings(max_examples=size(12, 40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(project, min_size=1, max_size=12),
       st.lists(st.tuples(st.integers(0, 20), st.integers(0, 12), st.integers(0, 12)), max_size=6),
       st.lists(st.tuples(st.integers(0, 20), text.filter(str.strip)), max_size=3), st.integers(0, 20))
def test_index_gives_the_plain_search_rows(township_app, rows, picks, renames, drop):
    """For any names, villages and units, after inserts, renames and a delete, both paths return the same rows."""
    ids = _insert(township_app, rows)
    with township_app.tx() as s:
        for k, new_name in renames:
            s.execute(update(Project).where(Project.id == ids[k % len(ids)]).values(name=new_name))
            rows[k % len(rows)]["name"] = new_name
        if len(ids) > 1:
            s.execute(delete(Project).where(Project.id == ids[drop % len(ids)]))
    for q in _queries(rows, picks):
        fast = [r["code"] for r in search_projects(township_app, q)]
        plain = [r["code"] for r in search_projects(township_app, q, use_index=False)]
        assert fast == plain, q


def test_index_terms_leave_letters_and_short_terms_to_the_matcher():
    """Only 3+ characters of Chinese, digits and punctuation go to the index; pinyin letters never do."""
    assert search_index.index_terms("联合村 lhc 联合 2019 2019-102 ΣΣΣ abc") == ["联合村", "2019", "2019-102"]


@pytest.mark.sqlite_only(reason="the trigram index exists on SQLite only; PostgreSQL keeps the plain path")
def test_index_answers_and_is_kept_by_every_writer(township_app):
    """The index finds a project by a village or unit substring, follows a rename and a delete, and survives VACUUM."""
    ids = _insert(township_app, [{"name": "安南村牦牛养殖产业项目", "village": "安南村", "implementing_unit": None,
                                  "code_tail": 1},
                                 {"name": "和平村产业路", "village": "和平村", "implementing_unit": "和平村合作社",
                                  "code_tail": 2}])
    with township_app.read() as s:
        assert search_index.has_index(s)
        assert set(s.scalars(search_index.matching_ids(s, ["养殖产业"]))) == {ids[0]}
        assert set(s.scalars(search_index.matching_ids(s, ["村合作"]))) == {ids[1]}
        assert set(s.scalars(search_index.matching_ids(s, ["产业", "村产业"]))) == set()  # 2-char terms never sent
    raw = sqlite3.connect(township_app.layout.root / "towndesk.db")
    raw.execute("VACUUM")  # may renumber project rowids; the index is keyed by its own table
    raw.close()
    with township_app.tx() as s:
        s.execute(update(Project).where(Project.id == ids[0]).values(name="安南村藏香猪养殖"))
        s.execute(delete(Project).where(Project.id == ids[1]))
    with township_app.read() as s:
        assert set(s.scalars(search_index.matching_ids(s, ["藏香猪"]))) == {ids[0]}
        assert set(s.scalars(search_index.matching_ids(s, ["牦牛养"]))) == set()
        assert set(s.scalars(search_index.matching_ids(s, ["村合作"]))) == set()
        assert s.execute(select(Project.id)).scalars().all() == [ids[0]]


def test_search_command_finds_by_chinese_substring_and_initials(cli, township_app):
    """`projects list --search` finds a project by a Chinese substring (index) and by pinyin initials (matcher)."""
    _insert(township_app, [{"name": "联合村生态旅游项目", "village": "联合村", "implementing_unit": None,
                            "code_tail": 5}])
    folder = township_app.layout.root
    township_app.dispose()
    for q in ("生态旅游", "lhc"):
        res = cli("projects", "list", "--search", q, data_dir=folder)
        assert res.code == 0 and "联合村生态旅游项目" in res.out and "共 1 个项目" in res.out, res.out + res.err
    res = cli("projects", "list", "--search", "不存在的项目", data_dir=folder)
    assert res.code == 0 and "共 0 个项目" in res.out
