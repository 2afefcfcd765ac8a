"""A real .xlsx with a million rows, written straight as XML so the test builds it in seconds."""
from __future__ import annotations

import zipfile

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '</Relationships>')


def million_row_ledger(path, rows: int = 1_000_000, dimension: bool = False) -> None:
    """Header 项目名称/年度/项目层级/计划投资（万元）, then `rows` project rows of inline strings and numbers."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            if dimension:
                head += f'<dimension ref="A1:D{rows + 1}"/>'
            head += ('<sheetData><row r="1">' + "".join(
                f'<c r="{c}1" t="inlineStr"><is><t>{t}</t></is></c>'
                for c, t in zip("ABCD", ("项目名称", "年度", "项目层级", "计划投资（万元）"))) + "</row>")
            f.write(head.encode())
            batch = []
            for r in range(2, rows + 2):
                batch.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>项目{r}</t></is></c>'
                             f'<c r="B{r}"><v>2020</v></c><c r="C{r}" t="inlineStr"><is><t>县级</t></is></c>'
                             f'<c r="D{r}"><v>{r % 997}.5</v></c></row>')
                if len(batch) == 20_000:
                    f.write("".join(batch).encode())
                    batch.clear()
            f.write(("".join(batch) + "</sheetData></worksheet>").encode())
