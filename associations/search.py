"""The directory's search: associations matching words, filters and facets, on the search server when
there is one and in the database otherwise.

The words are parsed and ranked by the search app's engine (search.engine). Filters, facet counts and
sorting by name then run over the matches, so they are the same whichever engine ranked them; with a
search server (ServerSearch) the filters and facet counts are part of one server query instead.
"""

import hashlib
import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F
from wagtail.search.backends import get_search_backend

from associations.directory import TaxonomyNames, cards, filter_associations
from associations.models import AssociationPage, Municipality
from home import versions
from home.versions import ProcessMemo
from home.visibility import public_pages
from search.engine import (
    SERVER_ERRORS,
    ParsedQuery,
    Ranking,
    ResultList,
    SearchOutcome,
    Vocabulary,
    backend_name,
    parse_query,
    rank,
)

logger = logging.getLogger(__name__)

SORTS = ("relevance", "name", "updated")
FACETS = ("municipality", "category", "target_group")
# How long facet counts of text-less listings are kept at most (the content version usually moves first).
FACET_CACHE_SECONDS = 600
# The index's filter fields (methods of AssociationPage) behind each filter of search_associations.
FILTER_ATTRIBUTES = {
    "municipality": "municipality_codes",
    "category": "category_slugs",
    "target_group": "target_group_slugs",
    "language": "service_language_codes",
}

# Names change with published content (publish, unpublish, rename, delete).
_vocabularies = ProcessMemo(versions.CONTENT)


def vocabulary(locale):
    """The typo-tolerance Vocabulary of the live association names and municipality names of `locale`."""

    def build():
        names = list(public_pages(AssociationPage).filter(locale=locale).values_list("title", flat=True))
        names += list(Municipality.objects.filter(locale=locale).values_list("name", flat=True))
        return Vocabulary(names)

    return _vocabularies.get(locale.pk, build)


class ServerSearch(SearchOutcome):
    """An association search answered by Elasticsearch/OpenSearch alone: the filters, the facet counts
    and the order are part of the server query, so broad searches need no list of ids in the database.

    One request gives the total and the facet counts (a post_filter applies the filters to the hits, and
    each facet's aggregation applies every filter but its own); page_ids asks for one page of hits.
    """

    def __init__(self, backend, locale, base, parsed, filters, sort):
        self.backend = backend
        self.arguments = (locale, base, parsed, filters, sort)
        self.results = backend.search(parsed.query, base)
        self.index = backend.get_index_for_model(AssociationPage).name
        mapping = backend.mapping_class(AssociationPage)
        fields = {field.field_name: field for field in AssociationPage.get_filterable_search_fields()}
        self.columns = {
            name: mapping.get_field_column_name(fields[attribute])
            for name, attribute in FILTER_ATTRIBUTES.items()
        }
        self.query = self.results._get_es_body()["query"]
        clauses = {
            name: {"terms": {self.columns[name]: list(values)}}
            for name, values in filters.items()
            if name in self.columns and values
        }
        self.post_filter = {"bool": {"filter": list(clauses.values())}}
        aggregations = {
            facet: {
                "filter": {"bool": {"filter": [clause for name, clause in clauses.items() if name != facet]}},
                "aggs": {"values": {"terms": {"field": self.columns[facet], "size": 1000}}},
            }
            for facet in FACETS
        }
        response = self.results._backend_do_search(
            {
                "query": self.query,
                "post_filter": self.post_filter,
                "aggs": aggregations,
                "track_total_hits": True,
            },
            index=self.index,
            size=0,
        )
        choices = facet_choices(locale)
        facets = {
            facet: facet_values(
                {
                    bucket["key"]: bucket["doc_count"]
                    for bucket in response["aggregations"][facet]["values"]["buckets"]
                },
                choices[facet],
                filters.get(facet),
            )
            for facet in FACETS
        }
        self.sort = {
            "name": [{mapping.get_field_column_name(fields["title"]): "asc"}],
            "updated": [
                {mapping.get_field_column_name(fields["last_published_at"]): "desc"},
                {mapping.get_field_column_name(fields["title"]): "asc"},
            ],
        }.get(sort)
        super().__init__(
            response["hits"]["total"]["value"],
            facets,
            backend_name(backend),
            False,
            parsed.terms,
            parsed.corrections,
        )

    def page_ids(self, offset, limit):
        if limit <= 0 or offset >= self.total:
            return []
        body = {"query": self.query, "post_filter": self.post_filter, "from": offset}
        if self.sort:
            body["sort"] = self.sort
        try:
            response = self.results._backend_do_search(
                body, index=self.index, size=limit, _source=False, **{self.results.fields_param_name: "pk"}
            )
        except SERVER_ERRORS as error:
            # The server answered the totals and facets, then went away: this page comes from the database.
            if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
                raise
            logger.warning("Search server lost mid-search, paging from the database index: %s", error)
            fallback = database_search(*self.arguments)
            self.backend, self.fallback = fallback.backend, True
            return fallback.page_ids(offset, limit)
        return [int(hit["fields"]["pk"][0]) for hit in response["hits"]["hits"]]


def search_associations(locale, text="", filters=None, sort=None, base=None):
    """Public associations of `locale` (home.visibility) matching `text` and the cleaned `filters`, with
    facet counts.

    `filters`: {"municipality": [codes], "category": [slugs], "target_group": [slugs],
    "language": [codes]}. `sort`: relevance (the default with text), name (the default without) or
    updated.
    """
    filters = filters or {}
    language = locale.language_code
    all_live = base is None
    base = (base if base is not None else public_pages(AssociationPage)).filter(locale=locale)
    parsed = ParsedQuery(None)
    if text.strip():
        parsed = parse_query(text, language, vocabulary(locale))
    if parsed.query is not None:
        backend = get_search_backend("default")
        if backend_name(backend) != "database":
            try:
                return ServerSearch(backend, locale, base, parsed, filters, sort)
            except SERVER_ERRORS as error:
                if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
                    raise
                logger.warning("Search server unavailable, searching the database index instead: %s", error)
    return database_search(locale, base, parsed, filters, sort, cache_facets=all_live)


def database_search(locale, base, parsed, filters, sort, cache_facets=False):
    """search_associations without a search server: ranked by `rank` (which falls back by itself),
    filtered, counted and sorted in SQL."""
    ranking = Ranking(None, backend_name(get_search_backend("default")))
    if parsed.query is not None:
        ranking = rank(parsed.query, base)
        base = base.filter(pk__in=ranking.ids)
    matching = filter_associations(base, filters)
    sort = sort or ("relevance" if ranking.ids is not None else "name")

    if ranking.ids is not None and sort == "relevance":
        kept = set(matching.values_list("pk", flat=True))
        ids = [pk for pk in ranking.ids if pk in kept]
        outcome = SearchOutcome(
            len(ids), {}, ranking.backend, ranking.fallback, parsed.terms, parsed.corrections, _ids=ids
        )
    else:
        ordering = ("-last_published_at", "title", "pk") if sort == "updated" else ("title", "pk")
        ordered = matching.order_by(*ordering)
        outcome = SearchOutcome(
            ordered.count(),
            {},
            ranking.backend,
            ranking.fallback,
            parsed.terms,
            parsed.corrections,
            _queryset=ordered,
        )
    if cache_facets and parsed.query is None:
        outcome.facets = cached_facet_counts(base, filters, locale)
    else:
        outcome.facets = facet_counts(base, filters, locale)
    return outcome


def cached_facet_counts(base, filters, locale):
    """facet_counts of a listing of all live associations without search words, kept in the shared cache
    until published content changes (the content version moves). The directory page and the API ask for
    the same few filter combinations again and again, and the counts are most of such a request's SQL."""
    chosen = {
        name: sorted(map(str, values)) if isinstance(values, (list, tuple, set)) else values
        for name, values in sorted(filters.items())
        if values
    }
    digest = hashlib.sha256(json.dumps(chosen, default=str).encode()).hexdigest()[:32]
    key = f"facets:{versions.current(versions.CONTENT)}:{locale.language_code}:{digest}"
    facets = cache.get(key)
    if facets is None:
        facets = facet_counts(base, filters, locale)
        cache.set(key, facets, FACET_CACHE_SECONDS)
    return facets


def facet_counts(base, filters, locale):
    """For each facet, how many of `base` match each value together with the *other* active filters."""
    names = TaxonomyNames.cached(locale)
    keys = TaxonomyNames.keys_by_pk()
    facets = {}
    for facet in FACETS:
        others = {key: value for key, value in filters.items() if key != facet}
        pages = filter_associations(base, others).values("pk")
        counts = {}
        # Grouped by the term's id (no join to the term tables) and counted with COUNT(*): a page has a
        # term at most once. The ids are then named by their codes and slugs.
        if facet == "municipality":
            grouped = list(
                AssociationPage.objects.filter(pk__in=pages)
                .order_by()
                .values_list("home_municipality_id")
                .annotate(n=Count("*"))
            )
            # Where it also operates, unless that is its home municipality (counted once).
            through = AssociationPage.other_municipalities.through.objects.filter(
                associationpage_id__in=pages
            )
            grouped += list(
                through.exclude(municipality_id=F("associationpage__home_municipality_id"))
                .order_by()
                .values_list("municipality_id")
                .annotate(n=Count("*"))
            )
            kind, choices = "municipalities", names.municipality_choices
        else:
            relation = AssociationPage.categories if facet == "category" else AssociationPage.target_groups
            column = "category_id" if facet == "category" else "targetgroup_id"
            grouped = list(
                relation.through.objects.filter(associationpage_id__in=pages)
                .order_by()
                .values_list(column)
                .annotate(n=Count("*"))
            )
            kind = "categories" if facet == "category" else "target_groups"
            choices = names.category_choices if facet == "category" else names.target_group_choices
        for term_id, count in grouped:
            key = keys[kind].get(term_id)
            if key is not None:
                counts[key] = counts.get(key, 0) + count
        facets[facet] = facet_values(counts, choices, filters.get(facet))
    return facets


def facet_choices(locale):
    names = TaxonomyNames.cached(locale)
    return {
        "municipality": names.municipality_choices,
        "category": names.category_choices,
        "target_group": names.target_group_choices,
    }


def facet_values(counts, choices, selected):
    """The facet's values that have matches (or are selected), most matches first."""
    selected = set(selected or ())
    values = [
        {"value": value, "name": name, "count": counts.get(value, 0), "selected": value in selected}
        for value, name in choices
        if counts.get(value) or value in selected
    ]
    values.sort(key=lambda item: (-item["count"], item["name"]))
    return values


def search_directory(queryset, data, locale):
    """Filtered and sorted associations of the directory page; words go through search_associations."""
    query = data.get("q", "").strip()
    sort = data.get("sort") or ("" if query else "name")
    if query:
        outcome = search_associations(locale, query, data, sort or "relevance", base=queryset)
        return ResultList(outcome, cards())
    ordering = {"name": ("title",), "updated": ("-last_published_at", "title")}.get(sort, ("title",))
    return (
        filter_associations(queryset, data)
        .order_by(*ordering)
        .select_related("home_municipality")
        .prefetch_related("categories")
    )
