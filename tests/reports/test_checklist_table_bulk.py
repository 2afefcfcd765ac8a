"""资料目录对照表 from the bulk checklist evaluation equals evaluating each project's checklist one by one."""
from __future__ import annotations

from tests.reports.test_checklist_table_random import _assert_lines_equal_evaluation


def test_every_line_equals_the_per_project_evaluation(demo_app):
    """Standard, counts, completion rate and missing names of each project's line in the township demo equal
    evaluate_items + completeness for that project (the random county variant is in test_checklist_table_random)."""
    assert _assert_lines_equal_evaluation(demo_app) > 0
