"""The rows-as-XML sheet writer: what openpyxl reads back is what a cell-by-cell openpyxl write gives."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, NamedStyle

from desktop.core.xlsx_safe import RISKY_START, clean
from desktop.reports.xlsx_fast import add_fast_sheet


def _book():
    wb = Workbook(write_only=True)
    wb.add_named_style(NamedStyle("plain"))
    wb.add_named_style(NamedStyle("bold_money", font=Font(bold=True), number_format="#,##0.00"))
    return wb


def _write_both(tmp_path, rows):
    """The same rows through FastSheet and through openpyxl write-only cells; both read back."""
    fast = _book()
    ws = add_fast_sheet(fast, "t")
    for row in rows:
        ws.row([(v, s) for v, s in row])
    fast.save(tmp_path / "fast.xlsx")
    slow = _book()
    ws2 = slow.create_sheet("t")
    for row in rows:
        cells = []
        for v, s in row:
            c = WriteOnlyCell(ws2)
            c.style = s  # the style first, as the old report writer did: a date keeps a date format
            # Text that is empty once cleaned is an empty cell, as the report writer's rule says.
            c.value = (clean(v) or None) if isinstance(v, str) else v
            if isinstance(v, str) and c.value is not None:
                c.data_type = "s"
                c.quotePrefix = clean(v).startswith(RISKY_START)
            cells.append(c)
        ws2.append(cells)
    slow.save(tmp_path / "slow.xlsx")
    return load_workbook(tmp_path / "fast.xlsx").active, load_workbook(tmp_path / "slow.xlsx").active


def test_values_and_styles_match_openpyxl(tmp_path):
    """Text with XML specials and spaces, formulas-looking text, numbers, Decimals, dates and blanks read back alike."""
    rows = [
        [("a<b & c>d", "plain"), (" 前后空格 ", "plain"), ("=SUM(A1)", "plain"), ("-2+3", "plain")],
        [(12, "bold_money"), (Decimal("1.2345"), "bold_money"), (0.125, "plain"), (None, "bold_money")],
        [(date(2020, 6, 30), "plain"), (datetime(2021, 1, 2, 3, 4), "plain"), (True, "plain"), ("", "plain")],
        [("控制\x01字符", "plain"), ("多行\n文本", "plain")],
    ]
    fast, slow = _write_both(tmp_path, rows)
    assert fast.max_row == slow.max_row == 4
    for rf, rs in zip(fast.iter_rows(), slow.iter_rows()):
        for a, b in zip(rf, rs):
            assert (a.value, a.number_format, a.quotePrefix, a.font.b) == (b.value, b.number_format, b.quotePrefix,
                                                                           b.font.b), a.coordinate
    assert fast["A1"].value == "a<b & c>d" and fast["C1"].data_type == "s" and fast["C1"].quotePrefix
    assert fast["A3"].is_date and fast["A4"].value == "控制字符"


def test_row_heights_and_blank_columns(tmp_path):
    """A row's height is kept and a None entry leaves its column without a cell."""
    wb = _book()
    ws = add_fast_sheet(wb, "t")
    ws.row([("x", "plain"), None, ("y", "plain")], height=42)
    ws.row([])
    ws.row([("z", "plain")])
    wb.save(tmp_path / "h.xlsx")
    back = load_workbook(tmp_path / "h.xlsx").active
    assert back.row_dimensions[1].height == 42 and back["B1"].value is None and back["C1"].value == "y"
    assert back["A3"].value == "z"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=12), st.integers(-10**12, 10**12),
                          st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False)),
                min_size=1, max_size=6))
def test_any_row_reads_back_as_openpyxl_writes_it(tmp_path_factory, values):
    """Whatever mix of text, integers, Decimals and blanks a row holds, both writers give the same values."""
    tmp = tmp_path_factory.mktemp("row")
    fast, slow = _write_both(tmp, [[(v, "plain") for v in values]])
    got = [c.value for c in next(fast.iter_rows())] if fast.max_row else []
    want = [c.value for c in next(slow.iter_rows())] if slow.max_row else []
    assert got == want


def test_text_xml_cannot_hold_is_dropped_and_the_file_opens(tmp_path):
    """U+FFFE/U+FFFF and lone surrogates (a non-UTF-8 command-line argument) are dropped like control characters,
    so the workbook is written and opens, through both the XML rows and openpyxl's own cells."""
    hostile = [("名\ufffe称", "plain"), ("x\ud800y\udfff", "plain"), ("\uffff=1+1", "plain")]
    fast, slow = _write_both(tmp_path, [hostile])
    assert [c.value for c in next(fast.iter_rows())] == ["名称", "xy", "=1+1"]
    assert [c.value for c in next(slow.iter_rows())] == ["名称", "xy", "=1+1"]
    assert next(fast.iter_rows())[2].quotePrefix  # the formula-looking text behind U+FFFF stays text in Excel


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.text(max_size=8), st.booleans(), st.integers(-10**15, 10**15),
                                    st.floats(allow_nan=False, allow_infinity=False),
                                    st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False),
                                    st.dates(min_value=date(1901, 1, 1))),
                          st.sampled_from(["plain", "bold_money"])), min_size=1, max_size=8))
def test_inline_cells_keep_value_type_format_and_prefix(tmp_path_factory, cells):
    """The row writer's inline text, blank and number paths (and the general path for booleans and dates) give
    each cell the value, type, number format and quote prefix openpyxl gives it, in either style."""
    tmp = tmp_path_factory.mktemp("inline")
    fast, slow = _write_both(tmp, [cells])
    got = [(c.value, c.data_type, c.number_format, c.quotePrefix) for c in next(fast.iter_rows())] if fast.max_row else []
    want = [(c.value, c.data_type, c.number_format, c.quotePrefix) for c in next(slow.iter_rows())] if slow.max_row else []
    assert got == want


def test_named_styles_are_added_on_first_use_only(tmp_path):
    """A sheet given style makers adds to the workbook just the named styles its cells use, each once, with the look it was made with."""
    made = []

    def maker(name, **kw):
        def make():
            made.append(name)
            return NamedStyle(name, **kw)
        return make

    wb = Workbook(write_only=True)
    ws = add_fast_sheet(wb, "t", named_styles={"used": maker("used", font=Font(bold=True), number_format="#,##0.00"),
                                                "never": maker("never", font=Font(italic=True))})
    ws.row([(Decimal("1.50"), "used"), ("文字", "used"), (None, "used")])
    ws.row([(2, "used")])
    wb.save(tmp_path / "t.xlsx")
    assert made == ["used"]
    back = load_workbook(tmp_path / "t.xlsx")
    assert "never" not in back.named_styles and "used" in back.named_styles
    a1 = back.active["A1"]
    assert a1.style == "used" and a1.font.b and a1.number_format == "#,##0.00" and a1.value == 1.5


def test_a_look_is_given_to_the_cells_as_their_attributes(tmp_path):
    """A sheet given looks writes cells with that font, format and border but no named style, makes each look once,
    and a date in a look with the General format still reads back as a date."""
    from openpyxl.styles import Border, Side

    made = []

    def bold_money():
        made.append("money")
        thin = Side(style="thin")
        return {"font": Font(bold=True), "number_format": "#,##0.00", "border": Border(left=thin, right=thin)}

    wb = Workbook(write_only=True)
    ws = add_fast_sheet(wb, "t", looks={"money": bold_money, "plain": lambda: {"font": Font(italic=True)}})
    ws.row([(Decimal("2.50"), "money"), (3, "money"), (date(2024, 5, 6), "plain")])
    wb.save(tmp_path / "t.xlsx")
    assert made == ["money"]
    back = load_workbook(tmp_path / "t.xlsx")
    a1, b1, c1 = back.active["A1"], back.active["B1"], back.active["C1"]
    assert a1.font.b and a1.number_format == "#,##0.00" and a1.border.left.style == "thin" and a1.value == 2.5
    assert b1.font.b and b1.value == 3 and c1.font.i and c1.is_date
    assert list(back.named_styles) == ["Normal"]
