"""Bulk import and export of associations as CSV or JSON.

One package owns the file format both ways, so the `import_associations` and `export_associations`
commands, the admin import view, the open-data downloads and the fake-data generator all read and write
the same columns. Importing happens in three steps:

1. `read` parses the file. A file that is not UTF-8, not an array of JSON objects, or whose columns are
   missing or unknown is refused as a whole (`ImportFileError`).
2. `validate` checks every row (taxonomy terms, the model fields' own validators, identifiers against the
   rest of the file and the directory) and `match` finds the existing association a row refers to. The
   result is a report of what each row would do.
3. `run.AssociationImporter` writes the Finnish pages (`write`), one row per transaction, so an
   interrupted import never leaves half-made pages, and their Swedish translations (`translate`); the
   search and reference indexes follow in batches (`index`).

`export` writes the directory back out with the same columns.
"""

from associations.importer.export import (
    LICENCE_NAME,
    LICENCE_URL,
    export_rows,
    json_ready,
    published_associations,
    write_csv,
)
from associations.importer.read import (
    COLUMNS,
    FORMATS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportFileError,
    RawRow,
    RowError,
    decode,
    detect_format,
    read_limited,
    read_rows,
    rows_from_dicts,
)
from associations.importer.run import AssociationImporter
from associations.importer.text import html_to_text, stream_to_text
from associations.importer.validate import ImportReport, RowResult

__all__ = [
    "COLUMNS",
    "FORMATS",
    "LICENCE_NAME",
    "LICENCE_URL",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "AssociationImporter",
    "ImportFileError",
    "ImportReport",
    "RawRow",
    "RowError",
    "RowResult",
    "decode",
    "detect_format",
    "export_rows",
    "html_to_text",
    "json_ready",
    "published_associations",
    "read_limited",
    "read_rows",
    "rows_from_dicts",
    "stream_to_text",
    "write_csv",
]
