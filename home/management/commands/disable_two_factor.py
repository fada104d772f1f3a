"""`manage.py disable_two_factor USERNAME`: turn off a user's two-step verification (a lost phone)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Turn off two-step verification for one admin user, e.g. after they lost their phone."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(_("No user with the username %(username)s.") % {"username": username})
        deleted, _details = TOTPDevice.objects.filter(user=user).delete()
        if not deleted:
            self.stdout.write(_("%(username)s did not use two-step verification.") % {"username": username})
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("Two-step verification is off for %(username)s; they can turn it on again under Account.")
                % {"username": username}
            )
        )
