"""The statistics tables as CSV and XLSX downloads: the same numbers as the statistics page.

CSV has one row per number (table, row, column, value), which every spreadsheet and script reads; XLSX has
one sheet per table, laid out as on the page.
"""

from django.utils.translation import pgettext

from home import spreadsheets
from home.spreadsheets import xlsx_row
from home.text_input import clean_text

SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


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
    return spreadsheets.csv_response(csv_headers(), csv_rows(tables), filename)


def sheet_title(caption, number, taken):
    """A unique sheet title of at most 31 characters without the characters Excel refuses."""
    base = clean_text(caption).translate(SHEET_TITLE_FORBIDDEN).strip()[:27] or str(number)
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
        sheet.append(xlsx_row(sheet, [table.caption]))
        sheet["A1"].font = Font(bold=True)
        sheet.append(xlsx_row(sheet, table.headers))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(xlsx_row(sheet, row))
        if table.summary:
            sheet.append([])
            sheet.append(xlsx_row(sheet, [table.summary]))
        sheet.column_dimensions["A"].width = 40
        sheet.freeze_panes = "B3"
    return spreadsheets.xlsx_response(workbook, filename)
