"""/sitemap.xml: every public page of the site in both languages, each with its language versions.

Wagtail's own sitemap lists the pages below the site's root page, which is the Finnish home page; the
Swedish home page is its translation beside it, so the Swedish tree was missing. Each entry carries
<xhtml:link rel="alternate" hreflang> to the public versions of the page in each language and to
x-default (home.translation_links), in Django's sitemap template.
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.translation_links import language_alternates
from home.visibility import public_pages


class PageSitemap(Sitemap):
    """The public pages (home.visibility) under the site's root page and under its translations."""

    def site_pages(self):
        """Public pages of the requested site in every language; built once per request."""
        if not hasattr(self, "_site_pages"):
            roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
            trees = reduce(or_, (Page.objects.descendant_of_q(root, inclusive=True) for root in roots))
            self._site_pages = public_pages(Page.objects.filter(trees))
        return self._site_pages

    def items(self):
        return self.site_pages().order_by("path").defer_streamfields().specific()

    def language_versions(self):
        """(page id, language code, address) of every page in the sitemap, by translation key."""
        versions = defaultdict(list)
        for page in self.site_pages().select_related("locale"):
            versions[page.translation_key].append(
                (page.pk, page.locale.language_code, page.get_full_url(self.request))
            )
        return versions

    def _urls(self, page, protocol, domain):
        versions = self.language_versions()
        urls = []
        for item in self.paginator.page(page).object_list.iterator():
            own = versions[item.translation_key]
            alternates = [
                {"lang_code": hreflang, "location": url} for hreflang, url in language_alternates(own)
            ]
            address = next((url for pk, _language, url in own if pk == item.pk), None)
            for url_info in item.get_sitemap_urls(self.request):
                # Extra addresses a page type may add (none do yet) are not language versions.
                if url_info["location"] == address:
                    url_info["alternates"] = alternates
                urls.append(url_info)
        lastmods = {url_info.get("lastmod") for url_info in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
