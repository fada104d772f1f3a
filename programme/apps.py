from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """The regional association programme (yhdistysohjelma): themes, goals and actions."""

    name = "programme"
    verbose_name = _("Association programme")

    def ready(self):
        from programme import signal_handlers

        signal_handlers.register(self)
