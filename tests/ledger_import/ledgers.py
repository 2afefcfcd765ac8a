"""Ledgers built the way offices keep them, with every irregularity the importer must handle."""
from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HEAD = ["序号", "项目编号", "项目名称", "实施乡镇", "建设地点", "计划投资（万元）", None, None, "已拨付",
        "旧计划投资", "开工时间", "计划完工\n时间", "工程进度", "受益情况", None, "其中：建档立卡", None, "责任人", "备注"]
SUB = [None, None, None, None, None, "合计", "其中：沪滇资金", "地方配套", None, None, None, None, None,
       "户数", "人数", "户", "人", None, None]

# name, code, township, place, total, hudian, local, disbursed, hidden, start, planned end, progress,
# households, people, poor households, poor people, person, note  — amounts in 万元 as typed
CITY = [
    (" 小中甸镇联合村\n乡村旅游建设项目", None, "小中甸镇", "小中甸镇联合村", "1,690.00", 1690, None, 845.5, 999,
     datetime(2020, 5, 6), "2020年10月30日", 0.5, 57, 306, 26, 107, "和志强", "=HYPERLINK(\"x\")"),
    ("安南村牦牛养殖产业项目", "2020-102-900", "小中甸", "安南村", 620, 600, 20, "300", None,
     "2020.5.10", "2020-10-30", 0.35, "48户", 201, 21, 86, "扎西", None),
    ("尼西乡汤堆村乡村旅游基础设施建设项目", None, "尼西乡", "汤堆村", 480.123456, 480.123456, None, None, None,
     "2020.05.12", "2020年10月底", 1, 63, 260, 19, 75, "卓玛", "已完工"),
]
DISTRICT = [
    ("建塘镇尼史村人居环境提升项目", None, "建塘镇", "尼史村", 35.5, None, None, 10, None,
     None, "2020-10-30", "80%", 112, 455, 30, 118, "王建华", None),
    ("金江镇车轴村产业路项目", None, "金江镇", "车轴村", "待定", None, None, None, None,
     None, "2020-10-30", None, 20, 80, 5, 20, "李文明", None),
]
PAIRING = [
    ("东旺乡跃进村  民宿提升改造项目", None, "东旺乡", "跃进村", "１２０", None, None, None, None,
     "2020-06-01", "2020-05-01", None, 10, 40, 2, 8, "格桑", None),  # completion before start: refused
    ("五境乡霞珠村青稞加工厂建设项目", None, "五境乡", "霞珠村", 88, None, None, 30, None,
     "2020/6/15", "2020-11-30", "主体完工，正在安装设备", 30, 120, 12, 40, "此里", None),
]


def _row(ws, r, item, seq):
    name, code, town, place, total, hudian, local, disb, hidden, start, end, prog, hh, pp, ph, pq, person, note = item
    values = [seq, code, name, town, place, total, hudian, local, disb, hidden, start, end, prog, hh, pp, ph, pq,
              person, note]
    for c, v in enumerate(values, 1):
        if v is not None:
            ws.cell(r, c).value = v
    if isinstance(start, datetime):
        ws.cell(r, 11).number_format = "yyyy-mm-dd"
    if isinstance(note, str) and note.startswith("="):
        ws.cell(r, 19).data_type = "s"


def messy_ledger(path):
    """The county's 2020 ledger: 7 project rows, 2 of them refused; returns the expected figures."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2020年台账"
    ws["A1"] = "2020年香格里拉市沪滇扶贫协作项目推进台账"
    ws["A1"].font = Font(size=16, bold=True)
    ws.merge_cells("A1:S1")
    ws["A2"] = "填报单位：香格里拉市沪滇办　　　单位：万元、户、人　　　截至2020年6月30日"
    ws.merge_cells("A2:S2")
    for c, v in enumerate(HEAD, 1):
        if v:
            ws.cell(3, c).value = v
            ws.cell(3, c).alignment = Alignment(wrap_text=True)
    for c, v in enumerate(SUB, 1):
        if v:
            ws.cell(4, c).value = v
    for col in "ABCDEIJKLMRS":
        ws.merge_cells(f"{col}3:{col}4")
    for rng in ("F3:H3", "N3:O3", "P3:Q3"):
        ws.merge_cells(rng)
    for c in range(1, 20):
        ws.cell(5, c).value = c
    ws.column_dimensions["J"].hidden = True
    ws["A6"], ws["C6"], ws["F6"] = "一", "市级项目（3个）", 2790.123456
    r = 7
    for i, item in enumerate(CITY, 1):
        _row(ws, r, item, i)
        r += 1
    ws.cell(r, 3).value = "小计"
    ws.cell(r, 6).value = 2790.123456  # row 10
    r += 2  # row 11 blank
    ws.cell(r, 1).value = "二、区级项目（2个）"  # row 12
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=19)
    r += 1
    for i, item in enumerate(DISTRICT, 1):
        _row(ws, r, item, i)  # rows 13-14
        r += 1
    ws.cell(r, 1).value = "三、携手奔小康项目"  # row 15
    r += 1
    for i, item in enumerate(PAIRING, 1):
        _row(ws, r, item, i)  # rows 16-17
        r += 1
    ws.cell(r, 1).value = "合计"  # row 18
    ws.cell(r, 6).value = 3033.623456
    ws.cell(r + 1, 1).value = "注：1.计划投资以批复为准；2.进度截至6月30日。"  # row 19
    ws.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=19)
    ws.cell(r + 2, 1).value = "填表人：张三"  # row 20
    ws.cell(r + 2, 10).value = "审核人：李四"
    wb.save(path)
    return {
        "imported": 5, "refused": 2, "data_rows": 7,
        "refused_rows": {14: "F14", 16: "L16"},
        # 1690 + 620 + 480.123456 + 35.5 + 88 万元 → fen (except refused 待定 and 120 rows)
        "planned_fen": 1_690_000_000 + 620_000_000 + 480_123_456 + 35_500_000 + 88_000_000,
    }


def township_ledger(path, rows=None):
    """A township's own ledger in 元: one header row, no township column, a level column, dates typed."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目台账"
    ws.append(["小中甸镇2021年衔接资金项目台账"])
    ws.append(["序号", "名称", "项目层级", "年度", "总投资（元）", "已支出（元）", "开工日期", "完工时间", "进度",
               "责任人", "联系电话", "利益联结机制"])
    rows = rows or [
        (1, "迪吉村  产业路\n硬化项目", "县级", 2021, "1,234,567.89", 1000000, datetime(2021, 4, 1), "2021.9.30",
         "100%", "和文明", 13912345678, "务工就业"),
        (2, "团结村食用菌种植大棚项目", "县级", "2021年", 800000, "200,000.50", "2021年5月3日", None, 0.4,
         "=SUM(A1)", None, "-入股分红"),
        (3, "和平村垃圾收集点建设项目", "县级", 2021, 56000.5, None, 44317, None, None, "@李", None, "+订单收购"),
    ]
    for r in rows:
        ws.append(list(r))
    for r in range(3, 3 + len(rows)):
        for c in (10, 12):
            ws.cell(r, c).data_type = "s"
    ws.append([])
    ws.append(["合计", None, None, None, 2090568.39])
    wb.save(path)
    return {"imported": 3, "planned_fen": 123_456_789 + 80_000_000 + 5_600_050, "spent_fen": 100_000_000 + 20_000_050}
