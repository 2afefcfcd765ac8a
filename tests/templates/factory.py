"""Build small .docx files for tests: ordinary ones with python-docx, hostile ones by hand."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&lol3; {{ 项目名称 }}</w:t></w:r></w:p></w:body></w:document>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&xxe; {{ 项目名称 }}</w:t></w:r></w:p></w:body></w:document>"""


def make_docx(path: Path, paragraphs: list[str] = (), table: list[list[str]] | None = None) -> Path:
    """A real Word file with these paragraphs and, optionally, one table (rows of cell texts)."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(t.rows, table):
            for cell, text in zip(row.cells, cells):
                cell.text = text
    doc.save(path)
    return path


def split_runs(path: Path, pieces: list[str]) -> Path:
    """One paragraph whose text is split into several runs, as Word does after editing."""
    doc = Document()
    p = doc.add_paragraph()
    for piece in pieces:
        p.add_run(piece).bold = len(piece) % 2 == 0
    doc.save(path)
    return path


def replace_part(src: Path, dest: Path, part: str | None, content: bytes | str = b"",
                 extra: dict | None = None) -> Path:
    """Copy a docx, swapping one part's bytes (none when `part` is None) and adding `extra` members."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == part else zin.read(info))
        for name, blob in (extra or {}).items():
            zout.writestr(name, blob)
    dest.write_bytes(out.getvalue())
    return dest


def docx_text(path_or_bytes) -> tuple[str, list]:
    """All paragraph text (body, tables, headers) and the tables, read back with python-docx."""
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    doc = Document(src)
    texts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            texts.extend(c.text for c in row.cells)
    return "\n".join(texts), doc.tables


def household_table(tables: list):
    """The table whose header names 户主姓名 (the households list)."""
    return next(t for t in tables if any(c.text == "户主姓名" for c in t.rows[0].cells))
