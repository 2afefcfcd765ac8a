"""A file held open by Excel/WPS (Windows sharing violation) is a Chinese message; nothing half-written."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core import fileio
from desktop.platform import files
from desktop.platform.files import FileInUse


def _sharing_violation(src, dest):
    e = PermissionError(13, "The process cannot access the file because it is being used by another process",
                        str(src), None, str(dest))
    e.winerror = 32
    raise e


@pytest.fixture
def excel_holds(monkeypatch):
    """os.replace onto the target fails as on Windows while Excel has it open; no real waiting."""
    monkeypatch.setattr(files, "RETRY_DELAYS", ())
    monkeypatch.setattr(files, "_os_replace", _sharing_violation)


def test_atomic_write_onto_a_held_file_names_it_and_leaves_nothing(tmp_path, excel_holds):
    """Saving over a workbook open in Excel says which file to close; old content kept, no temp file left."""
    target = tmp_path / "半月调度表.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(FileInUse) as e:
        with fileio.atomic_write(target) as f:
            f.write(b"new content")
    assert "半月调度表.xlsx" in e.value.message and "Excel" in e.value.message and "WPS" in e.value.message
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["半月调度表.xlsx"]


def test_atomic_target_for_libraries_is_covered_too(tmp_path, excel_holds):
    """A library writing to the temp path (openpyxl, reportlab) gets the same message and no leftovers."""
    target = tmp_path / "清单.pdf"
    with pytest.raises(FileInUse):
        with fileio.atomic_target(target) as tmp:
            Path(tmp).write_bytes(b"%PDF-1.4")
    assert list(tmp_path.iterdir()) == []


def test_a_virus_scanner_holding_the_file_briefly_is_waited_for(tmp_path):
    """Two sharing violations then success: the file is written, after short sleeps only."""
    calls, slept = [], []

    def flaky(src, dest):
        calls.append(1)
        if len(calls) <= 2:
            _sharing_violation(src, dest)
        os.replace(src, dest)

    src, dest = tmp_path / "a.part", tmp_path / "a.xlsx"
    src.write_bytes(b"x")
    files.replace_file(src, dest, replace=flaky, sleep=slept.append)
    assert dest.read_bytes() == b"x" and len(slept) == 2 and sum(slept) < 1


def test_other_permission_errors_are_not_called_in_use(tmp_path):
    """Other Windows permission errors and missing files are not misreported as a file held open."""
    e = PermissionError(13, "denied")
    e.winerror = 1920
    assert not files.is_in_use(e)
    assert not files.is_in_use(FileNotFoundError(2, "x"))


def test_cli_maps_a_held_file_to_its_message(tmp_path, monkeypatch, capsys):
    """An unexpected PermissionError(WinError 32) inside a command exits 2 with the file named, no traceback."""
    from desktop.cli import main as cli_main

    def boom(args):
        try:
            _sharing_violation(tmp_path / ".x.part", tmp_path / "风险排查表.xlsx")
        except PermissionError as e:
            raise RuntimeError("wrapped") from e

    parser = cli_main.build_parser
    monkeypatch.setattr(cli_main, "build_parser", lambda *a, **k: _with_func(parser(*a, **k), boom))
    code = cli_main.main(["--data-dir", str(tmp_path), "projects", "list"])
    err = capsys.readouterr().err
    assert code == 2 and "风险排查表.xlsx" in err and "Traceback" not in err and "内部错误" not in err


def _with_func(parser, func):
    real = parser.parse_args

    def parse(argv=None):
        args = real(argv)
        args.func = func
        return args

    parser.parse_args = parse
    return parser
