"""The canvas-drawn grid: lines fit their cells, no text is lost, pages split between rows with the header."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from desktop.pdf.fonts import register_cjk_font
from desktop.pdf.grid import TICK, Grid, LineBreaker
from tests.checklists.pdftools import pages, text

FONT = register_cjk_font()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="资料名称验收报告，。；：（）ab12 ≥%", max_size=80), st.floats(min_value=12, max_value=150))
def test_lines_fit_and_keep_every_character(words, room):
    """Every line is no wider than the room (unless one character alone is wider) and the lines give back the text."""
    breaker = LineBreaker(FONT, 8.5)
    lines = breaker.lines(words, room)
    assert "".join(lines) == words
    for line in lines:
        assert breaker.width(line) <= room + 1e-6 or len(line) <= 2


def test_grid_splits_between_rows_repeating_the_header(tmp_path):
    """200 rows (some wrapping, some group rows) over several pages: each page starts with the header, no row is lost."""
    widths = [w * mm for w in (10, 60, 40, 10)]
    rows, groups = [], []
    for i in range(200):
        if i % 25 == 0:
            groups.append(len(rows))
            rows.append([f"第{i // 25 + 1}组"])
        rows.append([str(i), f"资料{i:03d}", "很长的说明文字需要换行显示" * (1 + i % 3), TICK])
    out = tmp_path / "grid.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    doc.build([Grid(["序号", "资料名称", "说明", "核对"], rows, widths, font=FONT, groups=groups, centred=(0, 3))])
    n = pages(out)
    assert n > 3
    for p in range(1, n + 1):
        assert text(out, p).lstrip().startswith("序号")
    everything = text(out)
    assert all(f"资料{i:03d}" in everything for i in range(200))
    assert all(f"第{k}组" in everything for k in range(1, 9))


LINE = st.text(alphabet=st.sampled_from([chr(0x4E00 + k) for k in range(0, 900, 3)] + list("ab12 ()\\，。≥%")),
               max_size=12)


@settings(max_examples=40, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=120), st.randoms(use_true_random=False))
def test_cached_encoding_equals_reportlab_format_text(lines, rnd):
    """Lines encoded once per document (then reused) give what reportlab's own _formatText gives, call after call,
    with the font-subset switches in the same places, over several subsets and repeated lines."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    sequence = lines + [rnd.choice(lines) for _ in range(len(lines))]  # repeats, in mixed order
    ours, theirs = Canvas(BytesIO()), Canvas(BytesIO())
    t1, t2 = ours.beginText(), theirs.beginText()
    t1.setFont(FONT, 8.5, 11)
    t2.setFont(FONT, 8.5, 11)
    breaker = LineBreaker(FONT, 8.5)
    for line in sequence:
        assert breaker.pdf_text(t1, line) == t2._formatText(line)
        assert t1._curSubset == t2._curSubset
