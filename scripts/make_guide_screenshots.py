"""Take the screenshots for docs/用户手册.md: the first-run wizard steps and the main pages on demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_guide_screenshots.py
Writes docs/screenshots/*.png (offscreen, so it also runs on a machine without a screen).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "雪山下的小中甸2020"


def wizard_shots(tmp: Path) -> None:
    from desktop.core.app import init_data_folder
    from desktop.sync import peers
    from ui.first_run.wizard import FirstRunWizard
    from ui.core.launch import ensure_qapp

    qapp = ensure_qapp()
    county = init_data_folder(tmp / "county", role="county", region_code="533401000000", name="香格里拉市")
    identity = tmp / "香格里拉市.json"
    peers.export_identity(county, identity)
    county.dispose()
    w = FirstRunWizard(tmp / "new")
    w.resize(760, 560)
    w.show()

    def shot(name: str) -> None:
        qapp.processEvents()
        w.grab().save(str(OUT / name))

    shot("wizard-1-role.png")
    w.next()
    w.currentPage().search.setText("xzd")
    shot("wizard-2-place.png")
    w.next()
    page = w.currentPage()
    page.username.setText("管理员")
    page.display.setText("和志强")
    page.password.setText(PASSWORD)
    page.confirm.setText(PASSWORD)
    shot("wizard-3-admin.png")
    w.next()
    w.choose_open_file = lambda *a: identity
    w.currentPage().choose.click()
    shot("wizard-4-enroll.png")
    w.currentPage().confirmed.setChecked(True)
    w.next()
    w.currentPage().options["demo"].setChecked(True)
    shot("wizard-5-start.png")
    w.next()
    shot("wizard-6-summary.png")
    w.close()


def window_shots(tmp: Path) -> None:
    towndesk = [sys.executable, "-m", "desktop", "--data-dir", str(tmp / "demo")]
    subprocess.run(towndesk + ["init", "--role", "township", "--region-code", "533401102000", "--name", "小中甸镇"],
                   check=True, capture_output=True)
    subprocess.run(towndesk + ["demo"], check=True, capture_output=True)
    for page in ("dashboard", "projects", "checklists"):
        subprocess.run(towndesk + ["gui", "--screenshot", str(OUT / f"page-{page}.png"), "--page", page],
                       check=True, capture_output=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wizard_shots(Path(tmp))
        window_shots(Path(tmp))
    from PIL import Image

    for png in OUT.glob("*.png"):  # 128-colour palettes: a third of the size, still crisp (it ships in the build)
        Image.open(png).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()
