#!/usr/bin/env python3
"""Dumps every sheet of an XLSX workbook as JSON (values as the spreadsheet holds them; dates
as ISO text), with openpyxl: an independent reader of what gatecast report writes."""
import datetime
import json
import sys

import openpyxl


def value(v):
    if isinstance(v, datetime.datetime):
        return {"datetime": v.isoformat()}
    return v


book = openpyxl.load_workbook(sys.argv[1], data_only=False)
out = {}
for ws in book.worksheets:
    rows = [[value(c.value) for c in row] for row in ws.iter_rows()]
    widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
    formats = [[c.number_format for c in row] for row in ws.iter_rows()]
    out[ws.title] = {"rows": rows, "widths": widths, "formats": formats}
json.dump(out, sys.stdout, ensure_ascii=False)
