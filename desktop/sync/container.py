"""The outer `.tdpkg` envelope: a clear header, the sealed stream key, then the encrypted inner zip.

Why this shape: the header lets a county sort a folder of packages and refuse a package meant for
someone else before any decryption; the key is sealed to the recipient's X25519 key (SealedBox);
the body is libsodium secretstream (XChaCha20-Poly1305) in 1 MiB chunks, so a 200 MB package
never sits in memory and a flipped bit, a truncation or an appended byte is always detected.
The clear header is the associated data of the first chunk, so it cannot be edited either.
Layout is documented in docs/package-format.md.
"""
from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import BinaryIO, Callable

import nacl.bindings as sodium
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write
from desktop.sync.sodium_stream import Puller, Pusher

MAGIC = b"TDPKG\x00\r\n"
PART_MAGIC = b"TDPART\x00\n"
FORMAT_VERSION = 1
CHUNK = 1 << 20
ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
SS_HEADER = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
SEALED_KEY_BYTES = 32 + 48  # SealedBox: ephemeral public key + MAC + 32-byte key
MAX_HEADER = 4096
TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
HEADER_FIELDS = ("format", "schema", "app_version", "sender", "recipient", "package_id", "package_seq")


def damaged(path, what: str) -> UserError:
    return UserError(f"同步包 {Path(path).name} 已损坏（{what}），未导入任何数据。"
                     "请让对方重新导出一个包再发送（复制时请等待完成后再拔出U盘）。")


def encode_header(header: dict) -> bytes:
    body = json.dumps({k: header[k] for k in HEADER_FIELDS}, sort_keys=True, separators=(",", ":")).encode()
    return MAGIC + struct.pack(">I", len(body)) + body


def read_header(f: BinaryIO, path) -> tuple[dict, bytes]:
    """The clear header and its exact bytes (the associated data of the first chunk)."""
    magic = f.read(len(MAGIC))
    if magic != MAGIC:
        raise UserError(f"文件 {Path(path).name} 不是 TownDesk 同步包（.tdpkg），未导入任何数据。"
                        "请确认选择的是对方用 towndesk export 生成的文件。")
    raw_len = f.read(4)
    if len(raw_len) != 4:
        raise damaged(path, "文件头不完整")
    (length,) = struct.unpack(">I", raw_len)
    if length > MAX_HEADER:
        raise damaged(path, "文件头长度不对")
    body = f.read(length)
    try:
        header = json.loads(body.decode("utf-8"))
        if not isinstance(header, dict) or any(k not in header for k in HEADER_FIELDS):
            raise ValueError
    except (ValueError, UnicodeDecodeError, TypeError, RecursionError):
        raise damaged(path, "文件头无法读取") from None
    from desktop.sync import checks

    try:
        checks.header(header)
    except checks.Refused as e:
        raise damaged(path, e.what) from None
    return header, magic + raw_len + body


class EncryptingWriter:
    """A write-only file object whose bytes go straight into the envelope (export in one pass).

    The inner zip is written into it (zipfile sees a stream it cannot seek, so each entry carries a
    data descriptor); every full 1 MiB of plaintext becomes one chunk at once, and `close()` pushes
    the rest with TAG_FINAL. The bytes on disk are exactly what `encrypt_file` writes for the same zip.
    """

    def __init__(self, dest: BinaryIO, header: dict, recipient_box_hex: str, cancel: Callable[[], bool] | None = None):
        key = sodium.crypto_secretstream_xchacha20poly1305_keygen()
        self._head = encode_header(header)
        sealed = SealedBox(PublicKey(bytes.fromhex(recipient_box_hex))).encrypt(key)
        assert len(sealed) == SEALED_KEY_BYTES
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        self._dest, self._cancel = dest, cancel
        dest.write(self._head + sealed + sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key))
        self._pusher = Pusher(state, CHUNK)
        self._buf, self._size, self._first, self.closed = bytearray(), 0, True, False

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._size

    def write(self, data) -> int:
        """Push every full chunk that has more data after it; the final chunk is never empty."""
        mv = memoryview(data).cast("B")
        n, pos, buf = len(mv), 0, self._buf
        self._size += n
        if buf:
            pos = min(CHUNK - len(buf), n)
            buf += mv[:pos]
            if len(buf) < CHUNK or pos == n:
                return n
            self._push(buf, 0)
            buf.clear()
        while n - pos > CHUNK:
            self._push(mv[pos:pos + CHUNK], 0)
            pos += CHUNK
        buf += mv[pos:]
        return n

    def flush(self) -> None:
        pass

    def _push(self, block, tag: int) -> None:
        self._dest.write(self._pusher.push(block, self._head if self._first else None, tag))
        self._first = False
        if self._cancel and self._cancel():
            from desktop.sync.errors import Cancelled
            raise Cancelled()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._push(self._buf, TAG_FINAL)
            self._buf = bytearray()


def encrypt_file(src: Path, dest: BinaryIO, header: dict, recipient_box_hex: str,
                 progress: Callable[[int], None] | None = None, cancel: Callable[[], bool] | None = None) -> None:
    """Write the envelope for the plaintext file `src` to the open file `dest`."""
    key = sodium.crypto_secretstream_xchacha20poly1305_keygen()
    head = encode_header(header)
    sealed = SealedBox(PublicKey(bytes.fromhex(recipient_box_hex))).encrypt(key)
    assert len(sealed) == SEALED_KEY_BYTES
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    dest.write(head + sealed + sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key))
    size, done, first = src.stat().st_size, 0, True
    with open(src, "rb") as f:
        while True:
            block = f.read(CHUNK)
            done += len(block)
            last = done >= size
            tag = TAG_FINAL if last else 0
            dest.write(sodium.crypto_secretstream_xchacha20poly1305_push(state, block, head if first else None, tag))
            first = False
            if progress:
                progress(len(block))
            if cancel and cancel():
                from desktop.sync.errors import Cancelled
                raise Cancelled()
            if last:
                break


def open_key(f: BinaryIO, path, box: PrivateKey) -> bytes:
    sealed = f.read(SEALED_KEY_BYTES)
    if len(sealed) != SEALED_KEY_BYTES:
        raise damaged(path, "文件被截断")
    try:
        return SealedBox(box).decrypt(sealed)
    except CryptoError:
        raise UserError(f"同步包 {Path(path).name} 无法解密：它不是用本机公钥加密的，或已损坏。未导入任何数据。"
                        "请确认对方登记的是本机的身份文件（towndesk keys export），并让对方重新导出。") from None


def decrypt_to(f: BinaryIO, path, key: bytes, head: bytes, dest: Path, max_bytes: int,
               progress: Callable[[int], None] | None = None) -> int:
    """Decrypt the body into `dest`; any damage, truncation or trailing byte raises UserError."""
    ss_header = f.read(SS_HEADER)
    if len(ss_header) != SS_HEADER:
        raise damaged(path, "文件被截断")
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, ss_header, key)
    except CryptoError:
        raise damaged(path, "加密头校验失败") from None
    written, index, puller = 0, 0, Puller(state, CHUNK)
    with open(dest, "wb") as out:
        while True:
            block = f.read(CHUNK + ABYTES)
            if not block:
                raise damaged(path, "文件被截断，缺少结尾")
            try:
                plain, tag = puller.pull(block, head if index == 0 else None)
            except CryptoError:
                raise damaged(path, f"第 {index + 1} 段内容校验失败") from None
            written += len(plain)
            if written > max_bytes:
                raise UserError(f"同步包 {Path(path).name} 解开后超过 {max_bytes // (1 << 20)} MB 的上限，"
                                "未导入任何数据。请让对方分批导出或联系技术支持。")
            out.write(plain)
            if progress:
                progress(len(block))
            index += 1
            if tag == TAG_FINAL:
                break
            if len(block) < CHUNK + ABYTES:
                raise damaged(path, "文件被截断")
        if f.read(1):
            raise damaged(path, "结尾之后还有多余的数据")
    # No fsync: `dest` is a temporary file read back by this process and deleted after the import
    # (a crash leaves it to clean_stale_temps); nothing durable ever points to it.
    return written


# ---- split parts -------------------------------------------------------------------------

def write_parts(whole: Path, dest: Path, header: dict, part_bytes: int) -> list[Path]:
    """Cut a finished package into numbered part files, each written atomically."""
    size = whole.stat().st_size
    probe = _part_head(header, 999, 999)
    payload = max(part_bytes - len(probe), 4096)
    count = max(1, -(-size // payload))
    if count > 999:
        raise UserError(f"按 {part_bytes // (1 << 20)} MB 分卷会超过 999 个文件，请把分卷大小设大一些。", cli_hint="--split-mb")
    paths = []
    with open(whole, "rb") as src:
        for i in range(1, count + 1):
            target = dest.with_name(f"{dest.stem}.{i:03d}{dest.suffix or '.tdpkg'}")
            with atomic_write(target) as out:
                out.write(_part_head(header, i, count))
                remaining = payload
                while remaining:
                    block = src.read(min(CHUNK, remaining))
                    if not block:
                        break
                    out.write(block)
                    remaining -= len(block)
            paths.append(target)
    return paths


def _part_head(header: dict, part: int, parts: int) -> bytes:
    body = json.dumps({"package_id": header["package_id"], "sender": header["sender"],
                       "recipient": header["recipient"], "package_seq": header["package_seq"],
                       "part": part, "parts": parts}, sort_keys=True, separators=(",", ":")).encode()
    return PART_MAGIC + struct.pack(">I", len(body)) + body


def read_part_head(path: Path) -> tuple[dict, int] | None:
    """(part header, offset of the payload) if `path` is a part file, else None."""
    with open(path, "rb") as f:
        if f.read(len(PART_MAGIC)) != PART_MAGIC:
            return None
        raw = f.read(4)
        if len(raw) != 4:
            raise damaged(path, "分卷头不完整")
        (length,) = struct.unpack(">I", raw)
        if length > MAX_HEADER:
            raise damaged(path, "分卷头长度不对")
        try:
            head = json.loads(f.read(length).decode("utf-8"))
            if not (isinstance(head, dict) and _small_int(head["part"]) and _small_int(head["parts"])
                    and 1 <= head["part"] <= head["parts"] and isinstance(head["package_id"], str)
                    and len(head["package_id"]) <= 64):
                raise ValueError
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            raise damaged(path, "分卷头无法读取") from None
        return head, len(PART_MAGIC) + 4 + length


def _small_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 < v <= 999


def join_parts(first: Path, dest: Path) -> list[Path]:
    """Find the sibling parts of `first`, check all are there, and join them into `dest`."""
    head, _ = read_part_head(first)
    found: dict[int, tuple[Path, int]] = {}
    for p in sorted(first.parent.glob("*.tdpkg")):
        try:
            info = read_part_head(p)
        except (UserError, OSError):
            continue
        if info and info[0].get("package_id") == head["package_id"]:
            found[int(info[0]["part"])] = (p, info[1])
    missing = [i for i in range(1, int(head["parts"]) + 1) if i not in found]
    if missing:
        raise UserError(f"分卷同步包 {first.name} 不完整：缺少第 {'、'.join(map(str, missing))} 卷"
                        f"（共 {head['parts']} 卷）。请把所有分卷放在同一文件夹后再导入，未导入任何数据。")
    with open(dest, "wb") as out:
        for i in range(1, int(head["parts"]) + 1):
            p, offset = found[i]
            with open(p, "rb") as f:
                f.seek(offset)
                for block in iter(lambda: f.read(CHUNK), b""):
                    out.write(block)
    return [found[i][0] for i in sorted(found)]
