"""The individual self-test checks. Each takes an empty work folder and returns a short detail line.

A check raises on failure; the message says what is missing, so support can act on it.
"""
from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

from desktop.core.paths import resource_path

# Libraries the program loads somewhere (some only when an export runs): all must be in the build.
CORE_MODULES = ["sqlalchemy", "alembic", "openpyxl", "reportlab", "reportlab.platypus", "docxtpl", "docx",
                "nacl.signing", "nacl.public", "argon2", "defusedxml", "platformdirs", "pypinyin", "lxml.etree",
                "jinja2", "sqlite3"]
# Qt is loaded by name so that desktop/ keeps no static dependency on it (see tests/core/test_layers.py).
QT_MODULES = ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPrintSupport",
              "PySide6.QtPdf"]  # the checklist print preview (ui/checklists/preview.py)
SAMPLE = "香格里拉市小中甸镇联合村乡村旅游项目 壹仟陆佰玖拾万元整"


def check_imports(work: Path) -> str:
    missing = []
    for name in CORE_MODULES + QT_MODULES:
        try:
            importlib.import_module(name)
        except Exception as e:  # ImportError, or a DLL that fails to load
            missing.append(f"{name}（{type(e).__name__}: {e}）")
    if missing:
        raise RuntimeError("无法加载：" + "；".join(missing))
    import sqlalchemy

    return f"{len(CORE_MODULES) + len(QT_MODULES)} 个模块已加载（SQLAlchemy {sqlalchemy.__version__}，" \
           f"PySide6 {sys.modules['PySide6'].__version__}）"


def check_resources(work: Path) -> str:
    from desktop.regions.data import dataset

    needed = [resource_path("checklists"), resource_path("icons", "towndesk.png")]
    absent = [str(p) for p in needed if not p.exists()]
    if absent:
        raise RuntimeError("缺少随附文件：" + "，".join(absent))
    checklists = list(resource_path("checklists").glob("*.json"))
    regions = [u for u in dataset().units.values() if u.level == "township" and u.current]
    if not checklists or not regions:
        raise RuntimeError(f"资源文件夹 {resource_path()} 中没有资料清单标准或区划代码。")
    from desktop.projects.search import Matcher, row_key  # pinyin initials: pypinyin's JSON read directly

    if not Matcher("lhc").matches(row_key({"name": "联合村"})):
        raise RuntimeError("台账的拼音首字母检索表（pypinyin 的 pinyin_dict.json）缺失或无法读取，请重新安装本程序。")
    return f"{len(checklists)} 套资料清单标准，全国 {len(regions)} 个乡级区划（{resource_path()}）"


def check_qt_offscreen(work: Path) -> str:
    """Draw Chinese text with Qt's offscreen platform: proves the platform plugin and a CJK font are there."""
    QtCore = importlib.import_module("PySide6.QtCore")
    QtGui = importlib.import_module("PySide6.QtGui")
    QtWidgets = importlib.import_module("PySide6.QtWidgets")
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["towndesk-selftest"])
    font = QtGui.QFont()
    families = [f for f in QtGui.QFontDatabase.families() if QtGui.QFontDatabase.writingSystems(f)
                and QtGui.QFontDatabase.WritingSystem.SimplifiedChinese in QtGui.QFontDatabase.writingSystems(f)]
    if not families:
        raise RuntimeError("系统中没有可显示中文的字体，界面上的汉字会显示成方框。"
                           "Linux 请安装 fonts-wqy-microhei。")
    font.setFamily(families[0])
    img = QtGui.QImage(240, 40, QtGui.QImage.Format.Format_ARGB32)
    img.fill(QtCore.Qt.GlobalColor.white)
    painter = QtGui.QPainter(img)
    painter.setFont(font)
    painter.setPen(QtCore.Qt.GlobalColor.black)
    painter.drawText(4, 28, "乡镇项目台账")
    painter.end()
    dark = sum(1 for x in range(0, 240, 2) for y in range(0, 40, 2) if img.pixelColor(x, y).lightness() < 128)
    if dark < 20:
        raise RuntimeError("Qt 画不出汉字（字体或字形缺失）。")
    out = work / "qt.png"
    img.save(str(out))
    return f"平台插件 {app.platformName()}，中文字体 {families[0]}"


def register_cjk_font() -> tuple[str, Path]:
    """Register a CJK TrueType font the way the checklist PDFs do (desktop.pdf.fonts); a small
    local lookup stands in only while that module is absent."""
    try:
        fonts = importlib.import_module("desktop.pdf.fonts")
    except ModuleNotFoundError:
        fonts = None
    if fonts is not None:
        name = fonts.register_cjk_font()
        return name, Path(fonts.registered_font_file()[0])
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    for path in [windir / "simhei.ttf", windir / "simsun.ttc", windir / "msyh.ttc",
                 Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")]:
        if path.is_file():
            pdfmetrics.registerFont(TTFont("TownDeskSelfTest", str(path)))
            return "TownDeskSelfTest", path
    raise RuntimeError("找不到可嵌入 PDF 的中文 TrueType 字体（Windows：黑体/宋体/微软雅黑；"
                       "Linux：fonts-wqy-microhei）。")


def check_pdf(work: Path) -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font_name, font_path = register_cjk_font()
    out = work / "自检.pdf"
    style = ParagraphStyle("cjk", fontName=font_name, fontSize=12, wordWrap="CJK")
    SimpleDocTemplate(str(out), pagesize=A4).build([Paragraph(SAMPLE, style)])
    data = out.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise RuntimeError("PDF 已生成，但中文字体没有嵌入。")
    return f"{out.stat().st_size // 1024} KB，字体 {font_path.name} 已嵌入"


def check_pdf_preview(work: Path) -> str:
    """Load and draw a Chinese PDF with QtPdf, as the checklist print preview does: the frozen
    build must carry QtPdf (without it the preview silently fell back to an outside viewer)."""
    QtPdf = importlib.import_module("PySide6.QtPdf")
    QtCore = importlib.import_module("PySide6.QtCore")
    QtWidgets = importlib.import_module("PySide6.QtWidgets")
    QtWidgets.QApplication.instance() or QtWidgets.QApplication(["towndesk-selftest"])
    pdf = work / "自检.pdf"
    if not pdf.exists():
        check_pdf(work)
    doc = QtPdf.QPdfDocument(None)
    doc.load(str(pdf))
    if doc.status() != QtPdf.QPdfDocument.Status.Ready or doc.pageCount() < 1:
        raise RuntimeError(f"QtPdf 无法打开自检 PDF（{doc.error()}），打印预览将不可用。")
    image = doc.render(0, QtCore.QSize(300, 424))
    inked = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height() // 4, 3)
                if image.pixelColor(x, y).lightness() < 128)
    if image.isNull() or inked == 0:
        raise RuntimeError("QtPdf 打开了自检 PDF，但画出来是空白的。")
    return f"QtPdf 打开 {doc.pageCount()} 页并画出首页（{image.width()}×{image.height()}）"


def check_excel(work: Path) -> str:
    from openpyxl import Workbook, load_workbook

    out = work / "自检.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["项目名称", "计划投资（万元）"])
    ws.append([SAMPLE, 1690])
    wb.save(out)
    back = load_workbook(out, read_only=True)
    rows = list(back["台账"].iter_rows(values_only=True))
    back.close()
    if rows[1] != (SAMPLE, 1690):
        raise RuntimeError(f"Excel 读回的内容不一致：{rows[1]!r}")
    return f"写入并读回 {out.stat().st_size // 1024} KB"


def check_word(work: Path) -> str:
    from docx import Document
    from docxtpl import DocxTemplate

    template = work / "模板.docx"
    doc = Document()
    doc.add_paragraph("项目名称：{{ 项目名称 }}")
    doc.save(template)
    tpl = DocxTemplate(template)
    tpl.render({"项目名称": SAMPLE})
    out = work / "自检.docx"
    tpl.save(out)
    text = "\n".join(p.text for p in Document(out).paragraphs)
    if SAMPLE not in text:
        raise RuntimeError("Word 模板填写后读回的内容不一致。")
    return f"模板填写并读回 {out.stat().st_size // 1024} KB"


def check_database(work: Path) -> str:
    from db import migrate
    from desktop.core.app import init_data_folder, open_app
    from desktop.core.verify import verify

    app = init_data_folder(work / "data", role="township", region_code="533401102000", name="小中甸镇")
    try:
        head = migrate.head_revision()
        current = migrate.current_revision(app.engine)
        if current != head:
            raise RuntimeError(f"数据库版本 {current}，应为 {head}：迁移文件缺失。")
        problems = verify(app)
        if problems:
            raise RuntimeError("；".join(problems))
    finally:
        app.dispose()
    again = open_app(work / "data")  # a second start must find nothing to migrate
    again.dispose()
    return f"新建、迁移到 {head} 并检查通过"


def check_sync(work: Path) -> str:
    from desktop.setup import selftest_sync

    return selftest_sync.round_trip(work)
