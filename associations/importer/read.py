"""Reading import files: the columns, the formats and the limits, and CSV or JSON bytes parsed into rows.

A file that is not UTF-8, not an array of JSON objects, too large, or whose columns are missing or unknown
is refused as a whole (`ImportFileError`); problems of single cells go on their row (`RowError`).
"""

import csv
import io
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from home.spreadsheets import unescape_cell
from home.text_input import clean_text

COLUMNS = [
    "name_fi",
    "name_sv",
    "business_id",
    "register_number",
    "municipality",
    "categories",
    "target_groups",
    "summary_fi",
    "summary_sv",
    "description_fi",
    "description_sv",
    "email",
    "phone",
    "website",
    "street_address",
    "postal_code",
    "post_office",
    "founded_year",
    "member_count",
    "languages",
    "latitude",
    "longitude",
]
LIST_COLUMNS = ("categories", "target_groups", "languages")
INTEGER_COLUMNS = ("founded_year", "member_count")
DECIMAL_COLUMNS = ("latitude", "longitude")
LIST_SEPARATOR = ";"
FORMATS = ("csv", "json")
# Bounds that keep an import's memory small whatever file it is given: Pohjois-Savo has a few thousand
# associations, and a full export of 20,000 with long descriptions stays under 20 MB.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000

# Rows built in Python (the fake-data generator) may also carry recurring activities, which have no CSV
# column: `activities` is a list of ActivityBlock values (target_group as a slug), `activities_sv` the
# Swedish title, description and place of each.
EXTRA_KEYS = ("activities", "activities_sv")


class ImportFileError(Exception):
    """The file as a whole cannot be imported: nothing is written."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class RowError:
    """What is wrong with one cell (or the whole row when `column` is empty)."""

    column: str
    message: str


@dataclass
class RawRow:
    """One record of the file: every column as text (empty when not given), plus Python-only extras."""

    number: int
    values: dict
    extras: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


def detect_format(filename, requested=None):
    """The format asked for, else the one the file name's extension says."""
    if requested:
        if requested not in FORMATS:
            raise ImportFileError(_("Unknown format “%(format)s”: use csv or json.") % {"format": requested})
        return requested
    extension = str(filename).rsplit(".", 1)[-1].lower() if "." in str(filename) else ""
    if extension in FORMATS:
        return extension
    raise ImportFileError(_("Cannot tell the format from the file name: give the format (csv or json)."))


def read_limited(stream, size=None):
    """The bytes of an open file, refusing one larger than MAX_FILE_BYTES without reading it all."""
    if size is not None and size > MAX_FILE_BYTES:
        _too_big(size)
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        _too_big(size)
    return data


def _too_big(size):
    limit = {"max": MAX_FILE_BYTES // (1024 * 1024)}
    if size is None or size <= MAX_FILE_BYTES:  # the size was not known, or the file grew while read
        message = _("The file is larger than %(max)s MB, the most one import reads. Split it into parts.")
        raise ImportFileError(message % limit)
    message = _("The file is %(size)s MB; one import reads at most %(max)s MB. Split it into parts.")
    raise ImportFileError(message % {**limit, "size": f"{size / (1024 * 1024):.1f}"})


def _too_many_rows():
    raise ImportFileError(
        _("The file has more than %(max)s associations, the most one import takes. Split it into parts.")
        % {"max": MAX_ROWS}
    )


def decode(data):
    """The file's text. Excel's UTF-8 byte order mark is allowed; any other encoding is refused."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not UTF-8 text (the first bad byte is at position %(position)s). "
                "Save it as “CSV UTF-8” and try again."
            )
            % {"position": error.start + 1}
        ) from None


def read_rows(data, file_format):
    """Parse CSV or JSON bytes into RawRows, or raise ImportFileError when the file cannot be used at all."""
    text = decode(data)
    if file_format == "json":
        return _read_json(text)
    return _read_csv(text)


def _check_columns(columns, number=None):
    """Refuse the file unless it has exactly the import columns (`number`: the JSON object checked)."""
    missing = [column for column in COLUMNS if column not in columns]
    unknown = [str(column) for column in columns if column not in COLUMNS]
    problems = []
    if missing:
        problems.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    if not problems:
        return
    if number is None:
        message = _("The file cannot be imported: %(problems)s. The columns must be: %(expected)s.")
    else:
        message = _(
            "The file cannot be imported: object %(number)s has %(problems)s. The keys must be: %(expected)s."
        )
    raise ImportFileError(
        message % {"number": number, "problems": "; ".join(problems), "expected": ",".join(COLUMNS)}
    )


def _read_csv(text):
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        header = [column.strip() for column in header]
        duplicates = sorted({column for column in header if header.count(column) > 1})
        if duplicates:
            raise ImportFileError(
                _("The file cannot be imported: these columns appear twice: %(columns)s.")
                % {"columns": ", ".join(duplicates)}
            )
        _check_columns(header)
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, e.g. at the end of a file saved by a spreadsheet
            if len(rows) == MAX_ROWS:
                _too_many_rows()
            row = RawRow(number, dict.fromkeys(COLUMNS, ""))
            for column, cell in zip(header, cells, strict=False):
                row.values[column] = unescape_cell(cell_text(cell))
            if len(cells) > len(header):
                row.errors.append(RowError("", _("The row has more cells than the header has columns.")))
            rows.append(row)
        return rows
    except csv.Error as error:
        raise ImportFileError(
            _("The file is not valid CSV (line %(line)s): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None


def _read_json(text):
    try:
        # Numbers stay as their literal text so that they are validated like CSV cells.
        data = json.loads(text, parse_float=str, parse_int=str)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("The file is not valid JSON (line %(line)s, column %(column)s): %(error)s")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
    except RecursionError:  # thousands of nested brackets
        raise ImportFileError(_("The JSON file is nested too deeply to be an association list.")) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ImportFileError(_("The JSON file must be an array of objects, one object per association."))
    if len(data) > MAX_ROWS:
        _too_many_rows()
    rows = []
    for number, item in enumerate(data, start=1):
        _check_columns(list(item), number)
        rows.append(_row_from_json(number, item))
    return rows


def _row_from_json(number, item):
    row = RawRow(number, {})
    for column in COLUMNS:
        value = item[column]
        if value is None:
            row.values[column] = ""
        elif isinstance(value, str):
            row.values[column] = cell_text(value)
        elif isinstance(value, list) and column in LIST_COLUMNS and all(isinstance(v, str) for v in value):
            row.values[column] = LIST_SEPARATOR.join(cell_text(v) for v in value)
        else:
            row.values[column] = ""
            row.errors.append(RowError(column, _("Expected text or a number here.")))
    return row


def cell_text(value):
    """A cell's text as the importer reads it: without control characters (PostgreSQL cannot store NUL,
    the others break the feeds and spreadsheet exports) and without surrounding spaces."""
    return clean_text(value).strip()


def rows_from_dicts(dicts):
    """RawRows from dictionaries built in Python (the generator); missing columns count as not given."""
    rows = []
    for number, item in enumerate(dicts, start=1):
        values = {column: cell_text(str(item.get(column) or "")) for column in COLUMNS}
        extras = {key: item[key] for key in EXTRA_KEYS if item.get(key)}
        rows.append(RawRow(number, values, extras))
    return rows


def split_list(value):
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
