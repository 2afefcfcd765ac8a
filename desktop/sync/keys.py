"""This installation's keys: Ed25519 for signing, X25519 for encryption (libsodium via PyNaCl).

The private keys live in keys/node.key in the data folder (owner-only), never in the database,
so a database backup or package never carries them.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from nacl.encoding import HexEncoder
from nacl.public import PrivateKey
from nacl.signing import SigningKey

from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write_bytes


@dataclass
class NodeKeys:
    signing: SigningKey
    box: PrivateKey

    @property
    def sign_public_hex(self) -> str:
        return self.signing.verify_key.encode(HexEncoder).decode()

    @property
    def box_public_hex(self) -> str:
        return self.box.public_key.encode(HexEncoder).decode()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public_hex, self.box_public_hex)


def fingerprint(sign_public_hex: str, box_public_hex: str) -> str:
    """Eight groups of four characters, easy to read out by phone: 'A1B2 C3D4 …'."""
    digest = hashlib.sha256(bytes.fromhex(sign_public_hex) + bytes.fromhex(box_public_hex)).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def normalise_fingerprint(text: str) -> str:
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def generate() -> NodeKeys:
    return NodeKeys(SigningKey.generate(), PrivateKey.generate())


def save(keys: NodeKeys, path: Path) -> None:
    data = {"sign_seed": keys.signing.encode(HexEncoder).decode(),
            "box_secret": keys.box.encode(HexEncoder).decode()}
    atomic_write_bytes(path, json.dumps(data).encode())
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass


def load(path: Path) -> NodeKeys:
    try:
        data = json.loads(Path(path).read_text())
        return NodeKeys(SigningKey(data["sign_seed"], encoder=HexEncoder),
                        PrivateKey(data["box_secret"], encoder=HexEncoder))
    except FileNotFoundError:
        raise UserError(f"找不到本机密钥文件 {path}。请从备份恢复数据文件夹，或重新初始化。") from None
    except (ValueError, KeyError, TypeError):
        raise UserError(f"本机密钥文件 {path} 已损坏。请从备份恢复。") from None
