"""A write-only sheet whose rows are written as XML text, one string per row, instead of one
openpyxl cell object (and one lxml element) per cell.

Why: a prescribed table is 10,000 rows × 26 styled cells; openpyxl's per-cell path (a Cell, its
style array, a coordinate, an lxml element with attributes) was 2–3× the cost of openpyxl
write-only writing bare values (docs/performance.md). Everything but the rows still comes from
openpyxl — styles.xml, the column widths, frozen panes, merged cells, print titles, page setup,
header and footer — so the workbook is the one openpyxl would write; only `<sheetData>` is ours.

Each cell's style id is asked from openpyxl once per (style name, value type, quote prefix): a
template cell is given the style and a value of that type, exactly as a real cell would be, so
a date in a General-format cell gets the date format openpyxl would give it. Values are formatted
as openpyxl formats them ("%.16g" numbers, Excel serial dates, inline strings), so a file read
back with openpyxl gives the same values as before.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop.core.xlsx_safe import NOT_XML as _NOT_XML, RISKY_START, clean

EMPTY_SHEET_DATA = b"<sheetData></sheetData>"
NUMBERS = (int, float, Decimal)
DATES = (date, datetime, time, timedelta)
_NONE = type(None)
_PLAIN_NUMBERS = frozenset((int, float, Decimal))  # exact classes: bool (an int) keeps its own path


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:  # a literal CR would be read back as LF (XML line-end normalisation)
        text = text.replace("\r", "&#13;")
    return text


class FastSheet(WriteOnlyWorksheet):
    """Add rows with `row(values_and_styles, height)`; they are spliced into the sheet when it closes."""

    def __init__(self, parent, title):
        super().__init__(parent, title)
        self._xml_rows: list[str] = []
        self._ids: dict = {}
        self._letters: list[str] = []
        self._named: dict = {}  # style name → its maker, added to the workbook on first use (add_fast_sheet)
        self._looks: dict = {}  # style name → maker of the cell attributes it stands for (add_fast_sheet)

    # -- styles ------------------------------------------------------------------------------
    def style_id(self, style: str, value, quoted: bool = False) -> int:
        """The xf index openpyxl gives a cell of this named style holding a value of this type."""
        key = (style, type(value), quoted)
        sid = self._ids.get(key)
        if sid is None:
            cell = WriteOnlyCell(self)
            look = self._looks.get(style)
            if look is not None:
                if callable(look):
                    look = self._looks[style] = look()
                for attr, value_ in look.items():  # the look first, as a named style would be: a date keeps its format
                    setattr(cell, attr, value_)
            else:
                make = self._named.pop(style, None)
                if make is not None:
                    self.parent.add_named_style(make())
                cell.style = style
            if value is not None:
                cell.value = value
            if quoted:
                cell.quotePrefix = True
            sid = self._ids[key] = cell.style_id
        return sid

    # -- rows --------------------------------------------------------------------------------
    def _letter(self, i: int) -> str:
        while len(self._letters) < i:
            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters[i - 1]

    def row(self, cells, height: float | None = None) -> None:
        """One row: `cells` is a list of (value, style name) or None for a column left blank.

        The commonest cells — text, blank, int, float, Decimal — are written inline with their style ids looked up
        directly (the same keys `style_id` fills); every other value goes through `_cell`. Same bytes."""
        r = len(self._xml_rows) + 1
        rs = str(r)
        if len(self._letters) < len(cells):
            self._letter(len(cells))
        letters, ids = self._letters, self._ids
        parts = [f'<row r="{r}" ht="{height:g}" customHeight="1">' if height else f'<row r="{r}">']
        add = parts.append
        for i, cell in enumerate(cells):
            if cell is None:
                continue
            value, style = cell
            if value is None or value.__class__ is str:
                text = value and _NOT_XML.sub("", value)
                if not text:  # blank, or only control characters: an empty cell, as openpyxl writes it
                    sid = ids.get((style, _NONE, False))
                    if sid is None:
                        sid = self.style_id(style, None)
                    add(f'<c r="{letters[i]}{rs}" s="{sid}"/>')
                    continue
                quoted = text.startswith(RISKY_START)
                sid = ids.get((style, str, quoted))
                if sid is None:
                    sid = self.style_id(style, "", quoted)
                space = ' xml:space="preserve"' if text.strip() != text else ""
                add(f'<c r="{letters[i]}{rs}" s="{sid}" t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>')
            elif value.__class__ in _PLAIN_NUMBERS:
                sid = ids.get((style, value.__class__, False))
                if sid is None:
                    sid = self.style_id(style, value)
                add(f'<c r="{letters[i]}{rs}" s="{sid}" t="n"><v>{"%.16g" % value}</v></c>')
            else:
                add(self._cell(letters[i] + rs, value, style))
        add("</row>")
        self._xml_rows.append("".join(parts))

    def _cell(self, ref: str, value, style: str) -> str:
        if value is None or value == "":
            return f'<c r="{ref}" s="{self.style_id(style, None)}"/>'
        if isinstance(value, str):
            text = clean(value)
            if not text:  # only control characters: an empty cell, as openpyxl writes it
                return f'<c r="{ref}" s="{self.style_id(style, None)}"/>'
            sid = self.style_id(style, "", text.startswith(RISKY_START))
            space = ' xml:space="preserve"' if text.strip() != text else ""
            return f'<c r="{ref}" s="{sid}" t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{self.style_id(style, value)}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, NUMBERS):
            return f'<c r="{ref}" s="{self.style_id(style, value)}" t="n"><v>{"%.16g" % value}</v></c>'
        if isinstance(value, DATES):
            serial = to_excel(value, self.parent.epoch)
            return f'<c r="{ref}" s="{self.style_id(style, value)}" t="n"><v>{"%.16g" % serial}</v></c>'
        return self._cell(ref, str(value), style)

    # -- closing -------------------------------------------------------------------------------
    def close(self):
        """openpyxl writes the sheet with an empty sheetData; the rows go in its place."""
        super().close()
        path = Path(self._writer.out)
        head, found, tail = path.read_bytes().partition(EMPTY_SHEET_DATA)
        if not found:
            raise RuntimeError("openpyxl wrote the sheet in an unexpected form (no empty sheetData)")
        with open(path, "wb") as f:
            f.write(head)
            f.write(b"<sheetData>")
            for chunk in range(0, len(self._xml_rows), 2000):
                f.write("".join(self._xml_rows[chunk:chunk + 2000]).encode("utf-8"))
            f.write(b"</sheetData>")
            f.write(tail)
        self._xml_rows = []


def add_fast_sheet(wb, title: str, named_styles: dict | None = None, looks: dict | None = None) -> FastSheet:
    """A FastSheet in a write-only workbook, where create_sheet would put a WriteOnlyWorksheet.

    `named_styles` maps a style name to a function making its NamedStyle: each is added to the
    workbook when a cell first uses it, so the file carries only the styles its cells use.
    `looks` maps a style name to a function making the cell attributes it stands for (font, border,
    fill, alignment, number_format), given to the cells directly: the same look without a named style
    (whose binding and entry in styles.xml cost more than the few cells of a short table)."""
    ws = FastSheet(parent=wb, title=title)
    ws._named = dict(named_styles or {})
    ws._looks = dict(looks or {})
    wb._add_sheet(ws)
    return ws
