"""Password hashing (Argon2id via argon2-cffi) and the password rules.

Parameters: OWASP's Password Storage Cheat Sheet asks for Argon2id with at least 19 MiB of
memory, 2 iterations and parallelism 1. We use 64 MiB, 3 iterations, parallelism 1 (the RFC 9106
"second recommended" memory with one lane): ≈0.14 s per hash on a 2-core test machine, still
well under a second on an old township PC. Hashes made with weaker parameters are upgraded at
the next successful login.
"""
from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from desktop.core.errors import UserError

TIME_COST = 3
MEMORY_KIB = 64 * 1024
PARALLELISM = 1
OWASP_MIN = {"memory_kib": 19 * 1024, "time_cost": 2, "parallelism": 1}

MIN_LENGTH = 8
MAX_LENGTH = 128  # bound the work an attacker can make us do
COMMON = {
    "12345678", "123456789", "1234567890", "87654321", "11111111", "88888888", "66666666", "00000000",
    "password", "password1", "passw0rd", "qwertyui", "qwerty123", "abc12345", "a1234567", "iloveyou",
    "1qaz2wsx", "12341234", "11223344", "147258369", "123123123", "woaini1314", "admin123", "admin888",
    "towndesk", "towndesk1", "administrator",
}

_hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                         hash_len=32, salt_len=16, type=Type.ID)
_dummy: list[str] = []  # a hash to verify against when the user does not exist (same timing)


def normalise(password: str) -> str:
    """NFKC, so a full-width 'Ａ' typed with a Chinese input method equals 'A'."""
    return unicodedata.normalize("NFKC", password)


def check_policy(password: str, username: str = "") -> None:
    """Refuse weak passwords with one Chinese message."""
    p = normalise(password or "")
    if len(p) < MIN_LENGTH:
        raise UserError(f"密码太短：至少 {MIN_LENGTH} 个字符（可以用一句好记的话或几个词）。", field="密码")
    if len(p) > MAX_LENGTH:
        raise UserError(f"密码太长：最多 {MAX_LENGTH} 个字符。", field="密码")
    if p.lower() in COMMON or len(set(p)) <= 2:
        raise UserError("这个密码太常见，很容易被猜到，请换一个。", field="密码")
    if username and p.lower() == normalise(username).lower():
        raise UserError("密码不能与用户名相同。", field="密码")


def hash_password(password: str) -> str:
    return _hasher.hash(normalise(password))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True if the password matches; a missing or damaged hash never matches."""
    if not stored_hash:
        _dummy_verify(password)
        return False
    try:
        return _hasher.verify(stored_hash, normalise(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _dummy_verify(password: str) -> None:
    if not _dummy:
        _dummy.append(_hasher.hash("towndesk-no-such-user"))
    try:
        _hasher.verify(_dummy[0], normalise(password))
    except VerificationError:
        pass


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


def parameters_of(stored_hash: str) -> dict:
    """The algorithm and cost parameters a stored hash was made with."""
    from argon2 import extract_parameters

    p = extract_parameters(stored_hash)
    return {"type": p.type.name, "memory_kib": p.memory_cost, "time_cost": p.time_cost,
            "parallelism": p.parallelism, "hash_len": p.hash_len, "salt_len": p.salt_len}


def meets_owasp(stored_hash: str) -> bool:
    p = parameters_of(stored_hash)
    return (p["type"] == "ID" and p["memory_kib"] >= OWASP_MIN["memory_kib"]
            and p["time_cost"] >= OWASP_MIN["time_cost"] and p["parallelism"] >= OWASP_MIN["parallelism"])
