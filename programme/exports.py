"""A programme's actions as CSV and XLSX: one row per action, in the programme's order and language."""

from django.utils.translation import pgettext

from home import spreadsheets
from home.spreadsheets import xlsx_row

LIST_SEPARATOR = "; "


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


def csv_response(programme, filename):
    return spreadsheets.csv_response(headers(), rows(programme), filename)


def xlsx_response(programme, filename):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = pgettext("programme", "Actions")[:31]
    sheet.append(xlsx_row(sheet, headers()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(programme):
        sheet.append(xlsx_row(sheet, row))
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHI", (28, 32, 40, 9, 9, 14, 40, 40, 50), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return spreadsheets.xlsx_response(workbook, filename)
