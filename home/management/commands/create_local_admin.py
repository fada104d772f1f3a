"""`manage.py create_local_admin`: a superuser for trying the admin on a developer's own machine."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "paikallinen-yllapito"


class Command(BaseCommand):
    help = "Create the local admin user (development only) and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="Where the site is served.")

    def handle(self, *args, url, **options):
        if not settings.DEBUG:
            raise CommandError("create_local_admin only runs with DEBUG on (development settings).")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME,
            defaults={"email": "admin@example.fi", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
            self.stdout.write(self.style.SUCCESS("Created the local admin user."))
        else:
            self.stdout.write("The local admin user already exists; its password was not changed.")
        self.stdout.write(
            f"Admin: {url.rstrip('/')}/admin/  username: {USERNAME}  "
            f"password: {PASSWORD}  (for local use only)"
        )
