"""Mail to the service's own users (editors, coordinators): in the language they chose for the admin."""

from django.conf import settings
from wagtail.users.models import UserProfile

EMAIL_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def user_language(user):
    """The language to write to `user` in: their admin language if the site has it, else Finnish."""
    preferred = UserProfile.get_for_user(user).preferred_language
    return preferred if preferred in EMAIL_LANGUAGES else settings.LANGUAGE_CODE
