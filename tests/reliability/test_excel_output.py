"""Excel output: text beginning with =, +, -, @ (and their full-width forms) is stored as text, never
as a formula, in every .xlsx the program writes: audit export, ledger export, missing-documents list,
and each prescribed report table.
"""
import zipfile

import pytest
from openpyxl import load_workbook

PAYLOADS = ['=HYPERLINK("http://evil.example/TDX","点我")', "+TDX+1", "-TDX-1", "@SUM(TDX)", "=cmd|' /C calc'!TDX",
            "＝TDX", "\tTDX=1"]


@pytest.fixture
def hostile_app(township_app):
    """Projects whose names, villages, units and notes are formula-looking text."""
    from desktop.projects import projects

    items = []
    for i, text in enumerate(PAYLOADS):
        items.append({"name": f"{text}项目{i}", "year": 2020, "level": "区级", "village": text, "note": text,
                      "implementing_unit": text, "responsible_person": text, "supporting_party": text,
                      "planned_investment_yuan": "100000", "category": "产业", "risk_level": "red", "stage": "在建"})
    projects.create_many(township_app, items, source="测试")
    return township_app


def formula_leaks(path) -> list[str]:
    """Cells holding our marker that are formulas (or not text); also any <f> carrying the marker."""
    bad = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                for chunk in xml.split("<f>")[1:]:
                    if "TDX" in chunk.split("</f>")[0]:
                        bad.append(f"{name}: formula {chunk[:60]}")
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and "TDX" in c.value and c.data_type != "s":
                    bad.append(f"{ws.title}!{c.coordinate} data_type={c.data_type}")
    return bad


def _marker_cells(path) -> int:
    wb = load_workbook(path, read_only=True)
    return sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
               if isinstance(v, str) and "TDX" in v)


def test_every_xlsx_writer_keeps_text_as_text(hostile_app, tmp_path, figures):
    """Each writer is run on formula-looking text; every such cell is a text cell, no formula holds it."""
    from desktop.audit.export import export_changes
    from desktop.checklists.missing import MISSING_COLUMNS
    from desktop.checklists.xlsx import missing_xlsx
    from desktop.reports import KINDS, write_table
    from desktop.projects import projects
    from desktop.projects.ledger_export import export_rows

    outputs = {}
    export_changes(hostile_app, {"username": "审计", "role": "reviewer"}, tmp_path / "audit.xlsx")
    outputs["audit export"] = tmp_path / "audit.xlsx"
    rows = projects.list_projects(hostile_app)
    export_rows(rows, [("code", "编号", "text"), ("name", "名称", "text"), ("village", "村", "text"),
                       ("planned_investment_fen", "计划投资", "money")], tmp_path / "ledger.xlsx")
    outputs["ledger export"] = tmp_path / "ledger.xlsx"
    missing_rows = [{k: (PAYLOADS[i % len(PAYLOADS)] if k not in ("year", "days_overdue") else 1)
                     for k, _ in MISSING_COLUMNS} for i in range(len(PAYLOADS))]
    missing_xlsx(hostile_app, tmp_path / "missing.xlsx", missing_rows)
    outputs["missing-documents list"] = tmp_path / "missing.xlsx"
    for kind in KINDS:
        out = tmp_path / f"report-{kind}.xlsx"
        try:
            write_table(hostile_app, kind, out, year=2020)
        except Exception as e:  # noqa: BLE001 - a table that needs other data is reported, not hidden
            outputs[f"report {kind}"] = f"not written: {type(e).__name__}: {str(e)[:60]}"
            continue
        outputs[f"report {kind}"] = out
    results, leaks = {}, []
    for name, path in outputs.items():
        if isinstance(path, str):
            results[name] = path
            continue
        bad = formula_leaks(path)
        leaks += [f"{name}: {b}" for b in bad]
        results[name] = f"{_marker_cells(path)} formula-looking cells, {len(bad)} as formulas"
    written = [p for p in outputs.values() if not isinstance(p, str)]
    figures.record("excel_output_formulas", trials=len(written), failures=len(leaks), rejected=results,
                   note="payloads: " + " | ".join(PAYLOADS))
    assert leaks == []
    # every writer that shows free text really wrote the payloads (the 汇总表 has only sums by township)
    assert all(_marker_cells(outputs[k]) > 0 for k in ("audit export", "ledger export", "missing-documents list",
                                                        "report progress", "report risk"))
