"""How values look on screen: money in 万元, risk as colour and text (for colour-blind clerks)."""
from __future__ import annotations

from PySide6.QtGui import QColor

from desktop.values.money import fen_to_wan_exact, fen_to_wan_str

RISK_COLORS = {"red": QColor("#d64541"), "yellow": QColor("#e5a50a"), "green": QColor("#2e9d57")}
RISK_BACKGROUNDS = {"red": QColor("#fbe3e2"), "yellow": QColor("#fdf1cf"), "green": QColor("#dff3e6")}
RISK_TEXT = {"red": "● 红", "yellow": "● 黄", "green": "● 绿"}
OVERDUE_COLOR = QColor("#c0392b")


def wan(fen: int | None, places: int = 2) -> str:
    """1690000000 fen → '1,690.00' (万元), by the one rounding rule in desktop.values.money."""
    return fen_to_wan_str(fen, places)


def wan_exact(fen: int | None) -> str:
    """万元 without losing a fen, trailing zeros dropped: 123.456789 / 1690."""
    return fen_to_wan_exact(fen)


def pct(value: float | int | None) -> str:
    return f"{float(value or 0):.1f}%"
