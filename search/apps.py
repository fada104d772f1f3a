from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The search engine and Finnish and Swedish word forms; knows no content type."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from home.indexing import use_word_forms  # apps are imported before models are ready
        from search.morphology import index_text

        use_word_forms(index_text)
