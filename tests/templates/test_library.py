"""The template library: versions, sources, built-ins shared across nodes, files kept by SHA-256."""
from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import select

from db.models import ChangeLog, Template
from desktop.core.attachments_store import AttachmentStore
from desktop.templates.generated import list_generated, render_document
from desktop.templates.library import add_template, ensure_builtin, list_templates
from desktop.core.verify import verify
from tests.templates.factory import docx_text, make_docx

LIANHE = "2020-102-001"


def test_same_name_makes_a_new_version_and_old_outputs_keep_theirs(demo_app, tmp_path):
    """Adding an edited template makes version 2; a document made from version 1 still names version 1."""
    v1 = add_template(demo_app, make_docx(tmp_path / "a.docx", ["第一版 {{ 项目名称 }}"]), "村务公开", "publicity")
    out1 = tmp_path / "one.docx"
    render_document(demo_app, "村务公开", LIANHE, out1)
    v2 = add_template(demo_app, make_docx(tmp_path / "b.docx", ["第二版 {{ 项目名称 }} {{ 实施村 }}"]), "村务公开")
    assert (v1["version"], v2["version"]) == (1, 2)
    assert v2["kind"] == "publicity" and v2["source"] == "local" and v2["fields"] == ["项目名称", "实施村"]
    out2 = tmp_path / "two.docx"
    render_document(demo_app, "村务公开", LIANHE, out2)
    assert "第二版" in docx_text(out2)[0]
    old = tmp_path / "old.docx"
    render_document(demo_app, "村务公开", LIANHE, old, version=1)
    assert "第一版" in docx_text(old)[0]
    versions = sorted(g["version"] for g in list_generated(demo_app, LIANHE) if g["template"] == "村务公开")
    assert versions == [1, 1, 2]
    rows = [r for r in list_templates(demo_app, all_versions=True) if r["name"] == "村务公开"]
    assert [r["version"] for r in rows] == [2, 1]


def test_unchanged_file_is_not_a_new_version(township_app, tmp_path):
    """Adding the very same file again keeps the version and stores nothing new."""
    f = make_docx(tmp_path / "a.docx", ["{{ 项目名称 }}"])
    first = add_template(township_app, f, "测试模板")
    again = add_template(township_app, f, "测试模板")
    assert again["unchanged"] and again["version"] == first["version"] == 1


def test_template_file_is_in_the_store_by_sha256(township_app, tmp_path):
    """The .docx is kept once in the attachment store under the SHA-256 that Template.sha256 names."""
    f = make_docx(tmp_path / "a.docx", ["{{ 项目名称 }}"])
    row = add_template(township_app, f, "测试模板")
    assert row["sha256"] == hashlib.sha256(f.read_bytes()).hexdigest()
    assert AttachmentStore(township_app.layout).path_for(row["sha256"]).read_bytes() == f.read_bytes()
    assert verify(township_app) == []  # the store file is referenced, not an orphan


def test_builtin_rows_are_identical_on_every_node(tmp_path):
    """Two data folders load the shipped templates with the same ids, so sync never duplicates them."""
    from desktop.core.app import init_data_folder

    ids = []
    for name, code in (("a", "533401102000"), ("b", "533401000000")):
        app = init_data_folder(tmp_path / name, role="township" if name == "a" else "county", region_code=code,
                               name=name)
        ensure_builtin(app)
        with app.read() as s:
            ids.append(sorted(s.scalars(select(Template.id))))
        app.dispose()
    assert ids[0] == ids[1] and len(ids[0]) == 7


def test_county_template_arriving_by_sync_is_enough(demo_app, tmp_path):
    """A Template row (source county) plus its file in the store is all a township needs to render it."""
    f = make_docx(tmp_path / "c.docx", ["县级模板：{{ 项目名称 }}，{{ 计划投资大写 }}"])
    data = f.read_bytes()
    sha = AttachmentStore(demo_app.layout).put_bytes(data)
    remote = {"origin_node": "county-node", "origin_seq": 41, "user_name": "县乡村振兴局", "package_id": "pkg-1"}
    with demo_app.tx(remote=remote) as s:
        s.add(Template(id="7d0c1c58-8c0e-4f55-9d55-3f8a0c2f1a10", origin_node="county-node", name="县级通知回执", kind="report", template_version=1, source="county", sha256=sha,
                       fields=["项目名称", "计划投资大写"], scope_code="533401000000"))
    row = next(r for r in list_templates(demo_app) if r["name"] == "县级通知回执")
    assert row["source_label"] == "县级下发"
    out = tmp_path / "out.docx"
    render_document(demo_app, "县级通知回执", LIANHE, out, today=date(2020, 4, 1))
    assert "县级模板：小中甸镇联合村乡村旅游建设项目，壹仟陆佰玖拾万元整" in docx_text(out)[0]


def test_changes_are_in_the_change_log(demo_app, tmp_path):
    """Templates and generated documents are synced records: their creation is in the change log."""
    add_template(demo_app, make_docx(tmp_path / "a.docx", ["{{ 项目名称 }}"]), "测试模板")
    render_document(demo_app, "测试模板", LIANHE, tmp_path / "o.docx")
    with demo_app.read() as s:
        tables = set(s.scalars(select(ChangeLog.table_name).where(
            ChangeLog.table_name.in_(["template", "generated_document", "attachment"]))))
    assert tables == {"template", "generated_document", "attachment"}


def test_county_adds_county_templates(tmp_path):
    """On the county node an added template is marked 县级下发, ready to go out to townships."""
    from desktop.core.app import init_data_folder

    app = init_data_folder(tmp_path / "c", role="county", region_code="533401000000", name="香格里拉市")
    row = add_template(app, make_docx(tmp_path / "a.docx", ["{{ 项目名称 }}"]), "县级模板")
    app.dispose()
    assert row["source"] == "county" and row["source_label"] == "县级下发"
