"""A command-line argument no database or workbook can store is refused in Chinese, naming it; nothing is written."""
from __future__ import annotations

import pytest

from tests.conftest import TOWNSHIP


def test_unstorable_text_is_refused_and_nothing_changes(cli, tmp_path):
    """A non-UTF-8 byte (a lone surrogate) or a non-character in --set is refused with exit 2, the project unchanged."""
    import json

    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)
    spec = tmp_path / "p.json"
    spec.write_text(json.dumps({"name": "联合村道路硬化项目", "year": 2026, "level": "县级",
                                "planned_investment_wan": "10"}, ensure_ascii=False), encoding="utf-8")
    cli("projects", "add", "--json", str(spec), check=True)
    before = cli("projects", "list", "--json", check=True).out
    code = json.loads(before)[0]["code"]
    for value in ("a\udcffb项目", "名\ufffe称", "\uffff"):
        res = cli("projects", "edit", code, "--set", f"name={value}")
        assert res.code == 2, value
        assert "无法保存的字符" in res.err and "第 " in res.err and "Traceback" not in res.err
    assert cli("projects", "list", "--json", check=True).out == before


def test_an_existing_file_with_a_non_utf8_name_is_left_to_the_os(tmp_path):
    """A USB stick's GBK file name arrives as surrogates; the file exists, so the argument is not refused."""
    from desktop.cli.main import unstorable_word

    name = tmp_path / "\udcb0\udca1.tdpkg"
    try:
        name.write_bytes(b"x")
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system cannot hold a non-UTF-8 name")
    assert unstorable_word(["import", str(name)]) is None
    assert unstorable_word(["import", str(tmp_path / "missing" / "\udcb0.tdpkg")]) == (2, str(tmp_path / "missing") + "/\\udcb0.tdpkg")
