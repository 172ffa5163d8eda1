#!/usr/bin/env python3
"""Reads .xlsx files written by jixiao's writer with openpyxl and python-calamine and
prints, as JSON, every cell value each library sees, plus what openpyxl reports of the
layout (merges, panes, filter, widths, heights, links, notes, styles of a few cells).

    crosscheck.py FILE.xlsx [FILE.xlsx ...]

Values are tagged so that nothing is lost in JSON: ["s", text], ["n", repr(float)],
["b", bool], ["d", "YYYY-MM-DDTHH:MM:SS"] (rounded to the second), ["t", seconds] for
durations, ["?", repr] for anything else. Exit status 3 means a module is missing.
"""

import datetime
import json
import sys
import zipfile

try:
    import openpyxl
    import python_calamine
except ImportError as error:  # reported to the Swift test, which skips or fails
    print(f"missing Python module: {error.name}", file=sys.stderr)
    sys.exit(3)


def encode(value):
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, (int, float)):
        return ["n", repr(float(value))]
    if isinstance(value, datetime.datetime):
        rounded = (value + datetime.timedelta(microseconds=500_000)).replace(microsecond=0)
        return ["d", rounded.isoformat()]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat() + "T00:00:00"]
    if isinstance(value, datetime.time):
        return ["d", "1899-12-30T" + value.replace(microsecond=0).isoformat()]
    if isinstance(value, datetime.timedelta):
        return ["t", repr(round(value.total_seconds(), 3))]
    if isinstance(value, str):
        return ["s", value]
    return ["?", repr(value)]


def color(value):
    return value.rgb if value is not None and isinstance(value.rgb, str) else None


def read_openpyxl(path):
    workbook = openpyxl.load_workbook(path)
    result = {"sheets": workbook.sheetnames, "cells": {}, "layout": {}}
    for sheet in workbook.worksheets:
        cells, comments, links, styles = {}, {}, {}, {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[cell.coordinate] = encode(cell.value)
                if cell.comment is not None:
                    comments[cell.coordinate] = cell.comment.text
                if cell.hyperlink is not None:
                    links[cell.coordinate] = {
                        "target": cell.hyperlink.target,
                        "location": cell.hyperlink.location,
                    }
                if cell.has_style and cell.style_id != 0:
                    styles[cell.coordinate] = {
                        "bold": bool(cell.font.b),
                        "font": color(cell.font.color),
                        "fill": color(cell.fill.fgColor) if cell.fill.fill_type == "solid" else None,
                        "border": cell.border.left.style,
                        "wrap": bool(cell.alignment.wrap_text),
                        "horizontal": cell.alignment.horizontal,
                        "vertical": cell.alignment.vertical,
                        "format": cell.number_format,
                    }
        result["cells"][sheet.title] = cells
        result["layout"][sheet.title] = {
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "freeze": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "widths": {k: v.width for k, v in sheet.column_dimensions.items() if v.customWidth},
            "heights": {str(k): v.height for k, v in sheet.row_dimensions.items() if v.height is not None},
            "comments": comments,
            "links": links,
            "styles": styles,
        }
    return result


def read_calamine(path):
    workbook = python_calamine.CalamineWorkbook.from_path(path)
    result = {"sheets": workbook.sheet_names, "cells": {}}
    for name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells = {}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value == "" or value is None:
                    continue
                cells[openpyxl.utils.get_column_letter(c + 1) + str(r + 1)] = encode(value)
        result["cells"][name] = cells
    return result


def main(paths):
    report = {}
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            names = archive.namelist()
        report[path] = {
            "zip": {"ok": bad is None, "entries": names},
            "openpyxl": read_openpyxl(path),
            "calamine": read_calamine(path),
        }
    json.dump(report, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
