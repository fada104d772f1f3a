from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News, events and the newsletter."""

    name = "news"
    verbose_name = _("News and events")

    def ready(self):
        from news import signal_handlers

        signal_handlers.register(self)
