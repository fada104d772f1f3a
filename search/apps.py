from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Public full-text search over the site's pages."""

    name = "search"
    verbose_name = _("Search")
