"""`manage.py generate_associations N`: create N realistic fake associations for demos and benchmarks.

The rows come from `associations.generator` and go through the same importer as a CSV file would, so the
pages, Swedish translations, revisions and search index are exactly what a real import makes.
"""

from django.core.management.base import BaseCommand, CommandError

from associations.generator import generate_rows
from associations.importer import rows_from_dicts
from associations.management.commands.import_associations import run_import


class Command(BaseCommand):
    help = "Create N fake associations (Finnish and Swedish) under the Finnish association directory."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many associations to create.")
        parser.add_argument(
            "--seed", type=int, default=None, help="Random seed: the same seed, the same data."
        )

    def handle(self, *args, **options):
        if options["count"] < 1:
            raise CommandError("Give a positive number of associations.")
        rows = rows_from_dicts(generate_rows(options["count"], options["seed"]))
        # Demos and benchmarks want the Swedish pages at once, without a worker.
        run_import(self, rows, translate_now=True, verbosity=options["verbosity"])
