"""Region codes (统计用区划代码) shipped in resources/, editable; guesses are marked."""
from __future__ import annotations

import csv

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Region
from desktop.core.paths import resource_path


def builtin_regions() -> list[dict]:
    rows = []
    for path in sorted(resource_path().glob("regions-*.csv")):
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                rows.append({"code": r["code"], "name": r["name"], "level": r["level"],
                             "parent_code": r["parent_code"] or None, "source": r["source"],
                             "inferred": "inferred" in r["source"]})
    return rows


def load_builtin(session: Session) -> int:
    known = set(session.scalars(select(Region.code)))
    added = 0
    for r in builtin_regions():
        if r["code"] not in known:
            session.add(Region(**r))
            added += 1
    return added


def township_name(session: Session, code: str) -> str | None:
    return session.scalar(select(Region.name).where(Region.code == code))


def townships_of(session: Session, county_code: str) -> list[Region]:
    return list(session.scalars(select(Region).where(Region.parent_code == county_code,
                                                     Region.level == "township").order_by(Region.code)))
