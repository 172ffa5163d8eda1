#!/usr/bin/env python3
"""The baseline of the merge benchmark (Benchmarks/run-merge): the least any Python
consolidator must do. It walks DIR recursively, opens every .xlsx / .xlsm workbook with
python-calamine and reads every cell of every sheet
(`CalamineWorkbook.from_path(p)`, `get_sheet_by_name(name).to_python()`), counting the
non-empty cells. Nothing is interpreted, validated or written.

With --processes N the file list is shared out by a multiprocessing Pool (chunks of 50
files), so it can use as many cores as `jixiao merge --jobs N`. A file that cannot be
read (corrupt zip, empty file, not a workbook) is counted as a failure and the run goes
on. Excel lock files (`~$…`) and hidden files are skipped, as a consolidator would.

Prints one line:  files=N cells=N failures=N skipped=N sum=X
  files     workbooks opened (failures included)
  cells     non-empty cells read (to_python() gives "" for an empty cell)
  failures  workbooks that raised an exception
  skipped   lock files / hidden files not opened
  sum       sum of the numeric cells (a checksum)
  processes the processes that did the work (the parent included)
  rss_sum_mb  the peak RSS of those processes added up: what the baseline holds in memory
            at most (time -v reports only the largest single process)

Each failed file is listed first as `error: PATH: MESSAGE` (--quiet leaves that out).

Usage: merge_baseline.py DIR [DIR...] [--processes N] [--chunksize N] [--quiet]
"""

import argparse
import multiprocessing
import os
import resource
import sys

try:
    from python_calamine import CalamineWorkbook
except ImportError:
    sys.exit("merge_baseline.py: python-calamine is missing: pip install python-calamine")

EXTENSIONS = (".xlsx", ".xlsm")


def find(roots):
    """Every workbook under the roots, sorted; and the number of skipped names."""
    files, skipped = [], 0
    for root in roots:
        if os.path.isfile(root):
            files.append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.lower().endswith(EXTENSIONS):
                    continue
                if name.startswith("~$") or name.startswith("."):
                    skipped += 1
                    continue
                files.append(os.path.join(dirpath, name))
    return files, skipped


def peak_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def read(path):
    """(cells, numeric sum, error message or None, pid, peak RSS in kB) of one workbook."""
    cells = 0
    total = 0.0
    try:
        workbook = CalamineWorkbook.from_path(path)
        try:
            for name in workbook.sheet_names:
                for row in workbook.get_sheet_by_name(name).to_python():
                    for value in row:
                        if value == "":
                            continue
                        cells += 1
                        if type(value) is float or type(value) is int:
                            total += value
        finally:
            workbook.close()
    except Exception as error:  # noqa: BLE001 - a bad file is counted, the run goes on
        return cells, total, f"{type(error).__name__}: {error}", os.getpid(), peak_kb()
    return cells, total, None, os.getpid(), peak_kb()


def main():
    ap = argparse.ArgumentParser(description="Open every workbook under DIR and read every cell with python-calamine.")
    ap.add_argument("dirs", nargs="+", metavar="DIR")
    ap.add_argument("--processes", "-p", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--chunksize", type=int, default=50, help="files per task (default 50)")
    ap.add_argument("--quiet", "-q", action="store_true", help="do not list the failed files")
    a = ap.parse_args()
    if a.processes < 1:
        ap.error("--processes must be at least 1")

    files, skipped = find(a.dirs)
    cells = failures = 0
    total = 0.0
    errors = []
    peaks = {}                                   # pid -> peak RSS (kB) seen in its results
    if a.processes == 1:
        results = map(read, files)
        pool = None
    else:
        pool = multiprocessing.Pool(a.processes)
        results = pool.imap(read, files, chunksize=a.chunksize)
    for path, (c, s, err, pid, kb) in zip(files, results):
        cells += c
        total += s
        peaks[pid] = max(kb, peaks.get(pid, 0))
        if err is not None:
            failures += 1
            errors.append((path, err))
    if pool is not None:
        pool.close()
        pool.join()
    for path, err in errors:
        if not a.quiet:
            print(f"error: {path}: {err}")
    peaks[os.getpid()] = peak_kb()
    rss_sum = sum(peaks.values()) / 1024
    print(f"files={len(files)} cells={cells} failures={failures} skipped={skipped} sum={total!r} "
          f"processes={len(peaks)} rss_sum_mb={rss_sum:.1f}")


if __name__ == "__main__":
    main()
