"""Rendering is bounded whatever the template (issue 13 item 3): each hostile template of the security
review is rendered the way the program renders documents — in the child process — and must be refused
with a Chinese message naming the template, never returned and never a crash."""
from __future__ import annotations

from desktop.core.errors import UserError
from desktop.templates.bounded import limit_memory, render_isolated
from tests.templates.factory import make_docx
from tests.templates.test_bounded import FakeKernel32

ROWS = [{"户主姓名": "卓玛", "家庭人口": i} for i in range(500)]
CASES = {
    "center(3*10**8) (skipped the checker)": ("{{ 项目名称|center(3*10**8) }}", {}),
    "printf width 999,999,999": ("{{ '%999999999s'|format(项目名称) }}", {}),
    "string repetition 10**9": ("{{ 项目名称 * 1000000000 }}", {}),
    "two nested loops over 500 rows (250,000 iterations)": (
        "{% for a in 受益户 %}{% for b in 受益户 %}{{ b.家庭人口 }}{% endfor %}{% endfor %}", {}),
    "reaching a Python attribute (__class__)": ("{{ 项目名称.__class__ }}", {}),
    "output above the size limit (limit set to 2 KB)": ("{{ 项目名称 }}", {"max_output": 2 << 10}),
}


def test_hostile_templates_are_refused_in_the_child(tmp_path, figures):
    """Every case ends in a Chinese refusal naming the template; none returns a document or crashes."""
    results = {}
    for i, (case, (placeholder, kwargs)) in enumerate(CASES.items()):
        tpl = make_docx(tmp_path / f"t{i}.docx", [placeholder]).read_bytes()
        try:
            render_isolated(tpl, {"项目名称": "联合村乡村旅游", "受益户": ROWS}, "测试模板", **kwargs)
            results[case] = "accepted"
        except UserError as e:
            results[case] = "refused: " + e.message[:60] if "测试模板" in e.message else "unclear: " + e.message[:60]
        except Exception as e:  # noqa: BLE001  (the figure must show a crash, not hide it)
            results[case] = f"CRASH {type(e).__name__}"
    k = FakeKernel32()
    windows = limit_memory(600, platform="win32", kernel32=k)
    results["Windows: child memory capped by a Job Object (simulated kernel32)"] = (
        f"limit applied: {windows}, {k.info[2].ProcessMemoryLimit >> 20} MB" if k.info else "no limit")
    bad = [c for c, r in results.items() if not (r.startswith("refused") or r.startswith("limit applied: job"))]
    figures.record("template_limits", trials=len(results), failures=len(bad), rejected=results,
                   note="rendered in the child process as documents are; the memory cap on Linux is RLIMIT_AS "
                        "(tests/templates/test_bounded.py stops a heavy render under it), on Windows a Job Object "
                        "whose calls are simulated here")
    assert bad == [], results
