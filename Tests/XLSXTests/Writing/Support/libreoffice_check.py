#!/usr/bin/python3
"""Opens an .xlsx file in a headless LibreOffice through UNO and prints, as JSON, what
LibreOffice holds after loading it: every non-empty cell (numbers as repr(float), at full
precision), frozen panes, merged ranges, notes, hyperlinks and the autofilter range.

    /usr/bin/python3 libreoffice_check.py FILE.xlsx

Needs LibreOffice Calc and its Python bridge (Debian: apt-get install -y
libreoffice-calc-nogui python3-uno); run it with the system python3, which has `uno`.
The office runs with a private profile on a free local port and is ended afterwards.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def cell_name(column, row):
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def describe(document, sheet, controller):
    controller.setActiveSheet(sheet)
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    cells, links, merged = {}, {}, []
    for row in range(end.EndRow + 1):
        for column in range(end.EndColumn + 1):
            cell = sheet.getCellByPosition(column, row)
            name = cell_name(column, row)
            kind = cell.Type.value
            if kind == "VALUE":
                cells[name] = ["n", repr(cell.getValue())]
            elif kind == "TEXT":
                cells[name] = ["s", cell.getString()]
            elif kind == "FORMULA":
                cells[name] = ["f", cell.getFormula(), cell.getString()]
            fields = cell.getText().getTextFields()
            if fields.hasElements():
                links[name] = [field.URL for field in fields]
            area = sheet.createCursorByRange(cell)
            area.collapseToMergedArea()
            address = area.getRangeAddress()
            spans = address.EndColumn > address.StartColumn or address.EndRow > address.StartRow
            if spans and (address.StartColumn, address.StartRow) == (column, row):
                merged.append(f"{name}:{cell_name(address.EndColumn, address.EndRow)}")
    notes = {cell_name(n.Position.Column, n.Position.Row): n.getString() for n in sheet.getAnnotations()}
    unnamed = document.getPropertyValue("UnnamedDatabaseRanges")
    autofilter = None
    if unnamed.hasByTable(sheet.RangeAddress.Sheet):
        database = unnamed.getByTable(sheet.RangeAddress.Sheet)
        area = database.DataArea
        if database.AutoFilter:
            autofilter = f"{cell_name(area.StartColumn, area.StartRow)}:{cell_name(area.EndColumn, area.EndRow)}"
    return {
        "cells": cells,
        "links": links,
        "merged": merged,
        "notes": notes,
        "frozen": [controller.hasFrozenPanes(), controller.getSplitColumn(), controller.getSplitRow()],
        "autofilter": autofilter,
    }


def main(path):
    port = free_port()
    profile = tempfile.mkdtemp(prefix="jixiao-lo-")
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         f"-env:UserInstallation=file://{profile}", f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        context = connect(port)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (hidden,))
        if document is None:
            raise SystemExit(f"LibreOffice could not open {path}")
        controller = document.getCurrentController()
        report = {"sheets": [sheet.Name for sheet in document.Sheets]}
        report["content"] = {sheet.Name: describe(document, sheet, controller) for sheet in document.Sheets}
        document.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
        json.dump(report, sys.stdout, ensure_ascii=False)
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        subprocess.run(["rm", "-rf", profile])


if __name__ == "__main__":
    main(sys.argv[1])
