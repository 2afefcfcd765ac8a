"""The prescribed tables as PDF: Chinese text extractable, font embedded, header on every page."""
from __future__ import annotations

import subprocess
from datetime import date

import pytest

from desktop.reports import KINDS, write_table


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_prints_with_embedded_chinese_font(county_app, tmp_path, kind):
    """Every kind renders: pdftotext finds its title and a project or township, pdffonts shows an embedded font."""
    out = tmp_path / f"{kind}.pdf"
    info = write_table(county_app, kind, out, year=2020 if kind != "dispatch" else None,
                       on=date(2020, 6, 29) if kind == "dispatch" else None)
    text = "".join(_text(out).split())
    assert info["title"] in text and "经办人" in text and "第1页" in text
    assert "小中甸镇" in text and "合计" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    lines = [ln for ln in fonts.splitlines()[2:] if ln.strip()]
    assert lines and all(" yes " in ln for ln in lines), fonts  # emb column


def test_long_table_repeats_its_header_on_every_page(county_app, tmp_path):
    """A multi-page 推进梳理表 shows the header rows on each page."""
    out = tmp_path / "p.pdf"
    write_table(county_app, "progress", out)
    pages = _text(out).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        flat = "".join(page.split())
        assert "项目名称" in flat and "资金拨付" in flat and f"第{n}页/共{len(pages)}页" in flat
