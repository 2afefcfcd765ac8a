"""The reliability and security suite records its figures; scripts/reliability_report.py turns them
into docs/reliability.md.

Each test calls `figures.record(key, trials=…, failures=…, rejected=…, seconds=…, peak_mb=…, note=…)`.
At the end of the session the figures are merged into build/reliability/figures.json (written
atomically), so a partial run keeps the figures of the tests it did not run. The quick run (the README's
`bash scripts/test.sh`, smaller samples: tests/sizes.py) records nothing, so the document keeps the
figures of the thorough run that CI makes (TOWNDESK_TEST_THOROUGH=1) and of --runslow.
"""
from __future__ import annotations

import json
import os
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIGURES_FILE = Path(os.environ.get("TOWNDESK_FIGURES", REPO / "build" / "reliability" / "figures.json"))


class Figures:
    def __init__(self, runslow: bool):
        self.items: dict[str, dict] = {}
        self.runslow = runslow

    def record(self, key: str, **data) -> None:
        """Normal-run figures under `key`; --runslow figures under `key@slow`, so the doc can show both."""
        name = f"{key}@slow" if self.runslow else key
        self.items[name] = {**data, "at": datetime.now().isoformat(timespec="seconds"), "runslow": self.runslow}

    def save(self) -> None:
        from tests import sizes

        if not self.items or sizes.level() == "quick":
            return
        FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
        old = {}
        if FIGURES_FILE.exists():
            try:
                old = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))
            except ValueError:
                old = {}
        old.update(self.items)
        tmp = FIGURES_FILE.with_suffix(".part")
        tmp.write_text(json.dumps(old, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, FIGURES_FILE)


@pytest.fixture(scope="session")
def figures(request):
    f = Figures(bool(request.config.getoption("--runslow")))
    yield f
    f.save()


class Measure:
    """Wall time and Python peak memory (tracemalloc) of a block."""

    def __enter__(self):
        tracemalloc.start()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = round(time.perf_counter() - self.t0, 2)
        self.peak_mb = round(tracemalloc.get_traced_memory()[1] / 1e6, 1)
        tracemalloc.stop()
        return False


def categorise(message: str | None) -> str:
    """The reason of a Chinese refusal without the file name: the text in its first full-width brackets
    when that is a reason, else the start of the message."""
    import re

    if message is None:
        return "（未拒绝）"
    text = re.sub(r"[\w\-.]+\.(tdpkg|zip|xlsx|docx|db)", "…", message)
    inner = text.split("（", 1)[1].split("）", 1)[0] if "（" in text and "）" in text.split("（", 1)[1] else ""
    if re.search("[\u4e00-\u9fff]", inner):
        return inner[:50]
    return text[:60]
