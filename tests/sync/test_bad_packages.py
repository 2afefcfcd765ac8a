"""Every kind of bad package is refused with a clear Chinese message and the database stays byte-for-byte the same."""
from __future__ import annotations

import random
import stat
import zipfile

import pytest

from desktop.core.errors import UserError
from desktop.sync import archive, keys as keymod, service
from tests.conftest import db_dump
from tests.sync.craft import craft
from tests.sync.data import add_project


def assert_rejected(app, path, *phrases) -> str:
    """Import must raise UserError containing the phrases, and leave database, backups and tmp untouched."""
    before = db_dump(app.layout.database)
    backups = sorted(app.layout.backups.iterdir())
    with pytest.raises(UserError) as e:
        service.import_package(app, path)
    for phrase in phrases:
        assert phrase in e.value.message, e.value.message
    assert db_dump(app.layout.database) == before
    assert sorted(app.layout.backups.iterdir()) == backups
    assert list(app.layout.tmp.glob("sync-*")) == []
    return e.value.message


@pytest.fixture
def real_package(pair, tmp_path):
    town, county = pair
    add_project(town, attachment_bytes=b"%PDF-1.4 " + random.Random(3).randbytes(2_600_000))
    add_project(town, name="安南村牦牛养殖")
    path = tmp_path / "good.tdpkg"
    service.export_package(town, path)
    return town, county, path.read_bytes()


def test_bit_flip_anywhere_is_rejected(real_package, tmp_path):
    """One flipped bit in the magic, header, sealed key, stream header, any chunk or the last byte is caught."""
    town, county, data = real_package
    rng = random.Random(7)
    positions = [0, 7, 9, 20, 60, 300, len(data) // 2, len(data) - 1] + [rng.randrange(len(data)) for _ in range(12)]
    messages = set()
    for i, pos in enumerate(positions):
        bad = bytearray(data)
        bad[pos] ^= 1 << rng.randrange(8)
        path = tmp_path / f"flip{i}.tdpkg"
        path.write_bytes(bytes(bad))
        msg = assert_rejected(county, path)
        assert "未导入任何数据" in msg, (pos, msg)
        messages.add(msg.split("（")[1].split("）")[0] if "（" in msg else msg)
    assert "第 3 段内容校验失败" in messages  # the 2.6 MB package has three 1 MiB chunks; the last one is checked too
    assert service.import_package(county, _write(tmp_path / "ok.tdpkg", data))["status"] == "applied"


def test_truncated_package_is_rejected(real_package, tmp_path):
    """A copy cut short anywhere (as by a pulled USB stick) is refused as incomplete or damaged."""
    town, county, data = real_package
    for cut in (0, 5, 30, 200, len(data) // 3, len(data) - 17, len(data) - 1):
        msg = assert_rejected(county, _write(tmp_path / f"cut{cut}.tdpkg", data[:cut]))
        assert ("损坏" in msg or "不是 TownDesk 同步包" in msg), msg
    longer = assert_rejected(county, _write(tmp_path / "longer.tdpkg", data + b"\0"))
    assert "损坏" in longer


def test_not_a_package(pair, tmp_path):
    """A spreadsheet, a plain zip or an empty file is named as not being a sync package."""
    town, county = pair
    with zipfile.ZipFile(tmp_path / "x.tdpkg", "w") as zf:
        zf.writestr("manifest.json", "{}")
    for path in (tmp_path / "x.tdpkg", _write(tmp_path / "empty.tdpkg", b""),
                 _write(tmp_path / "台账.xlsx", b"PK\x03\x04 not really")):
        assert_rejected(county, path, "不是 TownDesk 同步包")


def test_unknown_sender_is_rejected(network, tmp_path):
    """A package from a township the county never enrolled is refused and says how to enroll."""
    county, towns = network
    from tests.sync.conftest import make_node

    stranger = make_node(tmp_path / "stranger", "township", "533401105000", "金江镇")
    from desktop.sync import peers

    ident = peers.export_identity(county, tmp_path / "county.json")
    peers.add_peer(stranger, tmp_path / "county.json", ident["fingerprint"])
    add_project(stranger)
    service.export_package(stranger, tmp_path / "s.tdpkg")
    stranger.dispose()
    assert_rejected(county, tmp_path / "s.tdpkg", "未登记的发送方", "peers add")


def test_wrong_signer_is_rejected(pair, tmp_path):
    """A package claiming to be from the enrolled township but signed with another key is refused."""
    town, county = pair
    path = craft(tmp_path / "forged.tdpkg", town, county, signer=keymod.generate())
    assert_rejected(county, path, "签名", "指纹")


def test_addressed_to_someone_else(network, tmp_path):
    """A package the county made for 建塘镇 cannot be imported by 小中甸镇."""
    county, towns = network
    add_project(towns[1])
    service.export_package(county, tmp_path / "to-jiantang.tdpkg", peer=towns[1].node.region_code)
    msg = assert_rejected(towns[0], tmp_path / "to-jiantang.tdpkg", "不是发给本机")
    assert "建塘镇" not in msg or "发给" in msg
    header_edit = bytearray((tmp_path / "to-jiantang.tdpkg").read_bytes())
    i = header_edit.find(towns[1].node.id.encode())
    header_edit[i:i + 36] = towns[0].node.id.encode()
    assert_rejected(towns[0], _write(tmp_path / "edited.tdpkg", bytes(header_edit)), "损坏")


def test_newer_format_or_schema_asks_to_upgrade(pair, tmp_path):
    """A package from a newer format or an unknown schema revision asks the user to upgrade TownDesk."""
    town, county = pair
    p1 = craft(tmp_path / "f2.tdpkg", town, county, header={"format": 2, "app_version": "2.3.0"})
    assert_rejected(county, p1, "请把 TownDesk 升级到最新版本")
    p2 = craft(tmp_path / "s9.tdpkg", town, county, header={"schema": "0099", "app_version": "1.4.0"})
    assert_rejected(county, p2, "请把 TownDesk 升级到最新版本")


@pytest.mark.parametrize("name,phrase", [
    ("../../evil.txt", ".."), ("/etc/passwd", "绝对路径"), ("C:/Windows/evil.dll", "盘符"),
    ("files\\..\\evil", "反斜杠"), ("files/CON", "设备名"), ("files/nul.txt", "设备名"), ("other.txt", "不是同步包允许的条目"),
])
def test_unsafe_entry_names(pair, tmp_path, name, phrase):
    """Traversal, absolute, drive-letter, backslash and device-name entries are refused by name."""
    town, county = pair
    path = craft(tmp_path / "names.tdpkg", town, county, extra_entries=[(zipfile.ZipInfo(name), b"x")])
    assert_rejected(county, path, phrase, "内容不安全")


def test_symlink_entry(pair, tmp_path):
    """A symlink entry (even with an allowed name) is refused."""
    town, county = pair
    info = zipfile.ZipInfo("files/" + "a" * 64)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = craft(tmp_path / "link.tdpkg", town, county, extra_entries=[(info, b"/etc/passwd")])
    assert_rejected(county, path, "符号链接")


def test_too_many_entries(pair, tmp_path, monkeypatch):
    """More entries than the limit are refused from the zip's end record, before the directory is read."""
    town, county = pair
    monkeypatch.setattr(archive.Limits, "max_entries", 40)
    extra = [(zipfile.ZipInfo(f"files/{i:064x}"), b"x") for i in range(45)]
    assert_rejected(county, craft(tmp_path / "many.tdpkg", town, county, extra_entries=extra), "条目数", "超过上限")


def test_zip_bomb(pair, tmp_path):
    """An entry that expands a thousandfold (zeros), or beyond its declared size, is refused."""
    town, county = pair
    zeros = bytes(64 << 20)
    bomb = craft(tmp_path / "bomb.tdpkg", town, county, entries={"changes.jsonl": b"", "files/" + "0" * 64: zeros})
    assert bomb.stat().st_size < 1 << 20
    assert_rejected(county, bomb, "压缩炸弹")
    liar = craft(tmp_path / "liar.tdpkg", town, county, entries={"changes.jsonl": b"x" * 5000},
                 declared={"changes.jsonl": {"sha256": "0" * 64, "size": 10}})
    assert_rejected(county, liar, "大小与清单不符")


def test_hash_mismatch_with_valid_signature(pair, tmp_path):
    """An entry whose bytes do not match the signed manifest's SHA-256 is refused."""
    town, county = pair
    path = craft(tmp_path / "hash.tdpkg", town, county, entries={"changes.jsonl": b""},
                 declared={"changes.jsonl": {"sha256": "f" * 64, "size": 0}})
    assert_rejected(county, path, "SHA-256")


def test_stored_scan_with_other_bytes_of_the_same_size(pair, tmp_path):
    """A stored scan whose bytes (with a CRC-32 that fits them) differ from the signed hash is refused by SHA-256."""
    import hashlib

    town, county = pair
    signed, sent = b"scan-A" * 1000, b"scan-B" * 1000
    name = "files/" + hashlib.sha256(signed).hexdigest()
    path = craft(tmp_path / "scan.tdpkg", town, county, entries={"changes.jsonl": b"", name: sent},
                 declared={name: {"sha256": name[6:], "size": len(signed)}}, compress=zipfile.ZIP_STORED)
    assert_rejected(county, path, "SHA-256")


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
