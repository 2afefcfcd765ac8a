"""The collector pause around bulk builds always gives the collector back, and never turns on one the caller turned off."""
from __future__ import annotations

import gc

import pytest

from desktop.core import gcpause


def test_the_collector_is_paused_inside_and_back_after_an_error():
    """Inside the block no automatic collection runs; after it, even when it raised, collection is on again."""
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with gcpause.paused():
            assert not gc.isenabled()
            raise RuntimeError("表格生成出错")
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off():
    """A caller that had turned the collector off finds it still off after the block."""
    gc.disable()
    try:
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_table_built_leaves_the_collector_on(tmp_path):
    """Building a table (an empty selection refused in Chinese included) leaves automatic collection on."""
    from desktop.core.app import init_data_folder
    from desktop.core.errors import UserError
    from desktop.reports import build_table

    app = init_data_folder(tmp_path / "t", role="township", region_code="533401102000", name="小中甸镇")
    try:
        with pytest.raises(UserError):
            build_table(app, "schedule")
        assert gc.isenabled()
    finally:
        app.dispose()
