"""Reading a written table back with openpyxl, the way a reviewer would check it."""
from __future__ import annotations

from openpyxl import load_workbook

FIRST_LINE = 6  # title rows 1–3, header rows 4–5


def read_table(path, columns):
    """(worksheet, lines): each line a dict by column key, plus '_row' and '_kind' (total/section/data)."""
    wb = load_workbook(path)
    ws = wb.active
    shown = [c for c in columns if c.show]
    label = next(i for i, c in enumerate(shown) if c.key in ("name",))
    lines = []
    row = FIRST_LINE
    while True:
        values = [ws.cell(row, i + 1).value for i in range(len(shown))]
        if all(v is None for v in values):
            break
        seq = values[0]
        kind = "total" if values[label] == "合计" else ("section" if isinstance(seq, str) else "data")
        line = {c.key: v for c, v in zip(shown, values)}
        line.update(_row=row, _kind=kind)
        lines.append(line)
        row += 1
    return ws, lines


def fen(wan) -> int:
    """A 万元 cell back to fen (cells keep full precision; they only show two decimals)."""
    return round((wan or 0) * 1_000_000)


def sections(lines):
    """[(section line, [its data lines])] in order."""
    out = []
    for ln in lines:
        if ln["_kind"] == "section":
            out.append((ln, []))
        elif ln["_kind"] == "data":
            out[-1][1].append(ln)
    return out
