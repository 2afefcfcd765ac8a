"""Draw TownDesk's icon (a ledger-red tile with 台 on it) as PNG and multi-size ICO.

Run once with the project's Python; the results are committed in resources/icons/.
It needs a CJK TrueType font (fonts-wqy-microhei on Debian, SimHei/Microsoft YaHei on Windows).
"""
from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
FONTS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "C:/Windows/Fonts/simhei.ttf",
         "C:/Windows/Fonts/msyh.ttc"]
RED, GOLD, PAPER = (178, 34, 34), (245, 196, 66), (255, 250, 240)


def draw(size: int = 1024) -> Image.Image:
    font_file = next((f for f in FONTS if Path(f).exists()), None)
    if font_file is None:
        sys.exit("需要中文字体（fonts-wqy-microhei）/ a CJK font is needed")
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad, radius = size // 16, size // 5
    d.rounded_rectangle([pad, pad, size - pad, size - pad], radius=radius, fill=RED)
    # Three ledger lines in gold along the bottom, like a bound account book.
    for i in range(3):
        y = int(size * (0.74 + i * 0.055))
        d.rounded_rectangle([size * 0.22, y, size * 0.78, y + size * 0.025], radius=size // 80, fill=GOLD)
    font = ImageFont.truetype(font_file, int(size * 0.52))
    box = d.textbbox((0, 0), "台", font=font)
    w, h = box[2] - box[0], box[3] - box[1]
    d.text(((size - w) / 2 - box[0], size * 0.40 - h / 2 - box[1]), "台", font=font, fill=PAPER)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.LANCZOS).save(OUT / "towndesk.png")
    big.resize((256, 256), Image.LANCZOS).save(
        OUT / "towndesk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(f"written {OUT / 'towndesk.png'} and {OUT / 'towndesk.ico'}")


if __name__ == "__main__":
    main()
