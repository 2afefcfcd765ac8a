"""Finding and registering a Chinese TrueType font for reportlab.

Why not STSong-Light: CID fonts are not embedded, so a PC without the Adobe-GB1 pack prints
blanks. Why not Noto CJK: its CFF outlines are refused by reportlab. WenQuanYi and the
Windows fonts (SimHei, SimSun, Microsoft YaHei) work and are embedded as subsets.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.paths import resource_path

FONT_NAME = "TownDeskCJK"
ENV_FONT = "TOWNDESK_PDF_FONT"  # path[#subfont index]
_registered: dict[str, tuple[Path, int]] = {}


def candidates() -> list[tuple[Path, int]]:
    """Fonts to try, in order: the env override, the bundled one (resources/fonts: every PDF looks the
    same on every PC), then the system's."""
    out: list[tuple[Path, int]] = []
    env = os.environ.get(ENV_FONT)
    if env:
        path, _, idx = env.partition("#")
        out.append((Path(path), int(idx or 0)))
    shipped = resource_path("fonts")
    if shipped.is_dir():
        out += [(p, 0) for p in sorted(shipped.iterdir()) if p.suffix.lower() in (".ttf", ".ttc")]
    return out + system_candidates()


def system_candidates() -> list[tuple[Path, int]]:
    """Chinese TrueType fonts of this machine: the usual files, the per-user Windows folder, fontconfig."""
    out: list[tuple[Path, int]] = []
    if sys.platform.startswith("win"):
        names = ("simhei.ttf", "simsun.ttc", "msyh.ttc", "simkai.ttf", "simfang.ttf")
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        out += [(fonts / n, 0) for n in names]
        local = os.environ.get("LOCALAPPDATA")
        if local:  # fonts installed "for this user only" (Windows 10 1809+) live here
            out += [(Path(local) / "Microsoft" / "Windows" / "Fonts" / n, 0) for n in names]
    elif sys.platform == "darwin":
        out += [(Path("/Library/Fonts/Arial Unicode.ttf"), 0), (Path("/System/Library/Fonts/STHeiti Light.ttc"), 0)]
    else:
        for base in ("/usr/share/fonts/truetype/wqy", "/usr/share/fonts/wqy-microhei", "/usr/share/fonts/wenquanyi",
                     "/usr/share/fonts/wqy-zenhei", "/usr/share/fonts/truetype/arphic"):
            for n in ("wqy-microhei.ttc", "wqy-zenhei.ttc", "uming.ttc", "ukai.ttc"):
                out.append((Path(base) / n, 0))
        out += fontconfig_candidates()
    return out


def fontconfig_candidates() -> list[tuple[Path, int]]:
    """What fontconfig offers for Chinese (`fc-match -s :lang=zh-cn`), TrueType files only."""
    import shutil
    import subprocess

    fc = shutil.which("fc-match")
    if not fc:
        return []
    try:
        done = subprocess.run([fc, "-s", "-f", "%{file}#%{index}\\n", ":lang=zh-cn"], capture_output=True,
                              text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    out = []
    for line in done.stdout.splitlines()[:40]:
        path, _, index = line.strip().partition("#")
        if path.lower().endswith((".ttf", ".ttc")):
            out.append((Path(path), int(index or 0) if index.isdigit() else 0))
    return out


def register_cjk_font() -> str:
    """Register the first usable CJK font with reportlab (once per process); returns its name."""
    if FONT_NAME in _registered:
        return FONT_NAME
    from reportlab.pdfbase import pdfmetrics

    from reportlab.pdfbase.ttfonts import TTFont

    from desktop.pdf.ttf_fast import FastTTFont  # the same font object, its tables read in bulk

    tried = []
    for path, index in candidates():
        if not path.is_file():
            continue
        try:
            font = _load(FastTTFont, TTFont, path, index)
        except Exception as e:  # CFF outlines, damaged files: try the next one
            tried.append(f"{path.name}（{e}）")
            continue
        if not all(ord(ch) in font.face.charToGlyph for ch in "资料清单经办人"):
            tried.append(f"{path.name}（缺少中文字形）")
            continue
        pdfmetrics.registerFont(font)
        _registered[FONT_NAME] = (path, index)
        return FONT_NAME
    hint = f"已尝试：{'；'.join(tried)}。" if tried else ""
    raise UserError("找不到可嵌入 PDF 的中文 TrueType 字体，无法生成 PDF，未写入任何文件。"
                    "请安装文泉驿微米黑（Linux：apt-get install fonts-wqy-microhei），"
                    "或确认 Windows 字体文件夹中有 simhei.ttf / simsun.ttc，"
                    f"或把一个中文 .ttf/.ttc 字体放到程序的 resources/fonts/ 文件夹，或用环境变量 {ENV_FONT} 指定。{hint}")


def _load(fast, plain, path: Path, index: int):
    """The font read in bulk; a font the bulk reader cannot read gets reportlab's own reader before it is
    given up (an unusual font on a clerk's machine must not be skipped for the speed-up's sake)."""
    try:
        return fast(FONT_NAME, str(path), subfontIndex=index)
    except Exception:
        return plain(FONT_NAME, str(path), subfontIndex=index)


def registered_font_file() -> tuple[Path, int] | None:
    return _registered.get(FONT_NAME)
