"""Backup fixtures: a small township folder with projects, a household and two attachments."""
import pytest


@pytest.fixture
def filled_app(township_app):
    """Township folder with two projects, a household and two attachment files."""
    from db.models import Attachment, Household, Project
    from desktop.core.attachments_store import AttachmentStore
    from desktop.projects import projects

    app = township_app
    made = projects.create_many(app, [{"name": "团结村产业路", "year": 2020, "level": "区级"},
                                      {"name": "联合村乡村旅游", "year": 2020, "level": "市级"}], source="测试")
    store = AttachmentStore(app.layout)
    with app.tx() as s:
        s.add(Household(township_code="533401102000", head_name="张三", id_number="53342119900101123X"))
        pid = s.get(Project, made[0]["id"]).id
        for i, content in enumerate((b"%PDF-1.4 approval", b"\x89PNG scan" * 1000)):
            sha = store.put_bytes(content)
            s.add(Attachment(project_id=pid, sha256=sha, filename=f"批复{i}.pdf", size=len(content)))
    app.codes = [p["code"] for p in made]
    return app
