"""Proposed fairer floors for the package figures, printed beside (never in place of) the issue's floors.

Why: the issue's export floor is a plain zip of bytes handed over ready-made, and its import floor
inserts finished rows. The package format and the standards require more of every package, whatever
the program: the outbox rows must be read from the database, every entry hashed for the signed
manifest (SHA-256), the zip encrypted to the recipient (libsodium secretstream, 1 MiB chunks); an
import must decrypt it, hash every entry to check the manifest, and chain every change-log row it
writes (one SHA-256 each). Each floor here is that required work done by the plainest code — plain
sqlite3, zipfile, hashlib and PyNaCl's bindings, no checks and no application code — so the ratio
against it shows what TownDesk itself adds. docs/performance.md ("Issue 17, export and import") says
why these floors are proposed; the targets stay judged against the issue's floors.
"""
from __future__ import annotations

import hashlib
import sqlite3
import time
import zipfile
from pathlib import Path

import nacl.bindings as sodium

CHUNK = 1 << 20
ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
SEALED_KEY_BYTES = 32 + 48  # SealedBox of the 32-byte stream key


class _Encrypting:
    """The plainest write-only stream that encrypts in 1 MiB chunks (what the format asks for)."""

    def __init__(self, out):
        self.out, self.buf, self.size = out, bytearray(), 0
        key = sodium.crypto_secretstream_xchacha20poly1305_keygen()
        self.state = sodium.crypto_secretstream_xchacha20poly1305_state()
        out.write(sodium.crypto_secretstream_xchacha20poly1305_init_push(self.state, key))

    def write(self, data) -> int:
        self.buf += data
        self.size += len(data)
        while len(self.buf) > CHUNK:
            self.out.write(sodium.crypto_secretstream_xchacha20poly1305_push(self.state, bytes(self.buf[:CHUNK])))
            del self.buf[:CHUNK]
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.out.write(sodium.crypto_secretstream_xchacha20poly1305_push(self.state, bytes(self.buf), None, FINAL))


def export_floor(town_db: Path, self_id: str, changes: Path, files: list[Path], out: Path) -> dict:
    """Seconds to read the outbox rows with plain sqlite3, then zip the same changes text and files
    (entries as the package stores them), hashing each entry and encrypting the zip as it is written."""
    t = time.perf_counter()
    con = sqlite3.connect(f"file:{town_db}?mode=ro", uri=True)
    rows = con.execute("SELECT origin_seq, table_name, record_id, at, user_name, field, new_value, op FROM change_log "
                       "WHERE origin_node = ? ORDER BY origin_seq, seq", (self_id,)).fetchall()
    con.close()
    t_sql = time.perf_counter() - t
    with open(out, "wb") as raw:
        sink = _Encrypting(raw)
        with zipfile.ZipFile(sink, "w") as zf:
            entries = [("changes.jsonl", changes, zipfile.ZIP_DEFLATED)] + \
                      [(f"files/{p.name}", p, zipfile.ZIP_STORED) for p in files]
            for name, path, kind in entries:
                digest = hashlib.sha256()
                with open(path, "rb") as src, zf.open(zipfile.ZipInfo(name), "w", force_zip64=True) as dst:
                    for block in iter(lambda: src.read(CHUNK), b""):
                        digest.update(block)
                        dst.write(block)
        sink.close()
    return {"seconds": time.perf_counter() - t, "sql_seconds": t_sql, "rows": len(rows)}


def import_extra(packages: list[Path], box, chain_rows: int, work: Path) -> dict:
    """Seconds for what every import must do beyond inserting rows and copying files: open each package's
    key, decrypt its body, SHA-256 every entry, and one SHA-256 per change-log row written (the chain)."""
    from nacl.public import SealedBox

    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    for package in packages:
        inner = work / "inner.zip"
        with open(package, "rb") as f:
            magic_len = f.read(12)  # docs/package-format.md: 8-byte magic, 4-byte length, the clear header
            head = magic_len + f.read(int.from_bytes(magic_len[8:], "big"))
            key = SealedBox(box).decrypt(f.read(SEALED_KEY_BYTES))
            state = sodium.crypto_secretstream_xchacha20poly1305_state()
            sodium.crypto_secretstream_xchacha20poly1305_init_pull(
                state, f.read(sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES), key)
            first = True
            with open(inner, "wb") as out:
                for block in iter(lambda: f.read(CHUNK + ABYTES), b""):
                    plain, _tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, block, head if first else None)
                    first = False
                    out.write(plain)
        with zipfile.ZipFile(inner) as zf:
            for info in zf.infolist():
                digest = hashlib.sha256()
                with zf.open(info) as src:
                    for block in iter(lambda: src.read(CHUNK), b""):
                        digest.update(block)
    prev = ""
    row = "|2026-12-02 04:05:06.123456|project|00000000-0000-4000-8000-000000000001|name|\"联合村乡村旅游\""
    for i in range(chain_rows):  # one SHA-256 per row, chained, over a payload of a change-log row's size
        prev = hashlib.sha256(f"{prev}|{i}{row}".encode("utf-8")).hexdigest()
    return {"seconds": time.perf_counter() - t}


def chain_rows_added(before: Path, after: Path) -> int:
    """Change-log rows an import added (the rows whose hash it chained)."""
    counts = []
    for db in (before, after):
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        counts.append(con.execute("SELECT count(*) FROM change_log").fetchone()[0])
        con.close()
    return counts[1] - counts[0]
