"""County office views: all townships side by side (dashboard.py)."""
