"""Write docs/reliability.md from the figures the reliability suite recorded.

    TOWNDESK_TEST_THOROUGH=1 .venv/bin/python -m pytest tests/reliability  # records build/reliability/figures.json
    .venv/bin/python scripts/reliability_report.py          # rewrites the figures section of the doc

The doc's prose (what each test does, what it proves, what it does not) is kept in the doc
itself; this script only replaces the text between the FIGURES markers, so editing the prose by
hand is safe.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIGURES = REPO / "build" / "reliability" / "figures.json"
DOC = REPO / "docs" / "reliability.md"
BEGIN, END = "<!-- FIGURES:BEGIN (scripts/reliability_report.py) -->", "<!-- FIGURES:END -->"

TITLES = [
    ("kill9_import", "kill -9 during package import"),
    ("kill9_export", "kill -9 during package export"),
    ("kill9_restore", "kill -9 during restore from backup"),
    ("failing_disk", "Failing disk (ENOSPC/EIO at each write step)"),
    ("database_full", "Database cannot grow (SQLite: disk full)"),
    ("package_bit_flips", "Package: single-bit flips"),
    ("package_truncations", "Package: truncations"),
    ("package_crafted_attacks", "Package: crafted attacks"),
    ("package_replays", "Package: replays and old packages"),
    ("office_input_hostile", "Excel/Word input: XML bombs, external entities, broken zips"),
    ("office_million_rows", "Excel input: a 1,000,000-row sheet"),
    ("excel_output_formulas", "Excel output: formula-looking text"),
    ("login_lockout_restarts", "Login: lockout across restarts"),
    ("password_hash", "Login: password hash parameters"),
    ("audit_tamper_kinds", "Audit chain: each kind of tampering"),
    ("audit_tamper_random", "Audit chain: random single-row edits and deletions"),
    ("secure_delete", "Personal data: erased numbers absent from the database file"),
    ("personal_at_rest", "Personal data at rest: no number in the database, a snapshot or a backup zip"),
    ("personal_erasure_copies", "Personal data: erasure reaches the snapshots in the data folder"),
    ("template_limits", "Template rendering: hostile templates refused in the child"),
    ("trust_attacks", "County trust: hostile packages from an enrolled township (issue 13)"),
    ("trust_claims", "County trust: claimed seen / ack capped at what was sent"),
    ("trust_header", "County trust: the clear header decides nothing"),
    ("trust_xlsx_entities", "Excel input: XML entities in every part of a workbook"),
]


def _cell(v) -> str:
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_cell(x)}" for k, x in v.items())
    if isinstance(v, list):
        return "; ".join(_cell(x) for x in v) or "—"
    return str(v).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def section(key: str, title: str, f: dict | None) -> list[str]:
    if f is None:
        return [f"### {title}", "", "_Not yet recorded: run the suite._", ""]
    run = "with --runslow" if f.get("runslow") else "normal run"
    out = [f"### {title}", "", f"Latest run: {f['at']} ({run}). **Trials: {f.get('trials')}. Failures: {f.get('failures')}.**"]
    facts = []
    for k in ("seconds", "op_seconds", "peak_mb", "package_bytes", "rows", "login_seconds", "security_failures"):
        if k in f:
            facts.append(f"{k.replace('_', ' ')} = {f[k]}")
    if facts:
        out.append("Measured: " + ", ".join(facts) + ".")
    if f.get("note"):
        out.append(f"Note: {f['note']}.")
    out.append("")
    for k in ("outcome", "parameters", "owasp_minimum"):
        if k in f:
            out.append(f"- {k}: {_cell(f[k])}")
    if "per_operation" in f:
        out += ["", "| operation | write steps | steps failed | failures | temp files left | messages (first words) |",
                "| --- | --- | --- | --- | --- | --- |"]
        for op, d in f["per_operation"].items():
            out.append(f"| {op} | {d['write_steps']} | {d['tried']} | {d['failures']} | {d['temp_files_left']} | "
                       f"{_cell(d['messages'])} |")
    if "rejected" in f:
        out += ["", "| case | how it was rejected / result |", "| --- | --- |"]
        for case, how in f["rejected"].items():
            out.append(f"| {_cell(case)} | {_cell(how)} |")
    if f.get("unclear_messages"):
        out.append(f"\nRefused safely but without a Chinese message: {_cell(f['unclear_messages'])}.")
    if f.get("problems"):
        out.append(f"\nProblems: {_cell(f['problems'])}")
    out.append("")
    return out


def main() -> int:
    if not FIGURES.exists():
        print(f"no figures at {FIGURES}: run .venv/bin/python -m pytest tests/reliability first", file=sys.stderr)
        return 1
    figures = json.loads(FIGURES.read_text(encoding="utf-8"))
    lines = [BEGIN, ""]
    normal = [f for k, f in figures.items() if not k.endswith("@slow")]
    slow = [f for k, f in figures.items() if k.endswith("@slow")]
    total_t, total_f = sum(int(f.get("trials") or 0) for f in normal), sum(int(f.get("failures") or 0) for f in normal)
    lines += [f"Latest normal run: {total_t} trials, {total_f} failures."]
    if slow:
        lines.append(f"Latest long run (--runslow): {sum(int(f.get('trials') or 0) for f in slow)} trials, "
                     f"{sum(int(f.get('failures') or 0) for f in slow)} failures.")
    lines += ["", "| test | normal run: trials / failures | --runslow: trials / failures |", "| --- | --- | --- |"]
    for key, title in TITLES:
        f, g = figures.get(key), figures.get(f"{key}@slow")
        cell = lambda x: f"{x.get('trials')} / {x.get('failures')}" if x else "—"  # noqa: E731
        lines.append(f"| {title} | {cell(f)} | {cell(g)} |")
    lines.append("")
    for key, title in TITLES:
        lines += section(key, title, figures.get(key))
        slow = figures.get(f"{key}@slow")
        if slow and (figures.get(key) or {}).get("trials") != slow.get("trials"):  # only where it differs
            lines += section(f"{key}@slow", f"{title} — long variant (--runslow)", slow)
    lines.append(END)
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Reliability and security\n\n{BEGIN}\n{END}\n"
    if BEGIN not in doc or END not in doc:
        doc += f"\n{BEGIN}\n{END}\n"
    head, rest = doc.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    tmp = DOC.with_suffix(".md.part")
    tmp.write_text(head + "\n".join(lines) + tail, encoding="utf-8")
    tmp.replace(DOC)
    print(f"wrote {DOC.relative_to(REPO)}: normal run {total_t} trials, {total_f} failures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
