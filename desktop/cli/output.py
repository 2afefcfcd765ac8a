"""Printing for the command line: UTF-8 JSON with Chinese unescaped, simple tables (console encoding)."""
from __future__ import annotations

import json
import sys
from datetime import date, datetime
from decimal import Decimal


def _default(o):
    if isinstance(o, (date, datetime)):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    raise TypeError(type(o).__name__)


def print_json(data) -> None:
    """UTF-8 always (scripts parse it), whatever encoding the console text uses."""
    from desktop.platform.console import write_json_text

    write_json_text(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def print_table(rows: list[dict], columns: list[tuple[str, str]]) -> None:
    """columns: (key, header). Width by display cells (CJK counts as two)."""
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    cells = [[str(r.get(k) if r.get(k) is not None else "") for k, _ in columns] for r in rows]
    widths = [max([width(h)] + [width(c[i]) for c in cells]) for i, (_, h) in enumerate(columns)]

    def line(values):
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()

    print(line([h for _, h in columns]))
    for c in cells:
        print(line(c))
