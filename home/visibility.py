"""What visitors without an account may see of the page tree: the one definition every public read uses.

A page is public when it is published and no view restriction (Privacy: login, password or groups) covers
it, whether the restriction sits on the page itself or on an ancestor. Wagtail asks for the login or the
password when such a page is opened; listings, the API, search, feeds, widgets, open data, statistics,
the sitemap and newsletters have nobody to ask, so they leave it out. Adding or removing a restriction
bumps the content version (sakke_site/api_cache.py), so cached answers follow at once.
"""


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
    from wagtail.models import Page

    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    shown = set(public_pages(Page).filter(pk__in=[page.pk for page in pages]).values_list("pk", flat=True))
    return [page for page in pages if page.pk in shown]
