"""Excel and Word input from outside: XML bombs, external entities, corrupt zips, a million rows.

Entry points are the ones the program uses: the ledger import (desktop.ledger_import.run_import,
dry run) for .xlsx and template upload (desktop.templates.library.add_template) for .docx. Every
case must be refused with a Chinese message or handled without leaking a local file, in bounded
memory, and nothing is stored.
"""
import io
import zipfile

import pytest

from desktop.core.errors import UserError
from tests.reliability.conftest import Measure

def _billion_laughs() -> str:
    """The classic: 9 levels of 10× entity expansion (a billion 'lol's, ~3 GB) from under 1 KB."""
    decls = ['<!ENTITY lol "lol">']
    prev = "lol"
    for i in range(1, 10):
        decls.append(f'<!ENTITY lol{i} "{("&" + prev + ";") * 10}">')
        prev = f"lol{i}"
    return "<!DOCTYPE lolz [" + "".join(decls) + "]>"


LOL = _billion_laughs()


def _xxe(secret_path) -> str:
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret_path.as_posix()}">]>'


def _replace(data: bytes, name: str, transform) -> bytes:
    """A copy of a zip with one part rewritten by transform(old_bytes) -> new_bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            zout.writestr(info.filename, transform(body) if info.filename == name else body)
    return out.getvalue()


def _with_doctype(xml: bytes, doctype: str, entity: str, marker: bytes) -> bytes:
    """Insert a DOCTYPE after the XML declaration and put &entity; where `marker` text was."""
    text = xml.decode("utf-8")
    head, sep, rest = text.partition("?>")
    if not sep:
        head, rest = "", text
    else:
        head += sep
    return (head + doctype + rest.replace(marker.decode(), f"&{entity};", 1)).encode("utf-8")


def _xlsx(shared: list[str], rows: list[list]) -> bytes:
    """A minimal real .xlsx whose text cells use sharedStrings.xml (as Excel writes them)."""
    from tests.ledger_import.bigfile import CONTENT_TYPES, RELS, WORKBOOK

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    types = CONTENT_TYPES.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType='
                                  '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    sst = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{ns}" count="{len(shared)}" '
           f'uniqueCount="{len(shared)}">' + "".join(f"<si><t>{t}</t></si>" for t in shared) + "</sst>")
    body = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in zip("ABCD", row):
            cells.append(f'<c r="{c}{r}" t="s"><v>{shared.index(v)}</v></c>' if isinstance(v, str)
                         else f'<c r="{c}{r}"><v>{v}</v></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{ns}"><dimension ref="A1:D{len(rows)}"/>'
             f'<sheetData>{"".join(body)}</sheetData></worksheet>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


@pytest.fixture(scope="module")
def ledger_xlsx():
    shared = ["项目名称", "年度", "项目层级", "计划投资（万元）", "MARKER团结村产业路", "区级"]
    data = _xlsx(shared, [shared[:4], [shared[4], 2020, shared[5], 50]])
    return data


@pytest.fixture(scope="module")
def template_docx():
    from docx import Document

    doc = Document()
    doc.add_paragraph("项目：MARKER{{ 项目名称 }}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _import_xlsx(app, path):
    from desktop.ledger_import import run_import

    return run_import(app, path, dry_run=True)


def _add_docx(app, path):
    from desktop.templates.library import add_template

    return add_template(app, path, "测试模板")


def _outcome(fn, app, path, secret: bytes):
    from defusedxml import DefusedXmlException

    with Measure() as m:
        try:
            result = fn(app, path)
            verdict, text = "handled", repr(result)
        except UserError as e:
            verdict, text = "refused", e.message
        except (DefusedXmlException, SyntaxError) as e:  # an XML parser's refusal (defusedxml, lxml, expat):
            # safe (nothing expanded or fetched) but the user would see an internal error, not a Chinese message
            verdict, text = "refused without a clear message", f"{type(e).__module__}.{type(e).__name__}: {e}"
    leaked = secret in text.encode("utf-8")
    return {"verdict": verdict, "message": text[:70] if verdict.startswith("refused") else "", "leaked": leaked,
            "seconds": m.seconds, "peak_mb": m.peak_mb}


def test_hostile_xlsx_and_docx(township_app, ledger_xlsx, template_docx, tmp_path, figures):
    """Billion laughs, external entities and broken zips in .xlsx and .docx: refused (or read without expanding
    anything), nothing leaked, nothing stored, memory bounded."""
    from sqlalchemy import func, select

    from db.models import Template

    secret = b"TOP-SECRET-7f3a"
    secret_file = tmp_path / "secret.txt"
    secret_file.write_bytes(secret)
    bomb = lambda body: _with_doctype(body, LOL, "lol9", b"MARKER")  # noqa: E731
    xxe = lambda body: _with_doctype(body, _xxe(secret_file), "xxe", b"MARKER")  # noqa: E731
    cases = {
        "xlsx: billion laughs in sharedStrings": ("xlsx", _replace(ledger_xlsx, "xl/sharedStrings.xml", bomb)),
        "xlsx: billion laughs in the sheet": ("xlsx", _replace(ledger_xlsx, "xl/worksheets/sheet1.xml",
                                                               lambda b: _with_doctype(b, LOL, "lol9", b"<v>2020")
                                                               .replace(b"&lol9;", b"&lol9;<v>2020", 1))),
        "xlsx: billion laughs in workbook.xml": ("xlsx", _replace(ledger_xlsx, "xl/workbook.xml",
                                                                  lambda b: _with_doctype(b, LOL, "lol9", "台账".encode()))),
        "xlsx: external entity (file://)": ("xlsx", _replace(ledger_xlsx, "xl/sharedStrings.xml", xxe)),
        "xlsx: truncated zip": ("xlsx", ledger_xlsx[: len(ledger_xlsx) // 2]),
        "xlsx: not a zip": ("xlsx", b"PK\x03\x04" + b"\x00" * 300),
        "docx: billion laughs in document.xml": ("docx", _replace(template_docx, "word/document.xml", bomb)),
        "docx: billion laughs in styles.xml": ("docx", _replace(template_docx, "word/styles.xml",
                                                                lambda b: _with_doctype(b, LOL, "lol9", b"NOPE"))),
        "docx: external entity (file://)": ("docx", _replace(template_docx, "word/document.xml", xxe)),
        "docx: truncated zip": ("docx", template_docx[: len(template_docx) // 2]),
        "docx: old .doc (OLE)": ("docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
    }
    zb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template_docx)) as zin, zipfile.ZipFile(zb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        zout.writestr("word/media/image1.png", b"\0" * (300 << 20))  # 300 MB of zeros, ~300 KB packed
    cases["docx: zip bomb (300 MB part)"] = ("docx", zb.getvalue())
    results, bad, unclear = {}, [], []
    for name, (kind, data) in cases.items():
        path = tmp_path / f"case{len(results)}.{kind}"
        path.write_bytes(data)
        r = _outcome(_import_xlsx if kind == "xlsx" else _add_docx, township_app, path, secret)
        results[name] = r
        if r["leaked"] or r["peak_mb"] > 200:
            bad.append(name)  # a local file's content came back, or an entity was expanded
        elif r["verdict"] == "refused without a clear message":
            unclear.append(name)
    with township_app.read() as s:
        stored = s.scalar(select(func.count()).select_from(Template).where(Template.name == "测试模板"))
    figures.record("office_input_hostile", trials=len(cases), failures=len(bad) + stored + len(unclear),
                   security_failures=len(bad) + stored, unclear_messages=unclear,
                   peak_mb=max(r["peak_mb"] for r in results.values()),
                   rejected={k: v["message"] or v["verdict"] for k, v in results.items()},
                   note="an unclear message is safe (defusedxml refused the DTD) but shows the user an internal error")
    assert bad == [] and stored == 0  # security: nothing expanded, fetched, leaked or stored


RSS_PROBE = """
import resource, sys, time
def peak_mb():  # VmHWM: this process's own high-water mark (ru_maxrss also counts the parent before exec)
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
from desktop.core.app import open_app
from desktop.core.errors import UserError
from desktop.ledger_import import run_import
app = open_app(sys.argv[1])
base = peak_mb()
t = time.perf_counter()
try:
    run_import(app, sys.argv[2], dry_run=True)
    print("handled")
except UserError as e:
    print("refused", e.message[:70])
print(round(time.perf_counter() - t, 2), base, peak_mb())
"""


def test_million_row_sheet(township_app, million_row_sheets, figures):
    """A 1,000,000-row sheet, with and without a <dimension>, is refused in bounded memory (peak RSS measured
    in a separate process, so the figure is the whole program's memory, not only Python objects)."""
    import subprocess
    import sys

    from tests.conftest import REPO

    township_app.dispose()
    out = {}
    for dim in (True, False):
        path = million_row_sheets / ("with-dimension.xlsx" if dim else "no-dimension.xlsx")
        proc = subprocess.run([sys.executable, "-c", RSS_PROBE, str(township_app.data_dir), str(path)], cwd=REPO,
                              capture_output=True, text=True, encoding="utf-8", timeout=600)
        verdict, numbers = proc.stdout.strip().splitlines()[-2:]
        seconds, base_mb, peak_mb = numbers.split()
        out["with <dimension>" if dim else "without <dimension>"] = {
            "seconds": float(seconds), "rss_before_mb": int(base_mb), "rss_peak_mb": int(peak_mb),
            "file_mb": round(path.stat().st_size / 1e6, 1), "message": verdict}
        assert verdict.startswith("refused") and int(peak_mb) < 400, proc.stdout + proc.stderr
    figures.record("office_million_rows", trials=2, failures=0, rejected=out,
                   peak_mb=max(v["rss_peak_mb"] for v in out.values()), note="peak RSS of the whole process")
