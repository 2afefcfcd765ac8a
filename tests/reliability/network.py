"""A county and a township that trust each other, real data, a real package, and crafted hostile ones."""
from __future__ import annotations

import hashlib
import json
import random
import shutil
import zipfile
from datetime import date
from pathlib import Path

from tests.conftest import COUNTY, TOWNSHIP


def make_node(root: Path, role: str, code: str, name: str):
    from desktop.core.app import init_data_folder

    app = init_data_folder(root, role=role, region_code=code, name=name)
    app.user_name = "测试员"
    return app


def enroll(a, b, tmp: Path) -> None:
    from desktop.sync import peers

    for x, y in ((a, b), (b, a)):
        ident = peers.export_identity(x, tmp / f"{x.node.id}.json")
        peers.add_peer(y, tmp / f"{x.node.id}.json", ident["fingerprint"])


def add_records(app, n_projects: int = 3, attachment_kb: int = 300, seed: int = 1) -> None:
    """Projects with a milestone, a disbursement, two households (ID numbers) and one attachment each."""
    from db.models import Attachment, Disbursement, Household, Milestone, Project
    from desktop.core.attachments_store import AttachmentStore

    rng = random.Random(seed)
    store = AttachmentStore(app.layout)
    with app.tx() as s:
        base = len(s.query(Project.id).all())
        for i in range(n_projects):
            p = Project(code=f"2020-{app.node.region_code[6:9]}-{base + i + 1:03d}", name=f"联合村项目{base + i + 1}",
                        year=2020, level="市级", funding_sources=["沪滇协作资金"], township_code=app.node.region_code,
                        township_name=app.node.name, village="联合村", planned_investment_fen=rng.randint(1, 9) * 10**8,
                        start_date=date(2020, 3, 1))
            s.add(p)
            s.flush()
            s.add(Milestone(project_id=p.id, name="完成50%建设量", planned_date=date(2020, 6, 30),
                            planned_works_pct=50, planned_money_pct=50))
            s.add(Disbursement(project_id=p.id, paid_on=date(2020, 5, 12), amount_fen=rng.randint(1, 9) * 10**7,
                               voucher_no=f"拨-{i:03d}"))
            for _ in range(2):
                s.add(Household(township_code=app.node.region_code, village="联合村", head_name="和建华",
                                id_number=f"5334211980{rng.randint(10**7, 10**8 - 1)}", phone="13988700000"))
            if attachment_kb:
                data = b"%PDF-1.4 " + rng.randbytes(attachment_kb * 1024)
                sha = store.put_bytes(data)
                s.add(Attachment(project_id=p.id, sha256=sha, filename=f"批复{i}.pdf", size=len(data)))


def build_network(base: Path, attachment_kb: int = 800) -> dict:
    """County + township enrolled, township data, one exported package. Folders are closed on return."""
    from desktop.sync import service

    county = make_node(base / "county", "county", *COUNTY)
    town = make_node(base / "town", "township", *TOWNSHIP)
    enroll(county, town, base)
    stranger = make_node(base / "stranger", "township", "533401105000", "尼西乡")  # never enrolled
    add_records(town, attachment_kb=attachment_kb)
    service.export_package(town, base / "pkg1.tdpkg")
    for a in (county, town, stranger):
        a.dispose()
    return {"county": base / "county", "town": base / "town", "stranger": base / "stranger",
            "package": base / "pkg1.tdpkg"}


def copy_folder(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    for extra in ("towndesk.db-wal", "towndesk.db-shm"):
        (dest / extra).unlink(missing_ok=True)
    return dest


def open_folder(path: Path):
    from desktop.core.app import open_app

    app = open_app(path)
    app.user_name = "测试员"
    return app


def keys_of(folder: Path):
    from desktop.sync import keys as keymod

    return keymod.load(folder / "keys" / "node.key")


def craft(path: Path, sender_id: str, recipient_id: str, recipient_box_hex: str, signing_key, *,
          entries: dict | None = None, extra: list | None = None, header: dict | None = None,
          manifest: dict | None = None, sign: bool = True, declared: dict | None = None) -> Path:
    """A package built by hand, valid unless a part is overridden: entries, extra zip entries, header, manifest."""
    from db import migrate
    from desktop.sync import container

    hdr = {"format": container.FORMAT_VERSION, "schema": migrate.head_revision(), "app_version": "0.1.0",
           "sender": sender_id, "recipient": recipient_id, "package_id": "00000000-0000-4000-8000-0000000000aa",
           "package_seq": 1, **(header or {})}
    body = entries if entries is not None else {"changes.jsonl": b""}
    listed = {n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for n, b in body.items()}
    listed.update(declared or {})
    m = {**hdr, "sender": {"node_id": sender_id}, "recipient": {"node_id": recipient_id}, "base_seq": 0,
         "upto_seq": 0, "ack": 0, "full": False, "change_sets": 0, "counts": {}, "created_at": "2026-01-01T00:00:00",
         "entries": listed, **(manifest or {})}
    data = json.dumps(m, sort_keys=True).encode()
    zpath = path.with_suffix(".zip")
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in body.items():
            zf.writestr(name, payload)
        for info, payload in extra or ():
            zf.writestr(info, payload)
        zf.writestr("manifest.json", data)
        if sign:
            zf.writestr("manifest.sig", signing_key.sign(data).signature)
    with open(path, "wb") as out:
        container.encrypt_file(zpath, out, hdr, recipient_box_hex)
    zpath.unlink()
    return path
