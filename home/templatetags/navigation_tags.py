"""Template tags for the parts every public page shares: main menu, language switcher, footer."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

register = template.Library()

# Each language is offered in its own words, as users of the other language need to recognise it.
LANGUAGE_SELF_NAMES = {"fi": "Suomeksi", "sv": "På svenska"}


def _locales(request):
    """All locales by language code, loaded once per request."""
    if not hasattr(request, "_locales"):
        request._locales = {locale.language_code: locale for locale in Locale.objects.all()}
    return request._locales


def _active_locale(request):
    locales = _locales(request)
    return locales.get(get_language()) or locales.get(settings.LANGUAGE_CODE)


def _site_home(request, locale):
    """The site's home page in `locale`, looked up once per request and language."""
    cache = request.__dict__.setdefault("_site_homes", {})
    if locale.pk not in cache:
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        if root is not None and root.locale_id != locale.pk:
            root = root.get_translation_or_none(locale)
        cache[locale.pk] = root.specific if root is not None and root.live else None
    return cache[locale.pk]


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page in the active language, or None when the site has none."""
    return _site_home(context["request"], _active_locale(context["request"]))


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    """Links to the live, menu-enabled children of the home page in the active language."""
    request = context["request"]
    home = _site_home(request, _active_locale(request))
    items = home.get_children().live().in_menu().specific() if home else Page.objects.none()
    current = context.get("page")
    home_url = home.get_url(request) if home else None
    return {
        "home_url": home_url,
        "home_current": home_url is not None and request.path == home_url,
        "items": [
            {
                "title": item.title,
                "url": item.get_url(request),
                "active": current is not None and current.path.startswith(item.path),
            }
            for item in items
        ],
    }


@register.inclusion_tag("home/tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language, or to that language's home page if not translated."""
    request = context["request"]
    page = context.get("page")
    active = get_language()
    locales = _locales(request)
    links = []
    for code, _name in settings.LANGUAGES:
        url = None
        locale = locales.get(code)
        if isinstance(page, Page) and locale is not None:
            translation = page.get_translation_or_none(locale)
            if translation is not None and translation.live:
                url = translation.get_url(request)
        elif not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code)
        if url is None:
            home = _site_home(request, locale) if locale else None
            url = home.get_url(request) if home else f"/{code}/"
        links.append(
            {
                "code": code,
                "name": LANGUAGE_SELF_NAMES.get(code, code),
                "url": url,
                "current": code == active,
            }
        )
    return {"links": links}


@register.simple_tag(takes_context=True)
def localized_page_url(context, page):
    """URL of the given page's translation in the active language (falling back to the page)."""
    if page is None:
        return ""
    request = context["request"]
    locale = _active_locale(request)
    translation = page if page.locale_id == locale.pk else page.get_translation_or_none(locale)
    target = translation if translation is not None and translation.live else page
    return target.get_url(request)


@register.simple_tag
def organisation_name(site_settings):
    """The organisation's name in the active language."""
    return site_settings.organisation_name(get_language()) if site_settings else ""
