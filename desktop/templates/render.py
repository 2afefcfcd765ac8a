"""Fill a checked .docx template with plain data (docxtpl + the sandbox); PDF via LibreOffice.

Why docxtpl: the output stays an ordinary Word document with the template's own fonts,
tables and page setup, which the clerk can still edit in Word or WPS before printing.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from jinja2 import TemplateError, UndefinedError
from jinja2.sandbox import SecurityError

from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write_bytes
from desktop.templates.docxsafe import check_bytes
from desktop.templates.sandbox import LoopLimit, make_env

PDF_TIMEOUT_S = 180


def render_bytes(template: bytes, values: dict, label: str) -> bytes:
    """The rendered document as .docx bytes. The template is re-checked for XML bombs first."""
    from docxtpl import DocxTemplate

    check_bytes(template, label)
    tpl = DocxTemplate(io.BytesIO(template))
    try:
        tpl.render(values, jinja_env=make_env())
    except LoopLimit as e:
        raise UserError(f"模板 {label} 中的循环共执行超过 {e.limit} 次（上限），已拒绝生成。"
                        "请检查模板中是否有多层嵌套的循环，减少嵌套后再试。") from None
    except SecurityError as e:
        raise UserError(f"模板 {label} 超出了模板的安全限制（{e}），已拒绝生成。"
                        "模板只能读取给定的数据，过滤器的参数不能超过上限。") from None
    except UndefinedError as e:
        raise UserError(f"模板 {label} 用到了没有数据的字段（{e.message}）。"
                        "请修改模板中的这个占位符，再在“模板”页用“导入自己的模板…”重新导入（导入时会逐项检查）。") from None
    except TemplateError as e:
        raise UserError(f"模板 {label} 的占位符写法有误（{e.message}）。请修改模板后在“模板”页用“导入自己的模板…”"
                        "重新导入（导入时会逐项检查）。") from None
    out = io.BytesIO()
    tpl.save(out)
    from desktop.templates.cjk_fix import fix_docx

    return fix_docx(out.getvalue())  # zh-CN, East Asian fonts, table widths WPS and Word agree on


def find_soffice() -> str | None:
    """LibreOffice's command, if installed (PATH, then the usual Windows folders)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        if base:
            exe = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if exe.exists():
                return str(exe)
    return None


NO_PDF = ("本机没有安装 LibreOffice，不能生成 PDF。Word 文件可以照常生成：在 Word 或 WPS 中打开后"
          "“另存为 PDF”即可；如需程序直接生成 PDF，请先安装 LibreOffice。")


def to_pdf(docx: Path, pdf: Path) -> Path:
    """Convert with LibreOffice headless into a private profile; the PDF appears atomically."""
    soffice = find_soffice()
    if soffice is None:
        raise UserError(NO_PDF)
    with tempfile.TemporaryDirectory(prefix="towndesk-pdf-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "document.docx"
        shutil.copyfile(docx, src)
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmpdir / 'profile').as_uri()}",
               "--convert-to", "pdf", "--outdir", str(tmpdir), str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=PDF_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise UserError(f"LibreOffice 转换 PDF 超过 {PDF_TIMEOUT_S} 秒未完成，已放弃。Word 文件已生成，"
                            "可在 Word/WPS 中另存为 PDF。") from None
        made = tmpdir / "document.pdf"
        if not made.exists():
            raise UserError("LibreOffice 未能把文书转换为 PDF。Word 文件已生成，可在 Word/WPS 中另存为 PDF。")
        atomic_write_bytes(pdf, made.read_bytes())
    return pdf
