"""Who may write what: the owner rule of every synced table, enforced on import before anything is applied.

Why: the conflict rule alone decided nothing when no conflict was seen, and a sender chooses its own
`seen`, so a township could write anything. Here every change set from a township is checked
against the state the county holds (and what earlier change sets of the same package did):
- a township owns its projects and everything under them, its households, its notice replies (to
  notices addressed to it) and its own local templates, by region code;
- the county owns notices, risk assessments, checklist standards and items, county templates, and on
  a project the fields `risk_level` and `disposition` (the grade it sets);
- a record with no region (an attachment of a reply) belongs to the node that created it.
A change set outside the sender's rights refuses the whole package (an honest program never makes
one). A township's value for a county field of its own project is left out, and the report says so
per record. A new standard, standard item or county template sent by a township (its copy of a
shipped one) is not taken, only counted. The county's own packages are not checked here: it is the authority.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from db import bulk
from db.models import SYNCED_MODELS, Asset, Attachment, Household, Notice, Project, ProjectDocument
from db.models.asset import OWNERS as ASSET_OWNERS
from desktop.sync.changes import canonical, to_plain

COUNTY_TABLES = frozenset({"notice", "risk_assessment", "checklist_standard", "checklist_item", "terms_file"})
COUNTY_FIELDS = {"project": frozenset({"risk_level", "disposition"})}
COUNTY = "county"
SHIPPED_KIND = frozenset({"checklist_standard", "checklist_item", "template"})
RULES = {  # table → the rule, as the import report and docs/package-format.md state it
    "project": "项目属于其所在乡镇（township_code）；风险等级和处置方式由县级确定",
    "household": "受益户属于其所在乡镇（township_code）",
    "notice_reply": "督办回复属于回复的乡镇，且只能回复发给本乡镇的督办单",
    "notice": "督办单由县级下发，乡镇只能写回复",
    "risk_assessment": "风险评估由县级确定",
    "checklist_standard": "资料清单标准由县级下发",
    "checklist_item": "资料清单标准由县级下发",
    "template": "县级下发的模板属于县级；乡镇自己的模板属于该乡镇",
    "attachment": "附件属于它所在项目的乡镇；不属于项目的附件属于创建它的一方",
    "asset": "项目资产属于形成它的项目所在乡镇（township_code）",
    "asset_source": "资产的形成项目须与资产属于同一乡镇",
    "library_transition": "项目库的申报、乡审核、实施由乡镇办理；县审定、入库、退回由县级办理",
    "terms_file": "用语文件由县级下发",
}
CHILD_RULE = "项目下的记录属于项目所在的乡镇"
OWNER_COLUMNS = {"project": ("township_code",), "household": ("township_code",),
                 "notice_reply": ("township_code", "notice_id"), "template": ("source", "scope_code"),
                 "attachment": ("project_id", "document_id"), "benefit_link": ("project_id", "household_id"),
                 "rectification": ("project_id", "notice_id"), "asset": ("township_code",),
                 "asset_source": ("project_id", "asset_id"), "library_transition": ("project_id", "state")}


@dataclass
class Verdict:
    refused: list = field(default_factory=list)   # (table, record id, rule): the package is refused
    dropped: list = field(default_factory=list)   # (table, record id, field, rule): field left out
    shipped: int = 0                              # shipped records a township sent: not taken


class Checker:
    """Walks a township's change sets in order, keeping what earlier ones made of each record."""

    def __init__(self, session, sender):
        self.s, self.sender, self.code = session, sender, sender.region_code
        self.pending: dict[tuple, dict] = {}   # (table, id) → owner values after earlier change sets
        self.created: set[str] = set()        # records this package inserts
        self.verdict = Verdict()

    def run(self, sets: list[dict]) -> Verdict:
        self._prefetch(sets)
        for cs in sets:
            self._one(cs)
        return self.verdict

    def _one(self, cs: dict) -> None:
        table, rid = cs["table"], cs["id"]
        model = SYNCED_MODELS[table]
        current = self._values(table, model, rid)
        if current is not None and not self._changes(model, rid, cs):
            return  # a no-op (the same values the county holds) writes nothing
        before = None if current is None else self._owner(table, current, rid)
        after_values = {**(current or {}), **cs["fields"]}
        after = self._owner(table, after_values, rid, new=current is None)
        if current is None and table == "template" and _shipped_template(rid, cs["fields"]):
            self.pending[(table, rid)] = {k: after_values.get(k) for k in _cols(table, model)}
            return  # exactly a template this program ships: the county would create the same record
        if current is None and after == COUNTY and table in SHIPPED_KIND:
            cs["_shipped"] = True  # a township's copy of a shipped standard or template: not taken
            self.verdict.shipped += 1
            return
        if before not in (None, self.code) or after != self.code:
            self.verdict.refused.append((table, rid, RULES.get(table, CHILD_RULE)))
            return
        for f in COUNTY_FIELDS.get(table, ()):
            if f in cs["fields"] and (current is None and cs["fields"][f] is not None
                                      or current is not None and self._differs(model, rid, f, cs["fields"][f])):
                del cs["fields"][f]
                self.verdict.dropped.append((table, rid, f, RULES[table]))
        if current is None:
            self.created.add(rid)
        self.pending[(table, rid)] = {k: after_values.get(k) for k in _cols(table, model)}

    # -- owner of a record -----------------------------------------------------------------

    def _owner(self, table: str, v: dict, rid: str, new: bool = False):
        if table in COUNTY_TABLES:
            return COUNTY
        if table == "template":
            return v.get("scope_code") if v.get("source") == "local" else COUNTY
        if table in ("project", "household", "asset"):
            return v.get("township_code")
        if table == "asset_source":
            asset = self._values("asset", Asset, v.get("asset_id")) if v.get("asset_id") else None
            owner = self._project_owner(v.get("project_id"))
            return owner if asset and asset.get("township_code") == owner else None
        if table == "library_transition" and ASSET_OWNERS[table].get(v.get("state")) != "township":
            return COUNTY  # 县审定/入库/退回 (or an unknown state): only the county decides
        if table == "notice_reply":
            notice = self._values("notice", Notice, v.get("notice_id")) if v.get("notice_id") else None
            ok = notice is not None and notice.get("township_code") == v.get("township_code")
            return v.get("township_code") if ok else None
        if table == "benefit_link":
            household = self._values("household", Household, v.get("household_id")) if v.get("household_id") else None
            owner = self._project_owner(v.get("project_id"))
            return owner if household and household.get("township_code") == owner else None
        if table == "rectification" and v.get("notice_id"):
            notice = self._values("notice", Notice, v["notice_id"])
            if notice is None or notice.get("township_code") != self._project_owner(v.get("project_id")):
                return None
        if table == "attachment" and not v.get("project_id"):
            if v.get("document_id"):
                doc = self._values("project_document", ProjectDocument, v["document_id"])
                return self._project_owner(doc.get("project_id")) if doc else None
            return self.code if (new or rid in self.created or self._origin(rid) == self.sender.id) else COUNTY
        return self._project_owner(v.get("project_id"))

    def _project_owner(self, project_id):
        p = self._values("project", Project, project_id) if project_id else None
        return p.get("township_code") if p else None

    def _origin(self, rid: str):
        return self.s.scalar(select(Attachment.origin_node).where(Attachment.id == rid))

    def _prefetch(self, sets: list[dict]) -> None:
        """Load the records the package touches, a batch at a time (one query per record is too slow)."""
        by_table: dict[str, list] = {}
        for cs in sets:
            by_table.setdefault(cs["table"], []).append(cs["id"])
        self.held: dict[tuple, dict | None] = {}
        conn = self.s.connection()
        for table, ids in by_table.items():
            model = SYNCED_MODELS[table]
            cols = _cols(table, model)
            for row in bulk.rows_by_ids(conn, model.__table__, [model.__table__.c[c] for c in cols], ids):
                self.held[(table, row[0])] = dict(zip(cols, row[1:]))
            for rid in ids:
                self.held.setdefault((table, rid), None)

    def _values(self, table: str, model, rid) -> dict | None:
        """The owner columns of a record: as earlier change sets left it, else as the county holds it."""
        if (table, rid) in self.pending:
            return self.pending[(table, rid)]
        if (table, rid) in self.held:
            return self.held[(table, rid)]
        cols = _cols(table, model)
        row = self.s.execute(select(model.id, *[getattr(model, c) for c in cols]).where(model.id == rid)).first()
        return None if row is None else dict(zip(cols, row[1:]))

    def _changes(self, model, rid: str, cs: dict) -> bool:
        obj = self.s.get(model, rid)
        if obj is None:  # made by an earlier change set of this package
            return True
        return any(canonical(to_plain(getattr(obj, f))) != canonical(v) for f, v in cs["fields"].items())

    def _differs(self, model, rid: str, f: str, value) -> bool:
        obj = self.s.get(model, rid)
        return obj is None or canonical(to_plain(getattr(obj, f))) != canonical(value)


def _shipped_template(rid: str, fields: dict) -> bool:
    from desktop.templates.library import shipped_templates

    known = shipped_templates().get(rid)
    return known is not None and fields.get("source") == "builtin" and (fields.get("name"), fields.get("sha256")) == known


def _cols(table: str, model) -> tuple:
    if table == "notice":
        return ("township_code",)
    return OWNER_COLUMNS.get(table, ("project_id",) if hasattr(model, "project_id") else ())


def check(session, sender, sets: list[dict]) -> Verdict:
    """The verdict on a package's change sets; a county sender is not restricted."""
    if sender.role != "township":
        return Verdict()
    return Checker(session, sender).run(sets)
