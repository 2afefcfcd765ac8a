"""Opening a ledger workbook safely and streaming its rows with bounded memory.

openpyxl's read-only mode streams cells but does not report merged cells or hidden
columns; both sit in the sheet XML, so we scan its bytes once (no XML tree is built).
Size limits are checked before anything is parsed, so a huge or hostile file is refused
in a moment instead of filling memory.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import column_index_from_string

from desktop.core.errors import UserError

MAX_ROWS = 20_000            # rows with content; a county's whole history fits many times over
MAX_COLUMNS = 120
MAX_SHEET_XML = 400_000_000  # uncompressed bytes of one sheet
MAX_SHARED_STRINGS = 48_000_000
MAX_MERGES = 50_000

_MERGE_RE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")
_COL_RE = re.compile(rb"<(?:\w+:)?col\s([^>]*)>")
_ROW_HIDDEN_RE = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d+)\"[^>]*?\bhidden=\"(?:1|true)\"")
_ROW_HIDDEN_RE2 = re.compile(rb"<(?:\w+:)?row\s[^>]*?\bhidden=\"(?:1|true)\"[^>]*?\br=\"(\d+)\"")
_ATTR_RE = re.compile(rb"(\w+)=\"([^\"]*)\"")


@dataclass
class Merge:
    min_col: int
    min_row: int
    max_col: int
    max_row: int


@dataclass
class SheetLayout:
    """What the cell stream does not tell: merged ranges, hidden columns and rows."""
    merges: list[Merge] = field(default_factory=list)
    hidden_cols: set[int] = field(default_factory=set)  # 1-based
    hidden_rows: set[int] = field(default_factory=set)
    merges_truncated: bool = False

    def fill_sources(self, first_row: int) -> dict[tuple[int, int], int]:
        """(row, column) → the row whose value a vertical merge shows there (data rows only)."""
        out: dict[tuple[int, int], int] = {}
        for m in self.merges:
            if m.max_row > m.min_row and m.max_row >= first_row:
                for r in range(max(m.min_row + 1, first_row), min(m.max_row, MAX_ROWS) + 1):
                    out[(r, m.min_col)] = m.min_row
        return out


def check_file(path: Path) -> None:
    """Refuse what is not an .xlsx before openpyxl sees it, with a message saying what to do."""
    if not path.exists():
        raise UserError(f"找不到文件 {path}，请检查路径。")
    if path.is_dir():
        raise UserError(f"{path} 是文件夹，请选择一个 .xlsx 文件。")
    with open(path, "rb") as f:
        magic = f.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(f"文件 {path.name} 是旧版 Excel（.xls/.et）格式或已加密。"
                        "请在 Excel 或 WPS 中打开，取消密码后“另存为” .xlsx 格式，再导入。")
    if not magic.startswith(b"PK"):
        raise UserError(f"文件 {path.name} 不是 Excel 表格（.xlsx）。若是 CSV 或 WPS 文件，请另存为 .xlsx 后再导入。")


_DIM_RE = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?\"")


def _load(path: Path):
    """openpyxl's read-only workbook, minus its habit of parsing a whole sheet that lacks <dimension>."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class QuickSheet(ReadOnlyWorksheet):
        def _get_size(self):
            with self._get_source() as src:
                m = _DIM_RE.search(src.read(1 << 16))
            if m:
                self._min_column, self._min_row = column_index_from_string(m[1].decode()), int(m[2])
                self._max_column = column_index_from_string((m[3] or m[1]).decode())
                self._max_row = int(m[4] or m[2])

    class Reader(ExcelReader):
        def read_worksheets(self):
            for sheet, rel in self.parser.find_sheets():
                if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                    ws = QuickSheet(self.wb, sheet.name, rel.target, self.shared_strings)
                    ws.sheet_state = sheet.state
                    self.wb._sheets.append(ws)

    reader = Reader(path, read_only=True, data_only=True)
    reader.read()
    return reader.wb


def open_workbook(path: Path):
    """openpyxl in read-only mode with cached formula values; size limits first."""
    check_file(path)
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.filename.startswith("xl/worksheets/") and info.file_size > MAX_SHEET_XML:
                    raise UserError(f"文件 {path.name} 的工作表过大（解压后 {info.file_size // 1_000_000} MB）。"
                                    f"台账导入最多 {MAX_ROWS} 行，请删除无关内容或拆分成几个文件后再导入。")
                if info.filename == "xl/sharedStrings.xml" and info.file_size > MAX_SHARED_STRINGS:
                    raise UserError(f"文件 {path.name} 的文字内容过多（{info.file_size // 1_000_000} MB），"
                                    f"超出台账导入的上限。请拆分成几个文件后再导入。")
        return _load(path)
    except UserError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise UserError(f"无法读取文件 {path.name}：文件已损坏或不是有效的 .xlsx（{type(e).__name__}）。"
                        "请在 Excel/WPS 中打开后重新保存为 .xlsx。") from None


def scan_layout(wb, ws) -> SheetLayout:
    """Merged ranges, hidden columns and hidden rows from the sheet XML, by a byte scan."""
    layout = SheetLayout()
    tail = b""
    with wb._archive.open(ws._worksheet_path) as src:
        while True:
            chunk = src.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            cut = data.rfind(b"<")
            if cut < 0 or len(data) - cut > 4096:
                cut = len(data)
            body, tail = data[:cut], data[cut:]
            _scan_chunk(body, layout)
    _scan_chunk(tail, layout)
    return layout


def _scan_chunk(body: bytes, layout: SheetLayout) -> None:
    if b"<col" in body or b":col" in body:
        for m in _COL_RE.finditer(body):
            attrs = dict(_ATTR_RE.findall(m[1]))
            if attrs.get(b"hidden") in (b"1", b"true"):
                lo, hi = int(attrs.get(b"min", b"1")), int(attrs.get(b"max", b"1"))
                layout.hidden_cols.update(range(lo, min(hi, MAX_COLUMNS) + 1))
    if b"hidden" in body:
        for rx in (_ROW_HIDDEN_RE, _ROW_HIDDEN_RE2):
            for m in rx.finditer(body):
                if len(layout.hidden_rows) < MAX_ROWS:
                    layout.hidden_rows.add(int(m[1]))
    if b"ergeCell" in body:
        for m in _MERGE_RE.finditer(body):
            if len(layout.merges) >= MAX_MERGES:
                layout.merges_truncated = True
                return
            layout.merges.append(Merge(column_index_from_string(m[1].decode()), int(m[2]),
                                       column_index_from_string(m[3].decode()), int(m[4])))


def pick_sheet(wb, name: str | None, path: Path):
    if name is not None:
        if name not in wb.sheetnames:
            names = "、".join(wb.sheetnames)
            raise UserError(f"文件 {path.name} 中没有名为“{name}”的工作表。现有工作表：{names}。"
                            "请选择其中一个。", cli_hint="--sheet 工作表名称")
        return [wb[name]]
    active = wb.active
    rest = [ws for ws in wb.worksheets if ws is not active and ws.sheet_state == "visible"]
    return ([active] if active is not None else []) + rest


def iter_rows(ws, path: Path):
    """Yield (row number, values) for every row, refusing a sheet with too many rows of content."""
    if ws.max_row and ws.max_row > MAX_ROWS:
        raise UserError(f"文件 {path.name} 工作表“{ws.title}”的使用范围有 {ws.max_row} 行，超过一次导入的上限 {MAX_ROWS} 行。"
                        "请按年度或乡镇拆分成几个文件后分别导入；如果表中其实没有这么多行，是下方有设置过格式的空行，"
                        "请在 Excel/WPS 中删除这些空行后保存再导入。未写入任何数据。")
    declared = ws.max_column or 0
    # Some WPS saves write <dimension ref="A1"/> (or none): then the declared width means nothing.
    width = MAX_COLUMNS if declared <= 1 or (ws.max_row or 0) <= 1 else min(declared, MAX_COLUMNS)
    ws.reset_dimensions()  # read what is really there, not what <dimension> claims
    for number, values in enumerate(ws.iter_rows(max_col=width, values_only=True), 1):
        if number > MAX_ROWS and any(v is not None and str(v).strip() for v in values):
            raise UserError(f"文件 {path.name} 工作表“{ws.title}”超过 {MAX_ROWS} 行（第 {number} 行仍有内容）。"
                            f"一次最多导入 {MAX_ROWS} 行，请按年度或乡镇拆分成几个文件后分别导入。未写入任何数据。")
        yield number, values
