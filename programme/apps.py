from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """The regional association programme (yhdistysohjelma): themes, goals and actions."""

    name = "programme"
    verbose_name = _("Association programme")
