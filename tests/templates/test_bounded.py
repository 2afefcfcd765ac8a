"""Bounded rendering: filter arguments capped (checker and sandbox), and a render in a child process
that is stopped by its memory, time or output limit with a Chinese message."""
from __future__ import annotations

import sys

import pytest

from desktop.core.errors import UserError
from desktop.templates.bounded import render_isolated
from desktop.templates.library import check_file
from desktop.templates.render import render_bytes
from tests.templates.factory import docx_text, make_docx

DATA = {"项目名称": "联合村乡村旅游", "受益户": [{"户主姓名": "卓玛", "家庭人口": 4}]}


@pytest.mark.parametrize("placeholder", ["{{ 项目名称|center(300000000) }}", "{{ 项目名称|center(3*10**8) }}",
                                         "{{ 项目名称|indent(5000) }}", "{{ '%999999999s'|format(项目名称) }}",
                                         "{{ 受益户|batch(10**9) }}"])
def test_checker_refuses_oversized_filter_arguments(tmp_path, placeholder):
    """The checker (by hand and by package) refuses filter widths above the cap or written as sums."""
    result = check_file(make_docx(tmp_path / "t.docx", [placeholder]))
    assert not result.ok, placeholder


@pytest.mark.parametrize("placeholder", ["{{ 项目名称|center(300000000) }}", "{{ '%999999999s'|format(项目名称) }}",
                                         "{{ 项目名称|wordwrap(100000) }}"])
def test_sandbox_caps_filter_arguments_when_rendering(tmp_path, placeholder):
    """Even a template that skipped the checker cannot pass a huge width to a filter."""
    with pytest.raises(UserError) as e:
        render_bytes(make_docx(tmp_path / "t.docx", [placeholder]).read_bytes(), DATA, "测试模板")
    assert "安全限制" in e.value.message


def test_small_filter_arguments_still_work(tmp_path):
    """Ordinary widths render as before."""
    out = render_bytes(make_docx(tmp_path / "t.docx", ["[{{ 项目名称|center(11) }}]"]).read_bytes(), DATA, "测试模板")
    assert "[  联合村乡村旅游  ]" in docx_text(out)[0]


def test_child_render_gives_the_same_document(tmp_path):
    """Rendering in the child process returns the same document as rendering here."""
    tpl = make_docx(tmp_path / "t.docx", ["{{ 项目名称 }}", "{% for h in 受益户 %}{{ h.户主姓名 }}{% endfor %}"]).read_bytes()
    assert docx_text(render_isolated(tpl, DATA, "测试模板"))[0] == docx_text(render_bytes(tpl, DATA, "测试模板"))[0]


def test_child_errors_come_back_as_messages(tmp_path):
    """A refusal inside the child (a template reaching beyond its data) reaches the caller as the same message."""
    tpl = make_docx(tmp_path / "t.docx", ["{{ 项目名称.__class__ }}"]).read_bytes()
    with pytest.raises(UserError) as e:
        render_isolated(tpl, DATA, "测试模板")
    assert "测试模板" in e.value.message


@pytest.mark.skipif(sys.platform == "win32", reason="no address-space limit on Windows")
def test_memory_or_time_limit_stops_a_heavy_render(tmp_path):
    """Two nested loops over 3,000 rows of long text: the child is stopped, the caller gets a Chinese message."""
    rows = [{"户主姓名": "卓" * 2000, "家庭人口": i} for i in range(3000)]
    tpl = make_docx(tmp_path / "t.docx", ["{% for a in 受益户 %}{% for b in 受益户 %}{{ b.户主姓名 }}{% endfor %}"
                                          "{% endfor %}"]).read_bytes()
    with pytest.raises(UserError) as e:
        render_isolated(tpl, {"项目名称": "x", "受益户": rows}, "测试模板", memory_mb=600, time_s=20)
    assert "已停止" in e.value.message


def _nested_loops(tmp_path, rows: int) -> tuple[bytes, dict]:
    data = {"项目名称": "x", "受益户": [{"户主姓名": "卓玛", "家庭人口": i} for i in range(rows)]}
    tpl = make_docx(tmp_path / "t.docx", ["{% for a in 受益户 %}{% for b in 受益户 %}{{ b.家庭人口 }}{% endfor %}"
                                          "{% endfor %}"]).read_bytes()
    return tpl, data


def test_loops_running_past_the_limit_are_refused(tmp_path):
    """Two nested loops over 500 rows (250,000 iterations, limit 200,000) are refused with a Chinese message."""
    from desktop.templates.sandbox import MAX_LOOP_ITERATIONS

    tpl, data = _nested_loops(tmp_path, 500)
    assert 500 * 500 > MAX_LOOP_ITERATIONS
    with pytest.raises(UserError) as e:
        render_bytes(tpl, data, "测试模板")
    assert "循环" in e.value.message and str(MAX_LOOP_ITERATIONS) in e.value.message and "测试模板" in e.value.message


def test_loops_within_the_limit_render_and_loop_variables_still_work(tmp_path):
    """Nested loops over 300 rows (90,000 iterations) render; loop.index and loop.last still work."""
    tpl, data = _nested_loops(tmp_path, 300)
    assert len(docx_text(render_bytes(tpl, data, "测试模板"))[0]) > 90_000
    small = make_docx(tmp_path / "s.docx", ["{% for h in 受益户 %}{{ loop.index }}/{{ loop.length }}"
                                            "{% if loop.last %}。{% endif %}{% endfor %}"]).read_bytes()
    assert "1/1。" in docx_text(render_bytes(small, DATA, "测试模板"))[0]


def test_loop_limit_reaches_the_caller_from_the_child(tmp_path):
    """The child's loop refusal comes back to the caller as the same Chinese message."""
    tpl, data = _nested_loops(tmp_path, 500)
    with pytest.raises(UserError) as e:
        render_isolated(tpl, data, "测试模板")
    assert "循环" in e.value.message


def test_output_larger_than_the_limit_is_refused(tmp_path):
    """A document larger than the output limit is refused, not returned."""
    tpl = make_docx(tmp_path / "t.docx", ["{{ 项目名称 }}"]).read_bytes()
    with pytest.raises(UserError) as e:
        render_isolated(tpl, DATA, "测试模板", max_output=2 << 10)
    assert "2 KB" in e.value.message and "已停止" in e.value.message


class FakeKernel32:
    """Records the Job Object calls the Windows child makes (the real ones exist only on Windows)."""

    def __init__(self, fail: str | None = None):
        self.fail, self.calls, self.info = fail, [], None

    def CreateJobObjectW(self, attrs, name):
        self.calls.append("CreateJobObjectW")
        return 0 if self.fail == "create" else 77

    def SetInformationJobObject(self, job, klass, ref, size):
        import ctypes

        from desktop.platform.job_limit import JOBOBJECT_EXTENDED_LIMIT_INFORMATION

        self.calls.append("SetInformationJobObject")
        self.info = (job, klass, JOBOBJECT_EXTENDED_LIMIT_INFORMATION.from_buffer_copy(ref._obj), size)
        assert size == ctypes.sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION) == 144  # the Windows x64 layout
        return 0 if self.fail == "set" else 1

    def GetCurrentProcess(self):
        return -1

    def AssignProcessToJobObject(self, job, process):
        self.calls.append(("AssignProcessToJobObject", job, process))
        return 1

    def CloseHandle(self, handle):
        self.calls.append(("CloseHandle", handle))
        return 1


def test_windows_child_limits_its_memory_with_a_job_object():
    """Simulated Windows: the child creates a job capped at the memory limit and assigns itself to it."""
    from desktop.templates.bounded import limit_memory

    k = FakeKernel32()
    assert limit_memory(600, platform="win32", kernel32=k) == "job"
    job, klass, info, _ = k.info
    assert job == 77 and klass == 9 and info.ProcessMemoryLimit == 600 << 20
    assert info.BasicLimitInformation.LimitFlags & 0x100  # JOB_OBJECT_LIMIT_PROCESS_MEMORY
    assert ("AssignProcessToJobObject", 77, -1) in k.calls


@pytest.mark.parametrize("fail", ["create", "set"])
def test_windows_job_object_failure_leaves_time_and_output_limits(fail):
    """When Windows refuses the job, the render goes on under the time and output limits (and the handle is closed)."""
    from desktop.templates.bounded import limit_memory

    k = FakeKernel32(fail=fail)
    assert limit_memory(600, platform="win32", kernel32=k) == "none"
    assert not any(isinstance(c, tuple) and c[0] == "AssignProcessToJobObject" for c in k.calls)
    assert (("CloseHandle", 77) in k.calls) == (fail == "set")
