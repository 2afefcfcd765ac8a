"""Console encoding: a person's text in the console's code page on Windows, JSON always UTF-8."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from desktop.platform import console
from tests.conftest import REPO


class _Redirected(io.TextIOWrapper):
    """A stream that is not a console (like `> file.txt` on Windows)."""

    def isatty(self):
        return False


class _Console(_Redirected):
    def isatty(self):
        return True


def _stream(cls=_Redirected):
    return cls(io.BytesIO(), encoding="utf-8", newline="")


def test_redirected_output_on_chinese_windows_is_cp936():
    """On Windows with code page 936 a redirected stream gets cp936 text, which a cp936 reader reads back."""
    s = _stream()
    assert console.person_encoding(s, platform="win32", code_page=936) == "cp936"
    s.reconfigure(encoding=console.person_encoding(s, platform="win32", code_page=936), errors="replace")
    s.write("项目已保存：小中甸镇")
    s.flush()
    assert s.buffer.getvalue().decode("cp936") == "项目已保存：小中甸镇"


def test_a_real_windows_console_and_linux_are_utf8():
    """A Windows console window (Python writes UTF-16 to it) and every Linux stream use UTF-8."""
    assert console.person_encoding(_stream(_Console), platform="win32", code_page=936) == "utf-8"
    assert console.person_encoding(_stream(), platform="linux") == "utf-8"
    assert console.person_encoding(_stream(), platform="win32", code_page=65001) == "utf-8"


def test_no_console_code_page_falls_back_to_the_ansi_code_page():
    """A Windows process without a console (code page 0) uses the ANSI code page, e.g. cp936."""
    assert console.person_encoding(_stream(), platform="win32", code_page=0, ansi="cp936") == "cp936"


def test_unencodable_characters_do_not_crash(monkeypatch):
    """A character outside the code page (cp437 for Chinese) becomes '?' instead of an error."""
    out, err = _stream(), _stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    console.configure_streams(platform="win32", code_page=437)
    print("项目 A")
    sys.stdout.flush()
    assert out.buffer.getvalue() == b"?? A\n"


def test_json_is_utf8_even_when_the_console_is_cp936(monkeypatch):
    """--json output stays UTF-8 bytes on a cp936 stream, so scripts can parse it."""
    from desktop.cli.output import print_json

    out = _stream()
    monkeypatch.setattr(sys, "stdout", out)
    console.configure_streams(platform="win32", code_page=936)
    print("表头")
    print_json({"名称": "安南村牦牛养殖"})
    raw = out.buffer.getvalue()
    head, body = raw.split(b"\n", 1)
    assert head.decode("cp936") == "表头"
    assert json.loads(body.decode("utf-8")) == {"名称": "安南村牦牛养殖"}


def test_windowed_build_without_streams_writes_to_a_file(monkeypatch, tmp_path):
    """With no console (sys.stdout is None, the windowed build), output goes to a UTF-8 file."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    console.configure_streams(fallback_dir=tmp_path)
    print("自检通过")
    print("错误：文件不存在", file=sys.stderr)
    sys.stdout.close()
    sys.stderr.close()
    text = (tmp_path / console.OUTPUT_FILE_NAME).read_text(encoding="utf-8")
    assert "自检通过" in text and "错误：文件不存在" in text


@pytest.mark.parametrize("json_flag", [False, True])
def test_the_real_cli_under_a_non_utf8_locale_prints_readable_text(tmp_path, json_flag):
    """The console script with a redirected stream and PYTHONIOENCODING=gbk still prints UTF-8 on Linux."""
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "gbk", "LANG": "C"}
    args = [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "d"), "projects", "list"]
    r = subprocess.run(args + (["--json"] if json_flag else []), capture_output=True, env=env, timeout=120)
    assert r.returncode != 0
    assert "尚未初始化" in r.stderr.decode("utf-8")
