#!/usr/bin/env python3
"""(Re)create the bundled sample workbooks in Samples/.

Usage:  python3 Samples/make_samples.py            # writes Samples/*.xlsx and expected-issues.json
        python3 Samples/make_samples.py --check    # also prints the arithmetic of every table

Every workbook is built twice over: first as a neutral grid (cells, merges,
widths, named styles) by a layout function that knows one real table shape,
then serialised by one of three producers so that the reader meets the
variety it will meet in practice:

  * xlsxwriter  - shared strings, merged ranges, formats, formulas with cached
                  values (what Excel itself writes);
  * openpyxl    - what Python scripts write: formulas *without* cached values,
                  real date cells;
  * raw         - a small hand-written SpreadsheetML writer (zipfile + strings)
                  with three flavours that imitate the government systems and
                  online editors that actually produce these files:
                  "gov-java" (inline strings, cells without r attributes, no
                  docProps), "tencent" (x:-prefixed namespaces, Tencent office),
                  "wps" (WPS 表格: styled empty cells padding every row,
                  docProps/custom.xml, formulas with cached values).

Everything is deterministic: fixed document dates, fixed zip entry times,
stable part order, so reruns are byte-identical.

The numbers of every table are also kept as data (weights, scores, stated
totals, funds amounts); `summarise()` recomputes the totals, Σ weights and
rates the way DOMAIN.md §4 does, asserts that the tables meant to be clean are
clean, and writes Samples/expected-issues.json (the same lists as README.md).

Requires: pip install xlsxwriter openpyxl
"""

import datetime as dt
import io
import json
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

# One fixed moment for every piece of metadata.
FIXED = dt.datetime(2024, 5, 20, 9, 30, 0)
ZIP_TIME = (2024, 5, 20, 9, 30, 0)


# --------------------------------------------------------------------------
# Neutral grid model
# --------------------------------------------------------------------------

class F:
    """A formula with an optional cached value (None = no <v>)."""

    def __init__(self, expr, cached=None):
        self.expr = expr.lstrip("=")
        self.cached = cached


class Blank:
    """A styled empty cell (borders drawn inside merged ranges)."""


BLANK = Blank()


def col_letter(c):
    s = ""
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def parse_ref(ref):
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def a1(r, c):
    return f"{col_letter(c)}{r}"


class Sheet:
    def __init__(self, name):
        self.name = name
        self.cells = {}        # (row, col) 1-based -> (value, style)
        self.merges = []       # (r1, c1, r2, c2)
        self.widths = {}       # col -> width
        self.heights = {}      # row -> height

    def put(self, ref, value, style="txt"):
        r, c = parse_ref(ref)
        self.cells[(r, c)] = (value, style)

    def merge(self, rng, value, style="txt"):
        first, last = rng.split(":")
        r1, c1 = parse_ref(first)
        r2, c2 = parse_ref(last)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.cells[(r, c)] = (BLANK, style)
        self.cells[(r1, c1)] = (value, style)
        self.merges.append((r1, c1, r2, c2))

    def cell(self, r, c, value, style="txt", span=1, down=1):
        """Put a value at (r, c), merged over `span` columns and `down` rows."""
        if span == 1 and down == 1:
            self.cells[(r, c)] = (value, style)
        else:
            self.merge(f"{a1(r, c)}:{a1(r + down - 1, c + span - 1)}", value, style)

    def width(self, **kw):
        for letter, w in kw.items():
            self.widths[parse_ref(letter + "1")[1]] = w

    def max_rc(self):
        rows = [r for r, _ in self.cells] or [1]
        cols = [c for _, c in self.cells] or [1]
        return max(rows), max(cols)


# Named styles: (bold, size, border, halign, wrap, number format)
STYLES = {
    "title":    (True, 16, False, "center", True, None),
    "subtitle": (False, 12, False, "center", False, None),
    "note":     (False, 11, False, "left", False, None),
    "plain":    (False, 11, False, "left", False, None),
    "right":    (False, 11, False, "right", False, None),
    "hdr":      (True, 11, True, "center", True, None),
    "lbl":      (False, 11, True, "center", True, None),
    "txt":      (False, 11, True, "left", True, None),
    "ctr":      (False, 11, True, "center", True, None),
    "n0":       (False, 11, True, "center", False, None),
    "n2":       (False, 11, True, "center", False, "0.00"),
    "pct0":     (False, 11, True, "center", False, "0%"),
    "pct2":     (False, 11, True, "center", False, "0.00%"),
    "date":     (False, 11, False, "left", False, 'yyyy"年"m"月"d"日"'),
}


# --------------------------------------------------------------------------
# Producers
# --------------------------------------------------------------------------

def normalise_zip(data, date_time=ZIP_TIME, core_fix=True):
    """Rewrite a zip with fixed entry times (and fixed core.xml dates)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if core_fix and info.filename == "docProps/core.xml":
                stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              lambda m: m.group(1) + stamp.encode(), body)
            zi = zipfile.ZipInfo(info.filename, date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body)
    return out.getvalue()


def write_xlsxwriter(path, sheets, author="", company=""):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path, {"in_memory": True})
    wb.set_properties({"author": author, "company": company, "created": FIXED})
    fmts = {}

    def fmt(name):
        if name not in fmts:
            bold, size, border, halign, wrap, numfmt = STYLES[name]
            d = {"bold": bold, "font_size": size, "font_name": "宋体",
                 "align": halign, "valign": "vcenter", "text_wrap": wrap}
            if border:
                d["border"] = 1
            if numfmt:
                d["num_format"] = numfmt
            fmts[name] = wb.add_format(d)
        return fmts[name]

    def write(ws, r, c, value, style):
        f = fmt(style)
        if isinstance(value, Blank) or value is None:
            ws.write_blank(r, c, None, f)
        elif isinstance(value, F):
            ws.write_formula(r, c, "=" + value.expr, f,
                             value.cached if value.cached is not None else 0)
        elif isinstance(value, str):
            ws.write_string(r, c, value, f)
        elif isinstance(value, (dt.date, dt.datetime)):
            v = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
            ws.write_datetime(r, c, v, f)
        else:
            ws.write_number(r, c, value, f)

    for sh in sheets:
        ws = wb.add_worksheet(sh.name)
        for c, w in sh.widths.items():
            ws.set_column(c - 1, c - 1, w)
        for r, h in sh.heights.items():
            ws.set_row(r - 1, h)
        merged_cells = set()
        for (r1, c1, r2, c2) in sh.merges:
            value, style = sh.cells[(r1, c1)]
            ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", fmt(style))
            write(ws, r1 - 1, c1 - 1, value, style)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    merged_cells.add((r, c))
        for (r, c), (value, style) in sorted(sh.cells.items()):
            if (r, c) not in merged_cells:
                write(ws, r - 1, c - 1, value, style)
    wb.close()


def write_openpyxl(path, sheets, creator=""):
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = creator
    wb.properties.created = FIXED
    thin = Side(style="thin", color="FF000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    for sh in sheets:
        ws = wb.create_sheet(sh.name)
        for c, w in sh.widths.items():
            ws.column_dimensions[col_letter(c)].width = w
        for r, h in sh.heights.items():
            ws.row_dimensions[r].height = h
        covered = set()
        for (r1, c1, r2, c2) in sh.merges:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        covered.add((r, c))
        for (r, c), (value, style) in sorted(sh.cells.items()):
            if (r, c) in covered:
                continue
            bold, size, has_border, halign, wrap, numfmt = STYLES[style]
            cell = ws.cell(row=r, column=c)
            if isinstance(value, F):
                cell.value = "=" + value.expr        # openpyxl stores no cached value
            elif not isinstance(value, Blank) and value is not None:
                cell.value = value
            cell.font = Font(name="宋体", size=size, bold=bold)
            cell.alignment = Alignment(horizontal=halign, vertical="center", wrap_text=wrap)
            if has_border:
                cell.border = border
            if numfmt:
                cell.number_format = numfmt
        for (r1, c1, r2, c2) in sh.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    buf = io.BytesIO()
    wb.save(buf)
    with open(path, "wb") as fh:
        fh.write(normalise_zip(buf.getvalue()))


# ---- the raw SpreadsheetML writer --------------------------------------

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_BASE = "application/vnd.openxmlformats-officedocument"

FLAVOURS = {
    # Java / .NET government systems (POI SXSSF-like): inline strings, no
    # docProps, some rows written without cell references.
    "gov-java": dict(prefix="", strings="inline", docprops=None, pad_to=0,
                     font="宋体"),
    # Tencent Docs export: every SpreadsheetML element x:-prefixed.
    "tencent": dict(prefix="x:", strings="shared", docprops="Tencent office",
                    pad_to=0, font="等线"),
    # WPS 表格: shared strings, styled empty cells to column Z, custom.xml.
    "wps": dict(prefix="", strings="shared", docprops="WPS 表格", pad_to=26,
                font="宋体"),
}


def _num(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    if float(v).is_integer():
        return str(int(v))
    return repr(float(v))


def _serial(d):
    if isinstance(d, dt.datetime):
        delta = d - dt.datetime(1899, 12, 30)
        return delta.days + delta.seconds / 86400
    return (d - dt.date(1899, 12, 30)).days


def _text(t, p, tag="t"):
    space = ' xml:space="preserve"' if (t[:1].isspace() or t[-1:].isspace()) else ""
    return f"<{p}{tag}{space}>{escape(t)}</{p}{tag}>"


def write_raw(path, sheets, flavour, no_ref_rows=None, no_row_refs=False,
              creator=None):
    """no_ref_rows: {sheet name: set of row numbers whose cells carry no r}.
    no_row_refs: omit r on <row> as well (rows must then be contiguous)."""
    fl = FLAVOURS[flavour]
    p = fl["prefix"]
    xmlns = f'xmlns:x="{NS_MAIN}"' if p else f'xmlns="{NS_MAIN}"'
    no_ref_rows = no_ref_rows or {}

    # styles: one xf per named style, in a fixed order
    style_names = list(STYLES)
    numfmt_ids = {None: 0, "0.00": 2, "0%": 9, "0.00%": 10,
                  'yyyy"年"m"月"d"日"': 176}
    fonts = []          # (bold, size)
    for name in style_names:
        key = STYLES[name][:2]
        if key not in fonts:
            fonts.append(key)
    xfs = []
    for name in style_names:
        bold, size, border, halign, wrap, numfmt = STYLES[name]
        xfs.append((numfmt_ids[numfmt], fonts.index((bold, size)) + 1,
                    1 if border else 0, halign, wrap))
    style_index = {name: i + 1 for i, name in enumerate(style_names)}

    def font_xml(bold, size):
        b = f"<{p}b/>" if bold else ""
        return (f"<{p}font>{b}<{p}sz val=\"{size}\"/><{p}name val=\"{fl['font']}\"/>"
                f"<{p}charset val=\"134\"/></{p}font>")

    styles = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
              f"<{p}styleSheet {xmlns}>",
              f'<{p}numFmts count="1"><{p}numFmt numFmtId="176" '
              f'formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></{p}numFmts>',
              f'<{p}fonts count="{len(fonts) + 1}">', font_xml(False, 11)]
    styles += [font_xml(b, s) for b, s in fonts]
    styles.append(f"</{p}fonts>")
    styles.append(f'<{p}fills count="2"><{p}fill><{p}patternFill patternType="none"/></{p}fill>'
                  f'<{p}fill><{p}patternFill patternType="gray125"/></{p}fill></{p}fills>')
    side = lambda t: f'<{p}{t} style="thin"><{p}color indexed="64"/></{p}{t}>'
    styles.append(f'<{p}borders count="2"><{p}border><{p}left/><{p}right/><{p}top/><{p}bottom/>'
                  f'<{p}diagonal/></{p}border><{p}border>{side("left")}{side("right")}'
                  f'{side("top")}{side("bottom")}<{p}diagonal/></{p}border></{p}borders>')
    styles.append(f'<{p}cellStyleXfs count="1"><{p}xf numFmtId="0" fontId="0" fillId="0" '
                  f'borderId="0"/></{p}cellStyleXfs>')
    styles.append(f'<{p}cellXfs count="{len(xfs) + 1}"><{p}xf numFmtId="0" fontId="0" '
                  f'fillId="0" borderId="0" xfId="0"/>')
    for numfmt, font, border, halign, wrap in xfs:
        w = ' wrapText="1"' if wrap else ""
        styles.append(f'<{p}xf numFmtId="{numfmt}" fontId="{font}" fillId="0" borderId="{border}" '
                      f'xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1">'
                      f'<{p}alignment horizontal="{halign}" vertical="center"{w}/></{p}xf>')
    styles.append(f"</{p}cellXfs>")
    styles.append(f'<{p}cellStyles count="1"><{p}cellStyle name="常规" xfId="0" builtinId="0"/>'
                  f"</{p}cellStyles></{p}styleSheet>")
    styles_xml = "".join(styles)

    sst, sst_index = [], {}

    def sst_id(t):
        if t not in sst_index:
            sst_index[t] = len(sst)
            sst.append(t)
        return sst_index[t]

    def cell_xml(r, c, value, style, with_ref):
        ref = f' r="{a1(r, c)}"' if with_ref else ""
        s = f' s="{style_index[style]}"'
        if isinstance(value, Blank) or value is None:
            return f"<{p}c{ref}{s}/>"
        if isinstance(value, F):
            if value.cached is None:
                return f"<{p}c{ref}{s}><{p}f>{escape(value.expr)}</{p}f></{p}c>"
            if isinstance(value.cached, str):
                return (f'<{p}c{ref}{s} t="str"><{p}f>{escape(value.expr)}</{p}f>'
                        f"<{p}v>{escape(value.cached)}</{p}v></{p}c>")
            return (f"<{p}c{ref}{s}><{p}f>{escape(value.expr)}</{p}f>"
                    f"<{p}v>{_num(value.cached)}</{p}v></{p}c>")
        if isinstance(value, str):
            if fl["strings"] == "inline":
                return f'<{p}c{ref}{s} t="inlineStr"><{p}is>{_text(value, p)}</{p}is></{p}c>'
            return f'<{p}c{ref}{s} t="s"><{p}v>{sst_id(value)}</{p}v></{p}c>'
        if isinstance(value, (dt.date, dt.datetime)):
            return f"<{p}c{ref}{s}><{p}v>{_num(_serial(value))}</{p}v></{p}c>"
        return f"<{p}c{ref}{s}><{p}v>{_num(value)}</{p}v></{p}c>"

    sheet_xmls = []
    for sh in sheets:
        max_r, max_c = sh.max_rc()
        last_c = max(max_c, fl["pad_to"])
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
               f'<{p}worksheet {xmlns} xmlns:r="{NS_R}"'
               + (' xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"'
                  if flavour == "wps" else "") + ">",
               f'<{p}sheetPr/><{p}dimension ref="A1:{a1(max_r, last_c)}"/>',
               f'<{p}sheetViews><{p}sheetView workbookViewId="0"'
               + (' tabSelected="1"' if sh is sheets[0] else "") + f"/></{p}sheetViews>",
               f'<{p}sheetFormatPr defaultColWidth="9" defaultRowHeight="14.25"/>']
        if sh.widths:
            out.append(f"<{p}cols>")
            for c in sorted(sh.widths):
                out.append(f'<{p}col min="{c}" max="{c}" width="{sh.widths[c]}" customWidth="1"/>')
            out.append(f"</{p}cols>")
        out.append(f"<{p}sheetData>")
        rows = sorted({r for r, _ in sh.cells})
        row_range = range(1, max_r + 1) if no_row_refs else rows
        for r in row_range:
            attrs = "" if no_row_refs else f' r="{r}"'
            if r in sh.heights:
                attrs += f' ht="{sh.heights[r]}" customHeight="1"'
            cols = sorted(c for rr, c in sh.cells if rr == r)
            if not cols:
                out.append(f"<{p}row{attrs}/>")
                continue
            with_ref = r not in no_ref_rows.get(sh.name, set()) and not no_row_refs
            parts = []
            if with_ref:
                last = max(cols[-1], fl["pad_to"])
                if fl["pad_to"]:
                    attrs += f' spans="1:{last}"'
                for c in range(1, last + 1):
                    if (r, c) in sh.cells:
                        parts.append(cell_xml(r, c, *sh.cells[(r, c)], True))
                    elif fl["pad_to"]:
                        parts.append(f'<{p}c r="{a1(r, c)}" s="{style_index["plain"]}"/>')
            else:
                # no references: every cell from column A on must be written
                for c in range(1, cols[-1] + 1):
                    value, style = sh.cells.get((r, c), (BLANK, "plain"))
                    parts.append(cell_xml(r, c, value, style, False))
            out.append(f"<{p}row{attrs}>" + "".join(parts) + f"</{p}row>")
        out.append(f"</{p}sheetData>")
        if sh.merges:
            out.append(f'<{p}mergeCells count="{len(sh.merges)}">')
            for r1, c1, r2, c2 in sh.merges:
                out.append(f'<{p}mergeCell ref="{a1(r1, c1)}:{a1(r2, c2)}"/>')
            out.append(f"</{p}mergeCells>")
        out.append(f'<{p}pageMargins left="0.75" right="0.75" top="1" bottom="1" '
                   f'header="0.5" footer="0.5"/>')
        out.append(f"</{p}worksheet>")
        sheet_xmls.append("".join(out))

    parts = []   # (name, xml)
    ct = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          f'<Override PartName="/xl/workbook.xml" ContentType="{CT_BASE}.spreadsheetml.sheet.main+xml"/>']
    for i in range(len(sheets)):
        ct.append(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
                  f'ContentType="{CT_BASE}.spreadsheetml.worksheet+xml"/>')
    ct.append(f'<Override PartName="/xl/styles.xml" ContentType="{CT_BASE}.spreadsheetml.styles+xml"/>')
    if fl["strings"] == "shared":
        ct.append(f'<Override PartName="/xl/sharedStrings.xml" '
                  f'ContentType="{CT_BASE}.spreadsheetml.sharedStrings+xml"/>')
    if fl["docprops"]:
        ct.append('<Override PartName="/docProps/core.xml" '
                  'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>')
        ct.append(f'<Override PartName="/docProps/app.xml" ContentType="{CT_BASE}.extended-properties+xml"/>')
        if flavour == "wps":
            ct.append(f'<Override PartName="/docProps/custom.xml" ContentType="{CT_BASE}.custom-properties+xml"/>')
    ct.append("</Types>")
    parts.append(("[Content_Types].xml", "".join(ct)))

    rels = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_PKG_REL}">',
            f'<Relationship Id="rId1" Type="{REL_DOC}/officeDocument" Target="xl/workbook.xml"/>']
    if fl["docprops"]:
        rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
                    'relationships/metadata/core-properties" Target="docProps/core.xml"/>')
        rels.append(f'<Relationship Id="rId3" Type="{REL_DOC}/extended-properties" Target="docProps/app.xml"/>')
        if flavour == "wps":
            rels.append(f'<Relationship Id="rId4" Type="{REL_DOC}/custom-properties" Target="docProps/custom.xml"/>')
    rels.append("</Relationships>")
    parts.append(("_rels/.rels", "".join(rels)))

    if fl["docprops"]:
        stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
        who = escape(creator or "")
        parts.append(("docProps/core.xml",
                      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                      'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                      f"<dc:creator>{who}</dc:creator><cp:lastModifiedBy>{who}</cp:lastModifiedBy>"
                      f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
                      f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
                      "</cp:coreProperties>"))
        titles = "".join(f"<vt:lpstr>{escape(s.name)}</vt:lpstr>" for s in sheets)
        parts.append(("docProps/app.xml",
                      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
                      'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                      f"<Application>{fl['docprops']}</Application>"
                      '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr>'
                      f'</vt:variant><vt:variant><vt:i4>{len(sheets)}</vt:i4></vt:variant></vt:vector></HeadingPairs>'
                      f'<TitlesOfParts><vt:vector size="{len(sheets)}" baseType="lpstr">{titles}</vt:vector>'
                      "</TitlesOfParts></Properties>"))
        if flavour == "wps":
            parts.append(("docProps/custom.xml",
                          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                          '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                          'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                          '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
                          "<vt:lpwstr>2052-11.1.0.12980</vt:lpwstr></property></Properties>"))

    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
          f'<{p}workbook {xmlns} xmlns:r="{NS_R}">',
          f'<{p}workbookPr/><{p}bookViews><{p}workbookView activeTab="0"/></{p}bookViews><{p}sheets>']
    for i, sh in enumerate(sheets):
        wb.append(f'<{p}sheet name="{escape(sh.name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>')
    wb.append(f"</{p}sheets><{p}calcPr calcId=\"191029\"/></{p}workbook>")
    parts.append(("xl/workbook.xml", "".join(wb)))

    wrels = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_PKG_REL}">']
    for i in range(len(sheets)):
        wrels.append(f'<Relationship Id="rId{i + 1}" Type="{REL_DOC}/worksheet" '
                     f'Target="worksheets/sheet{i + 1}.xml"/>')
    n = len(sheets)
    wrels.append(f'<Relationship Id="rId{n + 1}" Type="{REL_DOC}/styles" Target="styles.xml"/>')
    if fl["strings"] == "shared":
        wrels.append(f'<Relationship Id="rId{n + 2}" Type="{REL_DOC}/sharedStrings" Target="sharedStrings.xml"/>')
    wrels.append("</Relationships>")
    parts.append(("xl/_rels/workbook.xml.rels", "".join(wrels)))

    for i, x in enumerate(sheet_xmls):
        parts.append((f"xl/worksheets/sheet{i + 1}.xml", x))
    parts.append(("xl/styles.xml", styles_xml))
    if fl["strings"] == "shared":
        body = "".join(f"<{p}si>{_text(t, p)}</{p}si>" for t in sst)
        parts.append(("xl/sharedStrings.xml",
                      f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                      f'<{p}sst {xmlns} count="{len(sst)}" uniqueCount="{len(sst)}">{body}</{p}sst>'))

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts:
            zi = zipfile.ZipInfo(name, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, xml.encode("utf-8"))


# --------------------------------------------------------------------------
# Table data helpers
# --------------------------------------------------------------------------

class Table:
    """The numbers of one table, kept for the arithmetic check."""

    def __init__(self, sheet, kind, year, stated_total, funds_w, funds_s,
                 budget, executed, rate, rows, group_labels=None, stated_grade=None):
        self.sheet = sheet
        self.kind = kind
        self.year = year
        self.stated_total = stated_total
        self.funds_w, self.funds_s = funds_w, funds_s
        self.budget, self.executed, self.rate = budget, executed, rate
        self.rows = rows                    # list of (weight, score) of applicable rows
        self.group_labels = group_labels or {}
        self.stated_grade = stated_grade

    def computed_total(self):
        return round(self.funds_s + sum(s for _, s in self.rows), 2)

    def weight_sum(self):
        return round(self.funds_w + sum(w for w, _ in self.rows), 2)


def grade(total):
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def merge_runs(sh, col, first_row, labels, style="lbl"):
    """Write labels down a column, merging runs of equal consecutive labels.
    `labels` holds a label per row, or None for 'continues the label above'."""
    r = first_row
    i = 0
    while i < len(labels):
        j = i + 1
        while j < len(labels) and labels[j] is None:
            j += 1
        sh.cell(r + i, col, labels[i], style, down=j - i)
        i = j


# --------------------------------------------------------------------------
# 01  seed 003: 益阳市教育技术装备所 2021 (national layout, xlsxwriter)
# --------------------------------------------------------------------------

def sample_01():
    sh = Sheet("项目支出绩效自评表")
    sh.width(A=6, B=14, C=12, D=34, E=16, F=22, G=8, H=8, I=20)
    sh.merge("A1:I1", "2021年度项目支出绩效自评表", "title")
    sh.heights[1] = 30
    sh.put("A2", "项目名称", "lbl")
    sh.merge("B2:I2", "实验与信息素养提升", "txt")
    sh.put("A3", "主管部门", "lbl")
    sh.merge("B3:D3", "\u3000益阳市教育局", "txt")
    sh.put("E3", "实施单位", "lbl")
    sh.merge("F3:I3", "\u3000益阳市教育技术装备所", "txt")
    # funds block (the 其中 row repeats 10 / 49% / 5 exactly as the seed has it)
    sh.merge("A4:A8", "项目资金\n（万元）", "lbl")
    sh.merge("B4:C4", "\u3000", "lbl")
    for col, label in zip("DEFGHI", ["年初\n预算数", "全年\n预算数", "全年\n执行数", "分值", "执行率", "得分"]):
        sh.put(f"{col}4", label, "hdr")
    funds = [
        ("年度资金总额\u3000", ["50万", "50万", "24.5万", "\u300010", 0.49, 5]),
        ("其中：当年财政拨款\u3000", ["50万", "50万", "24.5万", "\u300010", 0.49, 5]),
        ("上年结转资金\u3000", ["\u3000"] * 6),
        ("其他资金", ["\u3000"] * 6),
    ]
    for i, (item, vals) in enumerate(funds):
        r = 5 + i
        sh.merge(f"B{r}:C{r}", item, "txt")
        for col, v in zip("DEFGHI", vals):
            sh.put(f"{col}{r}", v, "pct0" if isinstance(v, float) else "ctr")
    sh.merge("A9:A10", "年度总体目标", "lbl")
    sh.merge("B9:E9", "预期目标", "hdr")
    sh.merge("F9:I9", "实际完成情况", "hdr")
    sh.merge("B10:E10", "   落实上级文件精神，推进益阳实验与信息素养提升的发展\u3000\u3000", "txt")
    sh.merge("F10:I10", "\u3000已完成预订目标", "txt")
    sh.heights[10] = 36
    # indicator grid
    sh.merge("A11:A26", "绩\n效\n指\n标", "lbl")
    for col, label in zip("BCDEFGHI", ["一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值",
                                       "分值", "得分", "偏差原因分析及改进措施"]):
        sh.put(f"{col}11", label, "hdr")
    S = "\u3000"
    rows = [
        # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差
        ("产出指标\n\n(50分)", "数量指标", "信息技术应用能力提升工程2.0专项培训", "200人次", "200人次", 5, 5, S),
        (None, None, "网络联校 智趣新课堂”线上操作专项培训", "1次", "1次", 5, 5, None),
        (None, None, "线上教学研讨会", "1次", "1次", 5, 5, None),
        (None, None, "全市初中实验教学质量抽查", "1次", "1次", 5, 5, None),
        (None, None, "人工智能课程培训", "1次", "1次", 5, 5, S),
        (None, "质量指标", "全市“基础教育精品课”征集遴选，精品课大赛", "获奖", "省级精品课64堂,获得部级精品课5堂", 5, 5, S),
        (None, None, "初中物理和化学教师实验能手大赛", "获奖", "物理学科获省二等奖2名，化学学科获省三等奖1名", 5, 5, None),
        (None, None, "全市幼儿园优秀玩教具展评", "共39件作品参加市级展评活动", "7件作品送省参评", 5, 5, S),
        (None, None, "经费支出时效性", "2021.1-12", "2021.1-12", 5, 5, S),
        (None, "成本指标", "实验与信息素养提升", "50万", "24.5万", 5, 3, None),
        ("\u3000\n效益指标\n（40分）", "社会效\n益指标", "教师实验教学水平实验操作能力", "有效提升", "有效提升", 5, 4, None),
        (None, None, "促进教师专业成长，提高教师的专业素养", "有效提升", "有效提升", 5, 5, S),
        (None, None, "满足学校需求", "有效提升", "有效提升", 10, 8, None),
        (None, "可持续影响指标", "培养学生创新精神与实践能力", "有效提升", "有效提升", 10, 9, S),
        (None, "服务对象满意度指标", "受训老师满意度", "≥ 90%", 0.95, 10, 10, S),
    ]
    first = 12
    merge_runs(sh, 2, first, [r[0] for r in rows])
    # 二级 runs restart where the 一级 changes
    l2 = [r[1] for r in rows]
    merge_runs(sh, 3, first, l2)
    for i, (_, _, name, target, actual, w, s, dev) in enumerate(rows):
        r = first + i
        sh.put(f"D{r}", name, "txt")
        sh.put(f"E{r}", target, "ctr")
        sh.put(f"F{r}", actual, "pct0" if isinstance(actual, float) else "ctr")
        sh.put(f"G{r}", w, "n0")
        sh.put(f"H{r}", s, "n0")
        sh.put(f"I{r}", dev if dev is not None else BLANK, "txt")
    sh.merge("A27:F27", "总分", "lbl")
    sh.put("G27", 100, "n0")
    sh.put("H27", 94, "n0")
    sh.put("I27", S, "txt")
    # Added row: the grade the report states in its text ("被评为“优秀”等级").
    sh.merge("A28:F28", "自评等级", "lbl")
    sh.merge("G28:I28", "优秀", "ctr")
    sh.merge("A30:I30", "填表人：文达   填报日期：2022年4月22日  电话：0737-4222501  单位负责人签字：", "plain")
    write_xlsxwriter(path_of(1), [sh], author="文达", company="益阳市教育技术装备所")
    return [Table(sh.name, "project", 2021, 94, 10, 5, 50, 24.5, 0.49,
                  [(r[5], r[6]) for r in rows], {"产出指标": 50, "效益指标": 40},
                  stated_grade="优秀")]


# --------------------------------------------------------------------------
# 02  seed 004: 武汉市硚口区小学教学研究室 2020, department table (openpyxl)
# --------------------------------------------------------------------------

QIAOKOU = "武汉市硚口区小学教学研究室"
QIAOKOU_GOAL = ("促进全市学前教育普及普惠安全优质发展，推进义务教育优质均衡发展，推进全市普通高中领航学校创建工作，"
                "构建服务全民的终身学习体系，教育信息化水平显著提升，以教育信息化、国际化和城乡教育一体化支撑、引领、"
                "促进教育现代化，学生体质健康水平和艺术素养得到明显提高")


def sample_02():
    sh = Sheet("整体绩效自评表")
    sh.width(A=8, B=12, C=14, D=36, E=16, F=16, G=10)
    sh.merge("A1:G1", "2020 年度武汉市硚口区小学教学研究室", "title")
    sh.merge("A2:G2", "部门（单位）整体绩效自评表", "title")
    sh.merge("A3:D3", "单位名称：" + QIAOKOU, "plain")
    sh.merge("A4:D4", "填报日期：2021 年 6 月 15 日", "plain")
    sh.merge("A5:B5", "单位名称", "lbl")
    sh.merge("C5:G5", QIAOKOU, "txt")
    sh.merge("A6:B6", "基本支出总额", "lbl")
    sh.merge("C6:D6", 519.76, "n2")
    sh.put("E6", "项目支出总额", "lbl")
    sh.merge("F6:G6", 50.60, "n2")
    sh.merge("A7:A8", "预算执行情况\n(万元)\n(20 分)", "lbl")
    sh.put("B7", BLANK, "lbl")
    sh.put("C7", "预算数 (A)", "hdr")
    sh.put("D7", "执行数 (B)", "hdr")
    sh.put("E7", "执行率 (B/A)", "hdr")
    sh.put("F7", "得分 (20 分*执行率)", "hdr")
    sh.put("G7", BLANK, "hdr")
    sh.put("B8", "部门整体\n支出总额", "lbl")
    sh.put("C8", 570.36, "n2")
    sh.put("D8", 570.36, "n2")
    sh.put("E8", 1.0, "pct0")
    sh.put("F8", 20, "n0")
    sh.put("G8", BLANK, "n0")
    sh.merge("A9:B9", "年度目标", "lbl")
    sh.merge("C9:G9", QIAOKOU_GOAL, "txt")
    sh.heights[9] = 75
    rows = [
        ("产出\n指标\n(40 分)", "数量指标", "小学学科学业质量分析 (5 分)", "4 次", "4 次", 5, 5),
        (None, "数量指标", "小学教师培训 (5 分)", "30 次", "30 次", 5, 5),
        (None, "数量指标", "幼儿教师培训 (5 分)", "4 次", "4 次", 5, 5),
        (None, "数量指标", "组织各学科高效课堂 (空中课堂) 专题教学研究活动 (5 分)", "375 场", "375 场", 5, 5),
        (None, "质量指标", "教师业务竞赛评比达标率 (4 分)", "100%", "100%", 4, 4),
        (None, "质量指标", "教师学科专业培训研讨达标率 (4 分)", "100%", "100%", 4, 4),
        (None, "质量指标", "参加省市专业竞赛获奖达标率 (4 分)", "100%", "100%", 4, 4),
        (None, "质量指标", "保教工作指南落实率 (4 分)", "100%", "100%", 4, 4),
        (None, "产出时效", "经费拨付及时率 (4 分)", "100%", "100%", 4, 4),
        ("效益\n指标\n(40 分)", "经济效益", "经费预算执行差异率 (5 分)", 0, 0, 5, 5),
        (None, "经济效益", "资金监管 (5 分)", "按照财政资金\n管理要求", "按照财政资金\n管理要求", 5, 5),
        (None, "社会效益", "完善学业质量监测与评价体系 (10 分)", "提高教学质量", "提高教学质量", 10, 8),
        (None, "可持续影响", "提高教师队伍质量（5分）", "稳步提高", "稳步提高", 5, 4),
        (None, "可持续影响", "教师教学专业能力水平（5分）", "稳步提高", "稳步提高", 5, 4),
        (None, "社会公众或服务对象满意度", "教师对培训质量满意度（10分）", "90%", "92%", 10, 8),
    ]
    head = 10
    sh.merge(f"A{head}:A{head + len(rows)}", "年度\n绩效\n指标", "lbl")
    for col, label in zip("BCDEFG", ["一级\n指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"]):
        sh.put(f"{col}{head}", label, "hdr")
    merge_runs(sh, 2, head + 1, [r[0] for r in rows])
    for i, (_, l2, name, target, actual, w, s) in enumerate(rows):
        r = head + 1 + i
        sh.put(f"C{r}", l2, "lbl")
        sh.put(f"D{r}", name, "txt")
        sh.put(f"E{r}", target, "ctr" if isinstance(target, str) else "n0")
        sh.put(f"F{r}", actual, "ctr" if isinstance(actual, str) else "n0")
        sh.put(f"G{r}", s, "n0")
    r = head + len(rows) + 1
    sh.merge(f"A{r}:B{r}", "总分", "lbl")
    sh.merge(f"C{r}:G{r}", 94, "n0")
    sh.merge(f"A{r + 1}:B{r + 1}", "偏差大或目标未完成原因分析", "lbl")
    sh.merge(f"C{r + 1}:G{r + 1}", "无", "txt")
    sh.merge(f"A{r + 2}:B{r + 2}", "改进措施及结果应用方案", "lbl")
    sh.merge(f"C{r + 2}:G{r + 2}",
             "在一定程度上加强教师队伍建设,继续深化高效课堂改革,创新教育教学模式。关注学生核心素养培养、关注学习过程和品质、"
             "关注绿色学业质量。拓展教研平台,线上线下教研相结合,提高教研效能。", "txt")
    sh.heights[r + 2] = 60
    write_openpyxl(path_of(2), [sh], creator=QIAOKOU)
    return [Table(sh.name, "department", 2020, 94, 20, 20, 570.36, 570.36, 1.0,
                  [(x[5], x[6]) for x in rows], {"产出指标": 40, "效益指标": 40})]


# --------------------------------------------------------------------------
# 03  seed 004: same unit, 2020, project table (raw writer, WPS flavour)
# --------------------------------------------------------------------------

def sample_03():
    sh = Sheet("项目自评表")
    sh.width(A=8, B=10, C=14, D=30, E=10, F=16, G=16, H=10)
    sh.merge("A1:H1", "2020 年度项目自评表", "title")
    sh.merge("A2:D2", "单位名称：" + QIAOKOU, "plain")
    sh.merge("E2:H2", "填报日期：2021 年 6 月 15 日", "right")
    sh.merge("A3:B3", "项目名称", "lbl")
    sh.merge("C3:H3", "项目支出", "txt")
    sh.merge("A4:B4", "主管部门", "lbl")
    sh.put("C4", "硚口区教育局", "txt")
    sh.merge("D4:E4", "项目实施单位", "lbl")
    sh.merge("F4:H4", QIAOKOU, "txt")
    sh.merge("A5:B5", "项目类别", "lbl")
    sh.merge("C5:H5", "1、部门预算项目☑ 2、市直专项□ 3、市对下转移支付项目□", "txt")
    sh.merge("A6:B6", "项目属性", "lbl")
    sh.merge("C6:H6", "1、持续性项目☑ 2、新增性项目□", "txt")
    sh.merge("A7:B7", "项目类型", "lbl")
    sh.merge("C7:H7", "1、常年性项目☑ 2、延续性项目□ 3、一次性项目□", "txt")
    sh.merge("A8:B9", "预算执行情况\n(万元)(20分)", "lbl")
    sh.put("C8", BLANK, "hdr")
    sh.put("D8", "预算数(A)", "hdr")
    sh.put("E8", "执行数(B)", "hdr")
    sh.put("F8", "执行率(B/A)", "hdr")
    sh.merge("G8:H8", "得分\n(20分*执行率)", "hdr")
    sh.put("C9", "年度财政资金总额", "lbl")
    sh.put("D9", 50.60, "n2")
    sh.put("E9", 50.60, "n2")
    sh.put("F9", "100%", "ctr")
    sh.merge("G9:H9", 20, "n0")
    rows = [
        ("产出\n指标\n(40 分)", "数量指标", "组织各学科教材教法培训(5分)", "45场", "45场", 5, 5),
        (None, "数量指标", "组织各学科高效课堂(空中课堂)专题教学研究活动(5分)", "375场", "375场", 5, 5),
        (None, "数量指标", "组织各学科学业质量监测(5分)", "15场", "15场", 5, 5),
        (None, "质量指标", "教师参与培训率(5分)", "100%", "100%", 5, 5),
        (None, "质量指标", "小学学科学业质量分析(5分)", "100%", "100%", 5, 5),
        (None, "质量指标", "培训合格率(5分)", "100%", "100%", 5, 5),
        (None, "产出时效", "经费拨付及时率(5分)", "2020年内", "2020年内", 5, 5),
        (None, "产出时效", "项目完成率(%) (5分)", "100%", "100%", 5, 5),
        ("效益\n指标\n(30 分)", "经济效益\n指标", "资金监管(10分)", "按照财政资金\n管理要求", "按照财政资金\n管理要求", 10, 10),
        (None, "可持续影\n响指标", "教师教学专业能力水平(5分)", "稳步提高", "稳步提高", 5, 4),
        (None, "可持续影\n响指标", "参与各类教学竞赛成绩(5分)", "稳步提高", "稳步提高", 5, 4),
        (None, "可持续影\n响指标", "提高教师队伍质量(10分)", "稳步提高", "稳步提高", 10, 7),
        ("满意度\n指标(10\n分)", "社会公众\n或服务对\n象满意度", "教师对培训质量满意度", "≥90%", "95%", 10, 10),
    ]
    head = 10
    sh.merge(f"A{head}:A{head + len(rows)}", "绩效\n目标\n(800 分)", "lbl")
    sh.put(f"B{head}", "一级\n指标", "hdr")
    sh.put(f"C{head}", "二级指标", "hdr")
    sh.merge(f"D{head}:E{head}", "三级指标", "hdr")
    sh.put(f"F{head}", "年初目标值(A)", "hdr")
    sh.put(f"G{head}", "实际完成值(B)", "hdr")
    sh.put(f"H{head}", "得分", "hdr")
    merge_runs(sh, 2, head + 1, [r[0] for r in rows])
    for i, (_, l2, name, target, actual, w, s) in enumerate(rows):
        r = head + 1 + i
        sh.put(f"C{r}", l2, "lbl")
        sh.merge(f"D{r}:E{r}", name, "txt")
        sh.put(f"F{r}", target, "ctr")
        sh.put(f"G{r}", actual, "ctr")
        sh.put(f"H{r}", s, "n0")
    r = head + len(rows) + 1
    sh.merge(f"A{r}:B{r}", "总分", "lbl")
    sh.merge(f"C{r}:H{r}", 95, "n0")
    sh.merge(f"A{r + 1}:B{r + 1}", "偏差大或\n目标未完成\n原因分析", "lbl")
    sh.merge(f"C{r + 1}:H{r + 1}", "无", "txt")
    sh.merge(f"A{r + 2}:B{r + 2}", "改进措施及\n结果应用方案", "lbl")
    sh.merge(f"C{r + 2}:H{r + 2}",
             "重视落实“立德树人、五育并举”的要求融入到学业质量监测中，增强课程意识；重视继续完善区教研室为主，"
             "与学区、学校联动的数据分析、指导机制。\n加强和深化预算管理，合理科学地编制预算，严格执行预算，"
             "加强监督和考核项目资金使用绩效的意识。关于项目支出，要制定项目实施计划，并对各项预算支出进行细化，"
             "保证经费支出和项目实施有计划、按步骤进行。", "txt")
    sh.heights[r + 2] = 90
    write_raw(path_of(3), [sh], "wps", creator="WPS_1600000000")
    return [Table(sh.name, "project", 2020, 95, 20, 20, 50.60, 50.60, 1.0,
                  [(x[5], x[6]) for x in rows],
                  {"绩效目标": 800, "产出指标": 40, "效益指标": 30, "满意度指标": 10})]


# --------------------------------------------------------------------------
# 04  Yunnan project: 公开14表, amounts in 元, two-row indicator header
#     with 指标性质 / 指标值 / 度量单位 (raw writer, gov-java flavour)
# --------------------------------------------------------------------------

def sample_04():
    sh = Sheet("公开14表")
    sh.width(A=10, B=14, C=24, D=8, E=10, F=10, G=12, H=8, I=10, J=30)
    sh.put("A1", "公开14表", "note")
    sh.merge("A2:J2", "项目支出绩效自评表", "title")
    sh.merge("A3:J3", "（2022年度）", "subtitle")
    sh.merge("A4:B4", "项目名称", "lbl")
    sh.merge("C4:J4", "农村义务教育学校公用经费补助资金", "txt")
    sh.merge("A5:B5", "主管部门", "lbl")
    sh.merge("C5:E5", "永德县教育体育局", "txt")
    sh.merge("F5:G5", "实施单位", "lbl")
    sh.merge("H5:J5", "永德县永康镇中学", "txt")
    sh.merge("A6:A10", "项目资金\n（元）", "lbl")
    sh.merge("B6:C6", BLANK, "hdr")
    for col, label in zip("DEFGH", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率"]):
        sh.put(f"{col}6", label, "hdr")
    sh.merge("I6:J6", "得分", "hdr")
    budget, executed = 386500.00, 380702.50       # 98.50 %
    funds = [
        ("年度资金总额", budget, budget, executed, 10, 0.985, 9.85),
        ("其中：当年财政拨款", budget, budget, executed, "—", 0.985, "—"),
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
    sh.merge("B12:F12", "保障学校正常运转，改善办学条件，落实农村义务教育学校公用经费补助政策，"
                        "确保公用经费按标准足额拨付到校。", "txt")
    sh.merge("G12:J12", "公用经费按初中生均850元标准足额拨付，学校水电、教学业务、维修维护等支出得到保障，"
                        "学校正常运转。", "txt")
    sh.heights[12] = 48
    # two-row header
    sh.merge("A13:C13", "绩效指标", "hdr")
    sh.merge("D13:F13", "年度指标值", "hdr")
    sh.merge("G13:G14", "实际完成值", "hdr")
    sh.merge("H13:H14", "分值", "hdr")
    sh.merge("I13:I14", "得分", "hdr")
    sh.merge("J13:J14", "偏差原因分析及改进措施", "hdr")
    for col, label in zip("ABCDEF", ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]):
        sh.put(f"{col}14", label, "hdr")
    rows = [
        ("产出指标", "数量指标", "保障在校学生人数", "≧", 1260, "人", 1268, 10, 10, None),
        (None, "质量指标", "公用经费使用合规率", "═", 100, "%", 100, 10, 10, None),
        (None, "时效指标", "资金拨付及时率", "≧", 100, "%", 100, 10, 10, None),
        (None, "成本指标", "初中生均公用经费补助标准", "═", 850, "元/生·年", 850, 10, 10, None),
        ("效益指标", "经济效益指标", "减轻学生家庭经济负担", "定性", "有效", None, "有效", 10, 10, None),
        (None, "社会效益指标", "义务教育巩固率", "≧", 98, "%", 99.2, 10, 10, None),
        (None, "生态效益指标", None, None, None, None, None, None, None, None),
        (None, "可持续影响指标", "学校正常运转保障", "定性", "长期", None, "长期", 10, 10, None),
        ("满意度指标", "服务对象满意度指标", "学生满意度", "≧", 95, "%", 96, 10, 10, None),
        (None, None, "家长满意度", "≧", 95, "%", 93, 10, 9.79,
         "部分家长对学校食堂伙食意见较多，下一步加强家校沟通，改进食堂管理。"),
    ]
    first = 15
    merge_runs(sh, 1, first, [r[0] for r in rows])
    merge_runs(sh, 2, first, [r[1] for r in rows])
    for i, (_, _, name, op, value, unit, actual, w, s, dev) in enumerate(rows):
        r = first + i
        for col, v in zip("CDEFGHIJ", (name, op, value, unit, actual, w, s, dev)):
            style = "txt" if col in "CJ" else ("n0" if isinstance(v, (int, float)) else "ctr")
            sh.put(f"{col}{r}", v if v is not None else BLANK, style)
    r = first + len(rows)
    sh.merge(f"A{r}:G{r}", "总分", "lbl")
    sh.put(f"H{r}", 100, "n0")
    sh.put(f"I{r}", 99.64, "n2")
    sh.put(f"J{r}", "优", "ctr")
    sh.merge(f"A{r + 1}:C{r + 1}", "其他需要说明事项", "lbl")
    sh.merge(f"D{r + 1}:J{r + 1}", "无", "txt")
    sh.merge(f"A{r + 3}:C{r + 3}", "填表人：杨晓梅", "plain")
    sh.merge(f"D{r + 3}:F{r + 3}", "联系电话：0883-6512345", "plain")
    sh.merge(f"G{r + 3}:J{r + 3}", "填报日期：2023.3.15", "plain")
    # the indicator rows are written the way SXSSF-style exporters do: no r on <c>
    write_raw(path_of(4), [sh], "gov-java",
              no_ref_rows={sh.name: set(range(first, first + len(rows)))})
    applicable = [(x[7], x[8]) for x in rows if x[7] is not None]
    return [Table(sh.name, "project", 2022, 99.64, 10, 9.85, budget / 10000, executed / 10000, 0.985,
                  applicable, stated_grade="优")]


# --------------------------------------------------------------------------
# 05  Hubei department table, weights written in names, starts at column B
#     (xlsxwriter)
# --------------------------------------------------------------------------

def sample_05():
    unit = "武汉市江汉区新华幼儿园"
    sh = Sheet("部门整体自评表")
    sh.width(A=3, B=8, C=12, D=14, E=34, F=16, G=16, H=10)
    sh.put("A1", "附件2", "note")
    sh.merge("B2:H2", f"2021 年度{unit}部门（单位）整体绩效自评表", "title")
    sh.heights[2] = 36
    sh.merge("B3:E3", "单位名称：" + unit, "plain")
    sh.merge("F3:H3", "填报日期：2022/3/18", "right")
    sh.merge("B4:C4", "单位名称", "lbl")
    sh.merge("D4:H4", unit, "txt")
    sh.merge("B5:C5", "基本支出总额", "lbl")
    sh.merge("D5:E5", 1186.40, "n2")
    sh.put("F5", "项目支出总额", "lbl")
    sh.merge("G5:H5", 313.60, "n2")
    sh.merge("B6:B7", "预算执行情况\n（万元）（20分）", "lbl")
    sh.put("C6", BLANK, "hdr")
    sh.put("D6", "预算数（A）", "hdr")
    sh.put("E6", "执行数（B）", "hdr")
    sh.put("F6", "执行率（B/A）", "hdr")
    sh.put("G6", "得分\n（20分*执行率）", "hdr")
    sh.put("H6", BLANK, "hdr")
    sh.put("C7", "部门整体支出总额", "lbl")
    sh.put("D7", 1500.00, "n2")
    sh.put("E7", 1470.00, "n2")
    sh.put("F7", 0.98, "pct2")
    sh.put("G7", 19.6, "n0")
    sh.put("H7", BLANK, "n0")
    sh.merge("B8:C8", "年度目标", "lbl")
    sh.merge("D8:H8", "落实学前教育普及普惠发展要求，保障幼儿园正常运转，提升保育教育质量，加强教师队伍建设，"
                      "确保园所安全稳定，提高家长满意度。", "txt")
    sh.heights[8] = 45
    rows = [
        ("产出指标\n（40分）", "数量指标", "在园幼儿人数（5分）", "≥360人", "372人", 5, 5),
        (None, "数量指标", "教职工培训人次（5分）", "≥120人次", "136人次", 5, 5),
        (None, "数量指标", "开展园本教研活动次数(5 分)", "≥24次", "26次", 5, 5),
        (None, "质量指标", "专任教师持证上岗率（5分）", "100%", "100%", 5, 5),
        (None, "质量指标", "幼儿健康体检覆盖率(5分)", "100%", "100%", 5, 5),
        (None, "质量指标", "食品安全责任事故（5分）", "0起", "0起", 5, 5),
        (None, "时效指标", "资金支付及时率（5分）", "100%", "100%", 5, 5),
        (None, "成本指标", "生均公用经费支出（5分）", "≤1300元", "1265元", 5, 5),
        ("效益指标\n(30 分)", "社会效益指标", "普惠性学位供给（10分）", "稳步增加", "稳步增加", 10, 10),
        (None, "社会效益指标", "家园共育活动参与率（5分）", "≥95%", "97%", 5, 5),
        (None, "经济效益指标", "减轻家庭保教费用负担（5分）", "有效减轻", "有效减轻", 5, 5),
        (None, "可持续影响指标", "保教质量长效机制（10 分）", "逐步完善", "逐步完善", 10, 10),
        ("满意度指标\n（10分）", "服务对象满意度指标", "家长满意度（5分）", "≥90%", "96%", 5, 5),
        (None, "服务对象满意度指标", "教职工满意度（5分）", "≥90%", "94%", 5, 5),
    ]
    head = 9
    sh.merge(f"B{head}:B{head + len(rows)}", "年度\n绩效\n指标", "lbl")
    for col, label in zip("CDEFGH", ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"]):
        sh.put(f"{col}{head}", label, "hdr")
    merge_runs(sh, 3, head + 1, [r[0] for r in rows])
    for i, (_, l2, name, target, actual, w, s) in enumerate(rows):
        r = head + 1 + i
        sh.put(f"D{r}", l2, "lbl")
        sh.put(f"E{r}", name, "txt")
        sh.put(f"F{r}", target, "ctr")
        sh.put(f"G{r}", actual, "ctr")
        sh.put(f"H{r}", s, "n0")
    r = head + len(rows) + 1
    sh.merge(f"B{r}:C{r}", "总分", "lbl")
    sh.merge(f"D{r}:H{r}", 99.6, "n0")
    sh.merge(f"B{r + 1}:C{r + 1}", "偏差大或目标未完成原因分析", "lbl")
    sh.merge(f"D{r + 1}:H{r + 1}", "无", "txt")
    sh.merge(f"B{r + 2}:C{r + 2}", "改进措施及结果应用方案", "lbl")
    sh.merge(f"D{r + 2}:H{r + 2}", "继续加强预算执行监控，细化绩效目标，推进园本教研常态化，提升保教质量。", "txt")
    sh.heights[r + 1] = 30
    write_xlsxwriter(path_of(5), [sh], author="财务室", company=unit)
    return [Table(sh.name, "department", 2021, 99.6, 20, 19.6, 1500.00, 1470.00, 0.98,
                  [(x[5], x[6]) for x in rows], {"产出指标": 40, "效益指标": 30, "满意度指标": 10})]


# --------------------------------------------------------------------------
# National project layout (used by 06, 09, 10, 11, 12, 13)
# --------------------------------------------------------------------------

def national(sh, spec, top=1, left=1):
    """Lay out a national-form project table.  Columns relative to `left`:
    0 block labels, 1 一级 / funds item, 2 二级, 3 三级 / 年初, 4 目标 / 全年,
    5 实际 / 执行, 6 分值, 7 得分 / 执行率, 8 偏差 / 得分."""
    L = lambda k: col_letter(left + k)
    r = top
    for text, style in spec.get("pre", []):
        sh.put(f"{L(0)}{r}", text, style)
        r += 1
    for text, style in spec["titles"]:
        sh.merge(f"{L(0)}{r}:{L(8)}{r}", text, style)
        r += 1
    sh.put(f"{L(0)}{r}", "项目名称", "lbl")
    sh.merge(f"{L(1)}{r}:{L(8)}{r}", spec["project"], "txt")
    r += 1
    sh.put(f"{L(0)}{r}", "主管部门", "lbl")
    sh.merge(f"{L(1)}{r}:{L(3)}{r}", spec["supervisor"], "txt")
    sh.put(f"{L(4)}{r}", spec.get("unit_label", "实施单位"), "lbl")
    sh.merge(f"{L(5)}{r}:{L(8)}{r}", spec["unit"], "txt")
    r += 1
    funds = spec["funds"]
    sh.merge(f"{L(0)}{r}:{L(0)}{r + len(funds)}", spec.get("funds_label", "项目资金\n（万元）"), "lbl")
    sh.merge(f"{L(1)}{r}:{L(2)}{r}", BLANK, "hdr")
    heads = spec.get("funds_heads", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    for k, label in enumerate(heads):
        sh.put(f"{L(3 + k)}{r}", label, "hdr")
    r += 1
    funds_top = r
    for item, vals in funds:
        sh.merge(f"{L(1)}{r}:{L(2)}{r}", item, "txt")
        for k, v in enumerate(vals):
            if isinstance(v, tuple):
                v, style = v
            elif isinstance(v, str):
                style = "ctr"
            elif isinstance(v, F):
                style = "n2"
            elif k == 4:
                style = "pct2"
            elif k == 3:
                style = "n0"
            else:
                style = "n2"
            sh.put(f"{L(3 + k)}{r}", v if v is not None else BLANK, style)
        r += 1
    sh.merge(f"{L(0)}{r}:{L(0)}{r + 1}", "年度总体目标", "lbl")
    sh.merge(f"{L(1)}{r}:{L(4)}{r}", "预期目标", "hdr")
    sh.merge(f"{L(5)}{r}:{L(8)}{r}", "实际完成情况", "hdr")
    sh.merge(f"{L(1)}{r + 1}:{L(4)}{r + 1}", spec["goal"][0], "txt")
    sh.merge(f"{L(5)}{r + 1}:{L(8)}{r + 1}", spec["goal"][1], "txt")
    sh.heights[r + 1] = 48
    r += 2
    rows = spec["rows"]
    head = r
    sh.merge(f"{L(0)}{head}:{L(0)}{head + len(rows)}", spec.get("ind_label", "绩效指标"), "lbl")
    labels = spec.get("ind_heads", ["一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值",
                                    "分值", "得分", "偏差原因分析及改进措施"])
    for k, label in enumerate(labels):
        sh.put(f"{L(1 + k)}{head}", label, "hdr")
    first = head + 1
    merge_runs(sh, left + 1, first, [x[0] for x in rows])
    merge_runs(sh, left + 2, first, [x[1] for x in rows])
    for i, (_, _, name, target, actual, w, s, dev) in enumerate(rows):
        rr = first + i
        sh.put(f"{L(3)}{rr}", name if name is not None else BLANK, "txt")
        for k, v in ((4, target), (5, actual)):
            if isinstance(v, tuple):
                sh.put(f"{L(k)}{rr}", v[0], v[1])
            else:
                sh.put(f"{L(k)}{rr}", v if v is not None else BLANK,
                       "n0" if isinstance(v, (int, float)) else "ctr")
        sh.put(f"{L(6)}{rr}", w if w is not None else BLANK, "n0" if isinstance(w, (int, float)) else "ctr")
        sh.put(f"{L(7)}{rr}", s if s is not None else BLANK, "n0" if isinstance(s, (int, float)) else "ctr")
        sh.put(f"{L(8)}{rr}", dev if dev is not None else BLANK, "txt")
    r = first + len(rows)
    sh.merge(f"{L(0)}{r}:{L(5)}{r}", "总分", "lbl")
    total = spec["total"]
    if callable(total):
        total = total(dict(funds_top=funds_top, first=first, last=r - 1))
    tw, ts = total
    sh.put(f"{L(6)}{r}", tw, "n0")
    sh.put(f"{L(7)}{r}", ts, "n0")
    sh.put(f"{L(8)}{r}", BLANK, "txt")
    total_row = r
    r += 1
    for line in spec.get("after", []):
        r += 1
        if isinstance(line, str):
            sh.merge(f"{L(0)}{r}:{L(8)}{r}", line, "plain")
        else:                                   # [(col offset, value, style), ...]
            for k, v, style in line:
                sh.put(f"{L(k)}{r}", v, style)
    return dict(funds_top=funds_top, first=first, total_row=total_row)


def table_from(sheet, spec, kind="project", year=None, stated=None, funds=None, groups=None):
    applicable = [(x[5], x[6]) for x in spec["rows"] if isinstance(x[5], (int, float))]
    return Table(sheet, kind, year, stated, *funds, applicable, groups or {})


# --------------------------------------------------------------------------
# 06  池州-style project: total row ≠ Σ sub-rows (openpyxl, real date cell)
# --------------------------------------------------------------------------

def sample_06():
    sh = Sheet("Sheet1")
    sh.width(A=8, B=14, C=14, D=30, E=22, F=16, G=8, H=10, I=20)
    spec = dict(
        titles=[("项目支出绩效自评表", "title"), ("（2022年度）", "subtitle")],
        project="梅街镇中心学校薄弱环节改善项目",
        supervisor="219-池州市贵池区教育体育局",
        unit="219015-池州市贵池区梅街镇中心学校",
        funds=[
            ("年度资金总额：", [90, 95, 94.974, 10, (0.9997, "pct2"), 10]),
            ("其中：本年财政拨款", [90, 90, 89.974, "-", "-", "-"]),
            ("上年结转资金", [0, 0, 0, "-", "-", "-"]),
            ("其他资金", [None, None, None, "-", "-", "-"]),
        ],
        goal=("改善梅街镇中心学校办学条件，购置学生课桌椅，改造功能教室，提升学校薄弱环节建设水平。",
              "完成课桌椅购置300套、功能教室改造4间，项目按期完工并通过验收，学校办学条件明显改善。"),
        rows=[
            ("产出指标(50分)", "数量指标", "指标1：购置学生课桌椅", "≥300套", "300套", 8, 8, None),
            (None, None, "指标2：改造功能教室", "≥4间", "4间", 8, 8, None),
            (None, None, "……", None, None, None, None, None),
            (None, "质量指标", "指标1：设备验收合格率", "≥100百分比", "100%", 8, 8, None),
            (None, None, "指标2：维修改造工程质量", "符合相关标准", "达成预期指标", 8, 8, None),
            (None, "时效指标", "指标1：项目完成时间", "在项目计划完成时间内完成", "达成预期指标", 8, 8, None),
            (None, "成本指标", "指标1：项目总成本", "≤95万元", "94.974万元", 10, 10, None),
            ("效益指标(30分)", "社会效益指标", "指标1：改善学生学习生活条件", "有效改善", "有效改善", 10, 10, None),
            (None, None, "指标2：惠及学生人数", "≥600人", "615人", 10, 10, None),
            (None, "可持续影响指标", "指标1：设施设备使用年限", "≥10年", "10年", 10, 10, None),
            (None, "经济效益指标", None, None, None, None, None, None),
            ("满意度指标(10分)", "满意度指标", "指标1：学生及家长满意度", "≥90%", "95%", 10, 10, None),
        ],
        total=(100, 100),
        after=[[(0, "填表人：", "plain"), (1, "汪明", "plain"), (3, "填报日期：", "right"),
                (4, dt.date(2023, 1, 10), "date"), (6, "联系电话：", "plain"), (7, "0566-2345678", "plain")]],
    )
    national(sh, spec)
    write_openpyxl(path_of(6), [sh], creator="Administrator")
    return [table_from(sh.name, spec, year=2022, stated=100, funds=(10, 10, 95, 94.974, 0.9997),
                       groups={"产出指标": 50, "效益指标": 30, "满意度指标": 10})]


# --------------------------------------------------------------------------
# 07  Sichuan 部门预算项目支出绩效自评表: 权重, 合计, 调整后预算数 (xlsxwriter)
# --------------------------------------------------------------------------

def sample_07():
    sh = Sheet("项目支出绩效自评表")
    sh.width(A=10, B=10, C=14, D=20, E=8, F=10, G=11, H=10, I=8, J=8, K=30)
    sh.merge("A1:K1", "报表编号：511425_0013zp", "note")
    sh.merge("A2:K2", "部门预算项目支出绩效自评表（2023年度）", "title")
    sh.merge("A3:B3", "项目名称", "lbl")
    sh.merge("C3:K3", "51142523R000000004567-学前教育幼儿资助补助资金", "txt")
    sh.merge("A4:B4", "主管部门", "lbl")
    sh.merge("C4:E4", "青神县教育和体育局", "txt")
    sh.merge("F4:G4", "实施单位（盖章）", "lbl")
    sh.merge("H4:K4", "青神县教育和体育局", "txt")
    sh.merge("A5:A7", "项目基本情况", "lbl")
    sh.merge("B5:C5", "项目年度目标", "lbl")
    sh.merge("D5:K5", "对全县在园家庭经济困难幼儿按每生每年300元标准给予资助，计划资助420人，确保资助政策应享尽享。", "txt")
    sh.merge("B6:C6", "年度目标完成情况", "lbl")
    sh.merge("D6:K6", "全年资助家庭经济困难幼儿399人，资助资金11.97万元全部按时发放到位。", "txt")
    sh.merge("B7:C7", "项目实施内容及过程概述", "lbl")
    sh.merge("D7:K7", "春秋两季由各幼儿园受理申请、公示，县教体局审核后通过“一卡通”发放。", "txt")
    sh.merge("A8:A13", "预算执行情况\n（10分）", "lbl")
    sh.merge("B8:C8", "年度预算数（万元）", "hdr")
    for col, label in zip("DEFGHI", ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"]):
        sh.put(f"{col}8", label, "hdr")
    sh.merge("J8:K8", "原因", "hdr")
    funds = [
        ("总额", 12.00, 12.60, 11.97, 0.95, 10, 9.5, "/"),
        ("其中：财政资金", 12.00, 12.60, 11.97, 0.95, "/", "/", None),
        ("财政专户管理资金", 0.00, 0.00, 0.00, "/", "/", "/", None),
        ("单位资金", 0.00, 0.00, 0.00, "/", "/", "/", None),
        ("其他资金", 0.00, 0.00, 0.00, "/", "/", "/", None),
    ]
    for i, (item, a, b, c, rate, w, s, why) in enumerate(funds):
        r = 9 + i
        sh.merge(f"B{r}:C{r}", item, "txt")
        sh.put(f"D{r}", a, "n2")
        sh.put(f"E{r}", b, "n2")
        sh.put(f"F{r}", c, "n2")
        sh.put(f"G{r}", rate, "pct2" if isinstance(rate, float) else "ctr")
        sh.put(f"H{r}", w, "n0" if isinstance(w, int) else "ctr")
        sh.put(f"I{r}", s, "n0" if isinstance(s, float) else "ctr")
        sh.merge(f"J{r}:K{r}", why if why is not None else BLANK, "txt")
    rows = [
        ("产出指标", "数量指标", "资助幼儿人数", "≥", 420, "人", 399, 20, 19,
         "符合资助条件的幼儿少于年初预计，结余资金已按规定收回统筹使用。"),
        (None, "质量指标", "资助对象识别准确率", "＝", 100, "%", 100, 15, 15, None),
        (None, "时效指标", "资助资金发放及时率", "＝", 100, "%", 100, 10, 10, None),
        (None, "经济成本指标", "生均资助标准", "＝", 300, "元/生·年", 300, 10, 10, None),
        ("效益指标", "社会效益指标", "减轻家庭经济负担", "定性", "有效减轻", "/", "有效减轻", 15, 15, None),
        (None, "可持续影响指标", "学前教育毛入园率", "≥", 92, "%", 93.5, 10, 10, None),
        ("满意度指标", "服务对象满意度指标", "受助幼儿家长满意度", "≥", 90, "%", 95, 10, 10, None),
    ]
    head = 14
    sh.merge(f"A{head}:A{head + len(rows)}", "绩效指标\n（90分）", "lbl")
    for col, label in zip("BCDEFGHIJK", ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
                                         "完成值", "权重", "得分", "未完成原因分析"]):
        sh.put(f"{col}{head}", label, "hdr")
    first = head + 1
    merge_runs(sh, 2, first, [r[0] for r in rows])
    for i, (_, l2, name, op, value, unit, actual, w, s, why) in enumerate(rows):
        r = first + i
        for col, v in zip("CDEFGHIJK", (l2, name, op, value, unit, actual, w, s, why)):
            style = "txt" if col in "DK" else ("n0" if isinstance(v, (int, float)) else "ctr")
            sh.put(f"{col}{r}", v if v is not None else BLANK, style)
    last = first + len(rows) - 1
    r = last + 1
    sh.merge(f"A{r}:H{r}", "合计", "lbl")
    sh.put(f"I{r}", F(f"H9+SUM(I{first}:I{last})", 100), "n0")
    sh.put(f"J{r}", F(f"I9+SUM(J{first}:J{last})", 98.5), "n0")
    sh.put(f"K{r}", BLANK, "txt")
    sh.merge(f"A{r + 1}:B{r + 1}", "评价结论", "lbl")
    sh.merge(f"C{r + 1}:K{r + 1}", "项目资金使用规范，资助政策落实到位，绩效目标基本实现，自评结论为优。", "txt")
    sh.merge(f"A{r + 2}:B{r + 2}", "存在问题", "lbl")
    sh.merge(f"C{r + 2}:K{r + 2}", "年初资助人数预估偏高，预算执行率未达100%。", "txt")
    sh.merge(f"A{r + 3}:B{r + 3}", "改进措施", "lbl")
    sh.merge(f"C{r + 3}:K{r + 3}", "结合近三年在园幼儿数据科学测算资助人数，提高预算编制准确性。", "txt")
    sh.merge(f"A{r + 5}:C{r + 5}", "项目负责人：王志强", "plain")
    sh.merge(f"D{r + 5}:F{r + 5}", "财务负责人：刘芳", "plain")
    sh.merge(f"G{r + 5}:H{r + 5}", "联系电话：028-38812345", "plain")
    sh.merge(f"I{r + 5}:K{r + 5}", "填报日期：2024-03-20", "plain")
    write_xlsxwriter(path_of(7), [sh], author="jyj", company="青神县教育和体育局")
    return [Table(sh.name, "project", 2023, 98.5, 10, 9.5, 12.60, 11.97, 0.95,
                  [(x[7], x[8]) for x in rows], {"绩效指标": 90})]


# --------------------------------------------------------------------------
# 08  Chongqing flat department list (raw writer, Tencent flavour, x: prefix)
# --------------------------------------------------------------------------

def sample_08():
    sh = Sheet("工作表1")
    sh.width(A=12, B=26, C=9, D=10, E=11, F=11, G=11, H=11, I=11, J=11, K=11)
    sh.merge("A1:K1", "部门整体绩效自评表", "title")
    sh.merge("A2:K2", "（2021年度）", "subtitle")
    sh.put("A3", "单位名称", "lbl")
    sh.merge("B3:K3", "重庆市沙坪坝区新桥小学校", "txt")
    sh.put("A4", "主管部门", "lbl")
    sh.merge("B4:E4", "重庆市沙坪坝区教育委员会", "txt")
    sh.merge("F4:G4", "财政处室", "lbl")
    sh.put("H4", "教科文科", "ctr")
    sh.merge("I4:J4", "自评总分(分)", "lbl")
    sh.put("K4", 99.5, "n0")
    sh.put("A5", "部门联系人", "lbl")
    sh.merge("B5:E5", "陈静", "txt")
    sh.merge("F5:G5", "联系电话", "lbl")
    sh.merge("H5:K5", "023-65321478", "txt")
    sh.merge("A6:A7", "部门预算执行情况(万元)", "lbl")
    sh.merge("B6:C6", "年初预算数", "hdr")
    sh.merge("D6:E6", "全年(调整)预算数", "hdr")
    sh.merge("F6:G6", "全年执行数", "hdr")
    sh.put("H6", "执行率(%)", "hdr")
    sh.put("I6", "执行率权重", "hdr")
    sh.merge("J6:K6", "执行率得分(分)", "hdr")
    sh.merge("B7:C7", 1250.00, "n2")
    sh.merge("D7:E7", 1280.00, "n2")
    sh.merge("F7:G7", 1216.00, "n2")
    sh.put("H7", 95, "n0")
    sh.put("I7", 10, "n0")
    sh.merge("J7:K7", 9.5, "n0")
    sh.merge("A8:A9", "当年绩效目标", "lbl")
    sh.merge("B8:E8", "年初绩效目标", "hdr")
    sh.merge("F8:H8", "全年(调整)绩效目标", "hdr")
    sh.merge("I8:K8", "全年目标实际完成情况", "hdr")
    sh.merge("B9:E9", "保障学校正常运转，落实课后服务，提升教育教学质量，确保校园安全稳定。", "txt")
    sh.merge("F9:H9", "同年初目标。", "txt")
    sh.merge("I9:K9", "全年各项目标均已完成，教育教学质量稳步提升，未发生校园安全责任事故。", "txt")
    sh.heights[9] = 48
    rows = [
        ("在校学生人数", "人", "定量指标", 2150, 2150, 2163, 5, "否"),
        ("教职工人数", "人", "定量指标", 132, 132, 132, 3, "否"),
        ("开展校本教研活动", "次", "定量指标", 40, 40, 42, 5, "否"),
        ("教师培训人次", "人次", "定量指标", 260, 260, 275, 5, "是"),
        ("课后服务覆盖率", "%", "定量指标", 95, 95, 97, 6, "是"),
        ("学生体质健康测试达标率", "%", "定量指标", 92, 92, 94.3, 6, "是"),
        ("义务教育巩固率", "%", "定量指标", 100, 100, 100, 5, "否"),
        ("校园安全责任事故", "起", "定量指标", 0, 0, 0, 5, "是"),
        ("资金支付进度", "%", "定量指标", 90, 90, 95, 5, "否"),
        ("“三公”经费控制率", "%", "定量指标", 100, 100, 100, 4, "否"),
        ("政府采购执行率", "%", "定量指标", 100, 100, 100, 4, "否"),
        ("教育教学质量", None, "定性指标", "高", "高", "高", 6, "是"),
        ("办学条件改善", None, "定性指标", "好", "好", "好", 5, "否"),
        ("家校协同育人成效", None, "定性指标", "好", "好", "好", 5, "否"),
        ("学校管理规范化水平", None, "定性指标", "高", "高", "高", 5, "否"),
        ("学生满意度", "%", "定量指标", 90, 90, 95, 6, "是"),
        ("家长满意度", "%", "定量指标", 90, 90, 93, 5, "是"),
        ("教职工满意度", "%", "定量指标", 90, 90, 96, 5, "否"),
    ]
    head = 10
    sh.merge(f"A{head}:A{head + len(rows)}", "绩效指标", "lbl")
    for col, label in zip("BCDEFGHIJK", ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值",
                                         "得分系数(%)", "指标权重(分)", "指标得分(分)", "是否核心指标"]):
        sh.put(f"{col}{head}", label, "hdr")
    for i, (name, unit, nature, t0, t1, actual, w, core) in enumerate(rows):
        r = head + 1 + i
        vals = (name, unit, nature, t0, t1, actual, 100, w, w, core)
        for col, v in zip("BCDEFGHIJK", vals):
            style = "txt" if col == "B" else ("n0" if isinstance(v, (int, float)) else "ctr")
            sh.put(f"{col}{r}", v if v is not None else BLANK, style)
    write_raw(path_of(8), [sh], "tencent", creator="腾讯文档")
    return [Table(sh.name, "department", 2021, 99.5, 10, 9.5, 1280.00, 1216.00, 0.95,
                  [(x[6], x[6]) for x in rows])]


# --------------------------------------------------------------------------
# 09  cover sheet + 绩效目标申报表 + 自评表 (xlsxwriter)
# --------------------------------------------------------------------------

LUGU = "长沙市岳麓区麓谷第二小学"


def sample_09():
    cover = Sheet("封面")
    cover.width(A=12, B=12, C=12, D=12, E=12, F=12, G=12, H=12)
    cover.merge("A4:H4", "2021年度", "subtitle")
    cover.merge("A6:H6", "项目支出绩效自评材料", "title")
    cover.heights[6] = 40
    cover.merge("A10:H10", "项目名称：课后服务补助经费", "subtitle")
    cover.merge("A11:H11", "申报单位（盖章）：" + LUGU, "subtitle")
    cover.merge("A12:H12", "主管部门：长沙市岳麓区教育局", "subtitle")
    cover.merge("A14:H14", "报送日期：2022年3月", "subtitle")
    cover.merge("A20:H20", "目录：一、绩效目标申报表  二、项目支出绩效自评表", "note")

    decl = Sheet("绩效目标申报表")
    decl.width(A=10, B=14, C=16, D=34, E=20, F=12)
    decl.merge("A1:F1", "项目支出绩效目标申报表", "title")
    decl.merge("A2:F2", "（2021年度）", "subtitle")
    decl.put("A3", "项目名称", "lbl")
    decl.merge("B3:F3", "课后服务补助经费", "txt")
    decl.put("A4", "主管部门", "lbl")
    decl.merge("B4:C4", "长沙市岳麓区教育局", "txt")
    decl.put("D4", "实施单位", "lbl")
    decl.merge("E4:F4", LUGU, "txt")
    decl.merge("A5:A7", "项目资金\n（万元）", "lbl")
    decl.merge("B5:C5", "年度资金总额", "txt")
    decl.merge("D5:F5", 80.00, "n2")
    decl.merge("B6:C6", "其中：财政拨款", "txt")
    decl.merge("D6:F6", 80.00, "n2")
    decl.merge("B7:C7", "其他资金", "txt")
    decl.merge("D7:F7", 0.00, "n2")
    decl.merge("A8:A9", "年度总体目标", "lbl")
    decl.merge("B8:F9", "目标1：为有需求的学生提供课后服务，参与学生不少于1500人。\n"
                        "目标2：开设不少于30门兴趣课程，课后服务参与率达到90%以上。\n"
                        "目标3：按标准发放课后服务教师补助，家长满意度达到90%以上。", "txt")
    decl.heights[8] = 30
    decl.heights[9] = 30
    d_rows = [
        ("产出指标", "数量指标", "课后服务参与学生人数", "≥1500人"),
        (None, None, "开设课后服务兴趣课程", "≥30门"),
        (None, "质量指标", "课后服务参与率", "≥90%"),
        (None, None, "课后服务安全事故", "0起"),
        (None, "时效指标", "补助资金按时发放", "2021年12月底前"),
        (None, "成本指标", "课后服务教师补助标准", "≤50元/课时"),
        ("效益指标", "社会效益指标", "缓解家长接送难问题", "有效缓解"),
        (None, None, "学生综合素质", "稳步提升"),
        (None, "可持续影响指标", "课后服务长效机制", "逐步建立"),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%"),
    ]
    head = 10
    decl.merge(f"A{head}:A{head + len(d_rows)}", "绩效指标", "lbl")
    for col, label in zip("BCDEF", ["一级指标", "二级指标", "三级指标", "年度指标值", "备注"]):
        decl.put(f"{col}{head}", label, "hdr")
    merge_runs(decl, 2, head + 1, [x[0] for x in d_rows])
    merge_runs(decl, 3, head + 1, [x[1] for x in d_rows])
    for i, (_, _, name, target) in enumerate(d_rows):
        r = head + 1 + i
        decl.put(f"D{r}", name, "txt")
        decl.put(f"E{r}", target, "ctr")
        decl.put(f"F{r}", BLANK, "txt")
    r = head + len(d_rows) + 2
    decl.merge(f"A{r}:C{r}", "填报人：周敏", "plain")
    decl.merge(f"D{r}:F{r}", "填报日期：2021年1月15日", "plain")

    sh = Sheet("绩效自评表")
    sh.width(A=8, B=12, C=14, D=28, E=16, F=16, G=8, H=8, I=30)
    spec = dict(
        titles=[("项目支出绩效自评表", "title"), ("（2021年度）", "subtitle")],
        project="课后服务补助经费",
        supervisor="长沙市岳麓区教育局",
        unit=LUGU,
        funds=[
            ("年度资金总额", [80.00, 80.00, 78.40, 10, 0.98, (9.8, "n0")]),
            ("其中：当年财政拨款", [80.00, 80.00, 78.40, "—", "—", "—"]),
            ("上年结转资金", [0.00, 0.00, 0.00, "—", "—", "—"]),
            ("其他资金", [0.00, 0.00, 0.00, "—", "—", "—"]),
        ],
        goal=("为有需求的学生提供课后服务，开设兴趣课程，缓解家长接送难问题，促进学生全面发展。",
              "全年参与课后服务学生1563人，开设兴趣课程32门，课后服务参与率86%，家长满意度95%。"),
        rows=[
            ("产出指标", "数量指标", "课后服务参与学生人数", "≥1500人", "1563人", 10, 10, None),
            (None, None, "开设课后服务兴趣课程", "≥30门", "32门", 10, 10, None),
            (None, "质量指标", "课后服务参与率", "≥90%", "86%", 10, 9.56,
             "低年级部分家长选择自行接送，参与率未达目标；下学期加强宣传并增加托管时段。"),
            (None, None, "课后服务安全事故", "0起", "0起", 10, 10, None),
            (None, "时效指标", "补助资金按时发放", "2021年12月底前", "2021年12月底前", 5, 5, None),
            (None, "成本指标", "课后服务教师补助标准", "≤50元/课时", "50元/课时", 5, 5, None),
            ("效益指标", "社会效益指标", "缓解家长接送难问题", "有效缓解", "有效缓解", 10, 10, None),
            (None, None, "学生综合素质", "稳步提升", "稳步提升", 10, 10, None),
            (None, "可持续影响指标", "课后服务长效机制", "逐步建立", "逐步建立", 10, 10, None),
            ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "95%", 10, 10, None),
        ],
        total=(100, 99.36),
        after=["填表人：周敏    填报日期：2022年3月8日    电话：0731-88123456"],
    )
    national(sh, spec)
    write_xlsxwriter(path_of(9), [cover, decl, sh], author="周敏", company=LUGU)
    return [table_from(sh.name, spec, year=2021, stated=99.36, funds=(10, 9.8, 80.00, 78.40, 0.98))]


# --------------------------------------------------------------------------
# 10  two self-evaluation tables on two sheets (openpyxl)
# --------------------------------------------------------------------------

def sample_10():
    s1 = Sheet("教师培训项目")
    s1.width(A=8, B=12, C=14, D=28, E=14, F=14, G=8, H=8, I=30)
    spec1 = dict(
        titles=[("项目支出绩效自评表", "title"), ("（2022年度）", "subtitle")],
        project="中小学教师全员培训项目",
        supervisor="廊坊市广阳区教育局",
        unit="廊坊市广阳区教师发展中心",
        funds=[
            ("年度资金总额", [43.20, 43.20, 41.50, 10, (0.96, "pct0"), 10]),
            ("其中：当年财政拨款", [43.20, 43.20, 41.50, None, None, None]),
            ("上年结转资金", [0, 0, 0, None, None, None]),
            ("其他资金", [0, 0, 0, None, None, None]),
        ],
        goal=("完成全区中小学教师全员培训任务，提升教师专业能力和信息技术应用能力。",
              "全年培训教师640人次，培训合格率100%，参训教师满意度96%。"),
        rows=[
            ("产出指标", "数量指标", "指标1：培训教师人次", 600, 640, 10, 10, 0),
            (None, "质量指标", "指标1：培训合格率", 100, 100, 10, 10, 0),
            (None, None, "指标2：参训教师考核优秀率", 30, 26, 10, 8.67,
             "部分学员工学矛盾突出，考核成绩未达预期；下一年度优化培训时间安排。"),
            (None, "时效指标", "指标1：培训按计划完成率", 100, 100, 10, 10, 0),
            (None, "成本指标", "指标1：人均培训成本", "≤700元", "648元", 10, 10, 0),
            ("效益指标", "经济效益指标", "指标1：节约外出培训费用", "有效节约", "有效节约", 10, 10, 0),
            (None, "社会效益指标", "指标1：教师专业能力", "明显提升", "明显提升", 10, 10, 0),
            (None, "可持续影响指标", "指标1：培训成果转化应用", "长期", "长期", 10, 10, 0),
            ("满意度指标", "服务对象满意度指标", "指标1：参训教师满意度", 90, 96, 10, 10, 0),
        ],
        total=(100, 98.67),
        after=["填表人：李娜   填报日期：2023年1月16日   电话：0316-2212345"],
    )
    national(s1, spec1)

    s2 = Sheet("校舍维修项目")
    s2.width(A=3, B=8, C=12, D=14, E=26, F=16, G=16, H=8, I=10, J=24)
    spec2 = dict(
        pre=[("附件3", "note")],
        titles=[("项目支出绩效自评表", "title"), ("（2022年度）", "subtitle")],
        project="中小学校舍维修改造项目",
        supervisor="廊坊市广阳区教育局",
        unit="廊坊市广阳区教育局",
        funds_heads=["年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
        funds=[
            ("年度资金总额:", [120.00, 118.00, 118.00, 10, (1.0, "pct0"), 10]),
            ("其中:本年财政拨款", [120.00, 118.00, 118.00, "-", "-", "-"]),
            ("上年结转资金", [0, 0, 0, "-", "-", "-"]),
            ("其他资金", ["/", "/", "/", "-", "-", "-"]),
        ],
        goal=("完成6所中小学校舍维修改造，消除安全隐患，改善师生教学生活环境。",
              "6所学校维修改造全部完工，改造面积3260平方米，工程验收合格。"),
        ind_label="年度绩效指标完成情况",
        rows=[
            ("产出指标", "数量指标", "指标1:维修改造校舍面积", "≥3200平方米", "3260平方米", 10, 10, None),
            (None, None, "指标2:改造学校数量", "6所", "6所", 10, 10, None),
            (None, "质量指标", "指标1:工程验收合格率", "100%", "100%", 10, 10, None),
            (None, "时效指标", "指标1:工程完工时间", "2022年8月底前", "2022年8月底前", 10, 10, None),
            (None, "成本指标", "指标1:工程造价控制", "≤120万元", "118万元", 10, 10, None),
            ("效益指标", "社会效益指标", "指标1:消除校舍安全隐患", "有效消除", "有效消除", 10, 10, None),
            (None, None, "指标2:改善师生教学生活环境", "明显改善", "明显改善", 10, 10, None),
            (None, "生态效益指标", "指标1:/", "/", "/", "/", "/", None),
            (None, "可持续影响指标", "指标1:校舍使用年限", "≥15年", "15年", 10, 10, None),
            ("满意度指标", "服务对象满意度指标", "指标1:师生满意度", "≥90%", "100%", 10, 10, None),
        ],
        total=(100, 100),
        after=[[(0, "填表人：张伟", "plain"), (3, "填报日期：2023/2/20", "plain"),
                (5, "电话：0316-2298765", "plain")],
               "注：一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。"
               "如有特殊情况，一级指标权重可做适当调整。"],
    )
    national(s2, spec2, top=1, left=2)
    write_openpyxl(path_of(10), [s1, s2], creator="Administrator")
    return [table_from(s1.name, spec1, year=2022, stated=98.67, funds=(10, 10, 43.20, 41.50, 0.96)),
            table_from(s2.name, spec2, year=2022, stated=100, funds=(10, 10, 118.00, 118.00, 1.0))]


# --------------------------------------------------------------------------
# 11  national layout, kindergarten, WPS flavour with formulas + cached values
# --------------------------------------------------------------------------

def sample_11():
    sh = Sheet("Sheet1")
    sh.width(A=8, B=12, C=14, D=26, E=16, F=30, G=8, H=8, I=30)
    rows = [
        ("产出指标\n（50分）", "数量指标", "购置幼儿活动器材", "≥120套", "126套", 10, 10, None),
        (None, None, "更新保教设备覆盖班级数", "≥12个", "12个", 10, 10, None),
        (None, "质量指标", "设备验收合格率", "100%", "100%", 10, 10, None),
        (None, "时效指标", "设备采购完成时间", "2022年9月开学前", "2022年9月开学前", 10, 10, None),
        (None, "成本指标", "采购成本节约率", "≥2%", "2%", 10, 10, None),
        ("效益指标\n（30分）", "社会效益指标", "幼儿动作发展水平", "明显提升", "部分达成年度指标并具有一定效果", 10, 7,
         "新器材投入使用时间较短，效果尚待显现；下一年度持续跟踪幼儿体能测评数据。"),
        (None, None, "受益幼儿人数", "≥360人", "371人", 10, 10, None),
        (None, "生态效益指标", "不适用", "不适用", "不适用", "—", "—", None),
        (None, "可持续影响指标", "设备使用年限", "≥5年", "5年", 10, 10, None),
        ("满意度指标\n（10分）", "服务对象满意度指标", "家长满意度", "≥92%", "95%", 5, 5, None),
        (None, None, "教职工满意度", "≥90%", "94%", 5, 5, None),
    ]
    spec = dict(
        titles=[("项目支出绩效自评表", "title"), ("（2022年度）", "subtitle")],
        project="幼儿园保教设施设备购置项目",
        supervisor="南昌市青山湖区教育体育局",
        unit="南昌市青山湖区湖坊幼儿园",
        funds=[
            ("年度资金总额", [36.00, 36.00, 35.28, 10, (F("F6/E6", 0.98), "pct2"), (F("ROUND(G6*H6,2)", 9.8), "n2")]),
            ("其中：当年财政拨款", [36.00, 36.00, 35.28, "—", (F("F7/E7", 0.98), "pct2"), "—"]),
            ("上年结转资金", [None, None, None, "—", "—", "—"]),
            ("其他资金", [None, None, None, "—", "—", "—"]),
        ],
        goal=("购置幼儿户外活动器材及保教设备，改善幼儿园保教条件，促进幼儿身心健康发展。",
              "购置活动器材126套，12个班级保教设备全部更新，设备验收合格并于9月开学前投入使用。"),
        rows=rows,
        total=lambda p: (F(f"G{p['funds_top']}+SUM(G{p['first']}:G{p['last']})", 100),
                         F(f"I{p['funds_top']}+SUM(H{p['first']}:H{p['last']})", 96.8)),
        after=[[(0, "填表人：", "plain"), (1, "熊丽", "plain"), (2, "填报日期：", "right"),
                (3, "2023-02-28", "plain"), (4, "联系电话：", "right"), (5, "0791-88512345", "plain")]],
    )
    pos = national(sh, spec)
    assert pos["funds_top"] == 6, pos          # the 执行率 / 得分 formulas above use row 6
    write_raw(path_of(11), [sh], "wps", creator="湖坊幼儿园")
    return [table_from(sh.name, spec, year=2022, stated=96.8, funds=(10, 9.8, 36.00, 35.28, 0.98),
                       groups={"产出指标": 50, "效益指标": 30, "满意度指标": 10})]


# --------------------------------------------------------------------------
# 12  deliberate funds errors: 元 figures in 万元 columns, wrong 执行率,
#     "见附表" in an amount, 总分 formula with no cached value (openpyxl)
# --------------------------------------------------------------------------

def sample_12():
    sh = Sheet("自评表")
    sh.width(A=8, B=12, C=14, D=26, E=14, F=14, G=10, H=10, I=20)
    rows = [
        ("产出指标", "数量指标", "组织区级教研活动", "≥40场", "42场", 10, 10, None),
        (None, None, "参加教研活动教师人次", "≥3000人次", "3150人次", 10, 10, None),
        (None, "质量指标", "教研活动质量评估合格率", "≥95%", "98%", 10, 10, None),
        (None, "时效指标", "活动按计划完成率", "100%", "100%", 10, 10, None),
        (None, "成本指标", "场均活动成本", "≤1.2万元", "1.1万元", 10, 10, None),
        ("效益指标", "社会效益指标", "教师教学能力", "稳步提升", "稳步提升", 10, 10, None),
        (None, None, "教研成果推广", "有效推广", "有效推广", 10, 10, None),
        (None, "可持续影响指标", "区域教研机制", "持续完善", "持续完善", 10, 10, None),
        ("满意度指标", "服务对象满意度指标", "参训教师满意度", "≥90%", "94%", 10, 10, None),
    ]
    spec = dict(
        titles=[("2021年度项目支出绩效自评表", "title")],
        project="区级教研活动经费",
        supervisor="株洲市荷塘区教育局",
        unit="株洲市荷塘区教育研究与教师发展中心",
        funds=[
            ("年度资金总额", [500000, 500000, 460000, 10, (0.94, "pct0"), 9]),
            ("其中：当年财政拨款", [500000, 500000, 460000, "—", "—", "—"]),
            ("上年结转资金", [None, None, None, "—", "—", "—"]),
            ("其他资金", [None, None, "见附表", "—", "—", "—"]),
        ],
        goal=("组织开展区级学科教研活动，推动教研成果推广应用，提升教师教学能力。",
              "全年组织区级教研活动42场，参与教师3150人次，教研成果在全区推广。"),
        rows=rows,
        total=lambda p: (100, F(f"I{p['funds_top']}+SUM(H{p['first']}:H{p['last']})")),
        after=["填表人：罗杰   填报日期：2022年2月18日   电话：0731-28212345"],
    )
    national(sh, spec)
    write_openpyxl(path_of(12), [sh], creator="openpyxl")
    return [table_from(sh.name, spec, year=2021, stated=None, funds=(10, 9, 500000, 460000, 0.94),
                       groups={})]


# --------------------------------------------------------------------------
# 13  deliberate indicator errors (xlsxwriter, formulas with cached values)
# --------------------------------------------------------------------------

def sample_13():
    sh = Sheet("项目支出绩效自评表")
    sh.width(A=8, B=12, C=14, D=26, E=16, F=18, G=8, H=8, I=24)
    rows = [
        ("产出指标", "数量指标", "升级改造学校数", "≥25所", "25所", 10, 10, None),
        (None, None, "新增高清摄像头", "≥600个", "580个", 10, 10, None),
        (None, "质量指标", "系统联网率", "100%", "100%", 10, 10, None),
        (None, None, "设备安装质量", "符合国家标准", "符合国家及省级标准", 5, 6, None),
        (None, "时效指标", "项目完工时间", "2021年10月底前", "2021年10月底前", 5, 5, None),
        (None, "成本指标", "单校平均改造成本", "≤2.5万元", "2.35万元", 10, 10, None),
        ("效益指标", "社会效益指标", "校园安全责任事故", "0起", "0起", 10, 10, None),
        (None, None, "校园安全防控能力", "明显提升", "明显提升", 10, 10, None),
        (None, "可持续影响指标", "监控系统运行年限", "≥5年", "5年", 5, 5, None),
        ("满意度指标", "服务对象满意度指标", "师生及家长满意度", "≥90%", "88%", 10, 9.78, None),
    ]
    spec = dict(
        titles=[("项目支出绩效自评表", "title"), ("（2021年度）", "subtitle")],
        project="校园安全视频监控升级改造",
        supervisor="岳阳市岳阳楼区教育局",
        unit="岳阳市岳阳楼区教育局",
        funds=[
            ("年度资金总额", [60.00, 60.00, 58.80, 10, 0.98, (9.8, "n0")]),
            ("其中：当年财政拨款", [60.00, 60.00, 58.80, "—", "—", "—"]),
            ("上年结转资金", [0, 0, 0, "—", "—", "—"]),
            ("其他资金", [0, 0, 0, "—", "—", "—"]),
        ],
        goal=("完成25所中小学校园视频监控系统升级改造，实现与公安、教育部门联网。",
              "25所学校监控系统升级完成并全部联网，新增高清摄像头580个。"),
        rows=rows,
        total=lambda p: (F(f"G{p['funds_top']}+SUM(G{p['first']}:G{p['last']})", 95),
                         F(f"I{p['funds_top']}+SUM(H{p['first']}:H{p['last']})", 95.58)),
        after=["填表人：彭涛    填报日期：2022年3月2日    电话：0730-8812345"],
    )
    national(sh, spec)
    write_xlsxwriter(path_of(13), [sh], author="彭涛", company="岳阳市岳阳楼区教育局")
    return [table_from(sh.name, spec, year=2021, stated=95.58, funds=(10, 9.8, 60.00, 58.80, 0.98))]


# --------------------------------------------------------------------------
# 14  a target declaration only: no self-evaluation table at all
#     (raw writer, gov-java flavour, rows and cells without r)
# --------------------------------------------------------------------------

def sample_14():
    sh = Sheet("项目支出绩效目标申报表")
    sh.width(A=10, B=14, C=16, D=30, E=18, F=18)
    sh.merge("A1:F1", "2023年度项目支出绩效目标申报表", "title")
    sh.put("A2", "项目名称", "lbl")
    sh.merge("B2:F2", "校园文化建设经费", "txt")
    sh.put("A3", "主管部门", "lbl")
    sh.merge("B3:C3", "郴州市北湖区教育局", "txt")
    sh.put("D3", "实施单位", "lbl")
    sh.merge("E3:F3", "郴州市北湖区第五完全小学", "txt")
    sh.merge("A4:A6", "项目资金\n（万元）", "lbl")
    sh.merge("B4:C4", "年度资金总额", "txt")
    sh.merge("D4:F4", 25.00, "n2")
    sh.merge("B5:C5", "其中：财政拨款", "txt")
    sh.merge("D5:F5", 25.00, "n2")
    sh.merge("B6:C6", "其他资金", "txt")
    sh.merge("D6:F6", 0.00, "n2")
    sh.merge("A7:A8", "年度总体目标", "lbl")
    sh.merge("B7:F8", "完成校园文化长廊、班级文化墙建设，开展书香校园系列活动，营造积极向上的育人环境。", "txt")
    rows = [
        ("产出指标", "数量指标", "建设校园文化长廊", "≥1处"),
        (None, None, "开展书香校园主题活动", "≥8次"),
        (None, "质量指标", "工程验收合格率", "100%"),
        (None, "时效指标", "项目完成时间", "2023年9月底前"),
        (None, "成本指标", "项目总成本", "≤25万元"),
        ("效益指标", "社会效益指标", "校园育人环境", "明显改善"),
        (None, "可持续影响指标", "校园文化建设长效机制", "逐步形成"),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%"),
    ]
    head = 9
    sh.merge(f"A{head}:A{head + len(rows)}", "绩效指标", "lbl")
    for col, label in zip("BCDEF", ["一级指标", "二级指标", "三级指标", "指标值", "备注"]):
        sh.put(f"{col}{head}", label, "hdr")
    merge_runs(sh, 2, head + 1, [x[0] for x in rows])
    merge_runs(sh, 3, head + 1, [x[1] for x in rows])
    for i, (_, _, name, target) in enumerate(rows):
        r = head + 1 + i
        sh.put(f"D{r}", name, "txt")
        sh.put(f"E{r}", target, "ctr")
        sh.put(f"F{r}", BLANK, "txt")
    r = head + len(rows) + 2
    sh.merge(f"A{r}:C{r}", "填报人：曹雪", "plain")
    sh.merge(f"D{r}:F{r}", "填报日期：2023年1月9日", "plain")
    write_raw(path_of(14), [sh], "gov-java", no_row_refs=True)
    return []


# --------------------------------------------------------------------------
# 15  stale cached 总分: a score was edited after the last recalculation, the
#     =SUM formula still carries the old cached value (raw writer, gov-java)
# --------------------------------------------------------------------------

def sample_15():
    sh = Sheet("项目支出绩效自评表")
    sh.width(A=8, B=12, C=14, D=28, E=16, F=30, G=8, H=8, I=34)
    rows = [
        ("产出指标", "数量指标", "受助学生人数", "≥1700人", "1712人", 10, 10, None),
        (None, None, "补助政策覆盖学校数", "≥36所", "36所", 10, 10, None),
        (None, "质量指标", "补助资金发放准确率", "100%", "100%", 10, 10, None),
        (None, "时效指标", "资金发放及时性", "按学期及时发放", "按学期及时发放", 10, 10, None),
        (None, "成本指标", "小学生均补助标准", "=500元/生·年", "500元/生·年", 10, 10, None),
        ("效益指标", "社会效益指标", "家庭经济困难学生就学保障", "有效保障", "部分达成年度指标并具有一定效果", 10, 7,
         "部分学生家庭信息核查不及时，个别学生补助延迟至下学期发放；下一年度加强与民政部门数据比对。"),
        (None, None, "义务教育巩固率", "≥98%", "99.1%", 10, 10, None),
        (None, "可持续影响指标", "资助政策长效机制", "持续完善", "持续完善", 10, 10, None),
        ("满意度指标", "服务对象满意度指标", "受助学生及家长满意度", "≥90%", "96%", 10, 10, None),
    ]
    spec = dict(
        titles=[("项目支出绩效自评表", "title"), ("（2022年度）", "subtitle")],
        project="义务教育阶段家庭经济困难学生生活补助",
        supervisor="衡阳市石鼓区教育局",
        unit="衡阳市石鼓区学生资助管理中心",
        funds=[
            ("年度资金总额", [85.00, 85.00, 84.15, 10, (F("F6/E6", 0.99), "pct2"), (F("ROUND(G6*H6,2)", 9.9), "n2")]),
            ("其中：当年财政拨款", [85.00, 85.00, 84.15, "—", "—", "—"]),
            ("上年结转资金", [0, 0, 0, "—", "—", "—"]),
            ("其他资金", [0, 0, 0, "—", "—", "—"]),
        ],
        goal=("落实义务教育阶段家庭经济困难寄宿生生活补助政策，确保应助尽助。",
              "全年资助家庭经济困难学生1712人，资金84.15万元按学期发放到位。"),
        rows=rows,
        # cached 99.9 is the total from before H18 was changed from 10 to 7
        total=lambda p: (F(f"G{p['funds_top']}+SUM(G{p['first']}:G{p['last']})", 100),
                         F(f"I{p['funds_top']}+SUM(H{p['first']}:H{p['last']})", 99.9)),
        after=[[(0, "填表人：谭静", "plain"), (3, "填报日期：2023年2月14日", "plain"),
                (5, "电话：0734-8212345", "plain")]],
    )
    pos = national(sh, spec)
    assert pos["funds_top"] == 6, pos
    write_raw(path_of(15), [sh], "gov-java",
              no_ref_rows={sh.name: set(range(6, 10))})
    return [table_from(sh.name, spec, year=2022, stated=99.9, funds=(10, 9.9, 85.00, 84.15, 0.99),
                       groups={})]


# --------------------------------------------------------------------------
# Expected issues (the same list as README.md; the arithmetic is checked below)
# --------------------------------------------------------------------------

FILES = {
    1: "01-seed003-project-yiyang.xlsx",
    2: "02-seed004-department-qiaokou.xlsx",
    3: "03-seed004-project-qiaokou.xlsx",
    4: "04-yunnan-project-two-row-header-yuan.xlsx",
    5: "05-hubei-department-weights-in-names.xlsx",
    6: "06-chizhou-project-funds-rows-mismatch.xlsx",
    7: "07-sichuan-project-weight-heji.xlsx",
    8: "08-chongqing-department-flat-list.xlsx",
    9: "09-cover-declaration-selfeval.xlsx",
    10: "10-two-projects-two-sheets.xlsx",
    11: "11-national-kindergarten-wps-formulas.xlsx",
    12: "12-errors-funds-unit-rate.xlsx",
    13: "13-errors-indicator-scores.xlsx",
    14: "14-declaration-only-no-table.xlsx",
    15: "15-stale-cached-total.xlsx",
}

# code -> where it fires (cells of the sheet that holds the report).  The
# contract for tests is the set of codes per file; the cells are a guide.
EXPECTED = {
    1: {"total-mismatch": ["H27"], "grade-mismatch": ["G28"], "low-execution-unexplained": ["H5"],
        "missing-deviation": ["I21", "I22", "I24", "I25"],
        "target-met-score-deducted": ["H22", "H24", "H25"],
        "score-formula-mismatch": ["H21"], "unknown-category": ["C26"]},
    2: {"target-met-score-deducted": ["G22", "G23", "G24", "G25"],
        "missing-deviation": ["G22", "G23", "G24", "G25"],
        "score-formula-mismatch": ["G25"], "unknown-category": ["C25"]},
    3: {"group-weight-mismatch": ["A10"], "target-met-score-deducted": ["H20", "H21", "H22"],
        "missing-deviation": ["H20", "H21", "H22"], "score-formula-mismatch": ["H22"]},
    4: {},
    5: {},
    6: {"funds-rows-mismatch": ["E6", "F6"]},
    7: {},
    8: {},
    9: {"not-self-evaluation": ["sheet 封面", "sheet 绩效目标申报表"]},
    10: {},
    11: {},
    12: {"unit-suspect": ["D5", "D6"], "rate-mismatch": ["H5"],
         "unparsed-value": ["F8"], "formula-without-value": ["H21"]},
    13: {"weights-not-100": ["G23"], "score-exceeds-weight": ["H16"],
         "target-missed-full-score": ["H14"], "missing-deviation": ["I22"]},
    14: {"not-self-evaluation": ["sheet 项目支出绩效目标申报表"], "no-table": []},
    15: {"total-mismatch": ["H22"]},
}

# Header and sign-off fields as a reader should extract them (trimmed).
META = {
    1: [dict(project="实验与信息素养提升", supervisor="益阳市教育局", unit="益阳市教育技术装备所",
             filledBy="文达", filledOn="2022-04-22", phone="0737-4222501", statedGrade="优秀")],
    2: [dict(project=None, supervisor=None, unit=QIAOKOU, filledBy=None, filledOn="2021-06-15", phone=None)],
    3: [dict(project="项目支出", supervisor="硚口区教育局", unit=QIAOKOU, filledBy=None,
             filledOn="2021-06-15", phone=None)],
    4: [dict(project="农村义务教育学校公用经费补助资金", supervisor="永德县教育体育局", unit="永德县永康镇中学",
             filledBy="杨晓梅", filledOn="2023-03-15", phone="0883-6512345", statedGrade="优")],
    5: [dict(project=None, supervisor=None, unit="武汉市江汉区新华幼儿园", filledBy=None,
             filledOn="2022-03-18", phone=None)],
    6: [dict(project="梅街镇中心学校薄弱环节改善项目", supervisor="219-池州市贵池区教育体育局",
             unit="219015-池州市贵池区梅街镇中心学校", filledBy="汪明", filledOn="2023-01-10",
             phone="0566-2345678")],
    7: [dict(project="51142523R000000004567-学前教育幼儿资助补助资金", supervisor="青神县教育和体育局",
             unit="青神县教育和体育局", filledBy=None, filledOn="2024-03-20", phone="028-38812345")],
    8: [dict(project=None, supervisor="重庆市沙坪坝区教育委员会", unit="重庆市沙坪坝区新桥小学校",
             filledBy=None, filledOn=None, phone="023-65321478")],
    9: [dict(project="课后服务补助经费", supervisor="长沙市岳麓区教育局", unit=LUGU, filledBy="周敏",
             filledOn="2022-03-08", phone="0731-88123456")],
    10: [dict(project="中小学教师全员培训项目", supervisor="廊坊市广阳区教育局", unit="廊坊市广阳区教师发展中心",
              filledBy="李娜", filledOn="2023-01-16", phone="0316-2212345"),
         dict(project="中小学校舍维修改造项目", supervisor="廊坊市广阳区教育局", unit="廊坊市广阳区教育局",
              filledBy="张伟", filledOn="2023-02-20", phone="0316-2298765")],
    11: [dict(project="幼儿园保教设施设备购置项目", supervisor="南昌市青山湖区教育体育局",
              unit="南昌市青山湖区湖坊幼儿园", filledBy="熊丽", filledOn="2023-02-28", phone="0791-88512345")],
    12: [dict(project="区级教研活动经费", supervisor="株洲市荷塘区教育局", unit="株洲市荷塘区教育研究与教师发展中心",
              filledBy="罗杰", filledOn="2022-02-18", phone="0731-28212345")],
    13: [dict(project="校园安全视频监控升级改造", supervisor="岳阳市岳阳楼区教育局", unit="岳阳市岳阳楼区教育局",
              filledBy="彭涛", filledOn="2022-03-02", phone="0730-8812345")],
    14: [],
    15: [dict(project="义务教育阶段家庭经济困难学生生活补助", supervisor="衡阳市石鼓区教育局",
              unit="衡阳市石鼓区学生资助管理中心", filledBy="谭静", filledOn="2023-02-14", phone="0734-8212345")],
}

# Tables whose totals, weights and funds arithmetic must be exactly consistent.
CLEAN_ARITHMETIC = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11}


def path_of(n):
    return os.path.join(HERE, FILES[n])


def summarise(results, verbose):
    doc = {"generator": "Samples/make_samples.py", "files": []}
    for n in sorted(FILES):
        tables = results[n]
        entry = {"file": FILES[n], "reports": [], "expectedIssues": sorted(EXPECTED[n]),
                 "issueCells": EXPECTED[n]}
        assert len(META[n]) == len(tables), n
        for t, meta in zip(tables, META[n]):
            computed = t.computed_total()
            wsum = t.weight_sum()
            rate = t.executed / t.budget
            fund_formula = t.funds_w * min(rate, 1)
            if verbose:
                print(f"{FILES[n]} [{t.sheet}] stated={t.stated_total} computed={computed} "
                      f"grade={grade(computed)} Σweights={wsum} rate={rate:.4f} (stated {t.rate}) "
                      f"funds S={t.funds_s} vs W×rate={fund_formula:.3f}")
            if n in CLEAN_ARITHMETIC:
                assert abs(computed - t.stated_total) < 0.005, (n, computed, t.stated_total)
                assert abs(wsum - 100) < 0.005, (n, wsum)
                assert abs(rate - t.rate) < 0.0001 or abs(rate - t.rate) * 100 <= 1, (n, rate, t.rate)
                tol = 0.5 if float(t.funds_s).is_integer() else 0.01
                assert abs(t.funds_s - fund_formula) <= tol + 1e-9, (n, t.funds_s, fund_formula)
            report = {"sheet": t.sheet, "kind": t.kind, "year": t.year}
            report.update(meta)
            report.update({"statedTotal": t.stated_total, "computedTotal": computed,
                           "grade": grade(computed), "weightSum": wsum, "scoredIndicators": len(t.rows)})
            report.setdefault("statedGrade", None)
            entry["reports"].append(report)
        doc["files"].append(entry)
    # the deliberate ones
    t1 = results[1][0]
    assert t1.computed_total() == 89 and t1.stated_total == 94 and t1.weight_sum() == 100
    t12 = results[12][0]
    assert abs(t12.computed_total() - 99) < 1e-9 and t12.weight_sum() == 100
    t13 = results[13][0]
    assert abs(t13.computed_total() - 95.58) < 1e-9 and t13.weight_sum() == 95
    t15 = results[15][0]
    assert abs(t15.computed_total() - 96.9) < 1e-9 and t15.weight_sum() == 100 and t15.stated_total == 99.9
    with open(os.path.join(HERE, "expected-issues.json"), "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def main():
    verbose = "--check" in sys.argv
    builders = [sample_01, sample_02, sample_03, sample_04, sample_05, sample_06, sample_07,
                sample_08, sample_09, sample_10, sample_11, sample_12, sample_13, sample_14, sample_15]
    results = {}
    for i, build in enumerate(builders, start=1):
        results[i] = build()
    summarise(results, verbose)
    for n in sorted(FILES):
        print(FILES[n])


if __name__ == "__main__":
    main()
