"""Open a .docx safely before docxtpl or python-docx touch it.

Why: a template may come from anywhere (a colleague's USB stick, a county package). A
renamed .doc, a truncated download, a zip bomb or an XML file with entity declarations
(billion laughs, external entities) must be refused with a plain message, and every XML
part is parsed with defusedxml first, which forbids DTDs and entities outright.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from desktop.core.errors import UserError

MAX_BYTES = 20 * 1024 * 1024          # a template with a letterhead picture is well under this
MAX_UNPACKED = 100 * 1024 * 1024      # all parts together, uncompressed
MAX_PART = 30 * 1024 * 1024           # one XML part, uncompressed
MAX_ENTRIES = 2000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RESAVE = "请在 Word 或 WPS 中打开它，“另存为” Word 文档（.docx）后再试。"


@dataclass
class DocxParts:
    data: bytes
    text_parts: dict[str, Element]  # document, headers, footers, footnotes: the parts placeholders live in
    text_xml: dict[str, str]         # the same parts as text, as docxtpl will see them


def read_checked(path: Path, label: str | None = None) -> DocxParts:
    """Read a file and check it is a sound .docx; raises UserError naming the file."""
    path = Path(path)
    label = label or path.name
    if not path.is_file():
        raise UserError(f"找不到文件 {path}，请检查路径。")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UserError(f"文件 {label} 有 {size / 1024 / 1024:.1f} MB，超过模板上限 {MAX_BYTES // 1024 // 1024} MB。"
                        "请删去或压缩文档中的大图片后再试。未保存任何内容。")
    return check_bytes(path.read_bytes(), label)


def check_bytes(data: bytes, label: str) -> DocxParts:
    if len(data) > MAX_BYTES:
        raise UserError(f"文件 {label} 超过模板上限 {MAX_BYTES // 1024 // 1024} MB，未保存任何内容。")
    if not data:
        raise UserError(f"文件 {label} 是空文件。{_RESAVE}")
    if data.startswith(_OLE_MAGIC):
        raise UserError(f"文件 {label} 是旧版 Word 97-2003（.doc）文件或加了密码的文档，不能作为模板。"
                        f"如有密码请先去掉密码，{_RESAVE}")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise UserError(f"文件 {label} 不是 Word 文档（.docx），或文件已损坏。{_RESAVE}") from None
    with zf:
        return _check_zip(zf, data, label)


def _check_zip(zf: zipfile.ZipFile, data: bytes, label: str) -> DocxParts:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise UserError(f"文件 {label} 解压后过大（可能是“压缩炸弹”），已拒绝，未保存任何内容。")
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        kind = "Excel 表格" if "xl/workbook.xml" in names else "PowerPoint 演示文稿" if "ppt/presentation.xml" in names else None
        what = f"是{kind}，不是 Word 文档" if kind else "不是 Word 文档（缺少正文部分），或文件已损坏"
        raise UserError(f"文件 {label} {what}。{_RESAVE}")
    parts = DocxParts(data, {}, {})
    for info in infos:
        name = info.filename
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        if info.file_size > MAX_PART:
            raise UserError(f"文件 {label} 中的 {name} 解压后过大，已拒绝（可能是“压缩炸弹”）。")
        try:
            raw = zf.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
            raise UserError(f"文件 {label} 已损坏（{name} 无法读取）。{_RESAVE}") from None
        text_part = name == "word/document.xml" or (name.startswith("word/") and name.rsplit("/", 1)[-1].startswith(
            ("header", "footer", "footnotes")))
        try:
            # Parts with placeholders become trees (defusedxml); the rest (styles, settings…) are only
            # scanned by expat with the same refusals, which is several times faster than a tree.
            root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True) if text_part \
                else _scan(raw)
        except DefusedXmlException:
            raise UserError(f"文件 {label} 的 {name} 含有 DTD 或实体声明（可能是“XML 炸弹”或外部实体攻击），已拒绝，"
                            f"未保存任何内容。正常的 Word 文档不会包含这些内容。{_RESAVE}") from None
        except (ParseError, expat.ExpatError) as e:
            line = e.position[0] if isinstance(e, ParseError) else e.lineno
            raise UserError(f"文件 {label} 已损坏：{name} 第 {line} 行不是有效的 XML。{_RESAVE}") from None
        if name == "[Content_Types].xml" and "macroEnabled" in raw.decode("utf-8", "replace"):
            raise UserError(f"文件 {label} 是含宏的文档（.docm），不能作为模板。{_RESAVE}")
        if text_part:
            parts.text_parts[name] = root
            parts.text_xml[name] = raw.decode("utf-8", "replace")
    return parts


def _scan(raw: bytes) -> None:
    """Parse without building anything, refusing DTDs, entity declarations and external references."""
    def doctype(name, sysid, pubid, _internal):
        raise DTDForbidden(name, sysid, pubid)

    def entity(name, _is_param, value, base, sysid, pubid, notation):
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation)

    def unparsed(name, base, sysid, pubid, notation):
        raise EntitiesForbidden(name, None, base, sysid, pubid, notation)

    def external(context, base, sysid, pubid):
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = unparsed
    parser.ExternalEntityRefHandler = external
    parser.Parse(raw, True)
