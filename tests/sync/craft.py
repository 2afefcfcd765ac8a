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
          manifest=None, signer=None, declared=None, compress=zipfile.ZIP_DEFLATED) -> Path:
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
