"""Issue 17, round 5: secretstream through the reused buffers gives the bytes PyNaCl's binding gives."""
from __future__ import annotations

import nacl.bindings as sodium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nacl.exceptions import CryptoError

from desktop.sync.sodium_stream import ABYTES, Puller, Pusher

TAGS = st.sampled_from([0, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL])


def _pair(key: bytes):
    """Two push states from the same key and the same header (the second initialised from the first's copy)."""
    a = sodium.crypto_secretstream_xchacha20poly1305_state()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(a, key)
    b = sodium.crypto_secretstream_xchacha20poly1305_state()
    b.statebuf[0:len(a.statebuf)] = a.statebuf[0:len(a.statebuf)]
    return a, b, header


@settings(max_examples=80, deadline=None)
@given(key=st.binary(min_size=32, max_size=32),
       chunks=st.lists(st.tuples(st.binary(max_size=300), st.sampled_from([None, b"", b"head"]), TAGS), max_size=8),
       kind=st.sampled_from([bytes, bytearray, memoryview]))
def test_push_equals_binding_and_pull_reads_it_back(key, chunks, kind):
    """Any chunks, associated data and tags, from bytes, bytearray or memoryview: the same ciphertext as the
    binding's push (chunks larger than the reused buffer too), and pull returns each plaintext and tag."""
    _round_trip(key, chunks, kind)


def _round_trip(key: bytes, chunks, kind) -> tuple[list[bytes], bytes]:
    """Push `chunks` through Pusher (each equal to the binding's push) and pull them back through Puller;
    the ciphertext blocks and the stream header."""
    ref, ours, header = _pair(key)
    pusher = Pusher(ours, 64)
    sent = []
    for data, ad, tag in chunks:
        expected = sodium.crypto_secretstream_xchacha20poly1305_push(ref, data, ad, tag)
        got = bytes(pusher.push(kind(data), ad, tag))
        assert got == expected
        sent.append(got)
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
    puller = Puller(state, 64)
    for (data, ad, tag), block in zip(chunks, sent):
        plain, got_tag = puller.pull(kind(block), ad)
        assert (bytes(plain), got_tag) == (data, tag)
    return sent, header


def test_pull_refuses_damaged_short_and_wrong_associated_data():
    """A flipped bit, a block shorter than its MAC and a changed associated text each raise CryptoError."""
    key = bytes(range(32))
    push_state = sodium.crypto_secretstream_xchacha20poly1305_state()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(push_state, key)
    block = bytes(Pusher(push_state, 64).push(b"hello", b"head", 0))
    bad_blocks = [(bytes([block[0] ^ 1]) + block[1:], b"head"), (block[:ABYTES - 1], b"head"), (block, b"other")]
    for bad, ad in bad_blocks:
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
        with pytest.raises(CryptoError):
            Puller(state, 64).pull(bad, ad)


def test_a_pynacl_without_its_private_module_still_encrypts_and_decrypts(monkeypatch):
    """With `nacl._sodium` missing, Pusher and Puller use the binding's public calls: same bytes, same refusals."""
    from desktop.sync import sodium_stream

    monkeypatch.setattr(sodium_stream, "lib", None)
    key = bytes(range(32))
    chunks = [(b"first", b"head", 0), (b"x" * 200, None, 0), (b"", None, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL)]
    sent, header = _round_trip(key, chunks, memoryview)
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
    with pytest.raises(CryptoError):
        Puller(state, 64).pull(bytes([sent[0][0] ^ 1]) + sent[0][1:], b"head")
