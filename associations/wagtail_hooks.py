"""Admin menus for the directory (taxonomies, reports of outdated information) and the dashboard panel of
key statistics for coordinators."""

from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from associations import importer_hooks, moderation_hooks  # noqa: F401 - they register their own hooks
from associations.models import Category, Municipality, OutdatedInfoReport, TargetGroup


class TaxonomyViewSet(SnippetViewSet):
    """Both language versions of every term in one list, filterable by language."""

    list_filter = ["locale"]
    ordering = ["name"]


class MunicipalityViewSet(TaxonomyViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "code", "locale"]
    search_fields = ["name", "code"]


class CategoryViewSet(TaxonomyViewSet):
    model = Category
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]


class TargetGroupViewSet(TaxonomyViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (MunicipalityViewSet, CategoryViewSet, TargetGroupViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomies")
    menu_name = "taxonomies"


class OutdatedInfoReportViewSet(SnippetViewSet):
    model = OutdatedInfoReport
    icon = "warning"
    menu_label = _("Outdated information")
    add_to_admin_menu = True
    list_display = ["page", "message", "created_at", "handled"]
    list_filter = ["handled"]


register_snippet(TaxonomyViewSetGroup)
register_snippet(OutdatedInfoReportViewSet)


@hooks.register("register_admin_urls")
def register_widget_admin_url():
    from associations.widget import snippet_view

    return [path("association-widget/", snippet_view, name="association_widget_snippet")]


@hooks.register("register_settings_menu_item")
def register_widget_menu_item():
    return MenuItem(_("Embeddable list"), reverse("association_widget_snippet"), icon_name="code", order=900)


# --- Statistics on the dashboard ----------------------------------------------------------------------

COORDINATORS_GROUP = "Koordinaattorit"


def sees_statistics_panel(user):
    """Coordinators and superusers; association editors have their own association to look after."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=COORDINATORS_GROUP).exists())


class StatisticsPanel(Component):
    """Dashboard panel: the statistics page's key figures in the editor's admin language."""

    name = "association_statistics"
    template_name = "associations/panels/statistics.html"
    order = 240

    def get_context_data(self, parent_context):
        from wagtail.models import Locale

        from associations.models import StatisticsPage
        from associations.statistics import cached

        language = translation.get_language() or ""
        locale = Locale.objects.filter(language_code=language.split("-")[0]).first() or Locale.get_default()
        page = StatisticsPage.objects.live().filter(locale=locale).order_by("path").first()
        page = page or StatisticsPage.objects.live().order_by("path").first()
        return {"figures": cached(locale), "statistics_url": page.url if page else ""}


@hooks.register("construct_homepage_panels")
def add_statistics_panel(request, panels):
    if sees_statistics_panel(request.user):
        panels.append(StatisticsPanel())
