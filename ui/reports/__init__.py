"""Widgets of the 报表 page: the wall chart view (the tables form lives in ui/reports/page.py)."""
