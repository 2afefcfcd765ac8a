"""The half-monthly round (半月调度, issue 19): every active project's progress, payment and spending
for one report date (the 14th or the 29th), typed in one grid or one Excel sheet and saved at once.

    rows = round_rows(app, date(2020, 6, 29))                 # the grid: one row per active project
    result = apply_round(app, when, entries)                  # one transaction; result["receipt"] undoes it
    undo_round(app, result["receipt"])
    write_sheet(app, when, "半月填报.xlsx"); apply_sheet(app, "半月填报.xlsx", dry_run=True)

Dates: desktop.round.dates; which projects: desktop.round.active; saving: desktop.round.apply;
Excel: desktop.round.sheet; the county's view of which townships have reported: desktop.round.county.
"""
from __future__ import annotations

from desktop.round.dates import latest_report_date, period_of  # noqa: F401
