"""Searching associations and pages: queries, typo tolerance, fallback, filters, facets and snippets.

The text query goes to the configured search backend (Elasticsearch/OpenSearch or the database) and
gives the ranked ids of the matching pages of one language. Filters, facet counts and sorting by name
then run in the database over those ids, so they are the same whichever engine ranked the matches.
When the search server cannot be reached, the ranking comes from the database backend's index (kept up
to date beside the server's, see settings) and the outcome says so.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, Phrase, PlainText

from home import versions
from home.versions import ProcessMemo
from home.visibility import public_pages
from search.morphology import fold, query_words, word_forms, words

logger = logging.getLogger(__name__)

MAX_MATCHES = 10_000
MAX_QUERY_LENGTH = 200
MIN_CORRECTED_LENGTH = 5  # typo tolerance (one edit) for words of five letters or more
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


def server_errors():
    """The exceptions the search server clients raise when the server is down or refuses a request."""
    errors = [ConnectionError, TimeoutError]
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:
        pass
    try:
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        errors.extend([ApiError, TransportError])
    except ImportError:
        pass
    return tuple(errors)


SERVER_ERRORS = server_errors()


def backend_name(backend):
    module = type(backend).__module__
    for name in ("opensearch", "elasticsearch"):
        if name in module:
            return name
    return "database"


# --- Typo tolerance --------------------------------------------------------------------------------------

# Names change with published content (publish, unpublish, rename, delete).
_vocabularies = ProcessMemo(versions.CONTENT)


class Vocabulary:
    """The words of the live association names and municipality names of one language.

    A query word of five letters or more that is not one of them also matches the name words one
    edit away (a letter missing, extra or different): "Omaishoitajt" finds "Omaishoitajat". Found
    with the deletion trick: two words are one edit apart when deleting a letter from one gives the
    other, or deleting one letter from each gives the same string.
    """

    def __init__(self, names):
        self.words = set()
        for name in names:
            self.words.update(fold(word) for word in words(name) if len(word) >= MIN_CORRECTED_LENGTH - 1)
        self.deletions = {}
        for word in self.words:
            for variant in self._deletions(word):
                self.deletions.setdefault(variant, set()).add(word)

    @staticmethod
    def _deletions(word):
        return {word[:index] + word[index + 1 :] for index in range(len(word))}

    @classmethod
    def for_locale(cls, locale):
        from associations.models import AssociationPage, Municipality

        def build():
            names = list(public_pages(AssociationPage).filter(locale=locale).values_list("title", flat=True))
            names += list(Municipality.objects.filter(locale=locale).values_list("name", flat=True))
            return cls(names)

        return _vocabularies.get(locale.pk, build)

    def corrections(self, word):
        if len(word) < MIN_CORRECTED_LENGTH or word in self.words:
            return set()
        found = set(self.deletions.get(word, ()))  # a letter missing from the query word
        for variant in self._deletions(word):
            if variant in self.words:  # an extra letter in the query word
                found.add(variant)
            found.update(self.deletions.get(variant, ()))  # a different letter
        found.discard(word)
        return found


# --- Queries ---------------------------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    query: object  # a wagtail.search.query expression, or None for an empty query
    terms: set = field(default_factory=set)  # folded forms to highlight
    corrections: dict = field(default_factory=dict)


def parse_query(text, language, vocabulary=None):
    """Phrases in quotes must match as written; every other word matches any of its base forms, or
    (for a word of five letters or more that no name has) a name word one edit away."""
    phrases, rest, quoted = [], [], False
    for index, part in enumerate(text.split('"')):
        quoted = index % 2 == 1
        (phrases if quoted and part.strip() else rest).append(part)
    parts, terms, corrections = [], set(), {}
    for phrase in phrases:
        # Only the words: quotes and operators inside would be syntax to the database engines.
        if not (phrase_words := words(phrase)):
            continue
        parts.append(Phrase(" ".join(phrase_words)))
        for word in words(phrase):
            terms.update(word_forms(word, language))
    for word, forms in query_words(" ".join(rest), language):
        alternatives = set(forms)
        if vocabulary is not None and (fixes := vocabulary.corrections(word)):
            corrections[word] = sorted(fixes)
            alternatives.update(fixes)
        terms.update(alternatives)
        options = [PlainText(form) for form in sorted(alternatives)]
        parts.append(options[0] if len(options) == 1 else Or(options))
    if not parts:
        return ParsedQuery(None)
    return ParsedQuery(parts[0] if len(parts) == 1 else And(parts), terms, corrections)


def ranked_ids(query, queryset, backend):
    """The ids of the pages of `queryset` matching `query`, best first, at most MAX_MATCHES."""
    results = backend.search(query, queryset)
    if hasattr(results, "_get_es_body"):
        # Only the ids are needed: ask the server for them in one request instead of loading pages.
        response = results._backend_do_search(
            results._get_es_body(),
            index=backend.get_index_for_model(queryset.model).name,
            _source=False,
            size=MAX_MATCHES,
            **{results.fields_param_name: "pk"},
        )
        return [int(hit["fields"]["pk"][0]) for hit in response["hits"]["hits"]]
    return [page.pk for page in results[:MAX_MATCHES]]


@dataclass
class Ranking:
    ids: list
    backend: str
    fallback: bool = False


def rank(query, queryset):
    """ranked_ids on the configured backend, or on the database index when the server is down."""
    backend = get_search_backend("default")
    try:
        return Ranking(ranked_ids(query, queryset, backend), backend_name(backend))
    except SERVER_ERRORS as error:
        if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.warning("Search server unavailable, searching the database index instead: %s", error)
        fallback = get_search_backend("fallback")
        return Ranking(ranked_ids(query, queryset, fallback), backend_name(fallback), fallback=True)


def autocomplete_ids(text, queryset, limit):
    # Only the words: punctuation would be query syntax to SQLite FTS5 and PostgreSQL.
    text = " ".join(words(text))
    if not text:
        return [], False
    backend = get_search_backend("default")
    try:
        return [page.pk for page in backend.autocomplete(text, queryset)[:limit]], False
    except SERVER_ERRORS as error:
        if "fallback" not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.warning("Search server unavailable, autocompleting from the database index: %s", error)
        results = get_search_backend("fallback").autocomplete(text, queryset)[:limit]
        return [page.pk for page in results], True


# --- Associations ----------------------------------------------------------------------------------------


@dataclass
class AssociationSearch:
    """The outcome of one association search: a page of it is loaded with `page()`."""

    total: int
    facets: dict
    backend: str
    fallback: bool
    terms: set
    corrections: dict
    _ids: list = None
    _queryset: object = None

    def page_ids(self, offset, limit):
        if self._ids is not None:
            return self._ids[offset : offset + limit]
        return list(self._queryset.values_list("pk", flat=True)[offset : offset + limit])


class ServerSearch(AssociationSearch):
    """An association search answered by Elasticsearch/OpenSearch alone: the filters, the facet counts
    and the order are part of the server query, so broad searches need no list of ids in the database.

    One request gives the total and the facet counts (a post_filter applies the filters to the hits, and
    each facet's aggregation applies every filter but its own); page_ids asks for one page of hits.
    """

    def __init__(self, backend, locale, base, parsed, filters, sort):
        from associations.models import AssociationPage

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


def in_order(queryset, ids):
    """The objects of `queryset` with these ids, in the order of `ids` (ids no longer found are left out)."""
    found = {obj.pk: obj for obj in queryset.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


class ResultList:
    """An AssociationSearch as a sequence for Django's Paginator: each page is loaded in its order."""

    def __init__(self, outcome, queryset):
        self.outcome = outcome
        self.queryset = queryset

    def count(self):
        return self.outcome.total

    def __len__(self):
        return self.outcome.total

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.outcome.total
        return in_order(self.queryset, self.outcome.page_ids(start, max(0, stop - start)))


def search_associations(locale, text="", filters=None, sort=None, base=None):
    """Public associations of `locale` (home.visibility) matching `text` and the cleaned `filters`, with
    facet counts.

    `filters`: {"municipality": [codes], "category": [slugs], "target_group": [slugs],
    "language": [codes]}. `sort`: relevance (the default with text), name (the default without) or
    updated.
    """
    from associations.models import AssociationPage

    filters = filters or {}
    language = locale.language_code
    all_live = base is None
    base = (base if base is not None else public_pages(AssociationPage)).filter(locale=locale)
    parsed = ParsedQuery(None)
    if text.strip():
        parsed = parse_query(text, language, Vocabulary.for_locale(locale))
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
    from associations.directory import filter_associations

    ranking = Ranking(None, backend_name(get_search_backend("default")))
    if parsed.query is not None:
        ranking = rank(parsed.query, base)
        base = base.filter(pk__in=ranking.ids)
    matching = filter_associations(base, filters)
    sort = sort or ("relevance" if ranking.ids is not None else "name")

    if ranking.ids is not None and sort == "relevance":
        kept = set(matching.values_list("pk", flat=True))
        ids = [pk for pk in ranking.ids if pk in kept]
        outcome = AssociationSearch(
            len(ids), {}, ranking.backend, ranking.fallback, parsed.terms, parsed.corrections, _ids=ids
        )
    else:
        ordering = ("-last_published_at", "title", "pk") if sort == "updated" else ("title", "pk")
        ordered = matching.order_by(*ordering)
        outcome = AssociationSearch(
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
    from associations.directory import TaxonomyNames, filter_associations
    from associations.models import AssociationPage

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
    from associations.directory import TaxonomyNames

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


# --- Snippets --------------------------------------------------------------------------------------------


def highlight(text, terms, language, limit=300):
    """`text` escaped, with the words that match the query in <mark>, cut to about `limit` characters
    around the first match."""
    text = text or ""
    if not terms:
        return escape(_cut(text, 0, limit))
    marked, first = [], None
    position = 0
    for word in words(text):
        start = text.index(word, position)
        if word_forms(word, language) & terms:
            first = start if first is None else first
            marked.append((start, start + len(word)))
        position = start + len(word)
    begin = 0 if first is None or first < limit // 2 else max(0, first - limit // 3)
    end = begin + limit
    pieces, cursor = [], begin
    if begin:
        pieces.append("…")
    for start, stop in marked:
        if start < begin or stop > end:
            continue
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:stop])}</mark>")
        cursor = stop
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))


def _cut(text, begin, limit):
    return text[begin : begin + limit] + ("…" if len(text) > begin + limit else "")
