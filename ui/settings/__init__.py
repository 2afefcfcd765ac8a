"""Sections of the 设置 page (see ui/settings/sections.py)."""
