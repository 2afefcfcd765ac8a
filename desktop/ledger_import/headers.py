"""Finding the columns of a ledger by the words offices put in their headers.

Offices title the same column differently (项目名称 / 名称, 计划投资 / 总投资 / 投资额) and
split headers over two merged rows (受益情况 → 户数 | 人数). A column's header is the pair
(group, sub); we try the most specific synonym first so 支出进度 never lands in 支出.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.ledger_import.values import tight

# Targets beyond the project fields: read but stored elsewhere, or not stored.
EXTRA_TARGETS = {
    "seq": "序号", "disbursed": "已拨付", "spent": "已支出", "alloc": "资金构成（按来源）",
    "content": "建设内容", "problems": "存在问题", "progress_text": "进展情况", "ignore": "忽略",
}

# (target, exact synonyms, contained synonyms); tried in this order, longest words first.
SYNONYMS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("ignore", ("支出进度", "资金支出进度", "拨付进度", "支出率", "拨付率", "资金到位率"),
     ("支出进度", "拨付进度", "支出率", "拨付率", "到位率")),
    ("seq", ("序号", "序", "排序", "编号序号"), ()),
    ("code", ("项目编号", "项目代码", "项目库编号", "入库编号", "编号", "项目编码"), ("项目编号", "项目代码")),
    ("name", ("项目名称", "名称", "项目", "项目名", "项目名称及内容"), ("项目名称",)),
    ("year", ("年度", "年份", "项目年度", "实施年度", "计划年度", "下达年度", "批次年度"), ("年度",)),
    ("level", ("项目层级", "层级", "项目级别", "级别", "项目等级"), ("层级", "级别")),
    ("category", ("项目类别", "类别", "项目类型", "类型", "建设类型", "产业类型", "项目性质"), ("类别", "类型")),
    ("township_name", ("实施乡镇", "乡镇", "乡", "镇", "所属乡镇", "乡镇(街道)", "乡镇名称", "项目乡镇",
                       "乡镇街道"), ("乡镇",)),
    ("village", ("实施村", "村", "村(社区)", "行政村", "实施村组", "建设地点", "项目地点", "实施地点",
                 "项目实施地点", "项目建设地点", "所在村"), ("建设地点", "实施地点", "项目地点")),
    ("funding_sources", ("资金来源", "资金性质", "资金类别", "资金渠道", "资金类型"), ()),
    ("disbursed", ("已拨付", "拨付资金", "资金拨付", "累计拨付", "拨付金额", "已拨付资金", "拨付", "已拨资金"),
     ("拨付",)),
    ("spent", ("完成投资", "已完成投资", "累计完成投资", "已支出", "支出金额", "累计支出", "资金支出", "已使用资金", "支出", "报账金额", "已报账"),
     ("支出", "报账", "完成投资")),
    ("planned_investment_fen", ("计划投资", "总投资", "投资额", "计划总投资", "项目总投资", "投资规模", "资金规模",
                                "项目资金", "下达资金", "计划安排资金", "帮扶资金", "投资金额", "总投资额",
                                "项目投资", "安排资金", "资金总额"), ("投资", "安排资金", "资金规模", "下达资金")),
    ("start_date", ("开工时间", "开工日期", "开工", "实际开工时间", "开工时限", "计划开工时间"), ("开工",)),
    ("planned_completion_date", ("计划完工时间", "计划完工日期", "计划完工", "完工时限", "计划竣工时间",
                                 "计划竣工", "完成时限", "计划完成时间"), ("计划完工", "计划竣工", "完工时限")),
    ("actual_completion_date", ("实际完工时间", "完工时间", "竣工时间", "完工日期", "实际完工", "竣工日期"),
     ("实际完工", "完工时间", "竣工时间", "完工日期")),
    ("acceptance_date", ("验收时间", "验收日期"), ("验收时间", "验收日期")),
    ("works_progress_pct", ("工程进度", "项目进度", "形象进度", "建设进度", "完成进度", "工程形象进度", "进度",
                            "完成比例"), ("形象进度", "工程进度", "建设进度")),
    ("progress_text", ("进展情况", "推进情况", "项目进展", "实施进展", "目前进展"), ("进展",)),
    ("stage", ("项目状态", "建设状态", "项目阶段", "阶段", "实施状态", "状态"), ("状态", "阶段")),
    ("poor_households", ("带动建档立卡户数", "建档立卡户", "建档立卡户数", "脱贫户", "脱贫户数", "贫困户",
                         "贫困户数", "监测户", "带贫户数"), ()),
    ("poor_people", ("带动建档立卡人数", "建档立卡人数", "建档立卡人口", "脱贫人口", "脱贫人数", "贫困人口",
                     "贫困人数", "带贫人数"), ()),
    ("beneficiary_households", ("受益户数", "受益农户", "受益户", "带动农户", "带动户数", "惠及户数", "覆盖户数"),
     ("受益户", "带动户")),
    ("beneficiary_people", ("受益人数", "受益人口", "受益群众", "带动人数", "惠及人数", "受益人"), ("受益人",)),
    ("benefit_mechanism", ("利益联结机制", "联农带农机制", "带贫机制", "利益联结", "带贫方式", "联农带农方式",
                           "联农带农"), ("利益联结", "带贫机制", "联农带农")),
    ("expected_benefit", ("预期效益", "绩效目标", "预期收益", "效益"), ("预期效益", "绩效目标")),
    ("implementing_unit", ("实施单位", "项目实施单位", "业主单位", "建设单位", "实施主体", "项目业主",
                           "主管部门", "行业主管部门"), ("实施单位", "业主单位", "主管部门")),
    ("responsible_person", ("责任人", "项目负责人", "负责人", "联系人", "项目责任人", "包保责任人"),
     ("责任人", "负责人")),
    ("responsible_phone", ("联系电话", "电话", "联系方式", "手机", "手机号码"), ("电话",)),
    ("supporting_party", ("支援方", "帮扶方", "结对单位", "援建单位", "帮扶单位", "支援单位", "结对帮扶单位"),
     ("帮扶单位", "结对单位", "支援方")),
    ("operating_entity", ("运营主体", "经营主体", "运营单位", "管护主体"), ("运营主体", "经营主体")),
    ("risk_level", ("风险等级", "风险级别", "风险", "风险评级"), ("风险等级",)),
    ("joint_account", ("共管账户", "是否设立共管账户", "设立共管账户"), ("共管账户",)),
    ("assets_registered", ("资产确权", "是否确权", "确权登记", "资产确权登记"), ("确权",)),
    ("content", ("建设内容", "建设内容及规模", "建设规模", "项目内容", "主要建设内容"), ("建设内容",)),
    ("problems", ("存在问题", "存在的问题", "问题"), ("存在问题",)),
    ("note", ("备注", "说明"), ()),
]

# Amount columns split by funding source under a group like 资金来源 / 计划投资 / 其中.
SOURCE_WORDS = [
    ("沪滇协作资金", ("沪滇", "上海帮扶", "东西部协作", "东西部扶贫协作", "协作资金")),
    ("苏陕协作资金", ("苏陕",)), ("粤桂协作资金", ("粤桂",)),
    ("衔接推进乡村振兴补助资金", ("衔接",)), ("统筹整合涉农资金", ("整合",)),
    ("携手奔小康资金", ("携手奔小康",)), ("村企结对资金", ("村企结对",)),
    ("社会捐赠", ("捐赠", "捐款")), ("地方配套", ("配套", "自筹", "地方财政", "本级财政")),
    ("其他", ("其他", "其它")),
]
MONEY_TARGETS = ("planned_investment_fen", "disbursed", "spent")
TOTAL_WORDS = ("合计", "小计", "总计", "计", "总额", "金额", "总投资")


@dataclass
class Column:
    index: int  # 0-based
    letter: str
    group: str
    sub: str
    target: str | None = None
    unit: str | None = None  # 万元 | 元 for money columns
    source: str | None = None  # funding source of an allocation column
    hidden: bool = False
    mapped_by: str = "synonym"  # synonym | map | none
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        if self.group and self.sub and self.group != self.sub:
            return f"{self.group}/{self.sub}"
        return self.group or self.sub or f"列{self.letter}"


def strip_units(text: str) -> tuple[str, str | None]:
    """'计划投资（万元）' → ('计划投资', '万元'); bracketed notes, units and 其中: are dropped."""
    t = tight(text)
    unit = "万元" if "万元" in t else ("元" if re.search(r"(\(|单位:?|/)元", t) else None)
    t = re.sub(r"\([^()]*\)?", "", t)
    t = re.sub(r"^其中:?", "", t)
    t = re.sub(r"(单位)?:?/?(万元|元)$", "", t)
    return t.strip(":、/"), unit


def match_words(text: str) -> str | None:
    """The target whose synonym matches this header text, most specific first."""
    if not text:
        return None
    for target, exact, _ in SYNONYMS:
        if text in exact:
            return target
    best, best_len = None, 0
    for target, _, contained in SYNONYMS:
        for word in contained:
            if word in text and len(word) > best_len:
                best, best_len = target, len(word)
    return best


def source_of(text: str) -> str | None:
    for name, words in SOURCE_WORDS:
        if any(w in text for w in words):
            return name
    return None


def classify(group_raw: str, sub_raw: str) -> tuple[str | None, str | None, str | None]:
    """(target, unit, funding source) for a column headed group/sub."""
    group, gunit = strip_units(group_raw)
    sub, sunit = strip_units(sub_raw)
    unit = sunit or gunit
    if not sub or sub == group:
        target = match_words(group)
        if target is None and source_of(group) and ("资金" in group or "其中" in tight(group_raw)):
            return "alloc", unit, source_of(group)
        return target, unit, None
    gtarget = match_words(group)
    if gtarget in MONEY_TARGETS and sub in TOTAL_WORDS:
        return gtarget, unit, None
    if gtarget in ("planned_investment_fen", "funding_sources", None) and source_of(sub) \
            and (gtarget or "资金" in group or "投资" in group):
        return "alloc", unit, source_of(sub)
    benefit = _benefit(group, sub)
    if benefit:
        return benefit, unit, None
    combined = match_words(group + sub)
    if combined and combined != gtarget:
        return combined, unit, None
    own = match_words(sub)
    if own:
        return own, unit, None
    if gtarget in ("start_date", "planned_completion_date", "actual_completion_date"):
        return gtarget, unit, None
    return gtarget if sub in TOTAL_WORDS else None, unit, None


def _benefit(group: str, sub: str) -> str | None:
    text = group + sub
    if not any(w in text for w in ("受益", "带动", "联农", "惠及", "覆盖", "建档立卡", "脱贫", "贫困", "监测")):
        return None
    poor = any(w in sub for w in ("建档立卡", "脱贫", "贫困", "监测")) or (
        not any(w in sub for w in ("受益", "农户", "群众")) and any(w in group for w in ("建档立卡", "脱贫", "贫困")))
    if sub.endswith("户数") or sub.endswith("户") or sub in ("户", "户数"):
        return "poor_households" if poor else "beneficiary_households"
    if sub.endswith("人数") or sub.endswith("人口") or sub.endswith("人") or sub in ("人", "人数"):
        return "poor_people" if poor else "beneficiary_people"
    return None


def header_score(row: tuple, hints: dict | None = None) -> int:
    """How many cells of a row read like column titles; a header row must have a name column.

    hints come from --map: titles (or a column letter's index) the clerk said are columns.
    """
    hints = hints or {}
    keys, name_keys, name_index = hints.get("keys", set()), hints.get("name_keys", set()), hints.get("name_index")
    has_name, score = False, 0
    for i, v in enumerate(row):
        if not isinstance(v, str) or not 0 < len(tight(v)) <= 20:
            continue
        t = tight(v)
        target = classify(str(v), "")[0]
        if target == "name":
            has_name = True
        elif t in name_keys or strip_units(v)[0] in name_keys or i == name_index:
            has_name, score = True, score + 1  # the clerk named this column: trust the row
        if target or t in keys or strip_units(v)[0] in keys or i == name_index:
            score += 1
    return score if has_name else 0


def is_column_number_row(row: tuple) -> bool:
    """The row of 1 2 3 4 … some offices put under the header."""
    values = [v for v in row if v is not None and tight(v) != ""]
    if len(values) < 3:
        return False
    try:
        numbers = [int(tight(v)) for v in values]
    except ValueError:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
