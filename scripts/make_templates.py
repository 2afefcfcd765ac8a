"""Write the seven built-in Word templates into resources/templates/ (reproducibly).

Run:  .venv/bin/python scripts/make_templates.py           (write the files)
      .venv/bin/python scripts/make_templates.py --check   (exit 1 if the committed files differ)

The texts are written for TownDesk in plain official Chinese. Placeholders use the field
names of desktop/templates/catalogue.py; `{%tr for h in 受益户 %}` rows repeat per household.
Blue italic paragraphs are guidance for the clerk, to be replaced in Word before printing.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from template_agreements import assistance_agreement, benefit_agreement  # noqa: E402
from template_reports import (  # noqa: E402
    acceptance_report, beneficiary_publicity, disbursement_request, implementation_plan, rectification_report,
)

OUT = Path(__file__).resolve().parent.parent / "resources" / "templates"
# Same file names as desktop/templates/library.py BUILTIN.
ALL = [
    ("benefit-agreement.docx", benefit_agreement),
    ("assistance-agreement.docx", assistance_agreement),
    ("disbursement-request.docx", disbursement_request),
    ("implementation-plan.docx", implementation_plan),
    ("acceptance-report.docx", acceptance_report),
    ("beneficiary-publicity.docx", beneficiary_publicity),
    ("rectification-report.docx", rectification_report),
]


def build_all(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for filename, build in ALL:
        build().save(target / filename)
        out.append(target / filename)
    return out


def stale_files(target: Path | None = None) -> list[str]:
    """Files in resources/templates that differ from what this script writes now."""
    target = target or Path(tempfile.mkdtemp())
    build_all(target)
    return [f for f, _ in ALL if not (OUT / f).exists() or (target / f).read_bytes() != (OUT / f).read_bytes()]


if __name__ == "__main__":
    if "--check" in sys.argv:
        stale = stale_files()
        if stale:
            print("与脚本生成结果不一致：" + "、".join(stale) + "。请运行 scripts/make_templates.py 重新生成。")
            sys.exit(1)
        print(f"已核对 {len(ALL)} 个模板，与脚本一致：{OUT}")
    else:
        build_all(OUT)
        print(f"已写入 {len(ALL)} 个模板：{OUT}")
