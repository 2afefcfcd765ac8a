"""The fields a template may use: one list, so the checker, the docs and the renderer agree.

Names are Chinese identifiers (`{{ 项目名称 }}`) because the clerks who write templates read
Chinese; Jinja accepts them. Money comes three ways: 元 figures, 万元 figures, capitals.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    group: str
    example: str = ""
    columns: tuple[tuple[str, str], ...] = ()  # for table fields: (column name, meaning)

    @property
    def is_table(self) -> bool:
        return bool(self.columns)

    def missing_message(self) -> str:
        return f"{self.label}为空" if self.is_table else f"{self.label}未填写"


def _money(prefix: str, label: str, group: str, example_yuan: str, example_wan: str, capitals: str) -> list[Field]:
    return [Field(f"{prefix}元", f"{label}（元，数字）", group, example_yuan),
            Field(f"{prefix}万元", f"{label}（万元，数字）", group, example_wan),
            Field(f"{prefix}大写", f"{label}（大写金额）", group, capitals)]


HOUSEHOLD_COLUMNS = (
    ("序号", "序号"), ("户主姓名", "户主姓名"), ("身份证号", "身份证号（默认隐去中间位）"),
    ("身份证号脱敏", "身份证号（始终隐去中间位，用于公示）"), ("村", "所在村"), ("家庭人口", "家庭人口"),
    ("户类型", "建档立卡户/脱贫户/监测户/一般户"), ("带动方式", "带动方式（分红、务工…）"),
    ("年增收元", "预计年增收（元）"), ("联系电话", "联系电话（隐去中间位）"),
)

FIELDS: list[Field] = [
    Field("项目名称", "项目名称", "项目", "小中甸镇联合村乡村旅游建设项目"),
    Field("项目编号", "项目编号", "项目", "2020-102-001"),
    Field("年度", "项目年度", "项目", "2020"),
    Field("项目层级", "项目层级", "项目", "市级"),
    Field("项目类别", "项目类别", "项目", "乡村旅游"),
    Field("资金来源", "资金来源（用顿号连接）", "项目", "沪滇协作资金、地方配套"),
    Field("项目阶段", "项目阶段", "项目", "在建"),
    Field("实施乡镇", "实施乡镇", "地点与单位", "小中甸镇"),
    Field("乡镇区划代码", "乡镇区划代码", "地点与单位", "533401102000"),
    Field("实施村", "实施村", "地点与单位", "联合村"),
    Field("建设地点", "建设地点（乡镇＋村）", "地点与单位", "小中甸镇联合村"),
    Field("乡镇人民政府", "乡镇人民政府全称", "地点与单位", "小中甸镇人民政府"),
    Field("实施单位", "实施单位", "地点与单位", "小中甸镇人民政府"),
    Field("责任人", "项目责任人", "地点与单位", "和志强"),
    Field("责任人电话", "责任人电话", "地点与单位", "13912345678"),
    Field("支援方", "支援方（帮扶方）", "地点与单位", "上海市闵行区"),
    Field("运营主体", "运营主体", "地点与单位", "联合村股份经济合作社"),
    *_money("计划投资", "计划投资", "资金", "16,900,000.00", "1,690.00", "壹仟陆佰玖拾万元整"),
    *_money("已下达", "已下达资金", "资金", "16,900,000.00", "1,690.00", "壹仟陆佰玖拾万元整"),
    *_money("已拨付", "已拨付资金", "资金", "8,450,000.00", "845.00", "捌佰肆拾伍万元整"),
    *_money("已支出", "已支出资金", "资金", "6,760,000.00", "676.00", "陆佰柒拾陆万元整"),
    *_money("未拨付", "尚未拨付资金", "资金", "8,450,000.00", "845.00", "捌佰肆拾伍万元整"),
    Field("拨付进度", "拨付进度（已拨付/计划投资）", "资金", "50.0%"),
    Field("支出进度", "支出进度（已支出/计划投资）", "资金", "40.0%"),
    Field("资金明细", "资金下达明细", "资金", columns=(
        ("序号", "序号"), ("来源", "资金来源"), ("金额元", "金额（元）"), ("金额万元", "金额（万元）"),
        ("金额大写", "大写金额"), ("下达日期", "下达日期"), ("文号", "下达文号"))),
    Field("拨付记录", "资金拨付记录", "资金", columns=(
        ("序号", "序号"), ("日期", "拨付日期"), ("金额元", "金额（元）"), ("金额万元", "金额（万元）"),
        ("金额大写", "大写金额"), ("来源", "资金来源"), ("凭证号", "凭证号"))),
    Field("开工日期", "开工日期", "日期与进度", "2020年5月3日"),
    Field("计划完工日期", "计划完工日期", "日期与进度", "2020年10月30日"),
    Field("实际完工日期", "实际完工日期", "日期与进度", "2020年10月21日"),
    Field("验收日期", "验收日期", "日期与进度", "2020年12月8日"),
    Field("工程进度", "工程进度", "日期与进度", "85%"),
    Field("工期节点", "倒排工期节点", "日期与进度", columns=(
        ("序号", "序号"), ("节点", "节点名称"), ("计划日期", "计划完成日期"), ("实际日期", "实际完成日期"),
        ("工程进度目标", "工程进度目标"), ("资金进度目标", "资金拨付目标"), ("完成情况", "已完成/未完成/逾期"))),
    Field("预期效益", "预期效益", "带贫", "打造综合体旅游景点，为贫困户提供长效增收"),
    Field("利益联结机制", "利益联结机制", "带贫", "村集体经济股份合作社入股分红＋务工就业"),
    Field("分红比例或金额", "分红比例或金额（项目带贫页填写）", "带贫", "按项目资产的 6% 每年分红"),
    Field("收益期限", "收益期限", "带贫", "2021年至2025年"),
    Field("收益支付时间", "收益支付时间", "带贫", "每年12月31日前"),
    Field("监督方", "协议监督方（未填写时为实施村村民委员会）", "带贫", "联合村村民委员会"),
    Field("协议签订日期", "协议签订日期（中文数字；未填写时为生成当天）", "带贫", "二〇二〇年四月一日"),
    Field("受益户数", "受益户数（项目填报）", "带贫", "57"),
    Field("受益人数", "受益人数（项目填报）", "带贫", "306"),
    Field("建档立卡户数", "带动建档立卡户数（项目填报）", "带贫", "26"),
    Field("建档立卡人数", "带动建档立卡人数（项目填报）", "带贫", "107"),
    Field("名单户数", "受益户名单中的户数", "带贫", "57"),
    Field("名单人数", "受益户名单中的人数", "带贫", "231"),
    Field("名单建档立卡户数", "受益户名单中的建档立卡户数", "带贫", "26"),
    Field("受益户", "受益户名单", "名单", columns=HOUSEHOLD_COLUMNS),
    Field("建档立卡户", "建档立卡户名单（含脱贫户）", "名单", columns=HOUSEHOLD_COLUMNS),
    Field("督办单编号", "督办单编号", "督办整改", "2020年第7号"),
    Field("督办单标题", "督办单标题", "督办整改", "关于加快红色风险项目整改的督办单"),
    Field("督办单下达日期", "督办单下达日期", "督办整改", "2020年9月1日"),
    Field("督办期限", "督办期限", "督办整改", "2020年9月4日"),
    Field("督办内容", "督办内容", "督办整改", "请于期限内报送整改情况及佐证材料。"),
    Field("整改事项", "整改事项", "督办整改", columns=(
        ("序号", "序号"), ("问题", "发现的问题"), ("整改措施", "整改措施"), ("整改期限", "整改期限"),
        ("责任人", "责任人"), ("完成情况", "已完成/整改中"), ("完成日期", "完成日期"))),
    Field("今日", "生成当天日期", "日期", "2020年4月1日"),
    Field("今日中文", "生成当天日期（中文数字）", "日期", "二〇二〇年四月一日"),
    Field("公示截止日期", "公示截止日期（生成当天起7日）", "日期", "2020年4月7日"),
    Field("本单位", "本机单位名称", "日期", "小中甸镇"),
]

# Words clerks use for a field under another name; only for suggesting the right field.
SYNONYMS = [("合同金额", "计划投资"), ("总投资", "计划投资"), ("投资金额", "计划投资"), ("项目金额", "计划投资"),
            ("金额", "计划投资"), ("负责人", "责任人"), ("联系人", "责任人"), ("地址", "建设地点"), ("地点", "建设地点"),
            ("村名", "实施村"), ("乡镇名称", "实施乡镇"), ("镇政府", "乡镇人民政府"), ("日期", "今日"),
            ("帮扶单位", "支援方"), ("帮扶方", "支援方"), ("合作社", "运营主体"), ("贫困户", "建档立卡户")]

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
TABLE_FIELDS: dict[str, Field] = {f.name: f for f in FIELDS if f.is_table}
# Names Jinja itself provides inside loops; never "unknown".
JINJA_NAMES = frozenset({"loop"})


def catalogue_rows() -> list[dict]:
    """The catalogue as plain data for `template fields --json` and the GUI."""
    return [{"name": f.name, "label": f.label, "group": f.group, "example": f.example,
             "table": f.is_table, "columns": [{"name": c, "label": lab} for c, lab in f.columns]}
            for f in FIELDS]
