"""Admin for webhooks: coordinators register consumer addresses and read the delivery log."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
