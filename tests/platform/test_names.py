"""Attachment names from other systems become names every platform can create."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.platform.names import FORBIDDEN, MAX_BYTES, RESERVED, safe_file_name
from tests.sizes import size


@pytest.mark.parametrize("given_name, expected", [
    ("CON.pdf", "_CON.pdf"), ("nul", "_nul"), ("com1.tar.gz", "_com1.tar.gz"), ("LPT9 .docx", "_LPT9 .docx"),
    ("验收报告.", "验收报告"), ("验收报告.pdf  ", "验收报告.pdf"), ("a:b?.docx", "a_b_.docx"),
    ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\合同.docx", "合同.docx"), ("", "附件"), ("...", "附件"),
    ("合\x00同\t.pdf", "合_同_.pdf"), ("联合村牦牛养殖项目实施方案.docx", "联合村牦牛养殖项目实施方案.docx"),
])
def test_known_bad_names(given_name, expected):
    """Reserved device names, trailing dots/spaces, forbidden characters and paths are made safe."""
    assert safe_file_name(given_name) == expected


def test_long_names_keep_their_extension():
    """A name too long for the file system is shortened in the stem; the extension stays."""
    out = safe_file_name("项目" * 200 + ".xlsx")
    assert out.endswith(".xlsx") and len(out.encode("utf-8")) <= MAX_BYTES and out.startswith("项目项目")


def _valid_everywhere(name: str) -> bool:
    stem = name.split(".")[0].rstrip(" ").upper()
    return (bool(name) and not (set(name) & FORBIDDEN) and all(ord(c) >= 32 for c in name)
            and name[-1] not in " ." and name not in (".", "..") and stem not in RESERVED
            and len(name.encode("utf-8")) <= MAX_BYTES)


@settings(max_examples=size(100, 400), deadline=None)
@given(st.text(max_size=300))
def test_any_name_becomes_valid_and_stays_stable(name):
    """Whatever arrives, the result is valid on Windows and Linux, and making it safe again changes nothing."""
    out = safe_file_name(name)
    assert _valid_everywhere(out), out
    assert safe_file_name(out) == out


def test_viewer_copy_of_an_attachment_named_con_opens(township_app, tmp_path):
    """An attachment stored as 'CON.pdf' (from another PC) gets a viewer copy that exists, with its content."""
    from desktop.checklists import attachments as att
    from db.models import Attachment
    from desktop.core.attachments_store import AttachmentStore

    sha = AttachmentStore(township_app.layout).put_bytes(b"%PDF-1.4 scan")
    with township_app.tx() as s:
        a = Attachment(sha256=sha, filename="CON.pdf", size=13, mime="application/pdf")
        s.add(a)
        s.flush()
        aid = a.id
    path = att.viewable_copy(township_app, aid)
    assert path.name == "_CON.pdf" and path.read_bytes() == b"%PDF-1.4 scan"
