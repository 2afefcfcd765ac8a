"""The 风险督办 page pieces: county dashboard, risk grading and supervision notices (ui/county/page.py)."""
