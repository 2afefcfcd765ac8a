"""`towndesk --self-test`: one line per check, exit 0 only when every check passed."""
from __future__ import annotations

import io


def test_self_test_passes_with_one_line_per_check():
    """In a working installation every check passes and each prints exactly one line."""
    from desktop.setup.selftest import _checks, run_self_test

    out = io.StringIO()
    assert run_self_test(out) == 0, out.getvalue()
    lines = out.getvalue().splitlines()
    checks = [line for line in lines if line.startswith("[")]
    assert len(checks) == len(_checks()) and all(line.startswith("[通过]") for line in checks)
    assert "导入：applied" in out.getvalue() and "重复导入：already_imported" in out.getvalue()
    assert lines[-1].startswith("自检通过")


def test_a_missing_library_fails_the_self_test(monkeypatch):
    """A dependency that cannot load makes its line 失败, names it, and the exit code 1."""
    from desktop.setup import selftest_checks
    from desktop.setup.selftest import run_self_test

    monkeypatch.setattr(selftest_checks, "CORE_MODULES", selftest_checks.CORE_MODULES + ["no_such_library_xyz"])
    out = io.StringIO()
    assert run_self_test(out, only=["依赖库", "Excel 文件"]) == 1
    text = out.getvalue()
    assert "[失败] 依赖库" in text and "no_such_library_xyz" in text and "[通过] Excel 文件" in text
    assert "自检未通过：1/2" in text


def test_self_test_from_the_command_line(cli, tmp_path):
    """The real console script runs it without a data folder and never creates the user's one."""
    res = cli("--self-test")
    assert res.code == 0, res.out + res.err
    assert res.out.count("[通过]") >= 8 and not cli.data.exists()
