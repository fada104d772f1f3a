"""`manage.py invite_association_editor PAGE_ID EMAIL`: let a person edit one association's profile.

The person's account is created (username = email) or reused, gets edit rights on that association's page
only (changes go to the coordinators for approval) and an email with a link for choosing a password.
The same as "Invite an editor" on the association page in the admin.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from associations.invitations import (
    INVITATION_LANGUAGES,
    InvitationError,
    get_association_page,
    invite_editor,
)


class Command(BaseCommand):
    help = "Invite a person to edit one association's profile and email them a set-password link."

    def add_arguments(self, parser):
        parser.add_argument("page_id", help="Id of the association page (either language version).")
        parser.add_argument("email", help="The person's email address; also their username.")
        parser.add_argument("--first-name", default="", help="First name for a new account.")
        parser.add_argument("--last-name", default="", help="Last name for a new account.")
        parser.add_argument(
            "--language",
            default="fi",
            choices=INVITATION_LANGUAGES,
            help="Language of the invitation email (default: fi).",
        )

    def handle(self, *args, page_id, email, first_name, last_name, language, **options):
        try:
            page = get_association_page(page_id)
            invitation = invite_editor(
                page, email, first_name=first_name, last_name=last_name, language=language
            )
        except InvitationError as error:
            raise CommandError(error.message) from None

        user = invitation.user
        if invitation.user_created:
            self.stdout.write(_("Created the user %(username)s.") % {"username": user.get_username()})
        else:
            self.stdout.write(_("Using the existing user %(username)s.") % {"username": user.get_username()})
        self.stdout.write(
            _("%(username)s may now edit “%(title)s” (page %(id)s) through the group “%(group)s”.")
            % {
                "username": user.get_username(),
                "title": page.title,
                "id": page.pk,
                "group": invitation.group.name,
            }
        )
        if not invitation.email_sent:
            raise CommandError(
                _("The invitation email to %(email)s could not be sent. Run the command again to resend it.")
                % {"email": user.email}
            )
        self.stdout.write(
            self.style.SUCCESS(_("Emailed the invitation to %(email)s.") % {"email": user.email})
        )
