"""Console encoding: text for a person in the encoding their console reads; JSON always UTF-8.

Why: on Chinese Windows a redirected stream (`towndesk projects list > list.txt`, or a pipe into
`findstr`) is read in the console's code page (cp936), so forcing UTF-8 there garbles it. A real
console window gets UTF-8 from Python itself (it writes UTF-16 to the console), and Linux consoles
are UTF-8. Machine output (`--json`) and files are UTF-8 everywhere. The windowed build has no
console at all (sys.stdout is None): its command-line output goes to a file instead.
"""
from __future__ import annotations

import io
import locale
import sys
from pathlib import Path

OUTPUT_FILE_NAME = "towndesk-cli-output.txt"


def console_code_page() -> int:
    """The Windows console's output code page (0 when there is no console, or not on Windows)."""
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetConsoleOutputCP())  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return 0


def person_encoding(stream, *, platform: str | None = None, code_page: int | None = None,
                    ansi: str | None = None) -> str:
    """The encoding in which a person will read text written to `stream`."""
    platform = platform or sys.platform
    if platform != "win32":
        return "utf-8"
    try:
        if stream.isatty():
            return "utf-8"  # Python writes a Windows console through WriteConsoleW: any text shows
    except (AttributeError, ValueError):
        pass
    cp = console_code_page() if code_page is None else code_page
    if cp == 65001:
        return "utf-8"
    if cp:
        return f"cp{cp}"
    return ansi or locale.getpreferredencoding(False) or "utf-8"


def configure_streams(*, platform: str | None = None, code_page: int | None = None,
                      ansi: str | None = None, fallback_dir: Path | None = None) -> None:
    """Set sys.stdout/sys.stderr up for people: their encoding, never an error for an unencodable
    character (it becomes '?'), and a UTF-8 file when the windowed build has no streams."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, _output_file(fallback_dir))
            continue
        encoding = person_encoding(stream, platform=platform, code_page=code_page, ansi=ansi)
        try:
            stream.reconfigure(encoding=encoding, errors="replace")
        except (AttributeError, ValueError, LookupError):
            pass


def output_file_path(fallback_dir: Path | None = None) -> Path:
    """Where the windowed build writes what a console would have shown."""
    if fallback_dir is None:
        from platformdirs import user_log_dir

        fallback_dir = Path(user_log_dir("TownDesk", appauthor=False))
    return Path(fallback_dir) / OUTPUT_FILE_NAME


def _output_file(fallback_dir: Path | None):
    path = output_file_path(fallback_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "a", encoding="utf-8", errors="replace")
    except OSError:
        return io.StringIO()  # nowhere to write: drop the text rather than crash


def write_json_text(text: str, stream=None) -> None:
    """Write JSON text as UTF-8 bytes whatever the stream's text encoding (scripts parse it)."""
    stream = stream or sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
