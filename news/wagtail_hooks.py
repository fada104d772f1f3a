"""The news app in the Wagtail admin: the newsletter menu, its send page and listing buttons, and the
code for the embeddable events list; and the news-and-events section of association profiles."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from associations.profile_sections import PROFILE_SECTIONS_HOOK
from news.newsletter.admin import NewsletterViewSetGroup, admin_urls, issue_buttons
from news.profile_sections import news_and_events
from news.widget import snippet_view

register_snippet(NewsletterViewSetGroup)
hooks.register("register_admin_urls", admin_urls)
hooks.register("register_snippet_listing_buttons", issue_buttons)
hooks.register(PROFILE_SECTIONS_HOOK, news_and_events)


@hooks.register("register_admin_urls")
def register_event_widget_admin_url():
    return [path("event-widget/", snippet_view, name="event_widget_snippet")]


@hooks.register("register_settings_menu_item")
def register_event_widget_menu_item():
    return MenuItem(_("Embeddable events"), reverse("event_widget_snippet"), icon_name="code", order=901)
