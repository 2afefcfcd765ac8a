"""The bundled CJK font: found first, embedded in a PDF even where the system has no Chinese font, and shipped."""
from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.core.paths import resource_path
from desktop.pdf import fonts

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_system_fonts(monkeypatch):
    """A PC with no Chinese font at all: nothing from the system, no override; registration starts afresh."""
    monkeypatch.setattr(fonts, "system_candidates", lambda: [])
    monkeypatch.delenv(fonts.ENV_FONT, raising=False)
    saved = dict(fonts._registered)
    fonts._registered.clear()
    yield
    fonts._registered.clear()
    fonts._registered.update(saved)


def test_bundled_font_and_its_licence_are_in_resources():
    """WenQuanYi Micro Hei (Apache-2.0 / GPLv3 with font exception) sits in resources/fonts with its copyright file."""
    font = resource_path("fonts", "wqy-microhei.ttc")
    licence = resource_path("fonts", "wqy-microhei-COPYRIGHT.txt").read_text(encoding="utf-8")
    assert font.is_file() and font.stat().st_size > 4_000_000
    assert "Apache-2.0" in licence and "Font exception" in licence
    assert fonts.candidates()[0] == (font, 0)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdf_embeds_the_bundled_font_without_system_fonts(no_system_fonts, tmp_path):
    """With no system CJK font, a PDF with Chinese text embeds the bundled WenQuanYi subset."""
    from reportlab.pdfgen import canvas

    name = fonts.register_cjk_font()
    assert fonts.registered_font_file() == (resource_path("fonts", "wqy-microhei.ttc"), 0)
    out = tmp_path / "资料清单.pdf"
    c = canvas.Canvas(str(out))
    c.setFont(name, 14)
    c.drawString(72, 720, "小中甸镇联合村乡村旅游建设项目 资料清单 经办人")
    c.save()
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in listing.splitlines() if "WenQuanYi" in ln)
    assert " yes " in line  # embedded (emb = yes)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "联合村" in text


def test_without_any_font_the_message_says_what_to_do(monkeypatch):
    """No bundled, no system font: a Chinese message naming what to install, not a traceback."""
    from desktop.core.errors import UserError

    monkeypatch.setattr(fonts, "candidates", lambda: [])
    saved = dict(fonts._registered)
    fonts._registered.clear()
    try:
        with pytest.raises(UserError) as e:
            fonts.register_cjk_font()
        assert "fonts-wqy-microhei" in e.value.message
    finally:
        fonts._registered.update(saved)


def test_installer_spec_ships_resources_fonts():
    """build_installer.spec copies every file under resources/ (fonts and region data included) and drops none of them."""
    spec = (REPO / "build_installer.spec").read_text(encoding="utf-8")
    assert 'root / "resources"' in spec and "rglob" in spec
    tree = ast.parse(spec)
    words = next(ast.literal_eval(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
                 and getattr(n.targets[0], "id", "") == "DROP_LIB_WORDS")
    for shipped in ("wqy-microhei.ttc", "china-regions.tsv.gz"):
        assert not any(w in shipped for w in words)
