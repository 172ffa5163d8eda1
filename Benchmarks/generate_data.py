#!/usr/bin/env python3
"""Generates the reader benchmark's data into Benchmarks/data/ (git-ignored).

  big.xlsx   one sheet, 200,000 rows x 10 columns: shared strings from a pool of
             ~1,000 Chinese and ASCII strings, integers, floats, dates (date formats).
  units/     2,000 small 项目支出绩效自评表 workbooks, as units send them: title rows,
             a header block, a funds block, an indicator table of 15-30 rows, merged
             cells and a 总分 row, with a slightly different layout in each. Three in
             four are written by xlsxwriter, one in four by openpyxl (two producers).

Deterministic (fixed seeds): the cells are the same on every run (and the xlsxwriter
files byte for byte; openpyxl stamps its zip entries with the time). Files that
already exist are kept; --force rewrites them.

Usage: generate_data.py [--force] [--out DIR] [--rows N] [--units N]
"""

import argparse
import datetime
import os
import random
import sys
import time

try:
    import xlsxwriter
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(
        f"generate_data.py: missing Python package ({error.name}).\n"
        "Install the benchmark's packages with:\n"
        "    pip install xlsxwriter openpyxl python-calamine"
    )

HERE = os.path.dirname(os.path.abspath(__file__))
# The creation time written into docProps/core.xml, so that reruns give the same bytes.
FIXED_TIME = datetime.datetime(2024, 3, 1, 9, 0, 0)

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

PROVINCES = ["北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏",
             "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
             "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"]
PLACES = ["东城", "西城", "朝阳", "海淀", "丰台", "石景山", "通州", "顺义", "昌平", "大兴",
          "怀柔", "平谷", "密云", "延庆", "房山", "门头沟", "城关", "高新", "经开", "滨海"]
DEPARTMENTS = ["财政局", "教育局", "卫生健康委员会", "民政局", "人力资源和社会保障局", "农业农村局",
               "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "文化和旅游局", "科学技术局",
               "市场监督管理局", "应急管理局", "自然资源局", "公安局", "司法局", "审计局",
               "统计局", "商务局", "园林绿化局", "体育局", "退役军人事务局", "医疗保障局"]
UNITS = ["中心", "服务中心", "管理处", "事务中心", "信息中心", "第一中学", "实验小学", "人民医院",
         "疾病预防控制中心", "档案馆", "图书馆", "培训中心", "监测站", "执法大队", "办公室"]
PROJECTS = ["信息化系统运行维护", "办公楼维修改造", "中小学校舍安全工程", "基本公共卫生服务",
            "城乡居民养老保险补助", "农村人居环境整治", "河道综合治理", "老旧小区改造",
            "公共文化服务体系建设", "科技创新专项资金", "食品安全抽检", "安全生产监管",
            "森林防火", "大气污染防治", "就业创业补贴", "困难群众救助", "学前教育资助",
            "义务教育均衡发展", "职业技能培训", "高标准农田建设", "乡村振兴衔接资金",
            "城市道路养护", "公共交通运营补贴", "社区卫生服务", "全民健身设施建设",
            "文物保护修缮", "数字政府建设", "网络安全等级保护", "档案数字化", "应急物资储备"]
CATEGORIES = ["一般公共服务", "教育", "科学技术", "文化旅游体育与传媒", "社会保障和就业",
              "卫生健康", "节能环保", "城乡社区", "农林水", "交通运输", "资源勘探工业信息等",
              "商业服务业等", "自然资源海洋气象等", "住房保障", "灾害防治及应急管理"]
STATUS = ["已完成", "基本完成", "部分完成", "未完成", "进行中", "已验收", "待验收"]
REMARKS = ["按计划推进", "资金拨付及时", "受疫情影响进度滞后", "招标流程较长", "政策调整",
           "项目变更", "预算编制不够精准", "已整改", "无", "需加强绩效监控", "执行率偏低",
           "年底集中支付", "配套资金未到位", "达到预期目标", "超额完成任务"]
ASCII_WORDS = ["alpha", "beta", "gamma", "delta", "omega", "north", "south", "east", "west",
               "central", "budget", "project", "audit", "fund", "grant", "OK", "N/A", "TBD"]


def string_pool(rng, size=1000):
    """About `size` distinct strings: Chinese names and phrases, ASCII codes."""
    pool = set()
    while len(pool) < size:
        kind = rng.random()
        if kind < 0.30:
            s = f"{rng.choice(PROVINCES)}{rng.choice(PLACES)}区{rng.choice(DEPARTMENTS)}"
        elif kind < 0.50:
            s = f"{rng.choice(PLACES)}{rng.choice(DEPARTMENTS)}{rng.choice(UNITS)}"
        elif kind < 0.65:
            s = f"{rng.randint(2019, 2025)}年{rng.choice(PROJECTS)}项目"
        elif kind < 0.75:
            s = f"{rng.choice(REMARKS)}，{rng.choice(REMARKS)}"
        elif kind < 0.90:
            s = f"{rng.choice(ASCII_WORDS).upper()}-{rng.randint(100, 9999):04d}"
        else:
            s = f"{rng.choice(ASCII_WORDS)} {rng.choice(ASCII_WORDS)} {rng.randint(1, 99)}"
        pool.add(s)
    return sorted(pool)


# --------------------------------------------------------------------------------------
# big.xlsx
# --------------------------------------------------------------------------------------

def write_big(path, rows):
    rng = random.Random(20240601)
    pool = string_pool(rng)
    codes = [s for s in pool if s.isascii()]
    chinese = [s for s in pool if not s.isascii()]
    base = datetime.date(2015, 1, 1)

    tmp = path + ".tmp"
    # Normal (not constant_memory) mode so that text is written as shared strings.
    wb = xlsxwriter.Workbook(tmp, {"strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties({"created": FIXED_TIME})
    ws = wb.add_worksheet("明细")
    bold = wb.add_format({"bold": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    cn_date_fmt = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    money_fmt = wb.add_format({"num_format": "#,##0.00"})
    pct_fmt = wb.add_format({"num_format": "0.00%"})
    headers = ["序号", "单位名称", "项目名称", "功能分类", "批复日期", "预算数（元）",
               "执行数（元）", "执行率", "项目编码", "备注"]
    ws.write_row(0, 0, headers, bold)
    randint, random_, choice = rng.randint, rng.random, rng.choice
    for r in range(1, rows + 1):
        budget = randint(10_000, 50_000_000)
        spent = round(budget * random_(), 2)
        ws.write_number(r, 0, r)
        ws.write_string(r, 1, choice(chinese))
        ws.write_string(r, 2, choice(chinese))
        ws.write_string(r, 3, choice(CATEGORIES))
        ws.write_datetime(r, 4, base + datetime.timedelta(days=randint(0, 3650)),
                          date_fmt if r % 3 else cn_date_fmt)
        ws.write_number(r, 5, budget)
        ws.write_number(r, 6, spent, money_fmt)
        ws.write_number(r, 7, round(spent / budget, 4), pct_fmt)
        ws.write_string(r, 8, choice(codes))
        if r % 7:  # some empty cells, as in real sheets
            ws.write_string(r, 9, choice(pool))
    wb.close()
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------
# Unit workbooks (项目支出绩效自评表)
# --------------------------------------------------------------------------------------

INDICATORS = {
    "产出指标": {
        "数量指标": ["完成培训人次", "维修改造面积（平方米）", "采购设备数量（台）", "覆盖服务对象人数",
                  "完成检查次数", "建设项目个数", "发放补贴户数", "新增绿化面积（亩）"],
        "质量指标": ["验收合格率", "设备完好率", "系统可用率", "抽检合格率", "工程质量达标率"],
        "时效指标": ["项目按期完成率", "资金拨付及时率", "问题整改及时率"],
        "成本指标": ["项目成本控制率", "单位面积改造成本（元/平方米）", "人均培训成本（元）"],
    },
    "效益指标": {
        "经济效益指标": ["带动就业人数", "节约运行成本（万元）", "带动社会投资（万元）"],
        "社会效益指标": ["群众办事便利度提升", "公共服务水平提高", "安全事故发生率下降"],
        "生态效益指标": ["空气质量优良天数比例", "水质达标率", "森林覆盖率"],
        "可持续影响指标": ["长效管理机制建立情况", "设施持续运行年限（年）"],
    },
    "满意度指标": {
        "服务对象满意度指标": ["服务对象满意度", "群众满意度", "学生及家长满意度"],
    },
}
GOALS = ["按时完成年度建设任务，提升公共服务能力和水平。",
         "保障项目正常运行，资金使用规范高效，达到预期绩效目标。",
         "完成年度工作任务，服务对象满意度达到90%以上。",
         "推进重点工作落实，形成长效管理机制。"]
DONE = ["已按计划完成年度目标。", "基本完成年度目标，个别指标略有偏差。",
        "全面完成各项任务，成效明显。", "部分任务受客观因素影响未能按期完成，已制定整改措施。"]
REASONS = ["", "", "", "无偏差", "受天气影响工期延后", "政府采购流程较长", "年中政策调整",
           "部分资金年底拨付", "实际需求少于预期", "已加强过程管理"]


def unit_content(rng, index):
    """The values of one unit's table, independent of how it is laid out."""
    year = rng.randint(2019, 2024)
    department = f"{rng.choice(PLACES)}区{rng.choice(DEPARTMENTS)}"
    unit = f"{department}{rng.choice(UNITS)}"
    project = f"{year}年{rng.choice(PROJECTS)}项目"
    initial = round(rng.uniform(5, 2000), 2)
    full = round(initial * rng.uniform(0.9, 1.3), 2)
    spent = round(full * rng.uniform(0.6, 1.0), 2)
    funds = [["年度资金总额", initial, full, spent]]
    share = rng.uniform(0.6, 1.0)
    funds.append(["其中：当年财政拨款", round(initial * share, 2), round(full * share, 2), round(spent * share, 2)])
    funds.append(["上年结转资金", round(initial * (1 - share), 2), round(full * (1 - share), 2),
                  round(spent * (1 - share), 2)])
    funds.append(["其他资金", 0, 0, 0])

    # Indicators: 15-30 of the 33 above, in table order; the weights add up to 90.
    wanted = rng.randint(15, 30)
    pairs = [(a, b, c) for a, bs in INDICATORS.items() for b, cs in bs.items() for c in cs]
    chosen = sorted(rng.sample(range(len(pairs)), min(wanted, len(pairs))))
    rows = [pairs[i] for i in chosen]
    weights = [90 // len(rows)] * len(rows)
    for i in range(90 - sum(weights)):
        weights[i] += 1
    indicators = []
    for (a, b, c), w in zip(rows, weights):
        if "率" in c or "满意度" in c or "比例" in c:
            target = rng.choice(["≥90%", "≥95%", "100%", "≥85%", 0.95, 1.0])
            actual = rng.choice([0.9, 0.93, 0.96, 0.98, 1.0, "98%", "100%"])
        elif "情况" in c or "提升" in c or "提高" in c or "下降" in c:
            target = rng.choice(["有效提升", "明显改善", "逐步建立", "持续下降"])
            actual = rng.choice(["达到预期", "基本达到", "已建立", "有所改善"])
        else:
            target = rng.randint(10, 5000)
            actual = int(target * rng.uniform(0.7, 1.2))
        score = round(w * rng.uniform(0.7, 1.0), 1) if rng.random() < 0.6 else w
        indicators.append([a, b, c, target, actual, w, score, rng.choice(REASONS)])
    rate = spent / full if full else 0
    fund_score = round(10 * min(rate, 1.0), 2)
    total = round(fund_score + sum(row[6] for row in indicators), 2)
    return {
        "year": year, "department": department, "unit": unit, "project": project,
        "funds": funds, "rate": rate, "fund_score": fund_score,
        "goal": rng.choice(GOALS), "done": rng.choice(DONE),
        "indicators": indicators, "total": total,
        "filler": rng.choice(["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏"]),
        "phone": f"1{rng.randint(3, 9)}{rng.randint(0, 999999999):09d}",
        "filled": datetime.date(year + 1, rng.randint(1, 4), rng.randint(1, 28)),
        "code": f"{rng.randint(110000, 659999)}{year}{index:05d}",
    }


class Layout:
    """Where the table sits and what extra rows it has, drawn per workbook."""

    def __init__(self, rng):
        self.row0 = rng.choice([0, 0, 0, 1, 2])
        self.col0 = rng.choice([0, 0, 0, 0, 1])
        self.extra_title = rng.random() < 0.4  # a 附件 line above the title
        self.code_row = rng.random() < 0.5  # a 项目编码 row in the header block
        self.notes_sheet = rng.random() < 0.15  # a second 填表说明 sheet
        self.footer = rng.random() < 0.7  # 填表人 / 联系电话 / 填报日期


def unit_cells(content, layout):
    """The table as (row, col, value, style) cells and (r1, c1, r2, c2, value, style) merges.

    Styles are names: title, subtitle, label, text, money, pct, int, score, date, header.
    """
    cells, merges = [], []
    r, c = layout.row0, layout.col0
    last = c + 7

    def merge(r1, c1, r2, c2, value, style):
        merges.append((r1, c1, r2, c2, value, style))

    if layout.extra_title:
        cells.append((r, c, "附件2", "label"))
        r += 1
    merge(r, c, r, last, "项目支出绩效自评表", "title")
    r += 1
    merge(r, c, r, last, f"（{content['year']}年度）", "subtitle")
    r += 1
    if layout.code_row:
        cells.append((r, c, "项目编码", "label"))
        merge(r, c + 1, r, last, content["code"], "text")
        r += 1
    cells.append((r, c, "项目名称", "label"))
    merge(r, c + 1, r, last, content["project"], "text")
    r += 1
    cells.append((r, c, "主管部门", "label"))
    merge(r, c + 1, r, c + 3, content["department"], "text")
    cells.append((r, c + 4, "实施单位", "label"))
    merge(r, c + 5, r, last, content["unit"], "text")
    r += 1

    # Funds block.
    top = r
    merge(r, c, r + 4, c, "项目资金（万元）", "label")
    for i, h in enumerate(["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        if h:
            cells.append((r, c + 1 + i, h, "header"))
    r += 1
    for i, (name, initial, full, spent) in enumerate(content["funds"]):
        cells.append((r, c + 1, name, "label"))
        cells.append((r, c + 2, initial, "money"))
        cells.append((r, c + 3, full, "money"))
        cells.append((r, c + 4, spent, "money"))
        if i == 0:
            cells.append((r, c + 5, 10, "int"))
            cells.append((r, c + 6, content["rate"], "pct"))
            cells.append((r, c + 7, content["fund_score"], "score"))
        else:
            cells.append((r, c + 5, "—", "text"))
            cells.append((r, c + 6, "—", "text"))
            cells.append((r, c + 7, "—", "text"))
        r += 1
    assert r == top + 5

    # Goals.
    merge(r, c, r + 1, c, "年度总体目标", "label")
    merge(r, c + 1, r, c + 4, "预期目标", "header")
    merge(r, c + 5, r, last, "实际完成情况", "header")
    r += 1
    merge(r, c + 1, r, c + 4, content["goal"], "text")
    merge(r, c + 5, r, last, content["done"], "text")
    r += 1

    # Indicator table, first two columns merged down over their groups.
    headers = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
               "偏差原因分析及改进措施"]
    for i, h in enumerate(headers):
        cells.append((r, c + i, h, "header"))
    r += 1
    first = r
    rows = content["indicators"]
    for level in (0, 1):
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i][level] != rows[start][level] or (level == 1 and rows[i][0] != rows[start][0]):
                if i - start > 1:
                    merge(first + start, c + level, first + i - 1, c + level, rows[start][level], "label")
                else:
                    cells.append((first + start, c + level, rows[start][level], "label"))
                start = i
    for i, row in enumerate(rows):
        rr = first + i
        cells.append((rr, c + 2, row[2], "text"))
        for j, style in ((3, "text"), (4, "text"), (5, "int"), (6, "score")):
            value = row[j]
            if isinstance(value, float) and j in (3, 4):
                style = "pct"
            elif isinstance(value, int) and j in (3, 4):
                style = "int"
            cells.append((rr, c + j, value, style))
        if row[7]:
            cells.append((rr, c + 7, row[7], "text"))
    r = first + len(rows)

    # 总分 row: a formula over 资金 and 指标 scores, written with its cached value.
    merge(r, c, r, c + 4, "总分", "label")
    cells.append((r, c + 5, 100, "int"))
    col = xlsxwriter.utility.xl_col_to_name(c + 6)
    score_col = xlsxwriter.utility.xl_col_to_name(c + 7)
    formula = f"={score_col}{top + 2}+SUM({col}{first + 1}:{col}{r})"
    cells.append((r, c + 6, ("formula", formula, content["total"]), "score"))
    cells.append((r, c + 7, "", "text"))  # bordered empty cell
    r += 1
    if layout.footer:
        r += 1
        cells.append((r, c, "填表人：", "label"))
        cells.append((r, c + 1, content["filler"], "text"))
        cells.append((r, c + 3, "联系电话：", "label"))
        cells.append((r, c + 4, content["phone"], "text"))
        cells.append((r, c + 6, "填报日期：", "label"))
        cells.append((r, c + 7, content["filled"], "date"))
    return cells, merges


NOTES = ["1. 本表由项目实施单位填报，主管部门审核。",
         "2. 金额单位为万元，保留两位小数。",
         "3. 得分一档为（100%,80%），二档为（80%,60%），三档为（60%,0%）。",
         "4. 偏差原因分析须说明未完成原因及改进措施。"]


def write_unit_xlsxwriter(path, content, layout):
    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"created": FIXED_TIME, "author": content["filler"]})
    ws = wb.add_worksheet("绩效自评表")
    base = {"border": 1, "valign": "vcenter", "text_wrap": True, "font_name": "宋体", "font_size": 10}
    styles = {
        "title": wb.add_format({"bold": True, "font_size": 16, "align": "center", "font_name": "方正小标宋简体"}),
        "subtitle": wb.add_format({"align": "center", "font_size": 11}),
        "label": wb.add_format({**base, "align": "center"}),
        "header": wb.add_format({**base, "align": "center", "bold": True}),
        "text": wb.add_format(base),
        "money": wb.add_format({**base, "num_format": "0.00"}),
        "pct": wb.add_format({**base, "num_format": "0.00%"}),
        "int": wb.add_format({**base, "num_format": "0"}),
        "score": wb.add_format({**base, "num_format": "0.0"}),
        "date": wb.add_format({**base, "num_format": "yyyy-mm-dd"}),
    }
    ws.set_column(layout.col0, layout.col0 + 1, 12)
    ws.set_column(layout.col0 + 2, layout.col0 + 2, 24)
    ws.set_column(layout.col0 + 3, layout.col0 + 6, 11)
    ws.set_column(layout.col0 + 7, layout.col0 + 7, 30)
    cells, merges = unit_cells(content, layout)
    for r1, c1, r2, c2, value, style in merges:
        ws.merge_range(r1, c1, r2, c2, value, styles[style])
    for r, c, value, style in cells:
        fmt = styles[style]
        if isinstance(value, tuple):
            ws.write_formula(r, c, value[1], fmt, value[2])
        elif isinstance(value, datetime.date):
            ws.write_datetime(r, c, value, fmt)
        elif value == "":
            ws.write_blank(r, c, None, fmt)
        elif isinstance(value, str):
            ws.write_string(r, c, value, fmt)
        else:
            ws.write_number(r, c, value, fmt)
    if layout.notes_sheet:
        notes = wb.add_worksheet("填表说明")
        for i, line in enumerate(NOTES):
            notes.write_string(i, 0, line)
    wb.close()


def write_unit_openpyxl(path, content, layout):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效自评表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="center", wrap_text=True)
    number_formats = {"money": "0.00", "pct": "0.00%", "int": "0", "score": "0.0", "date": "yyyy-mm-dd"}

    def put(r, c, value, style):
        cell = ws.cell(row=r + 1, column=c + 1)
        if isinstance(value, tuple):
            # openpyxl cannot store a formula's cached value; write the value, as a unit's
            # "paste values" copy would.
            value = value[2]
        if value != "":
            cell.value = value
        if style == "title":
            cell.font = Font(bold=True, size=16)
            cell.alignment = Alignment(horizontal="center")
        elif style == "subtitle":
            cell.alignment = Alignment(horizontal="center")
        else:
            cell.border = border
            cell.alignment = center if style in ("label", "header") else wrap
            if style == "header":
                cell.font = Font(bold=True)
            if style in number_formats:
                cell.number_format = number_formats[style]

    cells, merges = unit_cells(content, layout)
    for r1, c1, r2, c2, value, style in merges:
        put(r1, c1, value, style)
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    for r, c, value, style in cells:
        put(r, c, value, style)
    if layout.notes_sheet:
        notes = wb.create_sheet("填表说明")
        for i, line in enumerate(NOTES):
            notes.cell(row=i + 1, column=1, value=line)
    tmp = path + ".tmp"
    wb.save(tmp)
    os.replace(tmp, path)


def write_units(directory, count, force):
    os.makedirs(directory, exist_ok=True)
    written = 0
    for i in range(count):
        # One generator per file, so each file is the same whatever else was skipped.
        rng = random.Random(1_000_003 * (i + 1))
        producer = "openpyxl" if i % 4 == 3 else "xlsxwriter"
        name = f"unit_{i:04d}_{producer}.xlsx"
        path = os.path.join(directory, name)
        if os.path.exists(path) and not force:
            continue
        content = unit_content(rng, i)
        layout = Layout(rng)
        if producer == "openpyxl":
            write_unit_openpyxl(path, content, layout)
        else:
            tmp = path + ".tmp"
            write_unit_xlsxwriter(tmp, content, layout)
            os.replace(tmp, path)
        written += 1
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--force", action="store_true", help="rewrite files that already exist")
    parser.add_argument("--out", default=os.path.join(HERE, "data"), help="output directory (default: Benchmarks/data)")
    parser.add_argument("--rows", type=int, default=200_000, help="data rows of big.xlsx (default 200000)")
    parser.add_argument("--units", type=int, default=2000, help="number of unit workbooks (default 2000)")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    big = os.path.join(args.out, "big.xlsx")
    if os.path.exists(big) and not args.force:
        print(f"data: {big} exists (use --force to regenerate)")
    else:
        started = time.monotonic()
        print(f"data: writing {big} ({args.rows} rows x 10 columns) ...", flush=True)
        write_big(big, args.rows)
        print(f"data: wrote {big} ({os.path.getsize(big) / 1e6:.1f} MB) in {time.monotonic() - started:.1f} s")

    units = os.path.join(args.out, "units")
    started = time.monotonic()
    written = write_units(units, args.units, args.force)
    if written:
        print(f"data: wrote {written} unit workbooks into {units} in {time.monotonic() - started:.1f} s")
    else:
        print(f"data: {units} has all {args.units} unit workbooks (use --force to regenerate)")


if __name__ == "__main__":
    main()
