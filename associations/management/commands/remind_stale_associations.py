"""`manage.py remind_stale_associations [--dry-run]`: ask associations to check profiles nobody has
confirmed in 12 months.

For each live Finnish profile (the original; its Swedish translation shares the date) whose "information
last checked" is empty or over a year old, one email goes to the association's own editors. Profiles without
editors are listed so that a coordinator can invite one. Meant to run monthly from cron.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from associations.invitations import editors_of
from associations.notifications import send_stale_reminder
from associations.views import stale_associations


class Command(BaseCommand):
    help = "Email the editors of each association whose profile has not been checked in 12 months."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        emailed = without_editors = failed = 0
        for page in stale_associations():
            editors = list(editors_of(page))
            names = {"title": page.title, "id": page.pk}
            if not editors:
                without_editors += 1
                self.stdout.write(_("No editors, not reminded: “%(title)s” (page %(id)s)") % names)
                continue
            addresses = ", ".join(user.email for user in editors)
            if dry_run:
                self.stdout.write(
                    _("Would email %(addresses)s about “%(title)s” (page %(id)s)")
                    % {**names, "addresses": addresses}
                )
                emailed += 1
            elif send_stale_reminder(page, editors):
                self.stdout.write(
                    _("Emailed %(addresses)s about “%(title)s” (page %(id)s)")
                    % {**names, "addresses": addresses}
                )
                emailed += 1
            else:
                failed += 1
                self.stderr.write(
                    _("Could not email %(addresses)s about “%(title)s” (page %(id)s)")
                    % {**names, "addresses": addresses}
                )

        summary = _(
            "Associations reminded: %(emailed)d, without editors: %(without)d, failed: %(failed)d."
        ) % {"emailed": emailed, "without": without_editors, "failed": failed}
        if dry_run:
            summary = _("Dry run, nothing was sent.") + " " + summary
        self.stdout.write(self.style.SUCCESS(summary) if not failed else self.style.WARNING(summary))
