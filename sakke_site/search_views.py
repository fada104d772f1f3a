"""The public search page: associations with facet filters, editors' picks and the site's other pages."""

from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from associations.directory import DirectoryFilterForm, TaxonomyNames, cards, with_display_data
from associations.models import AssociationPage
from associations.search import search_associations
from home.pagination import paginate
from home.visibility import public_pages
from search.engine import MAX_QUERY_LENGTH, ResultList, highlight, in_order, parse_query, rank

RESULTS_PER_PAGE = 10
OTHER_PAGES_SHOWN = 5


def search(request):
    locale = Locale.get_active()
    names = TaxonomyNames.cached(locale)
    form = DirectoryFilterForm(request.GET or None, names)
    context = {"form": form, "search_query": request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]}
    if form.is_bound and not form.is_valid():
        if len(request.GET.get("q", "")) > MAX_QUERY_LENGTH:
            context["error"] = _("The search is too long: use at most %(max)d characters.") % {
                "max": MAX_QUERY_LENGTH
            }
        else:
            context["error"] = _("Check the search: %(fields)s.") % {
                "fields": ", ".join(str(form.fields[name].label) for name in form.errors)
            }
        return render(request, "search/search.html", context, status=400)
    data = form.cleaned_data if form.is_bound else {}
    query = data.get("q", "").strip()
    if not query and not (form.is_bound and form.active_filter_count):
        return render(request, "search/search.html", context)

    sort = data.get("sort") or ("relevance" if query else "name")
    outcome = search_associations(locale, query, data, sort)
    page = paginate(request, ResultList(outcome, cards()), RESULTS_PER_PAGE)
    associations = with_display_data(page.object_list, names)
    for association in associations:
        association.snippet = highlight(association.summary, outcome.terms, locale.language_code)
    parameters = request.GET.copy()
    parameters.pop("page", None)
    context.update(
        {
            "results": page,
            "associations": associations,
            "facets": outcome.facets,
            "fallback": outcome.fallback,
            "corrections": outcome.corrections,
            "query_without_page": parameters.urlencode(),
        }
    )
    if query:
        context["picks"] = editors_picks(query, locale)
        context["other_pages"] = other_pages(query, locale)
        if page.number == 1:
            Query.get(query).add_hit()
    return render(request, "search/search.html", context)


def editors_picks(query, locale):
    """Pages editors promoted for this search (wagtail.contrib.search_promotions), in this language."""
    shown = public_pages(Page).filter(locale=locale)
    picks = Query.get(query).editors_picks.filter(Q(page__isnull=True) | Q(page__in=shown))
    return list(picks.select_related("page").order_by("sort_order"))


def other_pages(query, locale):
    """The best matching live pages of this language that are not association profiles."""
    parsed = parse_query(query, locale.language_code)
    if parsed.query is None:
        return []
    pages = public_pages(Page).filter(locale=locale).not_type(AssociationPage)
    results = in_order(Page.objects.specific(), rank(parsed.query, pages).ids[:OTHER_PAGES_SHOWN])
    for result in results:
        text = getattr(result, "introduction", "") or result.search_description
        result.snippet = highlight(text, parsed.terms, locale.language_code)
    return results
