#!/usr/bin/env python3
"""Writes the writer benchmark sheet with openpyxl in write-only mode: a header and
200,000 rows x 10 columns, the same data as jixiao-write-bench (Sources/jixiao-write-bench).

    write_openpyxl.py OUT.xlsx [ROWS]
"""
import datetime
import sys
import time

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Border, Font, PatternFill, Side

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
start = time.perf_counter()

workbook = Workbook(write_only=True)
sheet = workbook.create_sheet("数据")
for column, width in zip("ABCDEFGHIJ", [10, 12, 10, 10, 12, 20, 12, 12, 10, 12]):
    sheet.column_dimensions[column].width = width
sheet.freeze_panes = "A2"

thin = Side(style="thin")
titles = ["部门", "项目", "状态", "序号", "金额", "比值", "日期", "备注", "完成率", "调整"]
header = []
for title in titles:
    cell = WriteOnlyCell(sheet, value=title)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDEBF7")
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header.append(cell)
sheet.append(header)

departments = [f"部门{i:02d}" for i in range(50)]
projects = [f"项目{i:04d}" for i in range(1000)]
states = ["完成", "未完成", "部分完成"]
notes = [f"备注{i}" for i in range(10_000)]
first_day = datetime.date(2023, 1, 1)
days = [first_day + datetime.timedelta(days=i) for i in range(3650)]

# The two formatted cells are reused: write-only cells are serialised on append.
date_cell = WriteOnlyCell(sheet)
date_cell.number_format = "yyyy-mm-dd"
percent_cell = WriteOnlyCell(sheet)
percent_cell.number_format = "0.0%"

for index in range(rows):
    date_cell.value = days[index % 3650]
    percent_cell.value = (index % 1000) / 1000
    sheet.append([
        departments[index % 50], projects[index % 1000], states[index % 3], index, index * 1.25,
        (index % 997) / 7, date_cell, notes[index % 10_000], percent_cell, index * -0.001,
    ])

workbook.save(path)
print(f"openpyxl rows={rows} seconds={time.perf_counter() - start:.3f}")
