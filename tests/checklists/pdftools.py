"""Reading PDFs back with poppler-utils (pdftotext, pdffonts, pdfinfo)."""
from __future__ import annotations

import re
import subprocess


def text(path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def fonts(path) -> list[dict]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type [type2] encoding emb sub uni object generation
        rows.append({"name": parts[0], "emb": parts[-5], "line": line})
    return rows


def page_footers(path) -> list[tuple[int, int]]:
    """(x, y) of '第 x 页 / 共 y 页' on every page, in order."""
    out = []
    for page in text(path).split("\f")[:-1]:
        m = re.search(r"第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页", page)
        out.append((int(m.group(1)), int(m.group(2))) if m else None)
    return out
