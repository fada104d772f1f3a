"""`manage.py deliver_webhooks`: send the webhook notifications that are due now, by hand (see
home/webhooks.py).

The background worker (`manage.py db_worker --backend background`) normally sends them as tasks; this is
the catch-up for deliveries that have no task waiting: written before the worker took over (run it once
after upgrading), or whose queued tasks were deleted. Failures go on to the worker's usual retries.
"""

from django.core.management.base import BaseCommand

from home.webhooks import deliver_due


class Command(BaseCommand):
    help = "Send the webhook notifications that are due now (the background worker normally does this)."

    def handle(self, *args, **options):
        sent = deliver_due()
        if sent or options["verbosity"] > 1:
            self.stdout.write(f"{sent} webhook notification(s) attempted.")
