"""Onboarding: importing the Excel ledgers offices already keep (台账导入).

    summary = run_import(app, path, ImportOptions(...), dry_run=True)

The dry run reads and checks everything and reports every row (imported / existing /
skipped / refused, with reasons and cells) without writing. The real run does the same
inside one transaction, after a backup, through the project services so the change log
records every field. Modules: workbook (safe streaming), headers/columns (mapping),
rows (sections, subtotals, footnotes), values/convert (cells), totals (self-checks),
apply (matching and writing).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.ledger_import.parse import ImportOptions, Ledger, read_ledger

__all__ = ["ImportOptions", "Ledger", "run_import", "read_for_app", "summary_of", "sheet_names", "target_choices"]

STATUSES = ("imported", "updated", "existing", "skipped", "refused")


def sheet_names(path) -> list[str]:
    """The visible sheets of a workbook (for the wizard's sheet list); UserError if it is no .xlsx."""
    from desktop.ledger_import.workbook import open_workbook

    wb = read_xml_safely(Path(path), lambda: open_workbook(Path(path)))
    try:
        return [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    finally:
        wb.close()


def read_xml_safely(path: Path, read):
    """Run `read`; an XML part the safe parser refuses (entities, a DTD, broken markup) becomes a clear message.

    defusedxml and expat refuse entity declarations in any part (sheet, shared strings, workbook,
    styles); without this the refusal reached the user as an internal error."""
    from xml.parsers.expat import ExpatError

    from desktop.core.errors import UserError

    try:
        return read()
    except UserError:
        raise
    except Exception as e:  # noqa: BLE001 - only XML parser refusals are translated, the rest re-raised
        from defusedxml import DefusedXmlException

        if isinstance(e, (DefusedXmlException, ExpatError, SyntaxError)):
            raise UserError(f"文件 {path.name} 中有不安全或无法读取的 XML 内容（如实体声明），已拒绝，未写入任何数据。"
                            "请在 Excel/WPS 中打开后“另存为” .xlsx，再导入。") from None
        raise


def target_choices() -> list[tuple[str, str]]:
    """(key, Chinese label) of everything a column can be mapped to, for the wizard's column list."""
    from desktop.ledger_import.headers import EXTRA_TARGETS
    from desktop.projects.fields import PROJECT_FIELDS

    extra = [(k, v) for k, v in EXTRA_TARGETS.items() if k not in ("alloc", "seq", "ignore")]
    return ([("ignore", "（不导入）"), ("seq", "序号")] + [(k, f.label) for k, f in PROJECT_FIELDS.items()
                                                        if k not in ("township_code",)] + extra)


def read_for_app(app, path, opts: ImportOptions) -> Ledger:
    """Parse the file and match its rows against this data folder (no writes)."""
    from desktop.ledger_import import apply
    from desktop.ledger_import.rows import township_names

    with app.read() as s:
        names = township_names(apply.townships(s))
        counties = apply.county_names(s)
    ledger = read_xml_safely(Path(path), lambda: read_ledger(Path(path), opts, names, counties))
    with app.read() as s:
        apply.plan(s, app, ledger, opts)
    return ledger


def run_import(app, path, opts: ImportOptions | None = None, dry_run: bool = False, progress=None) -> dict:
    """Dry run or import; returns the summary. Raises UserError when the file cannot be used.

    progress(done, total), if given, is told each stage: read and matched, backed up, written."""
    from desktop.ledger_import import apply

    opts = opts or ImportOptions()
    path = Path(path)
    ledger = read_for_app(app, path, opts)
    if progress:
        progress(1, 3)
    apply.refuse_if_strict(ledger, opts.strict)
    as_of = opts.as_of or ledger.as_of or date.today()
    backup = None
    if not dry_run and any(r.status in ("imported", "updated") for r in ledger.rows):
        backup = apply.backup_before(app)
        if progress:
            progress(2, 3)
        with app.tx(import_file=path.name) as s:
            # Match again inside the write transaction: the database may have changed since the preview.
            apply.plan(s, app, ledger, opts)
            apply.refuse_if_strict(ledger, opts.strict)
            apply.write(s, app, ledger, as_of)
    if progress:
        progress(3, 3)
    return summary_of(ledger, dry_run, as_of, backup)


def summary_of(ledger: Ledger, dry_run: bool, as_of: date | None = None, backup: str | None = None) -> dict:
    from desktop.ledger_import.columns import _label

    rows = [r.as_dict() for r in ledger.rows]
    counts = {s: sum(1 for r in ledger.rows if r.status == s) for s in STATUSES}
    fen = sum(r.values.get("planned_investment_fen") or 0 for r in ledger.rows if r.status == "imported")
    return {
        "file": str(ledger.path), "sheet": ledger.sheet, "dry_run": dry_run, "title": ledger.title,
        "unit": ledger.unit, "unit_source": ledger.unit_source, "as_of": as_of.isoformat() if as_of else None,
        **counts, "rows_total": len(rows), "imported_planned_investment_fen": fen,
        "columns": [{"letter": c.letter, "title": c.title, "target": c.target,
                     "label": _label(c.target) if c.target else None, "unit": c.unit, "source": c.source,
                     "hidden": c.hidden, "mapped_by": c.mapped_by} for c in ledger.columns],
        "sections": [s.as_dict() for s in ledger.sections],
        "notes": list(ledger.notes), "backup": backup, "rows": rows,
    }
