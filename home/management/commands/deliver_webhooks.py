"""Send the webhook notifications that are due (see home/webhooks.py)."""

import time

from django.core.management.base import BaseCommand

from home.webhooks import deliver_due


class Command(BaseCommand):
    help = "Send due webhook notifications; with --loop keep doing it every few seconds (a worker)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between checks (--loop).")

    def handle(self, *args, **options):
        while True:
            sent = deliver_due()
            if options["verbosity"] > 1 or (sent and not options["loop"]):
                self.stdout.write(f"{sent} webhook notification(s) attempted.")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
