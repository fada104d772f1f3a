"""`manage.py export_associations`: the published associations as CSV or JSON, in the import columns.

The output imports back with `import_associations`, which makes it a backup and a way to move the
directory between sites. JSON is an array of objects with lists and numbers as JSON values.
"""

import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from associations.importer import FORMATS, export_rows, json_ready, write_csv


class Command(BaseCommand):
    help = "Write the published associations as CSV or JSON (the import columns) to stdout or a file."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, help="csv (default) or json; else from --output.")
        parser.add_argument("--output", help="File to write; stdout by default.")

    def handle(self, *args, **options):
        output = options["output"]
        file_format = options["format"]
        if file_format is None:
            file_format = "json" if output and output.lower().endswith(".json") else "csv"
        rows = export_rows()
        text = io.StringIO()
        if file_format == "json":
            json.dump(json_ready(rows), text, ensure_ascii=False, indent=2)
            text.write("\n")
        else:
            write_csv(rows, text)
        if output:
            try:
                # newline="": the CSV's CRLF line ends are written as they are on every system.
                Path(output).write_text(text.getvalue(), encoding="utf-8", newline="")
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}") from None
            self.stderr.write(f"Wrote {len(rows)} associations to {output}.", style_func=str)
        else:
            self.stdout.write(text.getvalue(), ending="")
