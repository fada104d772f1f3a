"""The public site search: live pages of the active language, ranked by the configured backend."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from home.pagination import paginate

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()
    error = None
    results = None
    if len(query) > MAX_QUERY_LENGTH:
        error = _("The search is too long: use at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}
    elif query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = paginate(request, pages.search(query), RESULTS_PER_PAGE)
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results": results, "error": error},
        status=400 if error else 200,
    )
