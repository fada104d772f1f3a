"""Bulk import and export of associations as CSV or JSON.

One module owns the file format both ways, so the `import_associations` and `export_associations` commands,
the admin import view, the open-data downloads and the fake-data generator all read and write the same
columns. Importing happens in three steps:

1. `read_rows` parses the file. A file that is not UTF-8, not an array of JSON objects, or whose columns are
   missing or unknown is refused as a whole (`ImportFileError`).
2. `AssociationImporter.validate` checks every row: taxonomy terms are looked up, values go through the model
   fields' own validators (`clean_fields`), identifiers are checked against the rest of the file and the
   directory, and each row is matched to an existing association by business ID, register number or
   normalised name and home municipality. The result is a report of what each row would do.
3. `AssociationImporter.write` creates or updates the Finnish page and its Swedish translation, one row per
   transaction, so an interrupted import never leaves half-made pages.
"""

import csv
import html
import io
import json
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import partial

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import Translation, TranslationSource

from associations.models import (
    SERVICE_LANGUAGES,
    AssociationIndexPage,
    AssociationPage,
    Category,
    Municipality,
    TargetGroup,
)
from associations.page_writer import PageWriter
from associations.ytunnus import normalise_business_id
from home.spreadsheets import csv_writer, unescape_cell
from home.text_input import clean_text
from home.visibility import public_pages
from search.indexing import deferred_indexing

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

# With defer_indexing, written pages are added to the search index this many at a time.
INDEX_BATCH = 100

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# The Swedish directory page made when the first Swedish association is imported; editors can rename it.
SWEDISH_DIRECTORY_TITLE = "Föreningar"
SWEDISH_DIRECTORY_SLUG = "foreningar"

# Two-letter ISO 639-1 codes. Service languages other than Finnish, Swedish and English are stored as "other".
ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv "
    "dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig "
    "ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh "
    "mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru "
    "rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug "
    "uk ur uz ve vi vo wa wo xh yi yo za zh zu"
)
ISO_639_1 = frozenset(ISO_639_1_CODES.split())
LANGUAGE_ORDER = [code for code, _label in SERVICE_LANGUAGES]

# Model fields filled straight from a column of the same meaning; errors on them are reported on that column.
FIELD_COLUMNS = {
    "title": "name_fi",
    "summary": "summary_fi",
    "description": "description_fi",
    "business_id": "business_id",
    "register_number": "register_number",
    "email": "email",
    "phone": "phone",
    "website": "website",
    "street_address": "street_address",
    "postal_code": "postal_code",
    "post_office": "post_office",
    "founded_year": "founded_year",
    "member_count": "member_count",
    "latitude": "latitude",
    "longitude": "longitude",
    "service_languages": "languages",
    "activities": "activities",
}
COLUMN_FIELDS = {column: name for name, column in FIELD_COLUMNS.items()}
SWEDISH_FIELD_COLUMNS = {"title": "name_sv", "summary": "summary_sv"}
ALL_FIELD_NAMES = frozenset(f.name for f in AssociationPage._meta.fields)

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
NAME_SUFFIX = re.compile(r"\s+(ry|r\.y\.|rf|r\.f\.)$")
SPACES = re.compile(r"\s+")
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


class ImportFileError(Exception):
    """The file as a whole cannot be imported: nothing is written."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class RolledBack(Exception):
    """Raised inside an --atomic import to undo the rows already written when a later row fails."""


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


@dataclass
class CleanRow:
    """A validated row: model field values, taxonomy terms and the Swedish texts."""

    fields: dict
    municipality: Municipality | None
    categories: list | None
    target_groups: list | None
    name_sv: str
    summary_sv: str
    description_sv: list | None
    activities_sv: list | None


@dataclass
class RowResult:
    """What one row did (or, in a dry run, would do)."""

    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    ERROR = "error"

    number: int
    name: str
    action: str = ""
    errors: list = field(default_factory=list)
    page_id: int | None = None
    matched_title: str = ""
    clean: CleanRow | None = None

    @property
    def action_label(self):
        return {
            self.CREATE: gettext_lazy("New"),
            self.UPDATE: gettext_lazy("Update"),
            self.SKIP: gettext_lazy("Already in the directory, skipped"),
            self.ERROR: gettext_lazy("Error"),
        }[self.action]


@dataclass
class ImportReport:
    """Per-row results of an import or a dry run."""

    results: list
    dry_run: bool
    written: bool = False

    def count(self, action):
        return sum(1 for result in self.results if result.action == action)

    @property
    def created(self):
        return self.count(RowResult.CREATE)

    @property
    def updated(self):
        return self.count(RowResult.UPDATE)

    @property
    def skipped(self):
        return self.count(RowResult.SKIP)

    @property
    def failed(self):
        return self.count(RowResult.ERROR)

    @property
    def errors(self):
        """(row number, column, message) of every problem, in file order."""
        return [
            (result.number, error.column, error.message) for result in self.results for error in result.errors
        ]


# --- Reading files ---------------------------------------------------------------------------------------


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


# --- Lookups ---------------------------------------------------------------------------------------------


def normalise_name(name):
    """Casefolded name without the "ry" suffix, for matching spellings of the same association."""
    name = SPACES.sub(" ", name.casefold()).strip()
    return NAME_SUFFIX.sub("", name)


class Taxonomy:
    """Finnish terms of one taxonomy, found by key (code or slug) or by Finnish or Swedish name."""

    def __init__(self, model, key_field, finnish):
        terms = list(model.objects.filter(locale__language_code__in=["fi", "sv"]))
        by_translation_key = {term.translation_key: term for term in terms if term.locale_id == finnish.pk}
        self.by_pk = {term.pk: term for term in by_translation_key.values()}
        self.lookup = {}
        for term in terms:
            finnish_term = by_translation_key.get(term.translation_key)
            if finnish_term is None:
                continue
            self.lookup.setdefault(getattr(term, key_field).casefold(), finnish_term)
            self.lookup.setdefault(normalise_name(term.name), finnish_term)

    def get(self, value):
        return self.lookup.get(normalise_name(value))


@dataclass
class Match:
    """An association the row refers to: already in the directory (page_id) or earlier in the file (row)."""

    title: str
    page_id: int | None = None
    row: int | None = None
    business_id: str = ""
    register_number: str = ""


class Directory:
    """What is already in the directory (and earlier in the file), indexed for matching without queries."""

    def __init__(self, finnish):
        self.by_business_id = {}
        self.by_register_number = {}
        self.by_name = {}
        pages = AssociationPage.objects.filter(locale=finnish).values_list(
            "pk", "title", "business_id", "register_number", "home_municipality_id"
        )
        for pk, title, business_id, register_number, municipality_id in pages:
            self.add(Match(title, pk, None, business_id, register_number), municipality_id)

    def add(self, match, municipality_id):
        if match.business_id:
            self.by_business_id.setdefault(match.business_id, match)
        if match.register_number:
            self.by_register_number.setdefault(match.register_number, match)
        self.by_name.setdefault((normalise_name(match.title), municipality_id), match)

    def find(self, business_id, register_number, name, municipality_id):
        """Match by business ID, else register number, else name and home municipality.

        A candidate whose identifiers contradict the row's is a different association with a similar name
        or number, so it does not match.
        """

        def compatible(candidate):
            return (not business_id or candidate.business_id in ("", business_id)) and (
                not register_number or candidate.register_number in ("", register_number)
            )

        for candidate in (
            self.by_business_id.get(business_id) if business_id else None,
            self.by_register_number.get(register_number) if register_number else None,
            self.by_name.get((normalise_name(name), municipality_id)) if name else None,
        ):
            if candidate is not None and compatible(candidate):
                return candidate
        return None


# --- Converting values -----------------------------------------------------------------------------------


def split_list(value):
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def text_to_paragraphs(text):
    """Plain text split at blank lines; single line breaks stay inside a paragraph."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [paragraph.strip() for paragraph in PARAGRAPH_BREAK.split(text) if paragraph.strip()]


def paragraph_html(paragraph):
    """The inner HTML of one paragraph: escaped text, line breaks as <br/>."""
    return "<br/>".join(escape(line.strip()) for line in paragraph.split("\n"))


def description_blocks(paragraphs):
    return [
        {"type": "paragraph", "value": f"<p>{paragraph_html(text)}</p>", "id": str(uuid.uuid4())}
        for text in paragraphs
    ]


def html_to_text(value):
    """Rich text as plain text: paragraphs separated by blank lines, <br> as a line break."""
    text = BLOCK_END.sub(lambda match: "\n" if match.group(0).lower().startswith("<br") else "\n\n", value)
    text = html.unescape(strip_tags(text))
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return "\n\n".join(text_to_paragraphs(lines))


def stream_to_text(stream_value):
    """The text of a description StreamField: paragraphs, headings and quotes; other blocks are skipped."""
    parts = []
    for block in stream_value.raw_data:
        value = block.get("value")
        if block.get("type") == "paragraph" and isinstance(value, str):
            parts.append(html_to_text(value))
        elif block.get("type") in ("heading", "quote") and isinstance(value, dict):
            parts.append(str(value.get("text") or "").strip())
    return "\n\n".join(part for part in parts if part)


def _decimal(value):
    """A coordinate rounded to the six decimals the model stores; a decimal comma is accepted."""
    try:
        return Decimal(value.replace(",", ".")).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return value  # the model field reports that it is not a number


def _website(value):
    # A bare domain gets https://, as the admin's URL field does.
    try:
        return forms.URLField(assume_scheme="https").to_python(value)
    except ValidationError:
        return value


def _messages(error):
    if hasattr(error, "error_dict"):
        return [str(message) for messages in error.message_dict.values() for message in messages]
    return [str(message) for message in error.messages]


def forget_redirects_to(page_id):
    """Delete the automatic redirects to a page and to the pages under it."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is not None:
        Redirect.objects.filter(redirect_page__path__startswith=path, automatically_created=True).delete()


# --- The importer ----------------------------------------------------------------------------------------


class AssociationImporter:
    """Validates and writes rows of associations under the Finnish association directory.

    `update`: rows that match an existing association update it instead of being skipped.
    `atomic`: nothing is written if any row fails.
    `user`: recorded as the author of the revisions (None for the command line).
    `progress`: called as progress(done, total) while writing.
    `defer_indexing`: update the search and reference indexes in batches after the rows are written,
    instead of on every save (see _indexing). Only for single-purpose processes like management
    commands, because it disconnects a global signal handler.
    """

    def __init__(self, *, update=False, atomic=False, user=None, progress=None, defer_indexing=False):
        self.update = update
        self.atomic = atomic
        self.user = user
        self.progress = progress
        self.defer_indexing = defer_indexing
        self._unindexed = []
        self.finnish = Locale.objects.get(language_code="fi")
        self.swedish = Locale.objects.filter(language_code="sv").first()
        self.municipalities = Taxonomy(Municipality, "code", self.finnish)
        self.categories = Taxonomy(Category, "slug", self.finnish)
        self.target_groups = Taxonomy(TargetGroup, "slug", self.finnish)
        self.directory = Directory(self.finnish)
        self.writer = PageWriter(self.finnish, self.swedish, user=user)
        self._swedish_parent = None

    # Validation -------------------------------------------------------------------------------------------

    def validate(self, rows):
        """A report saying what each row would do; nothing is written."""
        seen = {"business_id": {}, "register_number": {}}
        results = []
        for row in rows:
            result = RowResult(row.number, row.values.get("name_fi", ""), errors=list(row.errors))
            errors = result.errors
            result.clean = clean = self._clean(row, errors)
            business_id = clean.fields.get("business_id", "")
            register_number = clean.fields.get("register_number", "")
            municipality_id = clean.municipality.pk if clean.municipality else None
            self._check_unique_in_file(row.number, business_id, register_number, seen, errors)

            match = self.directory.find(
                business_id, register_number, clean.fields.get("title", ""), municipality_id
            )
            if match is not None and match.row is not None:
                errors.append(
                    RowError(
                        "name_fi", _("The same association is already on row %(row)s.") % {"row": match.row}
                    )
                )
                match = None
            elif match is None:
                self._check_identifiers_free(None, business_id, register_number, errors)
                # A new association needs what the model requires; an update keeps what a row leaves out.
                if not row.values["summary_fi"] and not any(error.column == "summary_fi" for error in errors):
                    errors.append(RowError("summary_fi", _("The summary in Finnish is missing.")))
            else:
                self._check_identifiers_free(match, business_id, register_number, errors)

            if errors:
                result.action = RowResult.ERROR
            elif match is not None:
                result.page_id = match.page_id
                result.matched_title = match.title
                result.action = RowResult.UPDATE if self.update else RowResult.SKIP
            else:
                result.action = RowResult.CREATE
                planned = Match(clean.fields.get("title", ""), None, row.number, business_id, register_number)
                self.directory.add(planned, municipality_id)
            results.append(result)
        return ImportReport(results, dry_run=True)

    def _check_unique_in_file(self, number, business_id, register_number, seen, errors):
        """The same business ID or register number twice in one file: the later row is the error."""
        for column, value, message in (
            ("business_id", business_id, _("The business ID %(value)s is already on row %(row)s.")),
            (
                "register_number",
                register_number,
                _("The register number %(value)s is already on row %(row)s."),
            ),
        ):
            if not value:
                continue
            if value in seen[column]:
                errors.append(RowError(column, message % {"value": value, "row": seen[column][value]}))
            else:
                seen[column][value] = number

    def _check_identifiers_free(self, match, business_id, register_number, errors):
        """A business ID or register number may belong to one association only (the model's rule too)."""
        for value, index, column, message in (
            (
                business_id,
                self.directory.by_business_id,
                "business_id",
                _("Another association already has this business ID."),
            ),
            (
                register_number,
                self.directory.by_register_number,
                "register_number",
                _("Another association already has this register number."),
            ),
        ):
            owner = index.get(value) if value else None
            if owner is not None and owner is not match and owner.row is None:
                errors.append(RowError(column, message))

    def _clean(self, row, errors):
        """Convert and validate one row, adding a RowError for every problem."""
        values = row.values
        fields = {}
        given = {column for column, value in values.items() if value}

        if not values["name_fi"]:
            errors.append(RowError("name_fi", _("The name in Finnish is missing.")))

        municipality = None
        if values["municipality"]:
            municipality = self.municipalities.get(values["municipality"])
            if municipality is None:
                errors.append(
                    RowError(
                        "municipality",
                        _(
                            "Unknown municipality “%(value)s”: give a Statistics Finland code such as 297 "
                            "or a municipality name."
                        )
                        % {"value": values["municipality"]},
                    )
                )
        else:
            errors.append(RowError("municipality", _("The home municipality is missing.")))

        categories = self._terms(
            values, "categories", self.categories, errors, _("Unknown category: %(values)s.")
        )
        target_groups = self._terms(
            values, "target_groups", self.target_groups, errors, _("Unknown target group: %(values)s.")
        )

        for column in given & set(COLUMN_FIELDS):
            fields[COLUMN_FIELDS[column]] = values[column]
        if "business_id" in fields:
            fields["business_id"] = normalise_business_id(fields["business_id"])
        if "website" in fields:
            fields["website"] = _website(fields["website"])
        for column in DECIMAL_COLUMNS:
            if column in fields:
                fields[column] = _decimal(fields[column])
        if ("latitude" in given) != ("longitude" in given):
            missing = "longitude" if "latitude" in given else "latitude"
            errors.append(RowError(missing, _("Give both latitude and longitude, or neither.")))
        if "languages" in given:
            fields["service_languages"] = self._languages(values["languages"], errors)
        description_fi = text_to_paragraphs(values["description_fi"])
        if description_fi:
            fields["description"] = description_blocks(description_fi)
        activities, activities_sv = self._activities(row, errors)
        if activities is not None:
            fields["activities"] = activities

        self._validate_fields(AssociationPage(**fields), fields, FIELD_COLUMNS, errors)
        swedish = {"title": values["name_sv"], "summary": values["summary_sv"]}
        swedish = {name: value for name, value in swedish.items() if value}
        self._validate_fields(AssociationPage(**swedish), swedish, SWEDISH_FIELD_COLUMNS, errors)

        return CleanRow(
            fields=fields,
            municipality=municipality,
            categories=categories,
            target_groups=target_groups,
            name_sv=values["name_sv"],
            summary_sv=values["summary_sv"],
            description_sv=text_to_paragraphs(values["description_sv"]) or None,
            activities_sv=activities_sv,
        )

    def _validate_fields(self, instance, fields, columns, errors):
        """Run the model fields' own validators on the given values and report errors on their columns."""
        try:
            instance.clean_fields(exclude=ALL_FIELD_NAMES - set(fields))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    errors.append(RowError(columns.get(name, name), message))
            return
        # clean_fields converted the values (text to numbers, decimals); keep the converted ones.
        for name in fields:
            fields[name] = getattr(instance, name)

    def _terms(self, values, column, taxonomy, errors, message):
        if not values[column]:
            return None
        terms, unknown = [], []
        for item in split_list(values[column]):
            term = taxonomy.get(item)
            if term is None:
                unknown.append(item)
            elif term not in terms:
                terms.append(term)
        if unknown:
            errors.append(RowError(column, message % {"values": ", ".join(unknown)}))
        return terms

    def _languages(self, value, errors):
        codes, unknown = set(), []
        for item in split_list(value):
            code = item.lower()
            if code in LANGUAGE_ORDER:
                codes.add(code)
            elif code in ISO_639_1:
                codes.add("other")
            else:
                unknown.append(item)
        if unknown:
            errors.append(
                RowError(
                    "languages",
                    _("Unknown language code: %(values)s. Use two-letter codes such as fi, sv or en.")
                    % {"values": ", ".join(unknown)},
                )
            )
        return [code for code in LANGUAGE_ORDER if code in codes]

    def _activities(self, row, errors):
        """Recurring activities of a generated row, with the target group's slug turned into its id."""
        activities = row.extras.get("activities")
        if not activities:
            return None, None
        blocks = []
        for activity in activities:
            value = dict(activity)
            target_group = value.get("target_group")
            if isinstance(target_group, str):
                term = self.target_groups.get(target_group)
                if term is None:
                    errors.append(
                        RowError(
                            "activities", _("Unknown target group: %(values)s.") % {"values": target_group}
                        )
                    )
                value["target_group"] = term.pk if term else None
            blocks.append({"type": "activity", "value": value, "id": str(uuid.uuid4())})
        return blocks, row.extras.get("activities_sv")

    # Writing ----------------------------------------------------------------------------------------------

    def run(self, rows, dry_run=False):
        """Validate, then (unless dry_run, or atomic with a failed row) write the rows that can be written."""
        parent = self.index_page()
        report = self.validate(rows)
        if dry_run:
            return report
        if self.atomic and report.failed:
            report.dry_run = False  # a real import that wrote nothing
            return report
        return self.write(report, parent)

    def index_page(self):
        """The Finnish association directory the rows go under: the first live one, else the first one."""
        index = AssociationIndexPage.objects.filter(locale=self.finnish).order_by("-live", "path").first()
        if index is None:
            raise ImportFileError(
                _(
                    "There is no Finnish association directory to import into. "
                    "Create the directory page in the admin first."
                )
            )
        return index

    def write(self, report, parent=None):
        """Create or update the pages of the rows the report marks as new or updates."""
        parent = parent or self.index_page()
        pending = [
            result for result in report.results if result.action in (RowResult.CREATE, RowResult.UPDATE)
        ]
        report.dry_run = False
        report.written = True
        if self.swedish is not None and any(result.clean.name_sv for result in pending):
            self._ensure_swedish_directory(parent)
            self._swedish_parent = parent.get_translation(self.swedish)
        with self._indexing():
            if self.atomic:
                # Everything or nothing: each row is a savepoint inside one transaction.
                try:
                    with transaction.atomic():
                        for done, result in enumerate(pending, start=1):
                            self._write_row(parent, result)
                            if result.action == RowResult.ERROR:
                                raise RolledBack
                            self._progress(done, len(pending))
                except RolledBack:
                    report.written = False
                    self._unindexed.clear()
            else:
                for done, result in enumerate(pending, start=1):
                    self._write_row(parent, result)
                    self._progress(done, len(pending))
        return report

    def _progress(self, done, total):
        if self.progress is not None:
            self.progress(done, total)

    def _write_row(self, parent, result):
        """One row in its own transaction (pages, translation, index entries). Errors go on the row."""
        try:
            with transaction.atomic():
                if result.action == RowResult.CREATE:
                    page = self._create(parent, result.clean)
                else:
                    page = self._update(result.page_id, result.clean)
                swedish = self._sync_swedish(page, result.clean, result.action == RowResult.CREATE)
        except ValidationError as error:
            self.writer.forget()
            result.action = RowResult.ERROR
            result.errors.extend(self._write_errors(error))
        except (DatabaseError, PermissionDenied) as error:
            self.writer.forget()
            result.action = RowResult.ERROR
            result.errors.append(
                RowError("", _("Could not save the association: %(error)s") % {"error": error})
            )
        else:
            result.page_id = page.pk
            self._index([page] if swedish is None else [page, swedish])

    def _write_errors(self, error):
        if not hasattr(error, "error_dict"):
            return [RowError("", message) for message in _messages(error)]
        return [
            RowError(FIELD_COLUMNS.get(name, name), str(message))
            for name, messages in error.message_dict.items()
            for message in messages
        ]

    def _apply(self, page, clean):
        for name, value in clean.fields.items():
            setattr(page, name, value)
        if clean.municipality is not None:
            page.home_municipality = clean.municipality
        if clean.categories is not None:
            page.categories = clean.categories
        if clean.target_groups is not None:
            page.target_groups = clean.target_groups

    def _create(self, parent, clean):
        # validate() has run full_clean on exactly this content; the writer only adds the tree fields.
        page = AssociationPage(locale=self.finnish)
        self._apply(page, clean)
        page.slug = slugify(page.title) or "yhdistys"
        self.writer.publish_new(parent, page)
        return page

    def _update(self, page_id, clean):
        # Columns left empty keep their current values; the change is a new revision in the page history.
        page = AssociationPage.objects.get(pk=page_id)
        self._apply(page, clean)
        page.save_revision(user=self.user).publish(user=self.user)
        return page

    def _ensure_swedish_directory(self, parent):
        """The Swedish pages go under the directory's Swedish translation: make it if it is missing."""
        if parent.get_translation_or_none(self.swedish) is not None:
            return
        strings = {"title": escape(SWEDISH_DIRECTORY_TITLE), "slug": SWEDISH_DIRECTORY_SLUG}
        with transaction.atomic():
            self._translate(parent, lambda context: strings.get(context, ""))

    def _sync_swedish(self, page, clean, created):
        """Create or refresh the Swedish translation with wagtail-localize, from the row's Swedish texts.

        Swedish texts the row leaves out fall back to the Finnish ones (or keep an earlier translation).
        """
        if self.swedish is None:
            return None
        existing = None if created else page.get_translation_or_none(self.swedish)
        if not clean.name_sv and existing is None:
            return None
        paragraph_ids = [block.id for block in page.description if block.block_type == "paragraph"]
        activity_ids = [block.id for block in page.activities]
        strings = {}
        if clean.name_sv:
            strings["title"] = escape(clean.name_sv)
            if existing is None:
                strings["slug"] = slugify(clean.name_sv)
        if clean.summary_sv:
            strings["summary"] = escape(clean.summary_sv)
        if clean.description_sv and "description" in clean.fields:
            paragraphs = list(clean.description_sv)
            # More Swedish than Finnish paragraphs: the rest goes into the last one, so no text is lost.
            if len(paragraphs) > len(paragraph_ids):
                paragraphs[len(paragraph_ids) - 1 :] = ["\n\n".join(paragraphs[len(paragraph_ids) - 1 :])]
            for block_id, paragraph in zip(paragraph_ids, paragraphs, strict=False):
                strings[f"description.{block_id}"] = paragraph_html(paragraph)
        if clean.activities_sv and "activities" in clean.fields:
            for block_id, activity in zip(activity_ids, clean.activities_sv, strict=False):
                for name, value in activity.items():
                    if value:
                        strings[f"activities.{block_id}.{name}"] = escape(value)
        if created:
            return self.writer.translate_new(
                page, self._swedish_parent, lambda context: strings.get(context, "")
            )
        return self._translate(page, lambda context: strings.get(context, ""))

    def _translate(self, page, translated_string):
        """Translate `page` into Swedish through wagtail-localize and publish the translation now.

        Like TranslationCreator, but without its two side effects that are wrong here: it would first save
        an untranslated draft (which we would overwrite at once), and it re-saves the Swedish versions of
        the taxonomy terms the page refers to (needless writes on every row).
        The translation is published here rather than on commit (what save_target(publish=True) does), so
        the next row always sees a consistent page tree, also inside an outer transaction.
        """
        new = page.get_translation_or_none(self.swedish) is None
        source, created = TranslationSource.get_or_create_from_instance(page)
        if not created:
            source.update_from_db()
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale=self.swedish, defaults={"enabled": True}
        )
        po = translation.export_po()
        for entry in po:
            entry.msgstr = translated_string(entry.msgctxt)
        translation.import_po(po, user=self.user)
        translation.save_target(user=self.user, publish=False)
        swedish = page.get_translation(self.swedish)
        swedish.latest_revision.publish(user=self.user)
        if new:
            # The copy is made with the Finnish slug and then renamed, which the redirects app takes for a
            # move of a published page. Nobody ever saw the old address, so its redirect goes. Registered
            # after the rename's own on-commit work, so it runs after it.
            transaction.on_commit(partial(forget_redirects_to, swedish.pk))
        return swedish

    # Search and reference indexes -------------------------------------------------------------------------

    @contextmanager
    def _indexing(self):
        """With defer_indexing, index the written pages in batches instead of on every save.

        A page is saved several times while it is created and translated, and the database search
        backends recompute a statistic over the whole index table after every insert, which makes
        per-page indexing slower the bigger the directory is. Pages still waiting when the import stops
        (also on Ctrl-C) are indexed on the way out.
        """
        if not self.defer_indexing:
            yield
            return
        try:
            with deferred_indexing(AssociationPage), disable_reference_index_auto_update():
                yield
        finally:
            self._flush_index()

    def _index(self, pages):
        if not self.defer_indexing:
            return
        self._unindexed.extend(page.pk for page in pages)
        # Under --atomic the pages are only final when the whole import commits.
        if len(self._unindexed) >= INDEX_BATCH and not self.atomic:
            self._flush_index()

    def _flush_index(self):
        from modelsearch.backends import get_search_backends

        ids, self._unindexed = self._unindexed, []
        pages = list(AssociationPage.get_indexed_objects().filter(pk__in=ids))
        if not pages:
            return
        with transaction.atomic():
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(AssociationPage, pages)
            index_references(pages)


def index_references(pages):
    """ReferenceIndex.create_or_update_for_object for many association pages, mostly new ones.

    Pages with no references recorded yet (those the import has just made) get theirs in one insert;
    the others go through Wagtail's own method, which also removes references that are gone.
    """
    if not pages:
        return
    page_type = ContentType.objects.get_for_model(AssociationPage)
    base_type = ContentType.objects.get_for_model(Page)
    recorded = set(
        ReferenceIndex.objects.filter(
            base_content_type=base_type, object_id__in=[page.pk for page in pages]
        ).values_list("object_id", flat=True)
    )
    rows = []
    for page in pages:
        if str(page.pk) in recorded:
            ReferenceIndex.create_or_update_for_object(page)
            continue
        rows.extend(
            ReferenceIndex(
                content_type=page_type,
                base_content_type=base_type,
                object_id=page.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        )
    ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=True)


# --- Export ----------------------------------------------------------------------------------------------


def published_associations():
    """Public Finnish association pages (home.visibility) with what the export needs, in a fixed number of
    queries."""
    return (
        public_pages(AssociationPage)
        .filter(locale__language_code="fi")
        .select_related("home_municipality")
        .prefetch_related("categories", "target_groups")
        .order_by("title", "pk")
    )


def export_rows(pages=None):
    """One dictionary per association with the import columns (lists and numbers as Python values).

    `pages` is a queryset of Finnish association pages (by default every published one); their live
    Swedish translations come in one more query.
    """
    pages = published_associations() if pages is None else pages
    swedish_pages = (
        public_pages(AssociationPage)
        .filter(locale__language_code="sv", translation_key__in=pages.values("translation_key"))
        .only("translation_key", "title", "summary", "description")
    )
    swedish = {page.translation_key: page for page in swedish_pages}
    rows = []
    for page in pages:
        sv = swedish.get(page.translation_key)
        rows.append(
            {
                "name_fi": page.title,
                "name_sv": sv.title if sv else "",
                "business_id": page.business_id,
                "register_number": page.register_number,
                "municipality": page.home_municipality.code if page.home_municipality else "",
                "categories": sorted(term.slug for term in page.categories.all()),
                "target_groups": sorted(term.slug for term in page.target_groups.all()),
                "summary_fi": page.summary,
                "summary_sv": sv.summary if sv else "",
                "description_fi": stream_to_text(page.description),
                "description_sv": stream_to_text(sv.description) if sv else "",
                "email": page.email,
                "phone": page.phone,
                "website": page.website,
                "street_address": page.street_address,
                "postal_code": page.postal_code,
                "post_office": page.post_office,
                "founded_year": page.founded_year,
                "member_count": page.member_count,
                "languages": list(page.service_languages or []),
                "latitude": page.latitude,
                "longitude": page.longitude,
            }
        )
    return rows


def write_csv(rows, stream):
    """The rows as CSV with a header row; lists joined with semicolons, missing values as empty cells.

    Text a spreadsheet would take for a formula starts with an apostrophe; reading the file back takes it off.
    """
    writer = csv_writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in COLUMNS])


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def json_ready(rows):
    """The rows for JSON: coordinates as numbers, missing values as null."""
    return [
        {column: (float(value) if isinstance(value, Decimal) else value) for column, value in row.items()}
        for row in rows
    ]
