#!/usr/bin/env python3
"""Reads every cell of every sheet of the given .xlsx files (or of the .xlsx files in the
given directories) with openpyxl in read-only mode, and prints `cells=N failures=N sum=X`
like jixiao-bench: N non-empty cells (None and "" skipped), X the sum of the numeric
cells (dates and booleans excluded). Used by Benchmarks/run as a second baseline."""

import os
import sys
import warnings

try:
    from openpyxl import load_workbook
except ImportError:
    sys.exit("read_openpyxl.py: openpyxl is missing: pip install openpyxl")


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
        sys.exit("usage: read_openpyxl.py FILE_OR_DIR...")
    warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
    cells = failures = 0
    total = 0.0
    for path in expand(sys.argv[1:]):
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    for value in row:
                        if value is None or value == "":
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
