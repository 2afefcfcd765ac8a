"""Self-test of the package machinery: keys, signature and encryption, then a real round trip —
a township enrolls with a county, exports a package with one project, the county imports it,
and a second import of the same package changes nothing."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path


def sign_and_seal(work: Path) -> str:
    """What every package relies on: Ed25519 signature of a manifest, and X25519 encryption to a peer."""
    from nacl.exceptions import BadSignatureError
    from nacl.public import Box

    from desktop.sync import keys

    township, county = keys.generate(), keys.generate()
    key_file = work / "keys" / "node.key"
    keys.save(township, key_file)
    township = keys.load(key_file)  # the key file written on disk must load back
    payload = json.dumps({"项目": "联合村乡村旅游", "金额_fen": 1690000000}, ensure_ascii=False).encode()
    manifest = json.dumps({"entries": {"data.json": hashlib.sha256(payload).hexdigest()}}).encode()
    signed = township.signing.sign(manifest)
    if township.signing.verify_key.verify(signed) != manifest:
        raise RuntimeError("签名验证结果不一致。")
    try:
        township.signing.verify_key.verify(signed[:-1] + bytes([signed[-1] ^ 1]))
        raise RuntimeError("被改动的清单竟然通过了签名验证。")
    except BadSignatureError:
        pass
    sealed = Box(township.box, county.box.public_key).encrypt(payload)
    if Box(county.box, township.box.public_key).decrypt(sealed) != payload:
        raise RuntimeError("加密后解不开。")
    if keys.fingerprint(township.sign_public_hex, township.box_public_hex) != township.fingerprint:
        raise RuntimeError("指纹计算不一致。")
    return "签名、验签、篡改识别、加密解密均正常"


def round_trip(work: Path) -> str:
    first = sign_and_seal(work)
    from desktop.core.app import init_data_folder
    from desktop.projects import projects
    from desktop.sync import service

    town = init_data_folder(work / "township", role="township", region_code="533401102000", name="小中甸镇")
    county = init_data_folder(work / "county", role="county", region_code="533401000000", name="香格里拉市")
    try:
        town.user_name = county.user_name = "自检"
        for a, b in ((town, county), (county, town)):  # enrollment by identity file and fingerprint
            ident = service.export_identity(a, work / f"{a.node.role}.json")
            service.add_peer(b, work / f"{a.node.role}.json", ident["fingerprint"])
        code = projects.create_project(town, {"name": "自检项目：联合村乡村旅游", "year": 2020, "level": "市级",
                                              "planned_investment_wan": "1690"})["code"]
        package = service.export_package(town, work / "package.tdpkg")["files"][0]
        applied = service.import_package(county, package)
        again = service.import_package(county, package)
        got = projects.get_project(county, code)
        if got["name"] != "自检项目：联合村乡村旅游":
            raise RuntimeError("县级导入后项目内容不一致。")
    finally:
        town.dispose()
        county.dispose()
    size = Path(package).stat().st_size
    return (f"{first}；乡镇导出同步包（{size // 1024} KB，已签名加密），县级导入：{applied['status']}，"
            f"重复导入：{again['status']}")
