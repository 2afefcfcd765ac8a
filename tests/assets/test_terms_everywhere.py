"""With the 2026 terms in force, every report (Excel and PDF) and the GUI speak the 2026 words.

The terms record is stored as the county's package leaves it on a township; then each prescribed table
is written, read back, and its title and header rows are checked for the 2026 words and for no word
that only the 2021–2025 wording uses.
"""
from __future__ import annotations

import subprocess

import pytest
from openpyxl import load_workbook

from desktop.terms import bundled

OLD, NEW = bundled("2021-2025"), bundled("2026")
KINDS = ("progress", "risk", "summary", "schedule", "dispatch", "checklist", "assets")


def _switch_to_2026(app) -> None:
    """Store and activate the 2026 terms as an imported county package would, then open the folder anew."""
    from desktop.terms.service import _activate, _store
    from desktop.terms.words import refresh_in_force

    with app.tx() as s:
        _activate(s, _store(s, NEW))
    with app.read() as s:
        refresh_in_force(s)


def _old_only_words(text: str) -> list[str]:
    """2021–2025 labels left in `text` once the 2026 words (which may contain them) are taken out."""
    found = []
    for code, old in OLD.choices("labels").items():
        new = NEW.label(code)
        if old != new and len(old) >= 3 and old in text.replace(new, ""):
            found.append(old)
    return found


def _header_text(path) -> str:
    """Title, unit and header rows of every sheet (the rows above the first numbered data row)."""
    wb = load_workbook(path, read_only=True)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=8, values_only=True):
            out += [str(v) for v in row if isinstance(v, str)]
    wb.close()
    return "\n".join(out)


def _wrapped_in(word: str, text: str, span: int = 120) -> bool:
    """`word`'s characters in order within `span` characters of its first one (a wrapped table header)."""
    start = text.find(word[0])
    while start >= 0:
        pos = start
        for ch in word[1:]:
            pos = text.find(ch, pos + 1, start + span)
            if pos < 0:
                break
        else:
            return True
        start = text.find(word[0], start + 1)
    return False


@pytest.fixture
def app_2026(demo_app):
    _switch_to_2026(demo_app)
    yield demo_app
    from desktop.terms.words import set_in_force

    set_in_force(None)


def test_every_report_xlsx_reads_the_2026_words(app_2026, tmp_path):
    """Each prescribed table and the asset ledger, written as xlsx, carries no 2021–2025-only word in its headers."""
    from desktop.reports import write_table

    texts = {}
    for kind in KINDS:
        out = tmp_path / f"{kind}.xlsx"
        write_table(app_2026, kind, out, year=2020 if kind != "assets" else None)
        texts[kind] = _header_text(out)
        assert _old_only_words(texts[kind]) == [], kind
    assert f"{NEW.label('fund_scope')}产业项目推进梳理表" in texts["progress"]
    assert f"{NEW.label('poor_household')}(户)" in texts["progress"]
    assert f"{NEW.label('poor_people')}(人)" in texts["progress"]
    assert f"{NEW.label('fund_scope')}产业项目风险排查表" in texts["risk"]
    assert NEW.label("asset_ledger") in texts["assets"]


def test_the_pdf_text_has_the_2026_words(app_2026, tmp_path):
    """The 推进梳理表 PDF, read back with pdftotext, has the 2026 title and header words."""
    from desktop.reports import write_table

    out = tmp_path / "progress.pdf"
    write_table(app_2026, "progress", out, year=2020)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())
    assert f"{NEW.label('fund_scope')}产业项目推进梳理表" in flat
    assert _wrapped_in(NEW.label("poor_household"), flat)  # a narrow header cell wraps it over lines
    assert OLD.label("fund_scope") not in flat


def test_the_default_wording_is_unchanged_without_a_terms_file(demo_app, tmp_path):
    """Without a terms record the tables keep the 2021–2025 words they always had."""
    from desktop.reports import write_table

    out = tmp_path / "progress.xlsx"
    write_table(demo_app, "progress", out, year=2020)
    text = _header_text(out)
    assert "扶贫资金帮扶资金产业项目推进梳理表" in text and "脱贫户(户)" in text


def test_record_choices_and_templates_follow_the_terms(app_2026):
    """Household kinds and funding-source suggestions are the 2026 words; the 2021–2025 word is still understood."""
    from desktop.projects.record_specs import kind_of, parse_value

    spec = next(f for f in kind_of("benefit").fields if f.name == "poor_status")
    assert spec.choices["registered_poor"] == NEW.label("registered_household")
    assert parse_value(spec, OLD.label("registered_household")) == "registered_poor"
    assert parse_value(spec, NEW.label("registered_household")) == "registered_poor"
    source = next(f for f in kind_of("allocation").fields if f.name == "source")
    assert NEW.label("transition_fund") in source.choices and OLD.label("transition_fund") not in source.choices


def test_terms_sent_down_in_a_package_become_the_words_in_force(network, tmp_path):
    """The county switches to 2026 and exports; importing the package makes the township's labels 2026."""
    from desktop.projects.fields import field_label, funding_sources
    from desktop.terms import activate_terms
    from desktop.terms.words import in_force, set_in_force
    from tests.assets.test_sync import _send

    county, towns = network
    activate_terms(county, "2026")
    set_in_force(None)  # as on the township's own PC, which has not seen the county's choice yet
    assert in_force().key == "2021-2025"
    _send(county, towns[0], tmp_path, "down", peer=towns[0].node.region_code)
    assert in_force().key == "2026"
    assert field_label("poor_households") == f"带动{NEW.label('registered_household')}数"
    assert NEW.label("transition_fund") in funding_sources()
