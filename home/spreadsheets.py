"""What every CSV and XLSX file of the service shares: formula-safe cells without the characters XML cannot
hold, UTF-8 CSV that spreadsheet programs open correctly, and the attachment response.

Every CSV and XLSX the service writes goes through this module: `csv_writer` (or `csv_response`) for CSV,
`xlsx_row` for XLSX, and Wagtail's own downloads (site history, workflow reports, form submissions, snippet
and report listings) through `install_wagtail_export_guard`. A cell a spreadsheet would run as a formula
(`=cmd|'/c calc'!A0`) stays text: in CSV it gets a leading apostrophe, in XLSX it is a string cell.

The downloads' CSV is RFC 4180 as spreadsheet programs read it: CRLF at the end of every line and for the
line breaks inside a cell, and a UTF-8 byte order mark, without which Excel reads "ä" as "Ã¤". Readers of
the service's own files (the association import) accept the mark and undo the rest with `unescape_cell`.
"""

import csv
import io
import re
from functools import wraps

from django.http import HttpResponse

from home.text_input import clean_text

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula to a spreadsheet program; a leading apostrophe keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A negative number is no formula and stays a number. A leading "+" is always escaped: "+358401234567"
# read as a number would lose its plus and be no phone number any more.
NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")
BYTE_ORDER_MARK = "\ufeff"
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def safe_cell(value):
    """A CSV cell: text without control characters, and text a spreadsheet would take for a formula
    behind an apostrophe, which keeps it text ("'+358 40 123 4567"). Other values are returned as they are."""
    value = clean_text(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NEGATIVE_NUMBER.fullmatch(value):
        return "'" + value
    return value


def unescape_cell(value):
    """The text `csv_writer` was given: readers of the service's own CSV files take the apostrophe off, and
    read a CRLF inside a cell as the line feed it was."""
    if not isinstance(value, str):
        return value
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        value = value[1:]
    return value.replace("\r\n", "\n")


class FormulaSafeCsvWriter:
    """`csv.writer` whose every cell goes through `safe_cell`, with the line breaks inside a cell written as
    the ends of lines are."""

    def __init__(self, stream, **kwargs):
        self.writer = csv.writer(stream, **kwargs)
        self.line_break = self.writer.dialect.lineterminator

    def cell(self, value):
        value = safe_cell(value)
        if isinstance(value, str):
            value = LINE_BREAK.sub(self.line_break, value)
        return value

    def writerow(self, row):
        return self.writer.writerow([self.cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, lineterminator="\r\n", byte_order_mark=False, **kwargs):
    """The CSV writer of the service (formula-safe cells); `stream` is any text stream. A file meant for
    spreadsheet programs starts with the `byte_order_mark`."""
    if byte_order_mark:
        stream.write(BYTE_ORDER_MARK)
    return FormulaSafeCsvWriter(stream, lineterminator=lineterminator, **kwargs)


def xlsx_cell(sheet, value):
    """A cell for `sheet.append`: text without the characters XML cannot hold, and always a string cell,
    never a formula, so "=1+1" and "+358 40 123 4567" read as typed. Numbers and dates stay as they are."""
    from openpyxl.cell import Cell

    value = clean_text(value)
    cell = Cell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl makes text starting with "=" a formula
    return cell


def xlsx_row(sheet, values):
    """`values` as cells for `sheet.append`, each through `xlsx_cell`."""
    return [xlsx_cell(sheet, value) for value in values]


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(headers, rows, filename):
    """`headers` and `rows` as a CSV download for spreadsheets (byte order mark, CRLF, formula-safe cells)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv_writer(response, byte_order_mark=True)
    writer.writerow(headers)
    writer.writerows(rows)
    return attachment(response, filename)


def xlsx_response(workbook, filename):
    stream = io.BytesIO()
    workbook.save(stream)
    return attachment(HttpResponse(stream.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)


def install_wagtail_export_guard():
    """Put the cells of Wagtail's own CSV/XLSX downloads through `safe_cell` (CSV) and `clean_text` (XLSX).

    Wagtail writes its CSV cells unescaped, and a control character in a page title (site history, workflow
    reports) or a form answer (submissions) made its XLSX export raise. It has no setting for this, and
    every one of those views inherits `SpreadsheetExportMixin`, so its two value hooks are wrapped once at
    startup (home/apps.py). Wagtail already writes XLSX text starting with "=" as a string cell.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "formula_safe", False):
        return
    preprocess_field_value = SpreadsheetExportMixin.preprocess_field_value
    get_heading = SpreadsheetExportMixin.get_heading

    @wraps(preprocess_field_value)
    def safe_preprocess_field_value(self, field, value, export_format):
        value = preprocess_field_value(self, field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else clean_text(value)

    @wraps(get_heading)
    def safe_get_heading(self, queryset, field):
        # A heading is written as a plain value in both formats, so it is escaped for both.
        return safe_cell(get_heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = safe_preprocess_field_value
    SpreadsheetExportMixin.get_heading = safe_get_heading
    SpreadsheetExportMixin.formula_safe = True
