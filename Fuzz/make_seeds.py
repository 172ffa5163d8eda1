#!/usr/bin/env python3
"""Builds the reader fuzzer's seed corpus from .xlsx workbooks, at run time.

Usage: make_seeds.py OUTPUT_DIR WORKBOOK...

Each workbook becomes a whole-file seed (mode byte + the file), and each of its parts
that a mode covers becomes a packed-part seed (mode byte + the part) and two
direct-mode seeds (mode byte + chunk-size byte + the part, with 64 KiB and 128 B chunks).
The bytes must match ReaderFuzzHarness.Mode (Tests/XLSXTests/ReaderFuzzHarness.swift):
mode = byte % 14, and byte / 14 % 2 picks the JSON (0) or TSV (1) dump. Seeds are
named by their SHA-1, so duplicates collapse; the workbooks are only read.
"""
import hashlib
import os
import re
import sys
import zipfile

# (packed mode, direct mode, part name pattern)
MODES = [
    (1, 8, re.compile(r"^xl/(worksheets|macrosheets|dialogsheets)/[^/]+\.xml$")),
    (2, 9, re.compile(r"^xl/sharedstrings\.xml$")),
    (3, 10, re.compile(r"^xl/workbook\.xml$")),
    (4, 11, re.compile(r"^xl/styles\.xml$")),
    (5, 12, re.compile(r"^xl/_rels/workbook\.xml\.rels$")),
    (6, 12, re.compile(r"^_rels/\.rels$")),
    (7, 13, re.compile(r"^\[content_types\]\.xml$")),
]
MODE_COUNT = 14
CHUNK_64K, CHUNK_128 = 16, 7
MAX_SEED = 1 << 20  # the fuzzer's -max_len


def write(out_dir, prefix, data, counts):
    data = bytes(prefix) + data
    if len(data) > MAX_SEED:
        return
    name = hashlib.sha1(data).hexdigest()
    path = os.path.join(out_dir, name)
    if not os.path.exists(path):
        with open(path, "wb") as handle:
            handle.write(data)
        mode = prefix[0] % MODE_COUNT
        counts[mode] = counts.get(mode, 0) + 1


def dump_variant(mode, data):
    """The mode byte, with the TSV dump for about half of the seeds."""
    return mode + MODE_COUNT * (hashlib.sha1(data).digest()[0] % 2)


def main():
    out_dir, workbooks = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    counts = {}
    damaged = []
    for workbook in workbooks:
        with open(workbook, "rb") as handle:
            data = handle.read()
            write(out_dir, [dump_variant(0, data)], data, counts)
        try:
            archive = zipfile.ZipFile(workbook)
        except Exception:  # damaged workbooks still make a whole-file seed
            damaged.append(os.path.basename(workbook))
            continue
        with archive:
            for info in archive.infolist():
                name = info.filename.replace("\\", "/").lstrip("/").lower()
                for packed, direct, pattern in MODES:
                    if pattern.match(name) and info.file_size <= MAX_SEED:
                        try:
                            data = archive.read(info)
                        except Exception:  # a damaged part (bad CRC …) is left out
                            damaged.append(f"{os.path.basename(workbook)}:{info.filename}")
                            continue
                        write(out_dir, [dump_variant(packed, data)], data, counts)
                        write(out_dir, [direct, CHUNK_64K], data, counts)
                        write(out_dir, [direct, CHUNK_128], data, counts)
    summary = ", ".join(f"mode {mode}: {counts[mode]}" for mode in sorted(counts))
    print(f"make_seeds: {sum(counts.values())} seeds in {out_dir} ({summary or 'none'}); "
          f"{len(damaged)} damaged workbooks or parts gave no part seeds")


if __name__ == "__main__":
    main()
