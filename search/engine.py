"""The search engine, knowing no content type: queries, typo tolerance, ranking, fallback and snippets.

The text query goes to the configured search backend (Elasticsearch/OpenSearch or the database) and
gives the ranked ids of the matching objects of a queryset. When the search server cannot be reached,
the ranking comes from the database backend's index (kept up to date beside the server's, see settings)
and the outcome says so. What to search, filter and count is the caller's: associations/search.py
searches the directory with it, sakke_site the site's other pages.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, Phrase, PlainText

from home.parameters import MAX_TEXT_LENGTH
from search.morphology import fold, query_words, word_forms, words

logger = logging.getLogger(__name__)

MAX_MATCHES = 10_000
MAX_QUERY_LENGTH = MAX_TEXT_LENGTH
MIN_CORRECTED_LENGTH = 5  # typo tolerance (one edit) for words of five letters or more


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


# --- Outcomes ------------------------------------------------------------------------------------------


@dataclass
class SearchOutcome:
    """The outcome of one search: its total, facet counts, which engine answered, the terms to highlight
    and the corrections made; a page of it is loaded with `page_ids()`."""

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


def in_order(queryset, ids):
    """The objects of `queryset` with these ids, in the order of `ids` (ids no longer found are left out)."""
    found = {obj.pk: obj for obj in queryset.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


class ResultList:
    """A SearchOutcome as a sequence for Django's Paginator: each page is loaded in its order."""

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
