"""The inner zip of a package: writing it, and checking it before a single byte is used.

Why so strict: the zip is the part an attacker (or a broken program) controls after decryption.
Only four kinds of names are allowed, the entry count is read from the end record before the
directory is parsed, declared and actual sizes must agree with the signed manifest, and no entry
may expand far beyond its compressed size (zip bomb). Nothing is ever extracted by its name.
"""
from __future__ import annotations

import hashlib
import json
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Iterable

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from desktop.core.errors import UserError

MANIFEST, SIGNATURE, CHANGES = "manifest.json", "manifest.sig", "changes.jsonl"
FILE_RE = re.compile(r"files/[0-9a-f]{64}")
DEVICE_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


class Limits:
    """Size limits for one package; module-level so a test or a setting can tighten them."""

    max_entries = 20_000             # change-set file, manifest, signature and attachment files
    max_total_bytes = 2 << 30        # expanded size of the whole package (a bigger one is split by time)
    max_file_bytes = 512 << 20       # one attachment or template file
    max_changes_bytes = 1 << 30      # changes.jsonl
    max_manifest_bytes = 16 << 20
    max_ratio = 100          # uncompressed / compressed, for every entry of at least ratio_floor
    ratio_floor = 64 << 10
    max_total_ratio = 50     # the same for the package as a whole, once it expands past ratio_floor


def _refuse(name: str, what: str) -> UserError:
    return UserError(f"同步包 {name} 内容不安全（{what}），已拒绝，未导入任何数据。"
                     "请联系发送方核实，并让对方用正式版本的 TownDesk 重新导出。")


# ---- writing --------------------------------------------------------------------------------

class InnerZipWriter:
    """Streams entries into the zip while hashing them, then adds the signed manifest (the last entry).

    `target` is a path or a write-only stream (the exporter's encrypting writer): on a stream zipfile
    writes each entry's sizes and CRC in a data descriptor after it, so nothing is written twice.
    """

    def __init__(self, target):
        self.zf = zipfile.ZipFile(target, "w", allowZip64=True)
        self.entries: dict[str, dict] = {}

    def write_lines(self, name: str, lines: Iterable[bytes]) -> int:
        digest, size = hashlib.sha256(), 0
        info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with self.zf.open(info, "w", force_zip64=True) as out:
            block, held = [], 0
            for line in lines:  # gathered into ~256 KB blocks: one hash, deflate and encrypt call each
                block.append(line)
                held += len(line)
                if held >= 1 << 18:
                    data = b"".join(block)
                    digest.update(data)
                    out.write(data)
                    size, block, held = size + held, [], 0
            data = b"".join(block)
            digest.update(data)
            out.write(data)
            size += held
        self.entries[name] = {"sha256": digest.hexdigest(), "size": size}
        return size

    def add_file(self, sha256: str, src: Path, progress=None) -> None:
        """Copy a store file in; refuses a store file whose content no longer matches its name."""
        name = f"files/{sha256}"
        digest, size = hashlib.sha256(), 0
        info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        with open(src, "rb") as f, self.zf.open(info, "w", force_zip64=True) as out:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
                out.write(block)
                if progress:
                    progress(len(block))
        if digest.hexdigest() != sha256:
            raise UserError(f"附件库中的文件 {sha256[:12]}… 已被改动或损坏，无法导出。"
                            "请运行 towndesk verify 检查，并从备份恢复该附件后再导出。")
        self.entries[name] = {"sha256": sha256, "size": size}

    def finish(self, manifest: dict, signing: SigningKey) -> bytes:
        manifest = dict(manifest, entries=self.entries)
        data = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
        for name, payload in ((MANIFEST, data), (SIGNATURE, signing.sign(data).signature)):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            self.zf.writestr(info, payload)
        self.zf.close()
        return data


# ---- checking -------------------------------------------------------------------------------

def entry_count(path: Path, label: str) -> int:
    """Number of entries from the end-of-central-directory record, without parsing the directory."""
    size = path.stat().st_size
    with open(path, "rb") as f:
        f.seek(max(0, size - 65_557))
        tail = f.read()
        pos = tail.rfind(b"PK\x05\x06")
        if pos < 0 or len(tail) - pos < 22:
            raise _refuse(label, "内部数据不是有效的压缩包")
        count = struct.unpack("<H", tail[pos + 10:pos + 12])[0]
        if count == 0xFFFF and pos >= 20 and tail[pos - 20:pos - 16] == b"PK\x06\x07":
            offset = struct.unpack("<Q", tail[pos - 12:pos - 4])[0]
            f.seek(offset)
            record = f.read(56)
            if record[:4] != b"PK\x06\x06":
                raise _refuse(label, "内部数据不是有效的压缩包")
            count = struct.unpack("<Q", record[32:40])[0]
    return count


def check_name(name: str, label: str) -> None:
    """Refuse traversal, absolute paths, drive letters, backslashes and device names; allow only ours."""
    if "\\" in name:
        raise _refuse(label, f"条目名 '{name}' 含有反斜杠")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise _refuse(label, f"条目名 '{name}' 是绝对路径或带盘符")
    parts = name.split("/")
    if any(p in ("..", ".", "") for p in parts):
        raise _refuse(label, f"条目名 '{name}' 含有 .. 或空的路径段")
    if any(p.split(".")[0].lower() in DEVICE_NAMES for p in parts) or ":" in name:
        raise _refuse(label, f"条目名 '{name}' 是设备名或含冒号")
    if name not in (MANIFEST, SIGNATURE, CHANGES) and not FILE_RE.fullmatch(name):
        raise _refuse(label, f"条目名 '{name}' 不是同步包允许的条目")


def open_checked(path: Path, label: str, verify_key_hex: str, stage=None) -> tuple[zipfile.ZipFile, dict, bytes]:
    """Open the decrypted zip, check every entry against the signed manifest. Returns (zip, manifest, bytes).

    `stage(name)` may return a path to which an entry's bytes are copied as they are hashed (the import
    then moves a received file into the store instead of reading it out of the zip a second time); a copy
    whose entry then fails its check is the caller's to delete, as it deletes the zip."""
    count = entry_count(path, label)
    if count > Limits.max_entries:
        raise _refuse(label, f"条目数 {count} 超过上限 {Limits.max_entries}")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(label, "内部数据不是有效的压缩包") from None
    try:
        return zf, *_check(zf, label, verify_key_hex, count, stage)
    except BaseException:
        zf.close()
        raise


def _check(zf: zipfile.ZipFile, label: str, verify_key_hex: str, count: int, stage=None) -> tuple[dict, bytes]:
    infos = zf.infolist()
    if len(infos) != count:
        raise _refuse(label, "压缩包目录与结尾记录的条目数不一致")
    seen, total, packed = set(), 0, 0
    for info in infos:
        check_name(info.filename, label)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode) or info.is_dir():
            raise _refuse(label, f"条目 '{info.filename}' 是符号链接或文件夹")
        if info.filename in seen:
            raise _refuse(label, f"条目 '{info.filename}' 重复出现")
        seen.add(info.filename)
        total, packed = total + info.file_size, packed + info.compress_size
        cap = Limits.max_changes_bytes if info.filename == CHANGES else Limits.max_file_bytes
        if info.file_size > cap:
            raise _refuse(label, f"条目 '{info.filename}' 解压后 {info.file_size >> 20} MB，超过上限 {cap >> 20} MB")
        if info.file_size >= Limits.ratio_floor and info.file_size > Limits.max_ratio * max(info.compress_size, 1):
            raise _refuse(label, f"条目 '{info.filename}' 解压后是压缩大小的 {info.file_size // max(info.compress_size, 1)} 倍，"
                                 "疑似压缩炸弹")
    if total > Limits.max_total_bytes:
        raise _refuse(label, f"解压后总大小 {total >> 20} MB 超过上限 {Limits.max_total_bytes >> 20} MB")
    if total >= Limits.ratio_floor and total > Limits.max_total_ratio * max(packed, 1):
        raise _refuse(label, f"解压后总大小是压缩大小的 {total // max(packed, 1)} 倍，疑似压缩炸弹")
    for required in (MANIFEST, SIGNATURE, CHANGES):
        if required not in seen:
            raise _refuse(label, f"缺少条目 {required}")
    data = _read_capped(zf, MANIFEST, Limits.max_manifest_bytes, label)
    signature = _read_capped(zf, SIGNATURE, 64, label)
    try:
        VerifyKey(bytes.fromhex(verify_key_hex)).verify(data, signature)
    except (BadSignatureError, ValueError):
        raise UserError(f"同步包 {label} 的签名与登记的发送方公钥不符，已拒绝，未导入任何数据。"
                        "可能是包被改动，或对方换了电脑/重新初始化：请打电话核对对方的指纹（towndesk keys show），"
                        "必要时重新登记（towndesk peers add）。") from None
    try:
        manifest = json.loads(data.decode("utf-8"))
        entries = manifest["entries"]
        declared = {n: (e["sha256"], e["size"]) for n, e in entries.items()}
        if not all(isinstance(sha, str) and isinstance(size, int) and not isinstance(size, bool) and size >= 0
                   for sha, size in declared.values()):
            raise TypeError
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, RecursionError):
        raise _refuse(label, "清单 manifest.json 无法读取") from None
    listed = seen - {MANIFEST, SIGNATURE}
    if set(declared) != listed:
        extra = sorted(listed - set(declared))[:3] or sorted(set(declared) - listed)[:3]
        raise _refuse(label, f"清单与包内条目不一致：{', '.join(extra)}")
    for name, (sha, size) in declared.items():
        info = zf.getinfo(name)
        if info.file_size != size:
            raise _refuse(label, f"条目 '{name}' 的大小与清单不符")
        digest, actual = hashlib.sha256(), 0
        target = stage(name) if stage is not None else None
        copy = open(target, "wb") if target else None  # a full disk here is verify's read/write error
        try:
            with zf.open(info) as f:
                _skip_crc(f)
                for block in iter(lambda: f.read(1 << 20), b""):
                    actual += len(block)
                    if actual > size:
                        raise _refuse(label, f"条目 '{name}' 解压后超过声明的大小")
                    digest.update(block)
                    if copy is not None:
                        _write_copy(copy, block)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise _refuse(label, f"条目 '{name}' 无法解压（{e.__class__.__name__}）") from None
        except _CopyFailed as e:
            raise e.error from None
        finally:
            if copy is not None:
                copy.close()
        if actual != size or digest.hexdigest() != sha:
            raise _refuse(label, f"条目 '{name}' 的 SHA-256 与清单不符")
        if name.startswith("files/") and name[6:] != sha:
            raise _refuse(label, f"附件条目 '{name}' 的名称与内容哈希不符")
    return manifest, data


def _skip_crc(f) -> None:
    """Let zipfile skip its CRC-32 of an entry whose SHA-256 this loop checks against the signed manifest.

    Why: the CRC is a weaker check of the same bytes, and on the 200 MB of scans in a township's package
    it cost ≈ 0.12 s (≈ 4 % of the import). Should a future zipfile drop the attribute, nothing changes
    but the time: the CRC is computed and checked as before."""
    if hasattr(f, "_expected_crc"):
        f._expected_crc = None


class _CopyFailed(Exception):
    """Writing a staged copy failed: not the package's fault, so not reported as a damaged entry."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


def _write_copy(copy, block: bytes) -> None:
    try:
        copy.write(block)
    except OSError as e:
        raise _CopyFailed(e) from None


def _read_capped(zf: zipfile.ZipFile, name: str, cap: int, label: str) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > cap:
        raise _refuse(label, f"条目 {name} 过大")
    try:
        with zf.open(info) as f:
            data = f.read(cap + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as e:
        raise _refuse(label, f"条目 {name} 无法解压（{e.__class__.__name__}）") from None
    if len(data) > cap:
        raise _refuse(label, f"条目 {name} 过大")
    return data
