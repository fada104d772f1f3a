"""Admin for webhooks (coordinators register consumer addresses and read the delivery log) and the pages
of two-step verification (home/two_factor.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home import two_factor
from home.models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointViewSet(SnippetViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    list_display = ["name", "url", "active", "created_at"]


class WebhookDeliveryViewSet(SnippetViewSet):
    """The log: what was sent where, how it went and when it is tried again. Written by the system only."""

    model = WebhookDelivery
    icon = "list-ul"
    list_display = [
        "endpoint",
        "event",
        "status",
        "attempts",
        "response_status",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    inspect_view_enabled = True


class WebhookViewSetGroup(SnippetViewSetGroup):
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet)
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    add_to_settings_menu = True


register_snippet(WebhookViewSetGroup)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("2fa/", include(two_factor.urlpatterns))]


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    on = two_factor.uses_two_factor(request.user)
    return {
        "url": reverse("home_two_factor"),
        "label": _("Two-step verification"),
        "help_text": _("On: the admin asks for a code from your phone after the password.")
        if on
        else _("Off. Turn it on so that a stolen password is not enough to sign in."),
    }
