"""Build packages by hand (real keys, real encryption) to feed the importer hostile or odd input."""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from db import migrate
from desktop.sync import container, keys as keymod


def node_keys(app):
    return keymod.load(app.layout.keys / "node.key")


def craft(path: Path, sender, recipient, *, entries=None, extra_entries=(), changes=b"", header=None,
          manifest=None, signer=None, declared=None, compress=zipfile.ZIP_DEFLATED, patch_manifest=None) -> Path:
    """Write a package from `sender` to `recipient`; every part can be overridden to make it bad."""
    hdr = {"format": container.FORMAT_VERSION, "schema": migrate.head_revision(), "app_version": "0.1.0",
           "sender": sender.node.id, "recipient": recipient.node.id, "package_id": "00000000-0000-4000-8000-00000000abcd",
           "package_seq": 1, **(header or {})}
    body = dict(entries or {"changes.jsonl": changes})
    listed = {n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for n, b in body.items()}
    listed.update(declared or {})
    m = {**hdr, "sender": {"node_id": hdr["sender"]}, "recipient": {"node_id": hdr["recipient"]}, "base_seq": 0,
         "upto_seq": 0, "ack": 0, "full": False, "change_sets": changes.count(b"\n"), "counts": {},
         "created_at": "2026-01-01T00:00:00", "entries": listed, **(manifest or {})}
    data = json.dumps(m, sort_keys=True).encode()
    if patch_manifest:  # raw bytes json.dumps cannot write (e.g. nested 5,000 deep), signed all the same
        data = patch_manifest(data)
    signing = (signer or node_keys(sender)).signing
    zpath = path.with_suffix(".zip")
    with zipfile.ZipFile(zpath, "w") as zf:
        for name, payload in body.items():
            zf.writestr(zipfile.ZipInfo(name) if isinstance(name, str) else name, payload, compress_type=compress)
        for info, payload in extra_entries:
            zf.writestr(info, payload)
        zf.writestr("manifest.json", data)
        zf.writestr("manifest.sig", signing.sign(data).signature)
    with open(path, "wb") as out:
        container.encrypt_file(zpath, out, hdr, recipient_box(recipient))
    zpath.unlink()
    return path


def recipient_box(app) -> str:
    return node_keys(app).box_public_hex


def change_set(table: str, record_id: str, fields: dict, *, seq: int = 1, op: str = "update", seen: int = 0) -> dict:
    """One change set as the exporter writes it."""
    return {"seq": seq, "table": table, "id": record_id, "op": op, "at": "2026-06-14T09:00:00", "user": "测试员",
            "seen": seen, "fields": fields}


def changes_package(path: Path, sender, recipient, sets: list[dict], *, package_seq: int | None = None,
                    files: dict | None = None, manifest=None, header=None, raw_lines: bytes | None = None,
                    patch_manifest=None) -> Path:
    """A package from `sender`'s real keys carrying exactly these change sets (and attachment files).

    The package continues the sender's numbering (base = what the recipient already applied from it),
    so it is what a tampered copy of the program at that township could send.
    """
    from sqlalchemy import select

    from db.models import PeerState

    with recipient.read() as s:
        state = s.scalar(select(PeerState).where(PeerState.peer_id == sender.node.id))
        applied = state.applied_in_seq if state else 0
        last_pkg = state.last_in_package_seq if state else 0
    body_sets = [dict(cs, seq=applied + cs["seq"]) for cs in sets]
    lines = raw_lines if raw_lines is not None else b"".join(
        (json.dumps(cs, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass") for cs in body_sets)
    upto = max([cs["seq"] for cs in body_sets], default=applied)
    entries = {"changes.jsonl": lines, **{f"files/{sha}": data for sha, data in (files or {}).items()}}
    seq = package_seq or last_pkg + 1
    pid = f"00000000-0000-4000-8000-{seq:012d}"
    return craft(path, sender, recipient, entries=entries, changes=lines, patch_manifest=patch_manifest,
                 header={"package_seq": seq, "package_id": pid, **(header or {})},
                 manifest={"base_seq": applied, "upto_seq": upto, "change_sets": lines.count(b"\n"),
                           **(manifest or {})})
