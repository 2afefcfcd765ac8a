"""What the 项目库 page reads on the worker: the rows, and the words of the terms in force with them."""
from __future__ import annotations

from desktop.library import library_history, library_list
from desktop.terms import terms_for_app


def load_library(app) -> dict:
    """Every project with its state, who and when; the library's name and the state words."""
    terms = terms_for_app(app)
    return {"rows": library_list(app), "title": terms.label("project_library"),
            "states": terms.choices("library_states")}


def load_history(app, code: str) -> str:
    """One project's way through the library as one line a clerk reads."""
    steps = library_history(app, code)
    if not steps:
        return f"{code}：尚未纳入项目库。"
    parts = []
    for h in steps:
        why = f"（理由：{h['reason']}）" if h.get("reason") else ""
        parts.append(f"{h['at']} {h['by'] or ''} {h['state_label']}{why}")
    return f"{code}：" + " → ".join(parts)
