"""reportlab helpers for PDFs that print on any PC: an embedded CJK TrueType font, an A4 page
template (page x of y, printed-at time, installation name, signature lines) and CJK tables.

Import lazily (reportlab costs ≈0.25 s): only when an export runs.
"""
