"""libsodium secretstream push and pull for whole 1 MiB chunks, without the binding's copies.

Why: PyNaCl's `crypto_secretstream_xchacha20poly1305_push/pull` insist on `bytes` input (so the
writer copied each chunk out of its buffer first) and return a fresh `bytes` copy of the output.
For a 200 MB package that is two extra copies of every byte on each side. Here the same libsodium
calls run through PyNaCl's own cffi handle on the caller's buffer, into one reused output buffer;
the state is the binding's state object, so the bytes produced are the same (tests/sync/test_sodium_stream.py).
`nacl._sodium` is the binding's private module: should a PyNaCl release move it (or the state's `statebuf`),
the same classes fall back to the binding's public calls — slower by those copies, never broken.
"""
from __future__ import annotations

import nacl.bindings as sodium
from nacl.exceptions import CryptoError

try:
    from nacl._sodium import ffi, lib
except ImportError:  # a PyNaCl without the private module: the public calls below
    ffi = lib = None

ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES


class Pusher:
    """Encrypts chunks with a state made by `crypto_secretstream_xchacha20poly1305_init_push`."""

    def __init__(self, state, chunk: int):
        self._binding = state if _public_only(state) else None
        if self._binding is None:
            self._state = state.statebuf
            self._out = ffi.new("unsigned char[]", chunk + ABYTES)

    def push(self, data, ad: bytes | None, tag: int):
        """The ciphertext of `data` (any contiguous buffer), valid until the next push: write it at once."""
        if self._binding is not None:
            return sodium.crypto_secretstream_xchacha20poly1305_push(self._binding, bytes(data), ad, tag)
        n = len(data)
        out = self._out if n + ABYTES <= len(self._out) else ffi.new("unsigned char[]", n + ABYTES)
        rc = lib.crypto_secretstream_xchacha20poly1305_push(
            self._state, out, ffi.NULL, ffi.from_buffer(data), n, ad or ffi.NULL, len(ad or b""), tag)
        if rc != 0:
            raise CryptoError("secretstream push failed")
        return ffi.buffer(out, n + ABYTES)


class Puller:
    """Decrypts chunks with a state made by `crypto_secretstream_xchacha20poly1305_init_pull`."""

    def __init__(self, state, chunk: int):
        self._binding = state if _public_only(state) else None
        if self._binding is None:
            self._state = state.statebuf
            self._out = ffi.new("unsigned char[]", chunk)
            self._tag = ffi.new("unsigned char *")

    def pull(self, block, ad: bytes | None):
        """(plaintext valid until the next pull, tag); a forged, damaged or short block raises CryptoError."""
        n = len(block) - ABYTES
        if n < 0:
            raise CryptoError("ciphertext too short")
        if self._binding is not None:
            return sodium.crypto_secretstream_xchacha20poly1305_pull(self._binding, bytes(block), ad)
        out = self._out if n <= len(self._out) else ffi.new("unsigned char[]", n)
        rc = lib.crypto_secretstream_xchacha20poly1305_pull(
            self._state, out, ffi.NULL, self._tag, ffi.from_buffer(block), len(block), ad or ffi.NULL,
            len(ad or b""))
        if rc != 0:
            raise CryptoError("secretstream pull failed")
        return ffi.buffer(out, n), self._tag[0]


def _public_only(state) -> bool:
    """True when the fast path's pieces are missing from this PyNaCl (then its public calls are used)."""
    return lib is None or not hasattr(state, "statebuf")
