"""Version counters shared by every process through Django's cache, and per-process memos that follow them.

A process keeps values it computed (taxonomy names, the search vocabulary, API answers) until the
shared counter they depend on moves: any process that changes the underlying data bumps it, and every
other process notices on its next read. With a shared cache (CACHE_URL) that holds across servers.
"""

from django.core.cache import cache

# Published content changed: a page was published, unpublished, moved or deleted, or a taxonomy term,
# image or document was saved or deleted (the signals are connected in home/content_changes.py).
CONTENT = "content-version"
# A taxonomy term was saved or deleted (connected in associations/signal_handlers.py).
TAXONOMY = "taxonomy-version"


def bump(key):
    try:
        cache.incr(key)
    except ValueError:  # not in the cache yet (or evicted)
        cache.set(key, 1, timeout=None)


def current(key):
    return cache.get(key, 0)


class ProcessMemo:
    """Values computed once in this process and kept until the shared counter `version_key` moves."""

    def __init__(self, version_key):
        self.version_key = version_key
        self._version = None
        self._values = {}

    def get(self, key, compute):
        version = current(self.version_key)
        if version != self._version:
            self._values.clear()
            self._version = version
        if key not in self._values:
            self._values[key] = compute()
        return self._values[key]
