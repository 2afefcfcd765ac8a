"""Self-test of the package machinery: keys, signature, encryption (and the full round trip once
`towndesk export` / `import` exist in desktop/sync)."""
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
    return sign_and_seal(work) + "（完整的导出/导入往返待同步功能完成后加入）"
