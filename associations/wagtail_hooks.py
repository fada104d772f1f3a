"""Admin menus for the directory: taxonomies, reports of outdated information, the embeddable list."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from associations import importer_hooks, moderation_hooks  # noqa: F401 - they register their own hooks
from associations.models import Category, Municipality, OutdatedInfoReport, TargetGroup
from associations.widget import snippet_view


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
    return [path("association-widget/", snippet_view, name="association_widget_snippet")]


@hooks.register("register_settings_menu_item")
def register_widget_menu_item():
    return MenuItem(_("Embeddable list"), reverse("association_widget_snippet"), icon_name="code", order=900)
