"""A programme's actions as CSV and XLSX: one row per action, in the programme's order and language."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import pgettext

LIST_SEPARATOR = "; "
# A cell starting with one of these is a formula to a spreadsheet program; a leading apostrophe keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def headers():
    return [
        pgettext("programme", "Theme"),
        pgettext("programme", "Goal"),
        pgettext("programme", "Action"),
        pgettext("programme", "Start"),
        pgettext("programme", "End"),
        pgettext("programme", "Status"),
        pgettext("programme", "Responsible parties"),
        pgettext("programme", "Indicators"),
        pgettext("programme", "Latest update"),
    ]


def rows(programme):
    for action in programme.actions:
        update = action.latest_update
        yield [
            f"{action.number.rsplit('.', 2)[0]}. {action.theme_title}",
            f"{action.number.rsplit('.', 1)[0]} {action.goal_title}",
            f"{action.number} {action.title}",
            action.schedule.start_label,
            action.schedule.end_label,
            action.status_label,
            LIST_SEPARATOR.join(action.responsible_names),
            LIST_SEPARATOR.join(action.indicators),
            f"{update.date:%d.%m.%Y}: {update.text}" if update else "",
        ]


def _safe(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(programme, filename):
    # The byte order mark makes spreadsheet programs read the file as UTF-8 (ä, ö, å).
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(headers())
    for row in rows(programme):
        writer.writerow([_safe(cell) for cell in row])
    return _attachment(response, filename)


def xlsx_response(programme, filename):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = pgettext("programme", "Actions")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(programme):
        sheet.append([_safe(cell) for cell in row])
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHI", (28, 32, 40, 9, 9, 14, 40, 40, 50), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    stream = io.BytesIO()
    workbook.save(stream)
    response = HttpResponse(
        stream.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return _attachment(response, filename)
