#!/usr/bin/env python3
"""Generates the data of the merge benchmark (Benchmarks/run-merge) into Benchmarks/data/
(git-ignored):

  merge-2000/    2,000 readable unit workbooks   + the bad files listed below
  merge-10000/   10,000 readable unit workbooks  + the bad files listed below
  merge-N.manifest.jsonl   one JSON line per file: path, layout, producer, kind, year,
                           indicator rows, Σ weights, computed and stated total, the
                           deliberate errors (kept *beside* the folder, not inside it)

The workbooks copy the real layouts that Samples/make_samples.py transcribes, with
random but plausible content (education units: schools, kindergartens, 教师发展中心),
10-25 indicator rows each. The layout code reuses make_samples' grid model (Sheet,
merge_runs, national(), F for formulas with cached values) and its three producers
(the raw SpreadsheetML writer in its gov-java / tencent / wps flavours, xlsxwriter,
openpyxl); the raw writer, the fastest, writes about three files in four.

  layout      share  what it is (make_samples sample it copies)        producers
  national     35%   national project form, 一级/二级 merged, funds     raw wps, raw gov-java,
                     block, 总分 (01/06/11); 3% of them hold two        xlsxwriter, openpyxl
                     projects on two sheets (10), 3% a cover sheet (09)
  hubei        20%   Hubei department form: weights only in names and   raw wps, xlsxwriter
                     一级 labels, 二级 repeated, 预算执行情况 20 分 (02/05)
  yunnan       15%   Yunnan project form: amounts in 元, two-row header  raw gov-java (no r on
                     指标性质/指标值/度量单位, 总分 + grade cell (04)       the indicator cells)
  sichuan      15%   Sichuan 部门预算项目支出绩效自评表: 权重, 调整后预算数,  xlsxwriter, raw wps
                     合计 as formulas with cached values (07)
  chongqing    15%   Chongqing flat department list, no 一级/二级,       raw tencent (x: prefix)
                     自评总分 in the header (08)

About one file in ten carries a deliberate arithmetic error (a wrong 总分, Σ weights 95,
a score above its weight, a wrong 执行率, a missed target without a deviation); the
manifest lists them. Files sit in sub-folders by district (`武汉市江汉区/小学/…xlsx`),
some two levels deeper, with Chinese names. The 15 Samples/*.xlsx are copied into
`样例/` and count among the N. Besides the N readable workbooks each folder holds these
bad files, which a merge must report rather than drop silently:

  损坏文件/某校自评表-损坏.xlsx     a zip cut in half (corrupt)
  损坏文件/空文件.xlsx              0 bytes
  损坏文件/旧版自评表.xls           a legacy .xls (OLE2 header; not an .xlsx)
  损坏文件/~$某校自评表.xlsx        an Excel lock file (165 bytes)
  损坏文件/不是表格.xlsx            a text file with an .xlsx name
  损坏文件/说明.txt                 not a workbook at all

Deterministic: every file comes from its own seeded random.Random, so the content does
not depend on the number of processes; xlsxwriter and the raw writer give the same bytes
on every run, openpyxl files are re-zipped with fixed times. Files that exist are kept
(--force rewrites them; do that after changing this script, or old files stay while the
manifest describes new ones).

Usage: generate_merge_data.py [--sizes 2000,10000] [--out DIR] [--jobs N] [--force]
"""

import argparse
import json
import multiprocessing
import os
import random
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SAMPLES = os.path.join(ROOT, "Samples")
sys.path.insert(0, SAMPLES)

try:
    import make_samples as ms
    from make_samples import BLANK, F, Sheet, col_letter, merge_runs
    import xlsxwriter  # noqa: F401  (used through make_samples)
    import openpyxl  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"generate_merge_data.py: {error}\n"
             "needs Samples/make_samples.py and: pip install xlsxwriter openpyxl")

SEED = 20240520

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

# district -> (supervisor, province group); the group picks the layouts seen there
DISTRICTS = {
    "hubei": [("武汉市江汉区", "武汉市江汉区教育局"), ("武汉市硚口区", "武汉市硚口区教育局"),
              ("武汉市洪山区", "武汉市洪山区教育局"), ("宜昌市西陵区", "宜昌市西陵区教育局"),
              ("襄阳市樊城区", "襄阳市樊城区教育局"), ("黄石市下陆区", "黄石市下陆区教育局")],
    "yunnan": [("永德县", "永德县教育体育局"), ("昆明市五华区", "昆明市五华区教育体育局"),
               ("大理市", "大理市教育体育局"), ("曲靖市麒麟区", "曲靖市麒麟区教育体育局")],
    "sichuan": [("青神县", "青神县教育和体育局"), ("大英县", "大英县教育和体育局"),
                ("成都市武侯区", "成都市武侯区教育局"), ("绵阳市涪城区", "绵阳市涪城区教育和体育局")],
    "chongqing": [("重庆市沙坪坝区", "重庆市沙坪坝区教育委员会"), ("重庆市九龙坡区", "重庆市九龙坡区教育委员会"),
                  ("重庆市渝北区", "重庆市渝北区教育委员会"), ("重庆市万州区", "重庆市万州区教育委员会")],
    "national": [("长沙市岳麓区", "长沙市岳麓区教育局"), ("长沙市雨花区", "长沙市雨花区教育局"),
                 ("池州市贵池区", "池州市贵池区教育体育局"), ("南昌市青山湖区", "南昌市青山湖区教育体育局"),
                 ("株洲市荷塘区", "株洲市荷塘区教育局"), ("岳阳市岳阳楼区", "岳阳市岳阳楼区教育局"),
                 ("衡阳市石鼓区", "衡阳市石鼓区教育局"), ("廊坊市广阳区", "廊坊市广阳区教育局"),
                 ("益阳市赫山区", "益阳市赫山区教育局"), ("合肥市蜀山区", "合肥市蜀山区教育体育局"),
                 ("郑州市金水区", "郑州市金水区教育局"), ("西安市雁塔区", "西安市雁塔区教育局")],
}
LAYOUT_GROUP = {"national": "national", "hubei": "hubei", "yunnan": "yunnan",
                "sichuan": "sichuan", "chongqing": "chongqing"}

PLACES = ["新华", "解放", "人民", "建设", "和平", "光明", "东风", "红星", "育才", "城关", "永康", "梅街",
          "华阳", "桂花", "江南", "北城", "南湖", "青山", "金桥", "龙泉", "石桥", "沙坪", "磁器口", "杨柳",
          "凤凰", "白沙", "黄家湖", "长江", "汉江", "珞珈", "麓谷", "东湖", "西湖", "银杏", "枫林", "丹桂",
          "新桥", "天星", "文昌", "朝阳", "胜利", "团结", "振兴", "友谊", "滨江", "花园", "翠竹", "碧波",
          "三里", "五里", "七星", "九龙", "双河", "回龙", "石门", "高桥", "大湾", "小河", "柳林", "荷塘"]
TYPES = [("第一小学", "小学"), ("第二小学", "小学"), ("实验小学", "小学"), ("中心小学", "小学"),
         ("小学", "小学"), ("初级中学", "中学"), ("中学", "中学"), ("实验中学", "中学"),
         ("九年一贯制学校", "中学"), ("中心幼儿园", "幼儿园"), ("幼儿园", "幼儿园"),
         ("第二幼儿园", "幼儿园"), ("教师发展中心", "直属单位"), ("学生资助管理中心", "直属单位"),
         ("职业中学", "中学"), ("特殊教育学校", "直属单位")]
PROJECTS = ["农村义务教育学校公用经费补助资金", "课后服务补助经费", "学生资助补助资金", "校舍维修改造项目",
            "中小学教师培训经费", "教育信息化建设项目", "农村义务教育学生营养改善计划", "学前教育发展资金",
            "薄弱环节改善与能力提升项目", "校园安全建设经费", "教育装备购置项目", "体育美育设施建设",
            "家庭经济困难学生生活补助", "普惠性幼儿园运转补助", "教研活动经费", "图书配备项目"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲红建国志文斌辉鹏宇婷雪梅琳晨欣怡浩然子涵"
DEVIATIONS = ["受疫情影响部分活动延期，下一年度加强计划管理。", "实际人数少于年初预计，结余资金已收回统筹使用。",
              "部分采购项目推迟至下年度实施，下一步加快预算执行进度。", "宣传不到位，参与率未达目标；下学期加强宣传。",
              "年初目标值测算偏高，今后结合近三年数据科学设定目标。", "个别家长对食堂管理意见较多，下一步改进服务。"]

# (一级, 二级) -> indicator templates: (name, kind, unit, low, high)
#   count: ≥ target (int);  pct: ≥ target %;  eq: = target (100 %);  cost: ≤ target;
#   qual: target text (low = the text);  time: a date text
IND = {
    ("产出指标", "数量指标"): [
        ("保障在校学生人数", "count", "人", 200, 3000), ("购置教学设备", "count", "台套", 20, 300),
        ("教师培训人次", "count", "人次", 50, 800), ("开展教研活动次数", "count", "次", 6, 60),
        ("维修改造校舍面积", "count", "平方米", 200, 5000), ("资助学生人数", "count", "人", 20, 600),
        ("课后服务覆盖学生数", "count", "人", 100, 2500), ("新增学位数", "count", "个", 30, 400),
        ("送教下乡次数", "count", "次", 2, 20), ("图书配备册数", "count", "册", 500, 20000),
        ("开设课后服务兴趣课程", "count", "门", 10, 60), ("更新保教设备覆盖班级数", "count", "个", 6, 40)],
    ("产出指标", "质量指标"): [
        ("设备验收合格率", "eq", "%", 100, 100), ("资助对象识别准确率", "eq", "%", 100, 100),
        ("专任教师持证上岗率", "eq", "%", 100, 100), ("工程验收合格率", "eq", "%", 100, 100),
        ("培训合格率", "pct", "%", 90, 98), ("学生体质健康测试达标率", "pct", "%", 85, 95),
        ("课后服务参与率", "pct", "%", 80, 95), ("食品安全责任事故", "cost", "起", 0, 0)],
    ("产出指标", "时效指标"): [
        ("资金拨付及时率", "eq", "%", 100, 100), ("项目完成及时率", "eq", "%", 100, 100),
        ("项目完成时间", "time", None, 0, 0), ("补助资金按时发放", "time", None, 0, 0)],
    ("产出指标", "成本指标"): [
        ("生均公用经费补助标准", "eq", "元/生·年", 650, 1200), ("人均培训成本", "cost", "元", 200, 1500),
        ("项目总成本", "cost", "万元", 20, 300), ("课后服务教师补助标准", "cost", "元/课时", 30, 80)],
    ("效益指标", "经济效益指标"): [
        ("减轻学生家庭经济负担", "qual", "有效减轻", 0, 0), ("节约学校运行成本", "qual", "有所节约", 0, 0)],
    ("效益指标", "社会效益指标"): [
        ("教育教学质量", "qual", "稳步提升", 0, 0), ("办学条件改善", "qual", "明显改善", 0, 0),
        ("义务教育巩固率", "pct", "%", 95, 99), ("学前教育毛入园率", "pct", "%", 85, 95),
        ("缓解家长接送难问题", "qual", "有效缓解", 0, 0), ("学生综合素质", "qual", "稳步提升", 0, 0)],
    ("效益指标", "生态效益指标"): [
        ("校园环境", "qual", "持续改善", 0, 0), ("节能降耗", "qual", "有效降低", 0, 0)],
    ("效益指标", "可持续影响指标"): [
        ("保教质量长效机制", "qual", "逐步完善", 0, 0), ("设施设备使用年限", "count", "年", 5, 10),
        ("教师专业发展", "qual", "持续提升", 0, 0), ("课后服务长效机制", "qual", "逐步建立", 0, 0)],
    ("满意度指标", "服务对象满意度指标"): [
        ("学生满意度", "pct", "%", 85, 95), ("家长满意度", "pct", "%", 85, 95),
        ("教职工满意度", "pct", "%", 85, 95), ("受训教师满意度", "pct", "%", 85, 95),
        ("受助学生满意度", "pct", "%", 85, 95)],
}
L2_OF = {}
for (_l1, _l2) in IND:
    L2_OF.setdefault(_l1, []).append(_l2)
PARTIAL = "部分达成年度指标并具有一定效果"


def grade_of(total):
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def r2(x):
    return round(x + 1e-9, 2)


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def phone(rng):
    return f"0{rng.randint(10, 999)}-{rng.randint(2000000, 89999999)}"


# --------------------------------------------------------------------------------------
# The numbers of one table (layout-independent)
# --------------------------------------------------------------------------------------

def split_weights(rng, total, k):
    """k positive integer weights adding up to total, not too uneven."""
    base, rest = divmod(total, k)
    w = [base] * k
    for i in rng.sample(range(k), rest):
        w[i] += 1
    for _ in range(k):                         # shuffle some points around
        a, b = rng.randrange(k), rng.randrange(k)
        step = rng.choice((1, 2))
        if a != b and w[a] - step >= max(1, base // 2) and w[b] + step <= base * 2 + 2:
            w[a] -= step
            w[b] += step
    return w


def make_rows(rng, n, groups, year, flat=False):
    """groups: [(一级, group weight)], n rows in all. Returns a list of row dicts.
    flat: for a list without operators or a deviation column (Chongqing): every
    target met, and ≤ targets met exactly."""
    # rows per group: satisfaction 1-3, benefit ~40 % of the rest, output the rest
    counts = {}
    sat = [g for g, _ in groups if g == "满意度指标"]
    left = n
    if sat:
        counts["满意度指标"] = rng.randint(1, 3)
        left -= counts["满意度指标"]
    counts["效益指标"] = max(2, round(left * rng.uniform(0.3, 0.45)))
    counts["产出指标"] = left - counts["效益指标"]
    rows = []
    for l1, gw in groups:
        k = counts[l1]
        weights = split_weights(rng, gw, k)
        l2s = L2_OF[l1]
        # every 二级 of the group gets rows in order; 产出 uses all four, 效益 2-4
        if l1 == "产出指标":
            use = l2s[:]
        elif l1 == "效益指标":
            use = ["社会效益指标"] + rng.sample([x for x in l2s if x != "社会效益指标"], rng.randint(1, 2))
            use = [x for x in l2s if x in use]
        else:
            use = l2s[:]
        use = use[:k]
        per = {x: 1 for x in use}
        for _ in range(k - len(use)):
            per[rng.choice(use)] += 1
        i = 0
        for l2 in use:
            pool = IND[(l1, l2)][:]
            rng.shuffle(pool)
            for j in range(per[l2]):
                tpl = pool[j % len(pool)]
                name = tpl[0] if j < len(pool) else f"{tpl[0]}（{'二三四五'[min(j // len(pool) - 1, 3)]}期）"
                rows.append(make_row(rng, l1, l2, name, tpl, weights[i], year, flat))
                i += 1
    return rows


def make_row(rng, l1, l2, name, tpl, w, year, flat=False):
    _, kind, unit, lo, hi = tpl
    row = dict(l1=l1, l2=l2, name=name, kind=kind, unit=unit, w=w, s=w, dev=None, met=True)
    miss = rng.random() < 0.12 and not flat
    if kind == "count":
        t = rng.randint(lo, hi)
        row.update(op="≥", t=t)
        if miss and t >= 5:
            a = max(1, int(t * rng.uniform(0.8, 0.98)))
            row.update(a=a, s=r2(w * a / t), met=False)
        else:
            row.update(a=t + rng.randint(0, max(1, t // 10)))
    elif kind == "pct":
        t = rng.randint(lo, hi)
        row.update(op="≥", t=t)
        if miss:
            a = round(t - rng.uniform(1, 6), 1)
            row.update(a=a, s=r2(w * a / t), met=False)
        else:
            a = round(rng.uniform(t, min(100, t + 6)), 1)
            row.update(a=int(a) if a.is_integer() else a)
    elif kind == "eq":
        t = rng.randint(lo, hi)
        row.update(op="=", t=t, a=t)
    elif kind == "cost":
        t = rng.randint(lo, hi)
        row.update(op="≤", t=t, a=t if t == 0 or flat else rng.randint(int(t * 0.9), t))
    elif kind == "qual":
        text = unit
        row.update(op="定性", t=text, a=text, unit=None)
        if miss:
            row.update(a=PARTIAL, s=r2(w * 0.7), met=False)
    else:  # time
        text = f"{year}年{rng.choice((6, 9, 11, 12))}月底前"
        row.update(op="定性", t=text, a=text)
    if not row["met"]:
        row["dev"] = rng.choice(DEVIATIONS)
    return row


def fmt_num(v):
    return str(int(v)) if isinstance(v, (int, float)) and float(v).is_integer() else str(v)


def target_text(row):
    if row["kind"] in ("qual", "time"):
        return row["t"]
    op = "" if row["op"] == "=" and row["unit"] == "%" and row["t"] == 100 and row["w"] % 2 else row["op"]
    return f"{op}{fmt_num(row['t'])}{row['unit']}"


def actual_text(row):
    if row["kind"] in ("qual", "time"):
        return row["a"]
    return f"{fmt_num(row['a'])}{row['unit']}"


class Numbers:
    """Funds and totals of one table, with at most one deliberate error."""

    def __init__(self, rng, rows, funds_w, wan=True):
        self.rows = rows
        self.funds_w = funds_w
        if wan:
            budget = round(rng.uniform(5, 800), 2)
        else:                                  # 元
            budget = round(rng.uniform(50000, 3000000), 2)
        rate = rng.uniform(0.9, 1.0) if rng.random() < 0.9 else 1.0
        self.year0 = budget if rng.random() < 0.7 else round(budget * rng.uniform(0.9, 1.0), 2)
        self.budget = budget
        self.executed = round(budget * rate, 2)
        self.rate = self.executed / budget
        self.stated_rate = round(self.rate, 4)
        self.funds_s = r2(funds_w * min(self.rate, 1))
        self.errors = []
        roll = rng.random()
        if roll < 0.04:
            self.errors.append("total-mismatch")
        elif roll < 0.06:
            row = rng.choice([r for r in rows if r["w"] >= 3] or rows)
            cut = max(1, min(row["w"] - 1, 5))
            full = row["s"] == row["w"]
            row["w"] -= cut
            if full:
                row["s"] = row["w"]
            else:
                row["s"] = r2(min(row["s"], row["w"]))
            self.errors.append("weights-not-100")
        elif roll < 0.08:
            row = rng.choice([r for r in rows if r["met"]])
            row["s"] = row["w"] + 1
            self.errors.append("score-exceeds-weight")
        elif roll < 0.09:
            self.stated_rate = round(min(self.rate + rng.uniform(0.02, 0.05), 1.0), 4)
            if self.stated_rate - self.rate < 0.015:
                self.stated_rate = round(self.rate - 0.03, 4)
            self.errors.append("rate-mismatch")
        elif roll < 0.10:
            missed = [r for r in rows if not r["met"]]
            if missed:
                rng.choice(missed)["dev"] = None
                self.errors.append("missing-deviation")
        self.computed = r2(self.funds_s + sum(r["s"] for r in rows))
        self.stated = self.computed
        if "total-mismatch" in self.errors:
            self.stated = r2(self.computed + rng.choice((-5, -2, -1, 1, 2, 3)))
        self.weight_sum = funds_w + sum(r["w"] for r in rows)

    def group_weight(self, l1):
        return sum(r["w"] for r in self.rows if r["l1"] == l1)


def group_labels(rows):
    """一级 label per row, None where it continues (for merge_runs)."""
    out, prev = [], None
    for r in rows:
        out.append(r["l1"] if r["l1"] != prev else None)
        prev = r["l1"]
    return out


def l2_labels(rows):
    out, prev = [], None
    for r in rows:
        key = (r["l1"], r["l2"])
        out.append(r["l2"] if key != prev else None)
        prev = key
    return out


# --------------------------------------------------------------------------------------
# Layouts: each returns (sheets, info) and leaves writing to the producer
# --------------------------------------------------------------------------------------

def national_sheet(rng, sheet_name, ctx, formulas):
    year = ctx["year"]
    n = rng.randint(10, 25)
    rows = make_rows(rng, n, [("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)], year)
    num = Numbers(rng, rows, 10)
    sh = Sheet(sheet_name)
    left = 2 if rng.random() < 0.2 else 1
    if left == 2:
        sh.width(A=3)
    L = lambda k: col_letter(left + k)  # noqa: E731
    widths = [8, 12, 14, 28, 16, 16, 8, 8, 30]
    for k, wd in enumerate(widths):
        sh.widths[left + k] = wd
    pre = []
    if rng.random() < 0.3:
        pre.append((rng.choice(("附件3", "附件1", "附表2")), "note"))
    titles = ([(f"{year}年度项目支出绩效自评表", "title")] if rng.random() < 0.4 else
              [("项目支出绩效自评表", "title"), (f"（{year}年度）", "subtitle")])
    funds_top = 1 + len(pre) + len(titles) + 3
    with_weights = rng.random() < 0.6
    gl = []
    for lab in group_labels(rows):
        if lab is not None and with_weights:
            lab = f"{lab}\n（{num.group_weight(lab)}分）" if rng.random() < 0.8 else f"{lab}({num.group_weight(lab)}分)"
        gl.append(lab)
    spec_rows = []
    for lab1, lab2, r in zip(gl, l2_labels(rows), rows):
        spec_rows.append((lab1, lab2, r["name"], target_text(r), actual_text(r), r["w"], r["s"], r["dev"]))
    if formulas:
        rate_v = (F(f"{L(5)}{funds_top}/{L(4)}{funds_top}", num.stated_rate), "pct2")
        score_v = (F(f"ROUND({L(6)}{funds_top}*{L(7)}{funds_top},2)", num.funds_s), "n2")
        total = lambda p: (F(f"{L(6)}{p['funds_top']}+SUM({L(6)}{p['first']}:{L(6)}{p['last']})", num.weight_sum),  # noqa: E731
                           F(f"{L(8)}{p['funds_top']}+SUM({L(7)}{p['first']}:{L(7)}{p['last']})", num.stated))
    else:
        rate_v = (num.stated_rate, "pct2")
        score_v = (num.funds_s, "n2")
        total = (num.weight_sum, num.stated)
    dash = rng.choice(("—", "-", "/"))
    spec = dict(
        pre=pre, titles=titles, project=ctx["project"], supervisor=ctx["supervisor"], unit=ctx["unit"],
        funds=[
            ("年度资金总额", [num.year0, num.budget, num.executed, 10, rate_v, score_v]),
            ("其中：当年财政拨款", [num.year0, num.budget, num.executed, dash, dash, dash]),
            ("上年结转资金", [None, None, None, dash, dash, dash]),
            ("其他资金", [None, None, None, dash, dash, dash]),
        ],
        goal=(f"保障{ctx['unit']}{ctx['project']}顺利实施，改善办学条件，提升教育教学质量。",
              "项目按计划实施，资金使用规范，年度目标基本完成。"),
        rows=spec_rows, total=total,
        after=sign_off(rng, ctx),
    )
    pos = ms.national(sh, spec, left=left)
    assert pos["funds_top"] == funds_top, (pos, funds_top)
    return sh, num


def sign_off(rng, ctx):
    who, tel, day = ctx["filled_by"], ctx["phone"], ctx["filled_on"]
    style = rng.randrange(3)
    if style == 0:
        return [f"填表人：{who}    填报日期：{day}    联系电话：{tel}"]
    if style == 1:
        return [[(0, "填表人：", "plain"), (1, who, "plain"), (3, "填报日期：", "right"),
                 (4, day, "plain"), (6, "联系电话：", "plain"), (7, tel, "plain")]]
    return []


def layout_national(rng, ctx):
    formulas = ctx["producer"] in ("xlsxwriter", "wps")
    sheets, nums = [], []
    extra = rng.random()
    if extra < 0.03:                           # a cover sheet first (sample 09)
        cover = Sheet("封面")
        cover.merge("A4:H4", f"{ctx['year']}年度", "subtitle")
        cover.merge("A6:H6", "项目支出绩效自评材料", "title")
        cover.merge("A10:H10", "项目名称：" + ctx["project"], "subtitle")
        cover.merge("A11:H11", "申报单位（盖章）：" + ctx["unit"], "subtitle")
        sheets.append(cover)
    sh, num = national_sheet(rng, rng.choice(("项目支出绩效自评表", "Sheet1", "自评表")), ctx, formulas)
    sheets.append(sh)
    nums.append(num)
    if 0.03 <= extra < 0.06:                   # two projects on two sheets (sample 10)
        ctx2 = dict(ctx, project=rng.choice([p for p in PROJECTS if p != ctx["project"]]))
        sh2, num2 = national_sheet(rng, ctx2["project"][:12], ctx2, formulas)
        sheets[-1].name = ctx["project"][:12]
        if sh2.name == sheets[-1].name:
            sh2.name += "（二）"
        sheets.append(sh2)
        nums.append(num2)
    return sheets, nums


def layout_hubei(rng, ctx):
    """Department table, weights only in names and 一级 labels (samples 02 / 05)."""
    year = ctx["year"]
    n = rng.randint(10, 25)
    sat = rng.random() < 0.8
    groups = [("产出指标", 40), ("效益指标", 30 if sat else 40)] + ([("满意度指标", 10)] if sat else [])
    rows = make_rows(rng, n, groups, year)
    num = Numbers(rng, rows, 20)
    unit = ctx["unit"]
    sh = Sheet(rng.choice(("部门整体自评表", "整体绩效自评表", "Sheet1")))
    o = 1 if rng.random() < 0.5 else 0          # start at column B (05) or A (02)
    C = lambda k: col_letter(1 + o + k)          # noqa: E731
    for k, wd in enumerate([8, 12, 14, 34, 16, 16, 10]):
        sh.widths[1 + o + k] = wd
    r = 1
    if o:
        sh.put("A1", "附件2", "note")
        r = 2
    sh.merge(f"{C(0)}{r}:{C(6)}{r}", f"{year} 年度{unit}部门（单位）整体绩效自评表", "title")
    r += 1
    sh.merge(f"{C(0)}{r}:{C(3)}{r}", "单位名称：" + unit, "plain")
    sh.merge(f"{C(4)}{r}:{C(6)}{r}", "填报日期：" + ctx["filled_on"], "right")
    r += 1
    sh.merge(f"{C(0)}{r}:{C(1)}{r}", "单位名称", "lbl")
    sh.merge(f"{C(2)}{r}:{C(6)}{r}", unit, "txt")
    r += 1
    basic = r2(num.budget * rng.uniform(0.6, 0.9))
    sh.merge(f"{C(0)}{r}:{C(1)}{r}", "基本支出总额", "lbl")
    sh.merge(f"{C(2)}{r}:{C(3)}{r}", basic, "n2")
    sh.put(f"{C(4)}{r}", "项目支出总额", "lbl")
    sh.merge(f"{C(5)}{r}:{C(6)}{r}", r2(num.budget - basic), "n2")
    r += 1
    sh.merge(f"{C(0)}{r}:{C(0)}{r + 1}", "预算执行情况\n（万元）（20分）", "lbl")
    sh.put(f"{C(1)}{r}", BLANK, "hdr")
    for k, lab in enumerate(["预算数（A）", "执行数（B）", "执行率（B/A）", "得分\n（20分*执行率）"]):
        sh.put(f"{C(2 + k)}{r}", lab, "hdr")
    sh.put(f"{C(6)}{r}", BLANK, "hdr")
    r += 1
    sh.put(f"{C(1)}{r}", "部门整体支出总额", "lbl")
    sh.put(f"{C(2)}{r}", num.budget, "n2")
    sh.put(f"{C(3)}{r}", num.executed, "n2")
    sh.put(f"{C(4)}{r}", num.stated_rate, "pct2")
    sh.put(f"{C(5)}{r}", num.funds_s, "n2")
    sh.put(f"{C(6)}{r}", BLANK, "n0")
    r += 1
    sh.merge(f"{C(0)}{r}:{C(1)}{r}", "年度目标", "lbl")
    sh.merge(f"{C(2)}{r}:{C(6)}{r}", "保障单位正常运转，提升教育教学质量，加强教师队伍建设，确保校园安全稳定。", "txt")
    r += 1
    head = r
    sh.merge(f"{C(0)}{head}:{C(0)}{head + len(rows)}", "年度\n绩效\n指标", "lbl")
    for k, lab in enumerate(["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"]):
        sh.put(f"{C(1 + k)}{head}", lab, "hdr")
    brackets = [("（", "分）"), ("(", " 分)"), ("（", " 分）"), ("(", "分)")]
    labels = []
    for lab in group_labels(rows):
        if lab is not None:
            b = rng.choice(brackets)
            lab = f"{lab}\n{b[0]}{num.group_weight(lab)}{b[1]}"
        labels.append(lab)
    merge_runs(sh, 2 + o, head + 1, labels)
    for i, row in enumerate(rows):
        rr = head + 1 + i
        b = rng.choice(brackets)
        sh.put(f"{C(2)}{rr}", row["l2"], "lbl")
        sh.put(f"{C(3)}{rr}", f"{row['name']}{b[0]}{row['w']}{b[1]}", "txt")
        sh.put(f"{C(4)}{rr}", target_text(row), "ctr")
        sh.put(f"{C(5)}{rr}", actual_text(row), "ctr")
        sh.put(f"{C(6)}{rr}", row["s"], "n0")
    r = head + len(rows) + 1
    sh.merge(f"{C(0)}{r}:{C(1)}{r}", "总分", "lbl")
    sh.merge(f"{C(2)}{r}:{C(6)}{r}", num.stated, "n0")
    devs = [x["dev"] for x in rows if x["dev"]]
    sh.merge(f"{C(0)}{r + 1}:{C(1)}{r + 1}", "偏差大或目标未完成原因分析", "lbl")
    sh.merge(f"{C(2)}{r + 1}:{C(6)}{r + 1}", "；".join(devs) if devs else "无", "txt")
    sh.merge(f"{C(0)}{r + 2}:{C(1)}{r + 2}", "改进措施及结果应用方案", "lbl")
    sh.merge(f"{C(2)}{r + 2}:{C(6)}{r + 2}", "继续加强预算执行监控，细化绩效目标，提升资金使用效益。", "txt")
    return [sh], [num]


YN_OPS = {"≥": ("≧", "≥"), "=": ("═", "＝", "="), "≤": ("≦", "≤")}


def layout_yunnan(rng, ctx):
    """Yunnan project table, amounts in 元, two-row header (sample 04)."""
    year = ctx["year"]
    n = rng.randint(10, 25)
    groups = [("产出指标", 40), ("效益指标", 30), ("满意度指标", 20)]
    rows = make_rows(rng, n, groups, year)
    num = Numbers(rng, rows, 10, wan=False)
    sh = Sheet(rng.choice(("公开14表", "项目支出绩效自评表", "Sheet1")))
    sh.width(A=10, B=14, C=24, D=8, E=10, F=10, G=12, H=8, I=10, J=30)
    sh.put("A1", "公开14表", "note")
    sh.merge("A2:J2", "项目支出绩效自评表", "title")
    sh.merge("A3:J3", f"（{year}年度）", "subtitle")
    sh.merge("A4:B4", "项目名称", "lbl")
    sh.merge("C4:J4", ctx["project"], "txt")
    sh.merge("A5:B5", "主管部门", "lbl")
    sh.merge("C5:E5", ctx["supervisor"], "txt")
    sh.merge("F5:G5", "实施单位", "lbl")
    sh.merge("H5:J5", ctx["unit"], "txt")
    sh.merge("A6:A10", "项目资金\n（元）", "lbl")
    sh.merge("B6:C6", BLANK, "hdr")
    for col, label in zip("DEFGH", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率"]):
        sh.put(f"{col}6", label, "hdr")
    sh.merge("I6:J6", "得分", "hdr")
    funds = [
        ("年度资金总额", num.year0, num.budget, num.executed, 10, num.stated_rate, num.funds_s),
        ("其中：当年财政拨款", num.year0, num.budget, num.executed, "—", num.stated_rate, "—"),
        ("上年结转资金", None, None, None, "—", "—", "—"),
        ("其他资金", None, None, None, "—", "—", "—"),
    ]
    for i, (item, a, b, c, w, rate, s) in enumerate(funds):
        r = 7 + i
        sh.merge(f"B{r}:C{r}", item, "txt")
        for col, v in zip("DEF", (a, b, c)):
            sh.put(f"{col}{r}", v if v is not None else BLANK, "n2")
        sh.put(f"G{r}", w, "n0" if isinstance(w, int) else "ctr")
        sh.put(f"H{r}", rate, "pct2" if isinstance(rate, float) else "ctr")
        sh.merge(f"I{r}:J{r}", s, "n2" if isinstance(s, float) else "ctr")
    sh.merge("A11:A12", "年度总体目标", "lbl")
    sh.merge("B11:F11", "预期目标", "hdr")
    sh.merge("G11:J11", "实际完成情况", "hdr")
    sh.merge("B12:F12", f"落实{ctx['project']}政策，确保资金按标准足额拨付到校。", "txt")
    sh.merge("G12:J12", "资金按标准足额拨付，学校正常运转得到保障。", "txt")
    sh.merge("A13:C13", "绩效指标", "hdr")
    sh.merge("D13:F13", "年度指标值", "hdr")
    sh.merge("G13:G14", "实际完成值", "hdr")
    sh.merge("H13:H14", "分值", "hdr")
    sh.merge("I13:I14", "得分", "hdr")
    sh.merge("J13:J14", "偏差原因分析及改进措施", "hdr")
    for col, label in zip("ABCDEF", ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]):
        sh.put(f"{col}14", label, "hdr")
    first = 15
    merge_runs(sh, 1, first, group_labels(rows))
    merge_runs(sh, 2, first, l2_labels(rows))
    for i, row in enumerate(rows):
        r = first + i
        if row["kind"] in ("qual", "time"):
            op, value, unit, actual = "定性", row["t"], None, row["a"]
        else:
            op = rng.choice(YN_OPS[row["op"]])
            value, unit, actual = row["t"], row["unit"], row["a"]
        for col, v in zip("CDEFGHIJ", (row["name"], op, value, unit, actual, row["w"], row["s"], row["dev"])):
            style = "txt" if col in "CJ" else ("n0" if isinstance(v, (int, float)) else "ctr")
            sh.put(f"{col}{r}", v if v is not None else BLANK, style)
    r = first + len(rows)
    sh.merge(f"A{r}:G{r}", "总分", "lbl")
    sh.put(f"H{r}", num.weight_sum, "n0")
    sh.put(f"I{r}", num.stated, "n2")
    sh.put(f"J{r}", grade_of(num.stated), "ctr")
    sh.merge(f"A{r + 1}:C{r + 1}", "其他需要说明事项", "lbl")
    sh.merge(f"D{r + 1}:J{r + 1}", "无", "txt")
    sh.merge(f"A{r + 3}:C{r + 3}", "填表人：" + ctx["filled_by"], "plain")
    sh.merge(f"D{r + 3}:F{r + 3}", "联系电话：" + ctx["phone"], "plain")
    sh.merge(f"G{r + 3}:J{r + 3}", "填报日期：" + ctx["filled_on"].replace("-", "."), "plain")
    ctx["no_ref_rows"] = {sh.name: set(range(first, first + len(rows)))}
    return [sh], [num]


def layout_sichuan(rng, ctx):
    """Sichuan 部门预算项目支出绩效自评表: 权重, 调整后预算数, 合计 formulas (sample 07)."""
    year = ctx["year"]
    n = rng.randint(10, 25)
    rows = make_rows(rng, n, [("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)], year)
    num = Numbers(rng, rows, 10)
    sh = Sheet("项目支出绩效自评表")
    sh.width(A=10, B=10, C=14, D=20, E=8, F=10, G=11, H=10, I=8, J=8, K=30)
    code = f"51{rng.randint(1000, 9999)}_{rng.randint(1, 99):04d}zp"
    sh.merge("A1:K1", "报表编号：" + code, "note")
    sh.merge("A2:K2", f"部门预算项目支出绩效自评表（{year}年度）", "title")
    sh.merge("A3:B3", "项目名称", "lbl")
    sh.merge("C3:K3", f"51{rng.randint(10**17, 10**18 - 1)}-{ctx['project']}", "txt")
    sh.merge("A4:B4", "主管部门", "lbl")
    sh.merge("C4:E4", ctx["supervisor"], "txt")
    sh.merge("F4:G4", "实施单位（盖章）", "lbl")
    sh.merge("H4:K4", ctx["unit"], "txt")
    sh.merge("A5:A7", "项目基本情况", "lbl")
    sh.merge("B5:C5", "项目年度目标", "lbl")
    sh.merge("D5:K5", f"按标准落实{ctx['project']}，确保政策应享尽享。", "txt")
    sh.merge("B6:C6", "年度目标完成情况", "lbl")
    sh.merge("D6:K6", "资金全部按时发放到位，年度目标基本完成。", "txt")
    sh.merge("B7:C7", "项目实施内容及过程概述", "lbl")
    sh.merge("D7:K7", "由学校受理申请、公示，主管部门审核后拨付。", "txt")
    sh.merge("A8:A13", "预算执行情况\n（10分）", "lbl")
    sh.merge("B8:C8", "年度预算数（万元）", "hdr")
    for col, label in zip("DEFGHI", ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"]):
        sh.put(f"{col}8", label, "hdr")
    sh.merge("J8:K8", "原因", "hdr")
    zero = 0.0
    funds = [
        ("总额", num.year0, num.budget, num.executed, num.stated_rate, 10, num.funds_s, "/"),
        ("其中：财政资金", num.year0, num.budget, num.executed, num.stated_rate, "/", "/", None),
        ("财政专户管理资金", zero, zero, zero, "/", "/", "/", None),
        ("单位资金", zero, zero, zero, "/", "/", "/", None),
        ("其他资金", zero, zero, zero, "/", "/", "/", None),
    ]
    for i, (item, a, b, c, rate, w, s, why) in enumerate(funds):
        r = 9 + i
        sh.merge(f"B{r}:C{r}", item, "txt")
        sh.put(f"D{r}", a, "n2")
        sh.put(f"E{r}", b, "n2")
        sh.put(f"F{r}", c, "n2")
        sh.put(f"G{r}", rate, "pct2" if isinstance(rate, float) else "ctr")
        sh.put(f"H{r}", w, "n0" if isinstance(w, int) else "ctr")
        sh.put(f"I{r}", s, "n2" if isinstance(s, float) else "ctr")
        sh.merge(f"J{r}:K{r}", why if why is not None else BLANK, "txt")
    head = 14
    sh.merge(f"A{head}:A{head + len(rows)}", f"绩效指标\n（{100 - 10}分）", "lbl")
    for col, label in zip("BCDEFGHIJK", ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
                                         "完成值", "权重", "得分", "未完成原因分析"]):
        sh.put(f"{col}{head}", label, "hdr")
    first = head + 1
    merge_runs(sh, 2, first, group_labels(rows))
    for i, row in enumerate(rows):
        r = first + i
        l2 = "经济成本指标" if row["l2"] == "成本指标" else row["l2"]
        if row["kind"] in ("qual", "time"):
            op, value, unit = "定性", row["t"], "/"
        else:
            op = {"≥": "≥", "=": "＝", "≤": "≤"}[row["op"]]
            value, unit = row["t"], row["unit"]
        for col, v in zip("CDEFGHIJK", (l2, row["name"], op, value, unit, row["a"], row["w"], row["s"], row["dev"])):
            style = "txt" if col in "DK" else ("n0" if isinstance(v, (int, float)) else "ctr")
            sh.put(f"{col}{r}", v if v is not None else BLANK, style)
    last = first + len(rows) - 1
    r = last + 1
    sh.merge(f"A{r}:H{r}", "合计", "lbl")
    sh.put(f"I{r}", F(f"H9+SUM(I{first}:I{last})", num.weight_sum), "n0")
    sh.put(f"J{r}", F(f"I9+SUM(J{first}:J{last})", num.stated), "n0")
    sh.put(f"K{r}", BLANK, "txt")
    sh.merge(f"A{r + 1}:B{r + 1}", "评价结论", "lbl")
    sh.merge(f"C{r + 1}:K{r + 1}", f"项目资金使用规范，绩效目标基本实现，自评结论为{grade_of(num.stated)}。", "txt")
    sh.merge(f"A{r + 2}:B{r + 2}", "存在问题", "lbl")
    sh.merge(f"C{r + 2}:K{r + 2}", "无" if not any(x["dev"] for x in rows) else "部分指标未达年初目标。", "txt")
    sh.merge(f"A{r + 3}:B{r + 3}", "改进措施", "lbl")
    sh.merge(f"C{r + 3}:K{r + 3}", "提高预算编制准确性，加强绩效运行监控。", "txt")
    sh.merge(f"A{r + 5}:C{r + 5}", "项目负责人：" + ctx["filled_by"], "plain")
    sh.merge(f"D{r + 5}:F{r + 5}", "财务负责人：" + person(rng), "plain")
    sh.merge(f"G{r + 5}:H{r + 5}", "联系电话：" + ctx["phone"], "plain")
    sh.merge(f"I{r + 5}:K{r + 5}", "填报日期：" + ctx["filled_on"], "plain")
    return [sh], [num]


def layout_chongqing(rng, ctx):
    """Chongqing flat department list, no 一级/二级 (sample 08)."""
    year = ctx["year"]
    n = rng.randint(10, 25)
    rows = make_rows(rng, n, [("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)], year, flat=True)
    num = Numbers(rng, rows, 10)
    sh = Sheet(rng.choice(("工作表1", "Sheet1", "部门整体绩效自评表")))
    sh.width(A=12, B=26, C=9, D=10, E=11, F=11, G=11, H=11, I=11, J=11, K=11)
    sh.merge("A1:K1", "部门整体绩效自评表", "title")
    sh.merge("A2:K2", f"（{year}年度）", "subtitle")
    sh.put("A3", "单位名称", "lbl")
    sh.merge("B3:K3", ctx["unit"], "txt")
    sh.put("A4", "主管部门", "lbl")
    sh.merge("B4:E4", ctx["supervisor"], "txt")
    sh.merge("F4:G4", "财政处室", "lbl")
    sh.put("H4", "教科文科", "ctr")
    sh.merge("I4:J4", "自评总分(分)", "lbl")
    sh.put("K4", num.stated, "n0")
    sh.put("A5", "部门联系人", "lbl")
    sh.merge("B5:E5", ctx["filled_by"], "txt")
    sh.merge("F5:G5", "联系电话", "lbl")
    sh.merge("H5:K5", ctx["phone"], "txt")
    sh.merge("A6:A7", "部门预算执行情况(万元)", "lbl")
    sh.merge("B6:C6", "年初预算数", "hdr")
    sh.merge("D6:E6", "全年(调整)预算数", "hdr")
    sh.merge("F6:G6", "全年执行数", "hdr")
    sh.put("H6", "执行率(%)", "hdr")
    sh.put("I6", "执行率权重", "hdr")
    sh.merge("J6:K6", "执行率得分(分)", "hdr")
    sh.merge("B7:C7", num.year0, "n2")
    sh.merge("D7:E7", num.budget, "n2")
    sh.merge("F7:G7", num.executed, "n2")
    sh.put("H7", round(num.stated_rate * 100, 2), "n0")
    sh.put("I7", 10, "n0")
    sh.merge("J7:K7", num.funds_s, "n0")
    sh.merge("A8:A9", "当年绩效目标", "lbl")
    sh.merge("B8:E8", "年初绩效目标", "hdr")
    sh.merge("F8:H8", "全年(调整)绩效目标", "hdr")
    sh.merge("I8:K8", "全年目标实际完成情况", "hdr")
    sh.merge("B9:E9", "保障学校正常运转，提升教育教学质量，确保校园安全稳定。", "txt")
    sh.merge("F9:H9", "同年初目标。", "txt")
    sh.merge("I9:K9", "全年各项目标基本完成。", "txt")
    head = 10
    sh.merge(f"A{head}:A{head + len(rows)}", "绩效指标", "lbl")
    for col, label in zip("BCDEFGHIJK", ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值",
                                         "得分系数(%)", "指标权重(分)", "指标得分(分)", "是否核心指标"]):
        sh.put(f"{col}{head}", label, "hdr")
    for i, row in enumerate(rows):
        r = head + 1 + i
        if row["kind"] in ("qual", "time"):
            unit, nature = None, "定性指标"
            t = row["t"] if row["kind"] == "time" else rng.choice(("高", "好", row["t"]))
            a = t if row["met"] else "较好"
        else:
            unit, nature, t, a = row["unit"], "定量指标", row["t"], row["a"]
        coef = round(row["s"] / row["w"] * 100, 2) if row["w"] else 0
        vals = (row["name"], unit, nature, t, t, a, int(coef) if float(coef).is_integer() else coef,
                row["w"], row["s"], rng.choice(("是", "否")))
        for col, v in zip("BCDEFGHIJK", vals):
            style = "txt" if col == "B" else ("n0" if isinstance(v, (int, float)) else "ctr")
            sh.put(f"{col}{r}", v if v is not None else BLANK, style)
    return [sh], [num]


LAYOUTS = {"national": layout_national, "hubei": layout_hubei, "yunnan": layout_yunnan,
           "sichuan": layout_sichuan, "chongqing": layout_chongqing}
# (layout, share, [(producer, share within the layout)])
MIX = [
    ("national", 0.35, [("wps", 0.47), ("gov-java", 0.25), ("xlsxwriter", 0.24), ("openpyxl", 0.04)]),
    ("hubei", 0.20, [("wps", 0.6), ("xlsxwriter", 0.36), ("openpyxl", 0.04)]),
    ("yunnan", 0.15, [("gov-java", 1.0)]),
    ("sichuan", 0.15, [("xlsxwriter", 0.5), ("wps", 0.5)]),
    ("chongqing", 0.15, [("tencent", 1.0)]),
]


def pick(rng, items):
    x, acc = rng.random(), 0.0
    for item in items:
        acc += item[1]
        if x < acc:
            return item
    return items[-1]


# --------------------------------------------------------------------------------------
# The plan: which file goes where (cheap, in the parent process)
# --------------------------------------------------------------------------------------

def plan(n_generated, size):
    rng = random.Random(f"{SEED}-plan-{size}")
    used = set()
    names_left = {}                  # district -> shuffled list of (place, type)
    jobs = []
    for i in range(n_generated):
        layout, _, producers = pick(rng, MIX)
        producer = pick(rng, producers)[0]
        district, supervisor = rng.choice(DISTRICTS[LAYOUT_GROUP[layout]])
        if district not in names_left or not names_left[district]:
            combos = [(p, t) for p in PLACES for t in TYPES]
            random.Random(f"{SEED}-{district}-{len(used)}").shuffle(combos)
            names_left[district] = combos
        place, (typ, kind_dir) = names_left[district].pop()
        short = district.split("市")[-1] if "市" in district[:-1] else district
        unit = f"{district}{place}{typ}"
        year = rng.choice((2021, 2022, 2023))
        project = rng.choice(PROJECTS)
        dept = layout in ("hubei", "chongqing")
        style = rng.randrange(4)
        if dept:
            fname = [f"{unit}部门整体绩效自评表", f"附件2-{place}{typ}{year}年度整体绩效自评",
                     f"{year}年{short}{place}{typ}整体支出绩效自评表", f"{place}{typ}_部门自评"][style]
        else:
            fname = [f"{place}{typ}-{project}", f"{year}年度{project}绩效自评表（{place}{typ}）",
                     f"{unit}_{project}_自评表", f"{place}{typ}{year}项目支出绩效自评表"][style]
        roll = rng.random()
        if roll < 0.5:
            parts = [district, kind_dir]
        elif roll < 0.6:
            parts = [district, f"{year}年度", rng.choice(("第一批", "第二批", "补报"))]
        else:
            parts = [district]
        rel = os.path.join(*parts, fname + ".xlsx")
        k = 2
        while rel in used:
            rel = os.path.join(*parts, f"{fname}（{k}）.xlsx")
            k += 1
        used.add(rel)
        jobs.append(dict(i=i, rel=rel, layout=layout, producer=producer, district=district,
                         supervisor=supervisor, unit=unit, year=year, project=project,
                         seed=f"{SEED}-{size}-{i}"))
    return jobs


def build(job, root, force):
    path = os.path.join(root, job["rel"])
    rng = random.Random(job["seed"])
    ctx = dict(job)
    ctx["filled_by"] = person(rng)
    ctx["phone"] = phone(rng)
    ctx["filled_on"] = f"{job['year'] + 1}-{rng.randint(1, 4):02d}-{rng.randint(1, 28):02d}"
    sheets, nums = LAYOUTS[job["layout"]](rng, ctx)
    if force or not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        producer = job["producer"]
        if producer == "xlsxwriter":
            ms.write_xlsxwriter(tmp, sheets, author=ctx["filled_by"], company=job["unit"])
        elif producer == "openpyxl":
            ms.write_openpyxl(tmp, sheets, creator=ctx["filled_by"])
        else:
            ms.write_raw(tmp, sheets, producer, no_ref_rows=ctx.get("no_ref_rows"), creator=ctx["filled_by"])
        os.replace(tmp, path)
        wrote = True
    else:
        wrote = False
    reports = [dict(rows=len(nm.rows), weightSum=nm.weight_sum, computedTotal=nm.computed,
                    statedTotal=nm.stated, rate=round(nm.rate, 4), statedRate=nm.stated_rate,
                    errors=nm.errors) for nm in nums]
    entry = dict(path=job["rel"], layout=job["layout"], producer=job["producer"],
                 kind="department" if job["layout"] in ("hubei", "chongqing") else "project",
                 year=job["year"], unit=job["unit"], sheets=[s.name for s in sheets], reports=reports)
    return entry, wrote


def _build_star(args):
    return build(*args)


# --------------------------------------------------------------------------------------
# Bad files and copied samples
# --------------------------------------------------------------------------------------

def bad_files(root, force):
    d = os.path.join(root, "损坏文件")
    os.makedirs(d, exist_ok=True)
    good = None
    for name in sorted(os.listdir(os.path.join(SAMPLES))):
        if name.endswith(".xlsx"):
            good = os.path.join(SAMPLES, name)
            break
    with open(good, "rb") as fh:
        data = fh.read()
    lock = bytes([7]) + "王伟".encode("utf-16-le") + b"\x00" * 52
    lock = (lock + b"\x20\x00" * 60)[:165]
    files = {
        "某校自评表-损坏.xlsx": data[: len(data) // 2],
        "空文件.xlsx": b"",
        "旧版自评表.xls": bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + b"Workbook" + bytes(512),
        "~$某校自评表.xlsx": lock,
        "不是表格.xlsx": "这是一个被误命名为 .xlsx 的文本文件。\n".encode("utf-8"),
        "说明.txt": "各校自评表汇总说明：请按区县建立文件夹。\n".encode("utf-8"),
    }
    out = []
    for name, body in files.items():
        p = os.path.join(d, name)
        if force or not os.path.exists(p):
            with open(p, "wb") as fh:
                fh.write(body)
        out.append(os.path.relpath(p, root))
    return out


def copy_samples(root, force):
    d = os.path.join(root, "样例")
    os.makedirs(d, exist_ok=True)
    out = []
    for name in sorted(os.listdir(SAMPLES)):
        if not name.endswith(".xlsx"):
            continue
        p = os.path.join(d, name)
        if force or not os.path.exists(p):
            shutil.copyfile(os.path.join(SAMPLES, name), p)
        out.append(os.path.relpath(p, root))
    return out


# --------------------------------------------------------------------------------------

def generate(size, out_dir, jobs_n, force):
    root = os.path.join(out_dir, f"merge-{size}")
    manifest = os.path.join(out_dir, f"merge-{size}.manifest.jsonl")
    samples = copy_samples(root, force)
    bad = bad_files(root, force)
    n_generated = size - len(samples)
    work = plan(n_generated, size)
    todo = [j for j in work if force or not os.path.exists(os.path.join(root, j["rel"]))]
    if not todo and os.path.exists(manifest):
        print(f"merge-{size}: {size} workbooks + {len(bad)} bad files already there ({root})")
        return
    print(f"merge-{size}: {len(todo)} of {n_generated} generated workbooks to write"
          f" (+ {len(samples)} samples, {len(bad)} bad files), {jobs_n} process(es)", flush=True)
    start = time.time()
    entries = [None] * len(work)
    wrote = 0
    args = [(j, root, force) for j in work]
    if jobs_n > 1:
        with multiprocessing.Pool(jobs_n) as pool:
            results = pool.imap(_build_star, args, chunksize=25)
            for k, (entry, w) in enumerate(results):
                entries[k] = entry
                wrote += w
                if (k + 1) % 1000 == 0:
                    print(f"   {k + 1}/{len(work)}  {time.time() - start:.1f} s", flush=True)
    else:
        for k, a in enumerate(args):
            entries[k], w = build(*a)
            wrote += w
            if (k + 1) % 1000 == 0:
                print(f"   {k + 1}/{len(work)}  {time.time() - start:.1f} s", flush=True)
    with open(manifest + ".tmp", "w", encoding="utf-8") as fh:
        for e in entries:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        for p in samples:
            fh.write(json.dumps(dict(path=p, layout="sample", producer="Samples/make_samples.py"),
                                ensure_ascii=False) + "\n")
        for p in bad:
            fh.write(json.dumps(dict(path=p, layout="bad"), ensure_ascii=False) + "\n")
    os.replace(manifest + ".tmp", manifest)
    layouts, producers, errors = {}, {}, {}
    for e in entries:
        layouts[e["layout"]] = layouts.get(e["layout"], 0) + 1
        producers[e["producer"]] = producers.get(e["producer"], 0) + 1
        for rep in e["reports"]:
            for err in rep["errors"]:
                errors[err] = errors.get(err, 0) + 1
    size_mb = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(root) for f in fs) / 1e6
    print(f"merge-{size}: wrote {wrote} files in {time.time() - start:.1f} s; {size_mb:.1f} MB in {root}")
    print(f"   layouts:   {json.dumps(layouts, ensure_ascii=False)}")
    print(f"   producers: {json.dumps(producers, ensure_ascii=False)}")
    print(f"   deliberate errors: {json.dumps(errors, ensure_ascii=False)}")
    print(f"   manifest:  {manifest}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2000,10000", help="comma-separated dataset sizes (default 2000,10000)")
    ap.add_argument("--out", default=os.path.join(HERE, "data"), help="output folder (default Benchmarks/data)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="processes (default 2)")
    ap.add_argument("--force", action="store_true", help="rewrite files that exist")
    a = ap.parse_args()
    for s in a.sizes.split(","):
        generate(int(s), a.out, max(1, a.jobs), a.force)


if __name__ == "__main__":
    main()
