from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    """The association directory: profiles, taxonomies, import and export."""

    name = "associations"
    verbose_name = _("Associations")

    def ready(self):
        from associations import signal_handlers

        signal_handlers.register(self)
