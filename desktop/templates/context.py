"""The data one project fills a template with: plain dicts and strings only.

Why plain data: the sandboxed renderer hands templates nothing but these dicts, so a
template can never reach an ORM object, a session or a method. Missing facts are
recorded in `missing` (for the preview) and printed as a blank line to fill by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    BenefitLink, Disbursement, Expenditure, FundAllocation, Household, Milestone, Notice, Project, Rectification,
)
from desktop.values.money import fen_to_capitals, fen_to_wan_str, fen_to_yuan_display
from desktop.privacy.masking import mask_id, mask_phone
from desktop.projects.fields import STAGE_LABELS
from desktop.templates.catalogue import FIELDS
from desktop.terms.words import poor_status_labels, refresh_in_force

class Blank(str):
    """A missing fact: prints as a line to fill in by hand, but is false in {% if 支援方 %}."""

    def __bool__(self) -> bool:
        return False


BLANK = Blank("________")
_CN_DIGITS = "〇一二三四五六七八九"
_POOR_RANK = {"registered_poor": 0, "lifted": 1, "monitored": 2, "ordinary": 3}


@dataclass
class ProjectData:
    values: dict
    missing: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def cn_date(d: date | None) -> str:
    """2020-04-01 → 2020年4月1日 (the form official documents use)."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _cn_small(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("十" if tens == 1 else _CN_DIGITS[tens] + "十") + (_CN_DIGITS[ones] if ones else "")


def cn_date_words(d: date | None) -> str:
    """2020-04-01 → 二〇二〇年四月一日 (the form contracts are dated in)."""
    if not d:
        return ""
    return "".join(_CN_DIGITS[int(c)] for c in str(d.year)) + f"年{_cn_small(d.month)}月{_cn_small(d.day)}日"


def _pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else ""


def _money(prefix: str, fen: int) -> dict:
    return {f"{prefix}元": fen_to_yuan_display(fen), f"{prefix}万元": fen_to_wan_str(fen),
            f"{prefix}大写": fen_to_capitals(fen)}


def _households(s: Session, project_id: str, show_ids: bool) -> list[dict]:
    rows = s.execute(select(Household, BenefitLink).join(BenefitLink, BenefitLink.household_id == Household.id)
                     .where(BenefitLink.project_id == project_id, BenefitLink.deleted.is_(False),
                            Household.deleted.is_(False))).all()
    rows.sort(key=lambda r: (_POOR_RANK.get(r[0].poor_status, 9), r[0].created_at, r[0].id))
    out = []
    for i, (h, link) in enumerate(rows, 1):
        out.append({"序号": i, "户主姓名": h.head_name, "身份证号": (h.id_number if show_ids else mask_id(h.id_number)) or "",
                    "身份证号脱敏": mask_id(h.id_number) or "", "村": h.village or "", "家庭人口": h.members,
                    "户类型": poor_status_labels().get(h.poor_status, h.poor_status), "带动方式": link.mechanism,
                    "年增收元": fen_to_yuan_display(link.annual_income_fen), "联系电话": mask_phone(h.phone) or "",
                    "_poor": h.poor_status in ("registered_poor", "lifted")})
    return out


def _milestones(s: Session, p: Project, today: date) -> list[dict]:
    rows = s.scalars(select(Milestone).where(Milestone.project_id == p.id, Milestone.deleted.is_(False))
                     .order_by(Milestone.sort_order, Milestone.planned_date))
    out = []
    for i, m in enumerate(rows, 1):
        state = "已完成" if m.actual_date else ("逾期未完成" if m.planned_date < today else "未到期")
        out.append({"序号": i, "节点": m.name, "计划日期": cn_date(m.planned_date), "实际日期": cn_date(m.actual_date),
                    "工程进度目标": f"{m.planned_works_pct}%", "资金进度目标": f"{m.planned_money_pct}%", "完成情况": state})
    return out


def _money_tables(s: Session, p: Project) -> tuple[list[dict], list[dict], int, int, int]:
    allocs = s.scalars(select(FundAllocation).where(FundAllocation.project_id == p.id,
                                                    FundAllocation.deleted.is_(False))
                       .order_by(FundAllocation.allocated_on, FundAllocation.created_at)).all()
    pays = s.scalars(select(Disbursement).where(Disbursement.project_id == p.id, Disbursement.deleted.is_(False))
                     .order_by(Disbursement.paid_on, Disbursement.created_at)).all()
    spent = sum(s.scalars(select(Expenditure.amount_fen).where(Expenditure.project_id == p.id,
                                                              Expenditure.deleted.is_(False))))
    alloc_rows = [{"序号": i, "来源": a.source, **_money("金额", a.amount_fen), "下达日期": cn_date(a.allocated_on),
                   "文号": a.document_no or ""} for i, a in enumerate(allocs, 1)]
    pay_rows = [{"序号": i, "日期": cn_date(d.paid_on), **_money("金额", d.amount_fen), "来源": d.source or "",
                 "凭证号": d.voucher_no or ""} for i, d in enumerate(pays, 1)]
    return (alloc_rows, pay_rows, sum(a.amount_fen for a in allocs), sum(d.amount_fen for d in pays), spent)


def _oversight(s: Session, p: Project) -> dict:
    notices = s.scalars(select(Notice).where(Notice.township_code == p.township_code, Notice.deleted.is_(False))
                        .order_by(Notice.issued_on.desc())).all()
    notice = next((n for n in notices if p.id in (n.project_ids or [])), None)
    recs = s.scalars(select(Rectification).where(Rectification.project_id == p.id, Rectification.deleted.is_(False))
                     .order_by(Rectification.deadline, Rectification.created_at)).all()
    out = {"督办单编号": f"{notice.year}年第{notice.number}号" if notice else "",
           "督办单标题": notice.title if notice else "", "督办单下达日期": cn_date(notice.issued_on) if notice else "",
           "督办期限": cn_date(notice.deadline) if notice else "", "督办内容": (notice.content or "") if notice else ""}
    out["整改事项"] = [{"序号": i, "问题": r.issue, "整改措施": r.measure or "", "整改期限": cn_date(r.deadline),
                    "责任人": r.responsible or "", "完成情况": "已完成" if r.status == "done" else "整改中",
                    "完成日期": cn_date(r.completed_on)} for i, r in enumerate(recs, 1)]
    return out


def supervisor(p: Project) -> str:
    """监督方 of an agreement: as entered, else the village committee — never 甲方 (the implementing unit)."""
    if p.agreement_supervisor:
        return p.agreement_supervisor
    if p.village:
        return f"{p.village}村民委员会"
    return ""


def build(session: Session, p: Project, *, today: date, show_ids: bool = False, office: str = "") -> ProjectData:
    """Everything the catalogue names, for project `p`, as of `today`."""
    refresh_in_force(session)  # 户类型 and notes in the words the county sent down
    allocs, pays, allocated, disbursed, spent = _money_tables(session, p)
    households = _households(session, p.id, show_ids)
    poor = [dict(h) for h in households if h["_poor"]]
    for i, h in enumerate(poor, 1):
        h["序号"] = i
    for h in households + poor:
        h.pop("_poor")
    place = (p.township_name or "") + (p.village or "")
    v = {
        "项目名称": p.name, "项目编号": p.code, "年度": str(p.year), "项目层级": p.level,
        "项目类别": p.category or "", "资金来源": "、".join(p.funding_sources or []),
        "项目阶段": STAGE_LABELS.get(p.stage, p.stage), "实施乡镇": p.township_name, "乡镇区划代码": p.township_code,
        "实施村": p.village or "", "建设地点": place, "乡镇人民政府": f"{p.township_name}人民政府",
        "实施单位": p.implementing_unit or "", "责任人": p.responsible_person or "",
        "责任人电话": p.responsible_phone or "", "支援方": p.supporting_party or "", "运营主体": p.operating_entity or "",
        **_money("计划投资", p.planned_investment_fen), **_money("已下达", allocated), **_money("已拨付", disbursed),
        **_money("已支出", spent), **_money("未拨付", max(p.planned_investment_fen - disbursed, 0)),
        "拨付进度": _pct(disbursed, p.planned_investment_fen), "支出进度": _pct(spent, p.planned_investment_fen),
        "资金明细": allocs, "拨付记录": pays,
        "开工日期": cn_date(p.start_date), "计划完工日期": cn_date(p.planned_completion_date),
        "实际完工日期": cn_date(p.actual_completion_date), "验收日期": cn_date(p.acceptance_date),
        "工程进度": f"{p.works_progress_pct}%", "工期节点": _milestones(session, p, today),
        "预期效益": p.expected_benefit or "", "利益联结机制": p.benefit_mechanism or "",
        "分红比例或金额": p.benefit_share or "", "收益期限": p.benefit_period or "",
        "收益支付时间": p.benefit_payment_time or "", "监督方": supervisor(p),
        "协议签订日期": cn_date_words(p.agreement_date or today),
        "受益户数": str(p.beneficiary_households), "受益人数": str(p.beneficiary_people),
        "建档立卡户数": str(p.poor_households), "建档立卡人数": str(p.poor_people),
        "名单户数": str(len(households)), "名单人数": str(sum(h["家庭人口"] for h in households)),
        "名单建档立卡户数": str(len(poor)), "受益户": households, "建档立卡户": poor,
        **_oversight(session, p),
        "今日": cn_date(today), "今日中文": cn_date_words(today),
        "公示截止日期": cn_date(today + timedelta(days=6)), "本单位": office or p.township_name,
    }
    data = ProjectData(values=v)
    for f in FIELDS:
        if v.get(f.name) in ("", None, []):
            data.missing.add(f.name)
            if not f.is_table:
                v[f.name] = BLANK
    if p.planned_investment_fen == 0:
        data.missing.update({"计划投资元", "计划投资万元", "计划投资大写"})
    if households and len(households) != p.beneficiary_households:
        data.notes.append(f"受益户名单有 {len(households)} 户，与项目填报的受益户数 {p.beneficiary_households} 户不一致")
    if poor and len(poor) != p.poor_households:
        data.notes.append(f"名单中{poor_status_labels()['registered_poor']} {len(poor)} 户，与项目填报的 {p.poor_households} 户不一致")
    return data
