"""The hreflang links of the page being shown, for the <head> of every public page."""

from django import template
from wagtail.models import Page

from home.translation_links import page_alternates

register = template.Library()


@register.inclusion_tag("home/tags/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> to each public language version of the page, itself and x-default
    included.

    Only at the page's own address: a route below it (a feed, a municipality of the statistics) or a
    filtered or paged listing (?category=, ?page=) is not what the other versions' addresses show. Nothing
    either on views that are not Wagtail pages, and on pages that are not public.
    """
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or page.pk is None or request is None or request.GET:
        return {"links": []}
    if request.path != page.get_url(request):
        return {"links": []}
    return {"links": page_alternates(page, request)}
