"""Filtering, text search and sorting of the public association directory.

Filters combine with AND across kinds and OR within one kind (two municipalities show associations of
either). Values in URLs are the stable identifiers (municipality code, slugs, language code), so a filtered
URL means the same in Finnish and Swedish.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from associations.models import (
    SERVICE_LANGUAGES,
    AssociationPage,
    Category,
    Municipality,
    TargetGroup,
)
from home import versions
from home.parameters import MAX_TEXT_LENGTH
from home.versions import ProcessMemo

MAX_QUERY_LENGTH = MAX_TEXT_LENGTH


_names = ProcessMemo(versions.TAXONOMY)


def forget_taxonomy_names(**kwargs):
    """Signal handler: a term changed, so every process reloads the names."""
    versions.bump(versions.TAXONOMY)


@dataclass
class TaxonomyNames:
    """The names of every taxonomy term in one language, keyed by translation key, loaded once."""

    municipalities: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)
    target_groups: dict = field(default_factory=dict)
    municipality_choices: list = field(default_factory=list)
    category_choices: list = field(default_factory=list)
    target_group_choices: list = field(default_factory=list)

    @classmethod
    def for_locale(cls, locale):
        names = cls()
        for model, by_key, choices, key_field in (
            (Municipality, names.municipalities, names.municipality_choices, "code"),
            (Category, names.categories, names.category_choices, "slug"),
            (TargetGroup, names.target_groups, names.target_group_choices, "slug"),
        ):
            for term in model.objects.filter(locale=locale).order_by("name"):
                by_key[term.translation_key] = term.name
                choices.append((getattr(term, key_field), term.name))
        return names

    @classmethod
    def cached(cls, locale):
        """for_locale, kept in this process until a taxonomy term is saved or deleted anywhere."""
        return _names.get(locale.pk, lambda: cls.for_locale(locale))

    @staticmethod
    def keys_by_pk():
        """{kind: {term pk: code or slug}} of every term of every language, kept like cached()."""
        return _names.get(
            "keys",
            lambda: {
                "municipalities": dict(Municipality.objects.values_list("pk", "code")),
                "categories": dict(Category.objects.values_list("pk", "slug")),
                "target_groups": dict(TargetGroup.objects.values_list("pk", "slug")),
            },
        )

    def name(self, term, kind):
        """The name of `term` (which may be a row of either language) in this language."""
        return getattr(self, kind).get(term.translation_key, term.name)


class DirectoryFilterForm(forms.Form):
    """The directory's filters; every field is optional and the form works without JavaScript."""

    SORT_CHOICES = [
        ("", _("Best match")),
        ("name", _("Name (A–Ö)")),
        ("updated", _("Recently updated")),
    ]

    q = forms.CharField(label=_("Search words"), required=False, max_length=MAX_QUERY_LENGTH)
    municipality = forms.MultipleChoiceField(
        label=_("Municipality"), required=False, widget=forms.CheckboxSelectMultiple
    )
    category = forms.MultipleChoiceField(
        label=_("Category"), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_group = forms.MultipleChoiceField(
        label=_("Target group"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.MultipleChoiceField(
        label=_("Language of service"),
        required=False,
        choices=SERVICE_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data, names, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["municipality"].choices = names.municipality_choices
        self.fields["category"].choices = names.category_choices
        self.fields["target_group"].choices = names.target_group_choices

    @property
    def active_filter_count(self):
        if not self.is_valid():
            return 0
        return sum(
            len(self.cleaned_data[name]) for name in ("municipality", "category", "target_group", "language")
        )


def filter_associations(queryset, data):
    """Apply the cleaned filter values to a queryset of association pages."""
    if codes := data.get("municipality"):
        operating = AssociationPage.other_municipalities.through.objects.filter(
            municipality__code__in=codes
        ).values("associationpage_id")
        queryset = queryset.filter(Q(home_municipality__code__in=codes) | Q(pk__in=operating))
    if slugs := data.get("category"):
        through = AssociationPage.categories.through.objects.filter(category__slug__in=slugs)
        queryset = queryset.filter(pk__in=through.values("associationpage_id"))
    if slugs := data.get("target_group"):
        through = AssociationPage.target_groups.through.objects.filter(targetgroup__slug__in=slugs)
        queryset = queryset.filter(pk__in=through.values("associationpage_id"))
    if languages := data.get("language"):
        # JSON text match works on every database; the codes are quoted so "fi" never matches "fin".
        language_filter = Q()
        for code in languages:
            language_filter |= Q(service_languages__icontains=f'"{code}"')
        queryset = queryset.filter(language_filter)
    return queryset


def cards():
    """Association pages with what a result card shows, loaded in a fixed number of queries."""
    return AssociationPage.objects.select_related("home_municipality").prefetch_related("categories")


def with_display_data(associations, names):
    """Name the municipality and categories of result cards loaded through cards() in this language."""
    associations = list(associations)
    for card in associations:
        card.municipality_name = (
            names.name(card.home_municipality, "municipalities") if card.home_municipality else ""
        )
        card.category_names = [names.name(term, "categories") for term in card.categories.all()]
    return associations
