"""Property: two townships send honest packages (their real program) and hostile ones (their real keys,
a tampered program), in any order and mixture; the county's records of each owner are exactly what that
owner sent, and the county's own records are exactly what the county wrote."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from db.models import Household, Notice, Project, RiskAssessment
from desktop.core.app import open_app
from desktop.core.errors import UserError
from desktop.sync import service
from tests.sync.craft import change_set, changes_package
from tests.sync.data import add_project, grade, snapshot
from tests.sync.hostile import issue_notice
from tests.sizes import size

OWNED = ("project", "household", "milestone", "disbursement")
COUNTY_FIELDS = ("risk_level", "disposition")
HOSTILE = ("rename_other", "tombstone_other_household", "close_notice", "grade_green", "insert_for_other",
           "move_own_project", "reply_for_other", "id_number_of_other_household")

step = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 1), st.integers(0, 5), st.sampled_from(["note", "village", "name"]),
              st.sampled_from(["甲", "乙", "丙"])),
    st.tuples(st.just("phone"), st.integers(0, 1), st.integers(0, 5), st.sampled_from(["13900000001", "13900000002"])),
    st.tuples(st.just("create"), st.integers(0, 1)),
    st.tuples(st.just("honest"), st.integers(0, 1)),
    st.tuples(st.just("hostile"), st.integers(0, 1), st.sampled_from(HOSTILE), st.booleans()),
)


class Ground:
    """County, 小中甸镇 and 建塘镇 copied from the enrolled network, with a notice and a grade to defend."""

    def __init__(self, template: Path, root: Path):
        self.root, self.n = root, 0
        self.apps = []
        for name in ("county", "t0", "t1"):
            shutil.copytree(template / name, root / name)
            self.apps.append(open_app(root / name))
        self.county, self.towns = self.apps[0], self.apps[1:]
        for t in self.towns:
            add_project(t, name=f"{t.node.name}项目")
            self.honest(t)
        p0 = self._ids(self.county, Project, self.towns[0])[0]
        self.notice = issue_notice(self.county, self.towns[0].node.region_code, p0)
        self.assessment = grade(self.county, p0, "red")
        self.county_before = self._county_records()

    def close(self):
        for a in self.apps:
            a.dispose()

    def _ids(self, app, model, town):
        with app.read() as s:
            return list(s.scalars(select(model.id).where(model.township_code == town.node.region_code)
                                  .order_by(model.id)))

    def honest(self, town):
        self.n += 1
        path = self.root / f"h{self.n}.tdpkg"
        service.export_package(town, path, peer=self.county.node.region_code)
        service.import_package(self.county, path, backup=False)

    def run(self, s):
        kind, town = s[0], self.towns[s[1]]
        if kind == "create":
            add_project(town, name=f"新项目{self.n}", with_children=True)
            self.n += 1
        elif kind == "edit":
            ids = self._ids(town, Project, town)
            with town.tx() as tx:
                setattr(tx.get(Project, ids[s[2] % len(ids)]), s[3], s[4])
        elif kind == "phone":  # personal data: sealed at rest on both sides, must still arrive exactly
            ids = self._ids(town, Household, town)
            with town.tx() as tx:
                tx.get(Household, ids[s[2] % len(ids)]).phone = s[3]
        elif kind == "honest":
            self.honest(town)
        else:
            self.hostile(town, s[2], s[3])

    def hostile(self, town, what: str, mixed: bool):
        other = self.towns[1 - self.towns.index(town)]
        mine = self._ids(self.county, Project, town)
        theirs = self._ids(self.county, Project, other)
        new = f"6d1f0c55-0000-4000-8000-{self.n:012d}"
        bad = {
            "rename_other": change_set("project", theirs[0], {"name": "改名"}),
            "tombstone_other_household": change_set("household", self._ids(self.county, Household, other)[0],
                                                    {"deleted": True}, op="delete"),
            "id_number_of_other_household": change_set(
                "household", self._ids(self.county, Household, other)[0], {"id_number": "110101199001011237"}),
            "close_notice": change_set("notice", self.notice, {"status": "closed"}),
            "grade_green": change_set("risk_assessment", self.assessment, {"level": "green", "signed_off": True}),
            "insert_for_other": change_set("project", new, {
                "code": f"X-{self.n}", "name": "冒名", "year": 2020, "level": "市级", "funding_sources": [],
                "township_code": other.node.region_code, "township_name": other.node.name, "stage": "preparation",
                "deleted": False}, op="insert"),
            "move_own_project": change_set("project", mine[0], {"township_code": other.node.region_code}),
            "reply_for_other": change_set("notice_reply", new, {
                "notice_id": self.notice, "township_code": other.node.region_code, "replied_on": "2026-06-10",
                "content": "冒名回复", "attachment_ids": [], "deleted": False}, op="insert"),
        }[what]
        sets = [change_set("project", mine[0], {"note": "夹带的正常更改"}), dict(bad, seq=2)] if mixed else [bad]
        self.n += 1
        path = changes_package(self.root / f"x{self.n}.tdpkg", town, self.county, sets)
        try:
            service.import_package(self.county, path, backup=False)
        except UserError:
            return
        raise AssertionError(f"hostile package accepted: {what} (mixed={mixed})")

    def _county_records(self):
        with self.county.read() as s:
            n, a = s.get(Notice, self.notice), s.get(RiskAssessment, self.assessment)
            return ((n.status, n.deleted, n.township_code, n.closed_on), (a.level, a.signed_off, a.deleted),
                    sorted(s.scalars(select(Notice.id))), sorted(s.scalars(select(RiskAssessment.id))))

    def check(self):
        for t in self.towns:
            self.honest(t)
            theirs, county = _owned(snapshot(t)), _owned(snapshot(self.county, t.node.region_code))
            assert county == theirs, f"{t.node.name}: the county's copy differs from what it sent"
        assert self._county_records() == self.county_before


def _owned(snap: dict) -> dict:
    return {k: {f: v for f, v in row.items() if f not in COUNTY_FIELDS} for k, row in snap.items() if k[0] in OWNED}


@settings(max_examples=size(3, 8), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow, HealthCheck.data_too_large])
@given(steps=st.lists(step, min_size=4, max_size=14))
def test_honest_and_hostile_mixed(network_template, steps):
    """Any mixture of honest and hostile packages (and honest phone edits) from two townships: each owner's
    records at the county, personal numbers included, are exactly what that owner sent, and the county's
    notice and grade are untouched."""
    with tempfile.TemporaryDirectory() as d:
        g = Ground(network_template, Path(d))
        try:
            for s in steps:
                g.run(s)
            g.check()
        finally:
            g.close()
