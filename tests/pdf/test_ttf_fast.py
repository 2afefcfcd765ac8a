"""The bulk font reader (desktop.pdf.ttf_fast) leaves exactly what reportlab's own TTFont parse leaves."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from desktop.core.paths import resource_path
from desktop.pdf.ttf_fast import FastTTFont


def _fonts() -> list[tuple[Path, int]]:
    """The bundled TTC's subfonts and about 12 TrueType files of this machine, spread over its families (cmap formats 4 and 12)."""
    out = [(p, i) for p in sorted(resource_path("fonts").glob("*.tt[cf]")) for i in (0, 1)]
    system = sorted(p for base in (Path("/usr/share/fonts"), Path("C:/Windows/Fonts")) if base.is_dir()
                    for p in base.rglob("*.tt[fc]"))
    return out + [(p, 0) for p in system[::max(1, len(system) // 12)]]  # spread over families


def _cmap_format(face) -> int:
    return face.get_ushort(face._cmap_offset()) if hasattr(face, "_cmap_offset") else -1


@pytest.mark.parametrize("path,index", _fonts(), ids=lambda v: getattr(v, "name", str(v)))
def test_every_attribute_equals_reportlabs_parse(path, index):
    """charToGlyph, glyphToChar, charWidths (values and order), hmetrics, glyphPos, names, metrics and the
    parser's position equal reportlab's own TTFont of the same file and subfont."""
    try:
        want = TTFont("Stock", str(path), subfontIndex=index)
    except Exception as e:  # a font reportlab refuses must be refused by the fast reader too
        with pytest.raises(Exception):
            FastTTFont("Fast", str(path), subfontIndex=index)
        pytest.skip(f"reportlab refuses {path.name}: {e}")
    got = FastTTFont("Fast", str(path), subfontIndex=index)
    a, b = vars(want.face), vars(got.face)
    assert set(a) == set(b)
    for key in a:
        if key in ("_ttf_data", "_pdfScale"):
            continue
        assert a[key] == b[key], key
        if isinstance(a[key], dict):
            assert list(a[key]) == list(b[key]), key  # the same insertion order too
    assert [want.face._pdfScale(v) for v in (0, 1, 500, 2048)] == [got.face._pdfScale(v) for v in (0, 1, 500, 2048)]
    assert {k: v for k, v in vars(want).items() if k not in ("face", "fontName", "state", "encoding")} == \
        {k: v for k, v in vars(got).items() if k not in ("face", "fontName", "state", "encoding")}
    sample = "资料清单经办人 ABC 123（需补正）≥400万元"
    assert want.stringWidth(sample, 9) == got.stringWidth(sample, 9)
    codes = sorted({ord(c) for c in sample})
    assert TTFontFile.makeSubset(want.face, codes) == TTFontFile.makeSubset(got.face, codes)


def test_the_bundled_font_is_read_by_the_bulk_path():
    """The bundled WenQuanYi font takes the bulk cmap reader (format 12), not reportlab's fallback."""
    path = sorted(resource_path("fonts").glob("*.ttc"))[0]
    face = FastTTFont("Fast", str(path)).face
    assert _cmap_format(face) in (4, 12)
    assert len(face.charToGlyph) > 20_000 and ord("资") in face.charWidths


def test_a_font_the_bulk_reader_refuses_falls_back_to_reportlabs_reader(monkeypatch):
    """If the bulk reader fails on a font, reportlab's own reader is tried on the same file before it is skipped."""
    from reportlab.pdfbase.ttfonts import TTFont

    from desktop.pdf import fonts

    path, index = next((p, i) for p, i in fonts.candidates() if p.is_file())

    def refuses(*args, **kwargs):
        raise ValueError("bulk reader cannot read this cmap")

    font = fonts._load(refuses, TTFont, path, index)
    assert isinstance(font, TTFont) and ord("资") in font.face.charToGlyph
