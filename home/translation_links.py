"""Links from a page to its other language versions, for the API (`translations` field of every page)."""

from wagtail.api import APIField

from home.visibility import public_pages


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


class TranslationLinksMixin:
    """Gives a page model the `translations` API field."""

    def translations(self):
        return translation_links(self)


TRANSLATIONS_FIELD = APIField("translations")
