#!/usr/bin/env python3
"""The highest GLIBC (and GLIBCXX) symbol version any ELF file under a folder needs.

Why: a program built on a newer Linux than the target refuses to start there ("version `GLIBC_2.34'
not found"). Kylin V10 SP1 has glibc 2.31 and UOS V20 2.28; this proves a package's ceiling from the
files themselves (objdump -T lists each dynamic symbol's required version).
Usage: glibc_ceiling.py FOLDER [--max 2.31]   exits 1 when a file needs more than --max.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

VERSION = re.compile(r"\b(GLIBC|GLIBCXX)_(\d+(?:\.\d+)+)\b")


def _key(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def elf_files(root: Path):
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink():
            with open(p, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield p


def needs(path: Path) -> dict[str, str]:
    """{'GLIBC': highest, 'GLIBCXX': highest} that `path` requires (undefined symbols only)."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
    best: dict[str, str] = {}
    for line in out.splitlines():
        if "*UND*" not in line:
            continue  # a library's own definitions are what it provides, not what it needs
        for lib, ver in VERSION.findall(line):
            if lib not in best or _key(ver) > _key(best[lib]):
                best[lib] = ver
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--max", default="2.31", help="highest GLIBC version allowed")
    args = ap.parse_args()
    per_file = {p: needs(p) for p in elf_files(args.folder)}
    if not per_file:
        print(f"no ELF files under {args.folder}", file=sys.stderr)
        return 1
    top = {"GLIBC": "0", "GLIBCXX": "0"}
    for n in per_file.values():
        for lib, ver in n.items():
            if _key(ver) > _key(top[lib]):
                top[lib] = ver
    too_new = sorted((p for p, n in per_file.items() if "GLIBC" in n and _key(n["GLIBC"]) > _key(args.max)),
                     key=lambda p: _key(per_file[p]["GLIBC"]), reverse=True)
    print(f"ELF files checked: {len(per_file)}; highest GLIBC needed: {top['GLIBC']}; "
          f"highest GLIBCXX needed: {top['GLIBCXX']}")
    for p in sorted(per_file, key=lambda p: _key(per_file[p].get("GLIBC", "0")), reverse=True)[:5]:
        print(f"  {per_file[p].get('GLIBC', '-'):>6}  {p.relative_to(args.folder)}")
    if too_new:
        print(f"FAILED: {len(too_new)} files need GLIBC newer than {args.max}:", file=sys.stderr)
        for p in too_new[:20]:
            print(f"  GLIBC_{per_file[p]['GLIBC']}  {p.relative_to(args.folder)}", file=sys.stderr)
        return 1
    print(f"OK: every ELF file runs on glibc {args.max}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
