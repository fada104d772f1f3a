"""The query parameters of the directory's API listing (/api/v2/associations/) as a django-filter FilterSet.

The FilterSet checks the values and documents them: drf-spectacular lists its filters in the OpenAPI
document, with today's municipality codes and category and target group slugs as enums. The search
engine (associations.search) applies the filters, because it counts the facets in the same pass.
"""

from django.db import DatabaseError
from django.utils.choices import BaseChoiceIterator

from associations.directory import TaxonomyNames
from associations.models import SERVICE_LANGUAGES, AssociationPage, Category, Municipality, TargetGroup
from associations.search import SORTS
from home.filters import ChoicesFilter, OneOfFilter, ParameterSet, TextFilter, limit_filter, offset_filter

SORT_LABELS = {
    "relevance": "best match first",
    "name": "by name",
    "updated": "most recently updated first",
}


class TermChoices(BaseChoiceIterator):
    """(code or slug, name) of a taxonomy's terms in every language, read from the database each time
    they are listed: editors add and rename terms, and the document shows the current ones."""

    def __init__(self, model, key_field):
        self.model, self.key_field = model, key_field

    def __iter__(self):
        try:
            rows = list(
                self.model.objects.order_by(self.key_field, "locale__language_code").values_list(
                    self.key_field, "name"
                )
            )
        except DatabaseError:  # the document generated without a database (a system check): no enum
            rows = []
        first = {}
        for key, name in rows:  # one per key, named in the first language that has it
            first.setdefault(key, name)
        return iter(first.items())


class DirectoryFilterSet(ParameterSet):
    """?search=, the facet filters (several values each), ?language=, ?sort=, ?limit= and ?offset=.

    A request's own locale narrows the taxonomy values to that language's terms (DirectoryFilterSet(data,
    locale)); the class lists the terms of every language for the document.
    """

    search = TextFilter("search", help_text="Search words: word forms, compounds, phrases in quotes.")
    # field_name: the model field each filter's values are keys of (the search engine applies them).
    municipality = ChoicesFilter(
        "municipality",
        field_name="home_municipality__code",
        choices=TermChoices(Municipality, "code"),
        help_text="Statistics Finland code of the home municipality or one it works in, e.g. 297.",
    )
    category = ChoicesFilter(
        "category",
        field_name="categories__slug",
        choices=TermChoices(Category, "slug"),
        help_text="Category slug, e.g. liikunta.",
    )
    target_group = ChoicesFilter(
        "target_group",
        field_name="target_groups__slug",
        choices=TermChoices(TargetGroup, "slug"),
        help_text="Target group slug, e.g. nuoret.",
    )
    language = ChoicesFilter("language", choices=SERVICE_LANGUAGES, help_text="Language of service.")
    sort = OneOfFilter(
        "sort",
        [(sort, SORT_LABELS[sort]) for sort in SORTS],
        help_text="Default: relevance with search words, else name.",
    )
    limit = limit_filter()
    offset = offset_filter()

    def __init__(self, data=None, locale=None):
        super().__init__(data, queryset=AssociationPage.objects.none())
        if locale is not None:
            names = TaxonomyNames.cached(locale)
            for name, choices in (
                ("municipality", names.municipality_choices),
                ("category", names.category_choices),
                ("target_group", names.target_group_choices),
            ):
                self.form.fields[name].choices = choices
