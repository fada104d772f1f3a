"""What every CSV and XLSX download of the service shares: formula-safe cells, UTF-8 CSV that
spreadsheet programs open correctly, and the attachment response."""

import csv
import io

from django.http import HttpResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula to a spreadsheet program; a leading apostrophe keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell that a spreadsheet would take for a formula stays text (a leading apostrophe)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(headers, rows, filename):
    """`headers` and `rows` as a CSV download, every cell formula-safe."""
    # The byte order mark makes spreadsheet programs read the file as UTF-8 (ä, ö, å).
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return attachment(response, filename)


def xlsx_response(workbook, filename):
    stream = io.BytesIO()
    workbook.save(stream)
    return attachment(HttpResponse(stream.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)
