#!/usr/bin/env python3
"""Reads every cell of every sheet of the given .xlsx files (or of the .xlsx files in the
given directories) with python-calamine, and prints `cells=N failures=N sum=X` like
jixiao-bench: N non-empty cells, X the sum of the numeric cells (dates and booleans
excluded). Used by Benchmarks/run as the baseline.

calamine's to_python() gives "" for an empty cell; it also turns whitespace-only strings
and error cells into "", so its count can be a little lower than jixiao's."""

import os
import sys

try:
    from python_calamine import CalamineWorkbook
except ImportError:
    sys.exit("read_calamine.py: python-calamine is missing: pip install python-calamine")


def expand(args):
    for arg in args:
        if os.path.isdir(arg):
            for name in sorted(os.listdir(arg)):
                if name.endswith(".xlsx") and not name.startswith("~$"):
                    yield os.path.join(arg, name)
        else:
            yield arg


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: read_calamine.py FILE_OR_DIR...")
    cells = failures = 0
    total = 0.0
    for path in expand(sys.argv[1:]):
        try:
            workbook = CalamineWorkbook.from_path(path)
            for name in workbook.sheet_names:
                for row in workbook.get_sheet_by_name(name).to_python():
                    for value in row:
                        if value == "":
                            continue
                        cells += 1
                        if type(value) is float or type(value) is int:
                            total += value
            workbook.close()
        except Exception as error:  # noqa: BLE001 - count and go on, like jixiao-bench
            failures += 1
            print(f"error: {path}: {error}")
    print(f"cells={cells} failures={failures} sum={total!r}")


if __name__ == "__main__":
    main()
