"""Exporting the directory with the import columns: the `export_associations` command and the open-data
downloads write the same file an import reads back."""

from decimal import Decimal

from associations.importer.read import COLUMNS, LIST_SEPARATOR
from associations.importer.text import stream_to_text
from associations.models import AssociationPage
from home.spreadsheets import csv_writer
from home.visibility import public_pages

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


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

    The file is for spreadsheet programs as much as for the import (home.spreadsheets): it starts with a
    UTF-8 byte order mark, its line breaks are CRLF, and text a spreadsheet would take for a formula starts
    with an apostrophe. Reading the file back (importer.read) undoes all three.
    """
    writer = csv_writer(stream, byte_order_mark=True)
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
