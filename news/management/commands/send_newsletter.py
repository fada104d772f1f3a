"""`manage.py send_newsletter ISSUE_ID`: send an issue to its confirmed subscribers, resuming where a
previous run stopped; nobody gets a second copy."""

from django.core.management.base import BaseCommand, CommandError

from news.models import NewsletterIssue
from news.newsletter.sending import send_issue


class Command(BaseCommand):
    help = "Send a newsletter issue to the confirmed subscribers of its language whose interests match."

    def add_arguments(self, parser):
        parser.add_argument("issue_id", help="The id of the issue (see the admin's Newsletter → Issues).")
        parser.add_argument("--retry-failed", action="store_true", help="Try the failed recipients again.")
        parser.add_argument(
            "--retry-interrupted",
            action="store_true",
            help="Send also to recipients a crashed run was sending to (they may have got it).",
        )
        parser.add_argument("--stop-after", type=int, default=None, help=argparse_suppress())

    def handle(self, issue_id, retry_failed, retry_interrupted, stop_after, **options):
        if not issue_id.isdigit():
            raise CommandError(f"ISSUE_ID must be a number, not '{issue_id}'.")
        issue = NewsletterIssue.objects.filter(pk=int(issue_id)).select_related("locale").first()
        if issue is None:
            raise CommandError(f"No newsletter issue with id {issue_id}.")
        counts = send_issue(
            issue, retry_failed=retry_failed, retry_interrupted=retry_interrupted, stop_after=stop_after
        )
        self.stdout.write(
            f"Issue {issue.pk} ({issue.locale.language_code}): {counts['sent']} sent, "
            f"{counts['pending']} waiting, {counts['failed']} failed, {counts['sending']} interrupted."
        )
        if counts["failed"]:
            self.stdout.write(
                self.style.WARNING("Some failed: see the reasons in the admin, then --retry-failed.")
            )


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS
