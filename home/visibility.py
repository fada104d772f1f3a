"""What visitors without an account may see of the page tree: the one definition every public read uses.

A page is public when it is published and no view restriction (Privacy: login, password or groups) covers
it, whether the restriction sits on the page itself or on an ancestor. Wagtail asks for the login or the
password when such a page is opened; listings, the API, search, feeds, widgets, open data, statistics,
the sitemap and newsletters have nobody to ask, so they leave it out. Adding or removing a restriction
bumps the content version (home/content_changes.py), so cached answers follow at once.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page


def public_pages(pages):
    """The pages of `pages` (a page model or a queryset of pages) that are live and not restricted.

    Wagtail's `.public()`: the restrictions are read when this is called, so build the queryset per request
    (never at import time). Its filter is on `path` and `depth`, which the search backends can filter on too.
    """
    queryset = pages.objects.all() if isinstance(pages, type) else pages
    return queryset.live().public()


def only_public(pages):
    """The public ones of the given page objects, in their order (two queries): for the pages a public page
    links to (an event's organiser, a news item's associations), so it never names a private one."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    shown = set(public_pages(Page).filter(pk__in=[page.pk for page in pages]).values_list("pk", flat=True))
    return [page for page in pages if page.pk in shown]


def representatives(model):
    """The public pages of `model` that stand for their translated page, one per
    translation key: the version in the default language (Finnish) when it is public, else the first-created
    public version.

    Written as EXISTS lookups on Wagtail's (translation_key, locale) index rather than a GROUP BY over
    every page, which the database would otherwise redo in each query of the statistics.
    """
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    live = public_pages(model)
    live_default = live.filter(translation_key=OuterRef("translation_key"), locale__language_code=default)
    live_older = live.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return live.filter(Q(locale__language_code=default) | (~Exists(live_default) & ~Exists(live_older)))
