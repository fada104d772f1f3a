"""Links from a page to its other language versions: for the API (`translations` field of every page), and
the hreflang alternates of the page's <head> and of the sitemap."""

from django.conf import settings
from wagtail.api import APIField
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from home.visibility import public_pages

X_DEFAULT = "x-default"


def translation_links(page):
    """The public translations (home.visibility) of `page` in the other languages: id, locale, title and
    address."""
    return [
        {
            "id": other.pk,
            "locale": other.locale.language_code,
            "title": other.title,
            "html_url": other.full_url,
        }
        for other in public_pages(page.get_translations())
        .select_related("locale")
        .order_by("locale__language_code")
    ]


def language_alternates(versions):
    """hreflang alternates of one page, given its public language versions as (page id, language code,
    address): a (hreflang, address) pair for each language, then x-default for visitors of any other
    language, the version in the default language (Finnish) or, without one, the oldest version (the
    same choice as home.visibility.representatives)."""
    versions = sorted(versions, key=lambda version: version[1])
    if not versions:
        return []
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    fallback = next((v for v in versions if v[1] == default), min(versions, key=lambda v: v[0]))
    return [(language, url) for _pk, language, url in versions] + [(X_DEFAULT, fallback[2])]


def page_alternates(page, request=None):
    """The hreflang alternates of `page`, itself included (two queries), or none when `page` is not public:
    a draft in preview or a page behind a view restriction is not for search engines."""
    versions = [
        (version.pk, version.locale.language_code, version.get_full_url(request))
        for version in public_pages(Page.objects.filter(translation_key=page.translation_key)).select_related(
            "locale"
        )
    ]
    if page.pk not in {pk for pk, _language, _url in versions}:
        return []
    return language_alternates(versions)


class TranslationLinksMixin:
    """Gives a page model the `translations` API field."""

    def translations(self):
        return translation_links(self)


TRANSLATIONS_FIELD = APIField("translations")
