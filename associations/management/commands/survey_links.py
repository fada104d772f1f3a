"""`manage.py survey_links PAGE_ID`: the personal answer links of a survey, one per association, as CSV.

Each link opens the survey with the association already chosen and fixed (a signed token), in the survey
page's language; coordinators send them to the associations, e.g. with a mail merge on the email column.
"""

from django.core.management.base import BaseCommand, CommandError

from associations.models import AssociationSurveyPage
from home.spreadsheets import csv_writer


class Command(BaseCommand):
    help = "Print the personal answer links of a survey as CSV: association, email, link."

    def add_arguments(self, parser):
        parser.add_argument(
            "page_id", type=int, help="Id of the survey page (its Finnish or Swedish version)."
        )

    def handle(self, *args, page_id, **options):
        survey = AssociationSurveyPage.objects.filter(pk=page_id).first()
        if survey is None:
            raise CommandError(f"No association survey with id {page_id}.")
        writer = csv_writer(self.stdout, lineterminator="\n")
        writer.writerow(["association", "email", "link"])
        for association, link in survey.personal_links():
            writer.writerow([association.title, association.email, link])
