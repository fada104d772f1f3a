"""The statistics in the Wagtail admin: the key figures on the dashboard of coordinators."""

from django.utils import translation
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from associations.invitations import COORDINATORS
from stats.figures import cached
from stats.models import StatisticsPage


def sees_statistics_panel(user):
    """Coordinators and superusers; association editors have their own association to look after."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=COORDINATORS).exists())


class StatisticsPanel(Component):
    """Dashboard panel: the statistics page's key figures in the editor's admin language."""

    name = "association_statistics"
    template_name = "stats/panel.html"
    order = 240

    def get_context_data(self, parent_context):
        language = translation.get_language() or ""
        locale = Locale.objects.filter(language_code=language.split("-")[0]).first() or Locale.get_default()
        page = StatisticsPage.objects.live().filter(locale=locale).order_by("path").first()
        page = page or StatisticsPage.objects.live().order_by("path").first()
        return {"figures": cached(locale), "statistics_url": page.url if page else ""}


@hooks.register("construct_homepage_panels")
def add_statistics_panel(request, panels):
    if sees_statistics_panel(request.user):
        panels.append(StatisticsPanel())
