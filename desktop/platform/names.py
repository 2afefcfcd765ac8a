"""File names from other systems made safe to create on Windows and Linux alike.

Why: attachments arrive by sync package from other PCs; a name that is fine on Linux may be
impossible on Windows (CON.pdf, "报告.", a:b.docx, a trailing space) or escape its folder
("../x", "a\\b"). The stored record keeps the original name for display; only the file written
to disk for a viewer uses the safe one.
"""
from __future__ import annotations

import re
import unicodedata

FORBIDDEN = set('<>:"/\\|?*')
RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
            *(f"COM{c}" for c in "123456789¹²³"), *(f"LPT{c}" for c in "123456789¹²³")}
MAX_BYTES = 200  # below Linux's 255 bytes and Windows' 255 UTF-16 units, with room for a suffix
_SPACES = re.compile(r"\s+")


def safe_file_name(name: str, fallback: str = "附件") -> str:
    """A name that can be created as one file in a folder on Windows and Linux, close to `name`."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]  # only the last part of a path someone sent
    chars = []
    for ch in name:
        if ch in FORBIDDEN or ord(ch) < 32 or ord(ch) == 127 or unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
            chars.append("_")
        else:
            chars.append(ch)
    name = _SPACES.sub(" ", "".join(chars)).strip(" .")
    if not name or set(name) <= {"_", "."}:
        name = fallback
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.split(".")[0].rstrip(" ").upper() in RESERVED:
        name = "_" + name
        stem = "_" + stem
    return _fit(name, stem, ext)


def _fit(name: str, stem: str, ext: str) -> str:
    """Shorten the stem (never the extension) until the name fits MAX_BYTES of UTF-8."""
    if len(name.encode("utf-8")) <= MAX_BYTES:
        return name
    ext = ("." + ext) if ext and len(ext.encode("utf-8")) <= 20 else ""
    budget = MAX_BYTES - len(ext.encode("utf-8"))
    out = ""
    for ch in (stem if ext else name):
        if len((out + ch).encode("utf-8")) > budget:
            break
        out += ch
    return (out.rstrip(" .") or "附件") + ext
