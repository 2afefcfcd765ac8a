"""Matching ledger rows to projects already held, then writing them in one transaction.

Why match: a clerk imports the same ledger again after fixing refused rows, or imports
last year's file twice; neither may duplicate a project. A row is the same project when
its code matches, else when name + year + township match. Existing projects are only
changed with --update, because the database may be newer than the sheet.
"""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from db.models import Disbursement, Expenditure, FundAllocation, Project, Region
from desktop.core.errors import UserError
from desktop.ledger_import.values import tight
from desktop.values.money import fen_to_yuan_str
from desktop.projects import projects as P
from desktop.projects.fields import PROJECT_FIELDS, check_consistency

NOTE = "Excel台账导入"


def townships(session) -> list[tuple[str, str]]:
    return [(n, c) for n, c in session.execute(select(Region.name, Region.code).where(Region.level == "township"))]


def _unknown_township(session, name: str) -> str:
    """Why a 实施乡镇 is not taken: two townships share that short form (both named), or none bears it."""
    from desktop.regions import lookup

    county_code = session.scalar(select(Region.code).where(Region.level == "county"))
    county = lookup.county_by_code(county_code) if county_code else None
    if county is not None:
        try:
            unit = lookup.resolve_township(name, county, what="实施乡镇")
        except UserError as e:
            return e.message
        return f"实施乡镇“{name}”是{unit.name}，但不在本数据文件夹的区划列表中，请写完整名称 {unit.name}。"
    return f"实施乡镇“{name}”不在区划列表中，请改为正确的乡镇名称，或在导入时指定实施乡镇。"


def township_names_of(session) -> dict[str, list[str]]:
    """Township code → every form of its name (小中甸镇, 小中甸), longest first, to strip from project names."""
    from desktop.regions.names import short_forms

    out: dict[str, list[str]] = {}
    for name, code in townships(session):
        out[code] = sorted({f for f, _ in short_forms(name)}, key=len, reverse=True)
    return out


class SimilarProjects:
    """At the county: a ledger row that is a township's synced project under a longer or shorter name.

    Same year, same township, same planned amount, and the names equal once the place prefix
    (county, township) is removed — or nearly so: equal also without the filler words 项目/工程/建设
    and punctuation. Not a similarity ratio: 一期 and 二期 are different projects."""

    WHY = "年度、乡镇、计划投资相同，名称去掉地名后相同"
    FILLER = re.compile(r"项目|工程|建设|[的（）()《》“”\"'、,，.。\-—]")

    def __init__(self, rows, township_forms: dict[str, list[str]], counties: tuple[str, ...]):
        self.groups: dict[tuple, list] = {}
        for r in rows:
            if r.planned_investment_fen is not None:
                self.groups.setdefault((r.year, r.township_code, r.planned_investment_fen), []).append(r)
        self.township_forms, self.counties = township_forms, sorted(counties, key=len, reverse=True)

    def bare(self, name: str, township_code: str) -> str:
        t = tight(name)
        for prefixes in (self.counties, self.township_forms.get(township_code, [])):
            for p in prefixes:
                if t.startswith(p) and len(t) > len(p) + 1:
                    t = t[len(p):]
                    break
        return t

    def find(self, values: dict):
        key = (values.get("year"), values.get("township_code"), values.get("planned_investment_fen"))
        if None in key:
            return None
        mine = self.bare(values["name"], key[1])
        loose = self.FILLER.sub("", mine)
        hits = [r for r in self.groups.get(key, []) if self.bare(r.name, key[1]) == mine
                or (loose and self.FILLER.sub("", self.bare(r.name, key[1])) == loose)]
        return hits[0] if len(hits) == 1 else None


def county_names(session) -> tuple[str, ...]:
    """The county's names as a 建设地点 cell may start: 香格里拉市 and 香格里拉 (also its prefecture's), and
    its former names from the change events (中甸县, 香格里拉县)."""
    from desktop.regions.history import formers
    from desktop.regions.names import county_short

    out: list[str] = []
    rows = list(session.execute(select(Region.name, Region.code).where(Region.level.in_(("county", "prefecture")))))
    for name, _code in rows:
        out += [name] + ([county_short(name)] if county_short(name) else [])
    codes = {c for _n, c in rows}
    out += [f.name for f in formers() if f.unit.level in ("county", "prefecture") and f.unit.code in codes]
    return tuple(out)


def plan(session, app, ledger, opts) -> None:
    """Set each data row's status: imported (new), existing, updated, or refused with a reason."""
    codes = {name: code for name, code in townships(session)}
    rows = session.execute(select(Project.id, Project.code, Project.name, Project.year, Project.township_code,
                                  Project.township_name, Project.planned_investment_fen)
                           .where(Project.deleted.is_(False))).all()
    by_code = {r.code: r for r in rows}
    similar = SimilarProjects(rows, township_names_of(session), county_names(session))
    by_key = {(tight(r.name), r.year, r.township_code): r for r in rows}
    seen_code, seen_key = {}, {}
    node = app.node
    for res in ledger.rows:
        if res.kind != "data" or res.status in ("skipped", "refused"):
            continue
        v = res.values
        name = v.get("township_name")
        if name:
            code = codes.get(name) or (node.region_code if node and node.role == "township" and name == node.name else None)
            if code is None:
                res.refuse(f"第{res.row}行 " + _unknown_township(session, name))
                continue
        elif node is not None and node.role == "township":
            name, code = node.name, node.region_code
        else:
            res.refuse(f"第{res.row}行 缺少实施乡镇：请在表中加“实施乡镇”列，或在导入时指定实施乡镇。")
            continue
        if node is not None and node.role == "township" and code != node.region_code:
            res.refuse(f"第{res.row}行 实施乡镇“{name}”不是本乡镇（{node.name}），乡镇只能导入本乡镇的项目。")
            continue
        v["township_name"], v["township_code"] = name, code
        key = (tight(v["name"]), v["year"], code)
        first = seen_code.get(v.get("code")) if v.get("code") else None
        first = first or seen_key.get(key)
        if first is not None:
            res.refuse(f"第{res.row}行 与第{first}行是同一项目（{'编号' if v.get('code') in seen_code else '名称、年度、乡镇'}相同），"
                       "请删除重复的一行。")
            continue
        if v.get("code"):
            seen_code[v["code"]] = res.row
        seen_key[key] = res.row
        match = by_code.get(v.get("code")) if v.get("code") else None
        if match is not None and tight(match.name) != key[0]:
            res.refuse(f"第{res.row}行 项目编号“{v['code']}”已被项目“{match.name}”使用，名称不同。请核对编号，或清空编号列让系统编号。")
            continue
        match = match or by_key.get(key)
        linked = None
        if match is None:
            linked = similar.find(v)
            if linked is not None and not opts.link_similar:
                res.status, res.code = "existing", linked.code
                res.reason = (f"与已有项目 {linked.code}“{linked.name}”相同（{SimilarProjects.WHY}），未导入，以免重复计算。"
                              "确认是同一项目后选择“关联已有项目”再导入，将按表格更新该项目；"
                              "不是同一项目请在表中改名后再导入。")
                continue
            match = linked
        if match is None:
            res.status, res.reason = "imported", "新项目"
            continue
        res.code = match.code
        if linked is not None:
            res.link = linked.code  # the township's name stays: it owns the project
        changed = _differences(session.get(Project, match.id), v, keep_name=linked is not None)
        if linked is not None:
            res.status = "updated"  # fields and money (拨付/支出) as the sheet says; the name is kept
            res.reason = f"与已有项目 {linked.code}“{linked.name}”关联（{SimilarProjects.WHY}），按表格更新" + (
                "：" + "、".join(changed) if changed else "金额")
            continue
        if changed and opts.update:
            res.status, res.reason = "updated", "已存在，按表格更新：" + "、".join(changed)
        else:
            res.status = "existing"
            res.reason = f"已存在（编号 {match.code}），未修改" + (
                f"；与系统不同的字段：{'、'.join(changed)}（选择“以表格为准更新已有项目”可更新）" if changed else "")


def _differences(project: Project, values: dict, keep_name: bool = False) -> list[str]:
    skip = ("code", "township_name", "name") if keep_name else ("code", "township_name")
    return [PROJECT_FIELDS[k].label for k, new in values.items()
            if k in PROJECT_FIELDS and k not in skip and getattr(project, k) != new]


def _service_input(values: dict) -> dict:
    data = {k: v for k, v in values.items() if k != "planned_investment_fen"}
    if "planned_investment_fen" in values:
        data["planned_investment_yuan"] = fen_to_yuan_str(values["planned_investment_fen"])
    return data


def write(session, app, ledger, as_of: date) -> None:
    """Create and update through the project services; the change log sees every field."""
    next_numbers: dict[tuple[int, str], int] = {}
    source = f"{NOTE}：{ledger.path.name}"
    for res in ledger.rows:
        if res.status == "imported":
            data = _service_input(res.values)
            if not data.get("code"):
                data["code"] = _next_code(session, next_numbers, data["year"], data["township_code"])
            # Codes are settled above, so the service's look-ups need not flush the previous row's money
            # records first: one flush (and one change-log write) per project instead of two.
            with session.no_autoflush:
                project = P.create_in_session(session, app, data, where=f"{ledger.path.name} 第{res.row}行：")
            res.code = project.code
            _money(session, project, res, as_of, source, new=True)
        elif res.status == "updated":
            project = P.find(session, res.code)
            _update(project, res)
            session.flush()
            _money(session, project, res, as_of, source, new=False)


def _next_code(session, cache: dict, year: int, township_code: str) -> str:
    key = (year, township_code)
    if key not in cache:
        cache[key] = int(P.next_code(session, year, township_code).rsplit("-", 1)[1])
    else:
        cache[key] += 1
    return f"{year}-{township_code[6:9]}-{cache[key]:03d}"


def _update(project: Project, res) -> None:
    current = {name: getattr(project, name) for name in PROJECT_FIELDS}
    keep = ("code", "name") if res.link else ("code",)  # a linked row keeps the township's name
    current.update({k: v for k, v in res.values.items() if k in PROJECT_FIELDS and k not in keep})
    check_consistency(current, f"第{res.row}行 ")
    for name in PROJECT_FIELDS:
        if name != "code" and getattr(project, name) != current[name]:
            setattr(project, name, current[name])


def _money(session, project: Project, res, as_of: date, note: str, new: bool) -> None:
    allocations = res.money.get("allocations") or {}
    if new or not session.scalar(select(FundAllocation.id).where(FundAllocation.project_id == project.id,
                                                                 FundAllocation.deleted.is_(False)).limit(1)):
        for src, fen in allocations.items():
            if fen:
                session.add(FundAllocation(project_id=project.id, source=src, amount_fen=fen, note=note))
    first_source = (project.funding_sources or [None])[0]
    for key, model, date_field in (("disbursed", Disbursement, "paid_on"), ("spent", Expenditure, "spent_on")):
        want = res.money.get(key)
        if not want:
            continue
        have = 0 if new else sum(session.scalars(select(model.amount_fen).where(model.project_id == project.id,
                                                                                 model.deleted.is_(False))))
        if want > have:
            extra = {"source": first_source, "note": note} if model is Disbursement else {"purpose": note}
            session.add(model(project_id=project.id, amount_fen=want - have, **{date_field: as_of}, **extra))
        elif want < have:
            label = "已拨付" if key == "disbursed" else "已支出"
            res.warnings.append(f"表中{label} {fen_to_yuan_str(want)} 元少于系统记录 {fen_to_yuan_str(have)} 元，未修改")


def backup_before(app) -> str | None:
    """A consistent snapshot (VACUUM INTO) before anything is written, listed with the other backups."""
    from desktop.backup.snapshot import make_backup

    backup = make_backup(app, "import")
    return str(backup.path) if backup else None


def refuse_if_strict(ledger, strict: bool) -> None:
    refused = [r for r in ledger.rows if r.status == "refused"]
    if strict and refused:
        first = "；".join(r.reason for r in refused[:3])
        raise UserError(f"文件 {ledger.path.name} 有 {len(refused)} 行不能导入（{first}…）。"
                        "要求整表无误才导入，未写入任何数据；请修正后重新导入。", cli_hint="--strict")
