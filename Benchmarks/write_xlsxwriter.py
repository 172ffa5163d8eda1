#!/usr/bin/env python3
"""Writes the writer benchmark sheet with XlsxWriter in constant_memory mode: a header and
200,000 rows x 10 columns, the same data as jixiao-write-bench (Sources/jixiao-write-bench).

    write_xlsxwriter.py OUT.xlsx [ROWS]
"""
import datetime
import sys
import time

import xlsxwriter

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
start = time.perf_counter()

workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
sheet = workbook.add_worksheet("数据")
header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
percent = workbook.add_format({"num_format": "0.0%"})
for column, width in enumerate([10, 12, 10, 10, 12, 20, 12, 12, 10, 12]):
    sheet.set_column(column, column, width)
sheet.freeze_panes(1, 0)

titles = ["部门", "项目", "状态", "序号", "金额", "比值", "日期", "备注", "完成率", "调整"]
for column, title in enumerate(titles):
    sheet.write_string(0, column, title, header)

departments = [f"部门{i:02d}" for i in range(50)]
projects = [f"项目{i:04d}" for i in range(1000)]
states = ["完成", "未完成", "部分完成"]
notes = [f"备注{i}" for i in range(10_000)]
first_day = datetime.date(2023, 1, 1)
days = [first_day + datetime.timedelta(days=i) for i in range(3650)]

for index in range(rows):
    row = index + 1
    sheet.write_string(row, 0, departments[index % 50])
    sheet.write_string(row, 1, projects[index % 1000])
    sheet.write_string(row, 2, states[index % 3])
    sheet.write_number(row, 3, index)
    sheet.write_number(row, 4, index * 1.25)
    sheet.write_number(row, 5, (index % 997) / 7)
    sheet.write_datetime(row, 6, days[index % 3650], date_format)
    sheet.write_string(row, 7, notes[index % 10_000])
    sheet.write_number(row, 8, (index % 1000) / 1000, percent)
    sheet.write_number(row, 9, index * -0.001)

workbook.close()
print(f"xlsxwriter rows={rows} seconds={time.perf_counter() - start:.3f}")
