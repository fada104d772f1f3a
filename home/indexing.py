"""What page models add to their search_fields so that Finnish and Swedish word forms are found.

`NAME_FORMS` and `TEXT_FORMS` are index fields filled by methods of the same name on the page: the word
forms of the page's name and of its other texts, in the page's own language. The name is boosted
highest, then the forms of the name, then summaries, then the rest.

The word forms come from the search app (search.morphology), which sits above this core app: it hands
its analyser over with `use_word_forms()` when it is ready. Until then (or without the search app) the
forms field holds the text as written.
"""

from contextlib import contextmanager

from django.db import models
from django.db.models.signals import post_save
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

NAME_BOOST = 10
NAME_FORMS_BOOST = 6


def _as_written(text, language):
    return text


_analyser = {"index_text": _as_written}


def use_word_forms(index_text):
    """Fill the forms fields with `index_text(text, language)`: every form of every word of the text."""
    _analyser["index_text"] = index_text


def index_text(text, language):
    return _analyser["index_text"](text, language)


def page_search_fields():
    """Page.search_fields with the title boosted highest (a later entry for a field replaces the earlier)."""
    return [*Page.search_fields, index.SearchField("title", boost=NAME_BOOST)]


def forms_fields(text_boost=None):
    return [
        index.SearchField("name_forms", boost=NAME_FORMS_BOOST),
        index.SearchField("text_forms", **({"boost": text_boost} if text_boost else {})),
    ]


def stream_text(value):
    """The readable text of a StreamField value (every string in it, markup removed)."""
    parts = []

    def collect(item):
        if isinstance(item, str):
            parts.append(strip_tags(item))
        elif isinstance(item, dict):
            for inner in item.values():
                collect(inner)
        elif isinstance(item, list):
            for inner in item:
                collect(inner)

    for block in getattr(value, "raw_data", []) or []:
        collect(block.get("value"))
    return " ".join(part for part in parts if part)


class FormsIndexedMixin(models.Model):
    """Fills NAME_FORMS and TEXT_FORMS from `title` and from what `search_texts()` returns.

    An abstract model rather than a plain mixin: the search backends name an index field after the
    model that defines it, so that model needs Django's _meta.
    """

    class Meta:
        abstract = True

    def search_language(self):
        return self.locale.language_code if self.locale_id else "fi"

    def search_texts(self):
        return []

    def name_forms(self):
        return index_text(self.title, self.search_language())

    def text_forms(self):
        return index_text(" ".join(text for text in self.search_texts() if text), self.search_language())


_deferred = set()


@contextmanager
def deferred_indexing(model):
    """Turn off the automatic search index updates of `model` while a bulk writer indexes in batches."""
    from modelsearch.signal_handlers import post_save_signal_handler

    disconnected = post_save.disconnect(post_save_signal_handler, sender=model)
    _deferred.add(model)
    try:
        yield
    finally:
        _deferred.discard(model)
        if disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_after_relations(instance):
    """Index `instance` again now that modelcluster has saved its many-to-many relations.

    modelcluster saves them after post_save, where the automatic index update has already read the
    old ones from the database; without this the taxonomy names in text_forms would lag one save.
    """
    model = type(instance)
    if model in _deferred or not getattr(model, "search_auto_update", True):
        return
    from modelsearch.tasks import insert_or_update_object_task

    insert_or_update_object_task.enqueue(model._meta.app_label, model._meta.model_name, str(instance.pk))
