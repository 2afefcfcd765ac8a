"""Sections of the 设置 page (see ui/pages/settings_sections.py)."""
