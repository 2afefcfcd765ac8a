"""Issue 14 item 4: fingerprint checks that mean something — the expected fingerprint is never shown on a
mismatch, and the identity file carries no fingerprint a clerk could copy (the receiver computes it)."""
from __future__ import annotations

import json
import re

import pytest

from desktop.core.errors import UserError
from desktop.sync import keys as keymod
from desktop.sync import peers
from tests.conftest import COUNTY, TOWNSHIP
from tests.sync.conftest import make_node


@pytest.fixture
def two(tmp_path):
    town = make_node(tmp_path / "town", "township", *TOWNSHIP)
    county = make_node(tmp_path / "county", "county", *COUNTY)
    yield town, county
    town.dispose()
    county.dispose()


def _hex(text: str) -> str:
    return re.sub(r"[^0-9A-F]", "", text.upper())


def test_identity_file_has_no_fingerprint_to_copy(two, tmp_path):
    """The written file has no fingerprint field and no run of its hex digits; the sender still gets it to read out."""
    town, _ = two
    out = tmp_path / "town.json"
    me = peers.export_identity(town, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "fingerprint" not in data and not any("指纹" in k or "finger" in k.lower() for k in data)
    assert _hex(me["fingerprint"]) not in _hex(out.read_text(encoding="utf-8"))
    assert me["fingerprint"] == keymod.fingerprint(data["sign_public_key"], data["box_public_key"])


@pytest.mark.parametrize("typed", ["0000 1111 2222 3333 4444 5555 6666 7777", "", "abcd"])
def test_mismatch_message_never_shows_the_expected_fingerprint(two, tmp_path, typed):
    """A wrong or empty fingerprint is refused naming the file, without printing the right one in any form."""
    town, county = two
    me = peers.export_identity(town, tmp_path / "town.json")
    with pytest.raises(UserError) as e:
        peers.add_peer(county, tmp_path / "town.json", typed)
    msg = e.value.message
    assert "指纹不符" in msg and "town.json" in msg and "未登记" in msg
    expected = _hex(me["fingerprint"])
    assert expected not in _hex(msg) and me["fingerprint"] not in msg
    assert not any(group in msg for group in me["fingerprint"].split()[:2] if group not in typed)
    assert peers.list_peers(county) == []


def test_a_planted_fingerprint_field_is_ignored(two, tmp_path):
    """An old or doctored file with a fingerprint field: the receiver still computes it from the keys."""
    town, county = two
    me = peers.export_identity(town, tmp_path / "town.json")
    data = json.loads((tmp_path / "town.json").read_text(encoding="utf-8"))
    data["fingerprint"] = "0000 1111 2222 3333 4444 5555 6666 7777"
    (tmp_path / "town.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserError):
        peers.add_peer(county, tmp_path / "town.json", data["fingerprint"])
    added = peers.add_peer(county, tmp_path / "town.json", me["fingerprint"].lower())
    assert added["fingerprint"] == me["fingerprint"]
