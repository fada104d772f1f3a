"""/robots.txt: where the sitemap is, and which public paths crawlers need not visit."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Site


@require_safe
def robots_txt(request):
    """The rules for every crawler, and the sitemap at the address the site's pages have (PUBLIC_BASE_URL)."""
    site = Site.find_for_request(request)
    sitemap = reverse("sitemap")
    return render(
        request,
        "robots.txt",
        {
            "language_codes": [code for code, _name in settings.LANGUAGES],
            "sitemap_url": site.root_url + sitemap if site else request.build_absolute_uri(sitemap),
        },
        content_type="text/plain; charset=utf-8",
    )
