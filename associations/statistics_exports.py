"""The statistics tables as CSV and XLSX downloads: the same numbers as the statistics page.

CSV has one row per number (table, row, column, value), which every spreadsheet and script reads; XLSX has
one sheet per table, laid out as on the page.
"""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import pgettext

from programme.exports import FORMULA_STARTS

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _safe(value):
    """A text cell that a spreadsheet would take for a formula stays text (a leading apostrophe)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_headers():
    return [
        pgettext("statistics", "Table"),
        pgettext("statistics", "Row"),
        pgettext("statistics", "Column"),
        pgettext("statistics", "Value"),
    ]


def csv_rows(tables):
    for table in tables:
        for row in table.rows:
            for header, value in zip(table.headers[1:], row[1:], strict=True):
                yield [table.caption, row[0], header, "" if value is None else value]


def csv_response(tables, filename):
    # The byte order mark makes spreadsheet programs read the file as UTF-8 (ä, ö, å).
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(csv_headers())
    for row in csv_rows(tables):
        writer.writerow([_safe(cell) for cell in row])
    return _attachment(response, filename)


def sheet_title(caption, number, taken):
    """A unique sheet title of at most 31 characters without the characters Excel refuses."""
    base = caption.translate(SHEET_TITLE_FORBIDDEN).strip()[:27] or str(number)
    title = base
    while title.casefold() in taken:
        title = f"{base[:26]} {number}"
        number += 100
    taken.add(title.casefold())
    return title


def xlsx_response(tables, filename):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken = set()
    for number, table in enumerate(tables, start=1):
        sheet = workbook.create_sheet(sheet_title(table.caption, number, taken))
        sheet.append([_safe(table.caption)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([_safe(header) for header in table.headers])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe(cell) for cell in row])
        if table.summary:
            sheet.append([])
            sheet.append([_safe(table.summary)])
        sheet.column_dimensions["A"].width = 40
        sheet.freeze_panes = "B3"
    stream = io.BytesIO()
    workbook.save(stream)
    return _attachment(HttpResponse(stream.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)
