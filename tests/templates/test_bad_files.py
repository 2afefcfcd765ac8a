"""Bad template files are refused with one clear Chinese message naming the file, and nothing is stored."""
from __future__ import annotations

import os
import zipfile

import pytest

from desktop.core.errors import UserError
from desktop.templates.library import add_template
from tests.conftest import db_dump
from tests.templates.factory import BILLION_LAUGHS, EXTERNAL_ENTITY, make_docx, replace_part


def _good(tmp_path):
    return make_docx(tmp_path / "good.docx", ["{{ 项目名称 }}"])


def _corrupt(tmp_path):
    p = tmp_path / "corrupt.docx"
    p.write_bytes(os.urandom(5000))
    return p


def _truncated(tmp_path):
    data = _good(tmp_path).read_bytes()
    p = tmp_path / "truncated.docx"
    p.write_bytes(data[: len(data) // 2])
    return p


def _xlsx(tmp_path):
    from openpyxl import Workbook

    p = tmp_path / "table.docx"
    Workbook().save(p)
    return p


def _old_doc(tmp_path):
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    return p


def _oversized(tmp_path):
    return replace_part(_good(tmp_path), tmp_path / "big.docx", None,
                        extra={"word/media/image1.png": os.urandom(21 * 1024 * 1024)})


def _zip_bomb(tmp_path):
    return replace_part(_good(tmp_path), tmp_path / "bomb.docx", None,
                        extra={"word/filler.bin": b"\0" * (110 * 1024 * 1024)})


def _laughs(tmp_path):
    return replace_part(_good(tmp_path), tmp_path / "laughs.docx", "word/document.xml", BILLION_LAUGHS)


def _external(tmp_path):
    return replace_part(_good(tmp_path), tmp_path / "xxe.docx", "word/document.xml", EXTERNAL_ENTITY)


def _styles_bomb(tmp_path):
    return replace_part(_good(tmp_path), tmp_path / "styles.docx", "word/styles.xml",
                        BILLION_LAUGHS.replace("w:document", "w:styles"))


def _docm(tmp_path):
    src = _good(tmp_path)
    ct = zipfile.ZipFile(src).read("[Content_Types].xml").decode().replace(
        "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
    return replace_part(src, tmp_path / "macro.docx", "[Content_Types].xml", ct)


def _unknown_field(tmp_path):
    return make_docx(tmp_path / "unknown.docx", ["{{ 项目名称 }}", "合同金额：{{ 合同金额大写 }}"])


def _malformed(tmp_path):
    return make_docx(tmp_path / "malformed.docx", ["｛｛ 项目名称 ｝｝", "{{ 实施村（行政村） }}"])


CASES = [
    (_corrupt, ["corrupt.docx", "不是 Word 文档"]),
    (_truncated, ["truncated.docx", "不是 Word 文档"]),
    (_xlsx, ["table.docx", "Excel"]),
    (_old_doc, ["old.doc", "旧版"]),
    (_oversized, ["big.docx", "超过模板上限"]),
    (_zip_bomb, ["bomb.docx", "压缩炸弹"]),
    (_laughs, ["laughs.docx", "XML 炸弹"]),
    (_external, ["xxe.docx", "外部实体"]),
    (_styles_bomb, ["styles.docx", "word/styles.xml", "DTD"]),
    (_docm, ["macro.docx", "含宏"]),
    (_unknown_field, ["unknown.docx", "未知字段“合同金额大写”", "计划投资大写"]),
    (_malformed, ["malformed.docx", "全角花括号", "全角符号"]),
]


@pytest.mark.parametrize("make,words", CASES, ids=[c[0].__name__.strip("_") for c in CASES])
def test_bad_template_refused_nothing_stored(township_app, tmp_path, make, words):
    """Each bad file is refused naming the file and the problem; database and attachment store are untouched."""
    path = make(tmp_path)
    before = db_dump(township_app.layout.database)
    files_before = sorted(p.name for p in township_app.layout.attachments.rglob("*"))
    with pytest.raises(UserError) as e:
        add_template(township_app, path, "我的模板")
    for w in words:
        assert w in e.value.message, e.value.message
    assert db_dump(township_app.layout.database) == before
    assert sorted(p.name for p in township_app.layout.attachments.rglob("*")) == files_before


def test_missing_file_named(township_app, tmp_path):
    """A path that does not exist is named in the message."""
    with pytest.raises(UserError) as e:
        add_template(township_app, tmp_path / "nowhere.docx", "我的模板")
    assert "nowhere.docx" in e.value.message and "找不到文件" in e.value.message


def test_cli_refuses_unknown_field_and_bomb(cli, tmp_path):
    """`towndesk template add` exits 2 with the reason on stderr, and `template list` shows no new template."""
    cli("init", "--role", "township", "--region-code", "533401102000", "--name", "小中甸镇", check=True)
    res = cli("template", "add", _unknown_field(tmp_path), "--name", "我的模板")
    assert res.code == 2 and "未知字段“合同金额大写”" in res.err and "计划投资大写" in res.err
    res = cli("template", "add", _laughs(tmp_path), "--name", "我的模板")
    assert res.code == 2 and "XML 炸弹" in res.err
    res = cli("template", "check", _malformed(tmp_path))
    assert res.code == 2 and "全角花括号" in res.err
    names = [t["name"] for t in cli("template", "list", "--json", check=True).json()]
    assert "我的模板" not in names and len(names) == 7
