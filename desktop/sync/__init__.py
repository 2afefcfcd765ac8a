"""Sync by package between townships and the county office."""
