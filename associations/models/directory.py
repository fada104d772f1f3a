"""The association directory: taxonomies editors maintain, the directory page and association profiles."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from associations import structured_data
from associations.blocks import ActivityBlock
from associations.profile_sections import profile_sections
from associations.ytunnus import validate_business_id
from home.admin_forms import LocalisedChoicesPageForm
from home.blocks import BaseStreamBlock, SocialLinkBlock
from home.indexing import (
    FormsIndexedMixin,
    forms_fields,
    index_after_relations,
    page_search_fields,
    stream_text,
)
from home.models import PostalAddress
from home.pagination import paginate
from home.preview import ConsumerPreviewMixin
from home.serializers import TaxonomyTermField
from home.translation_links import TRANSLATIONS_FIELD, TranslationLinksMixin
from home.validators import phone_validator
from home.visibility import public_pages

SERVICE_LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("other", _("Other languages")),
]

register_number_validator = RegexValidator(
    r"^\d{1,10}$", _("The association register number has only digits.")
)


def validate_founding_year(value):
    if value > timezone.localdate().year:
        raise ValidationError(_("The founding year cannot be in the future."), code="future")


class TaxonomyTerm(TranslatableMixin, models.Model):
    """A term editors maintain in Finnish and Swedish (the Swedish one is its translation)."""

    name = models.CharField(_("name"), max_length=100)

    translatable_fields = [TranslatableField("name")]
    api_fields = [APIField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(TaxonomyTerm):
    """A municipality, identified by its Statistics Finland code (e.g. 297 Kuopio)."""

    code = models.CharField(
        _("Statistics Finland code"),
        max_length=3,
        validators=[RegexValidator(r"^\d{3}$", _("The municipality code has three digits."))],
    )

    translatable_fields = [*TaxonomyTerm.translatable_fields, SynchronizedField("code")]
    api_fields = [APIField("code"), *TaxonomyTerm.api_fields]
    panels = [FieldPanel("code"), FieldPanel("name")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_municipality_code_per_locale")
        ]


class SluggedTerm(TaxonomyTerm):
    """A term identified by a slug that both language versions share (it appears in filter URLs)."""

    slug = models.SlugField(_("slug"), max_length=60)

    translatable_fields = [*TaxonomyTerm.translatable_fields, SynchronizedField("slug")]
    api_fields = [APIField("slug"), *TaxonomyTerm.api_fields]
    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TaxonomyTerm.Meta):
        abstract = True


class Category(SluggedTerm):
    """A field of activity (sports, village activities, social and health ...)."""

    class Meta(SluggedTerm.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_category_slug_per_locale")
        ]


class TargetGroup(SluggedTerm):
    """Who an association or activity is for (children, older people, family carers ...)."""

    class Meta(SluggedTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_target_group_slug_per_locale")
        ]


class AssociationIndexPage(TranslationLinksMixin, Page):
    """The association directory: lists, filters and searches the association pages below it."""

    introduction = models.TextField(_("introduction"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    api_fields = [APIField("introduction"), TRANSLATIONS_FIELD]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["associations.AssociationPage"]

    RESULTS_PER_PAGE = 20

    class Meta:
        verbose_name = _("association directory")
        verbose_name_plural = _("association directories")

    def get_context(self, request, *args, **kwargs):
        # associations.directory and .search build on these models: imported once both are loaded.
        from associations.directory import DirectoryFilterForm, TaxonomyNames, with_display_data
        from associations.search import search_directory

        context = super().get_context(request, *args, **kwargs)
        names = TaxonomyNames.cached(self.locale)
        form = DirectoryFilterForm(request.GET or None, names)
        associations = public_pages(AssociationPage).child_of(self)
        if form.is_bound and not form.is_valid():
            results = associations.none()
        else:
            results = search_directory(associations, form.cleaned_data if form.is_bound else {}, self.locale)
        page = paginate(request, results, self.RESULTS_PER_PAGE)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            {
                "filter_form": form,
                "results": page,
                "associations": with_display_data(page.object_list, names),
                "names": names,
                "query_without_page": query.urlencode(),
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Filters that do not validate (an unknown municipality code in a hand-edited URL) are a 400.
        form = response.context_data.get("filter_form")
        if form is not None and form.is_bound and not form.is_valid():
            response.status_code = 400
        return response


class AssociationPageForm(LocalisedChoicesPageForm):
    """Shows the languages of service as checkboxes (stored as a list of codes); municipalities, categories
    and target groups only in the page's language."""

    service_languages = forms.MultipleChoiceField(
        label=capfirst(_("languages of service")),
        choices=SERVICE_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AssociationPage(ConsumerPreviewMixin, TranslationLinksMixin, FormsIndexedMixin, PostalAddress, Page):
    """One association's profile (yhdistyksen esittely), kept up to date by the association itself."""

    LEVEL_CHOICES = [
        ("local", _("Local")),
        ("regional", _("Regional")),
        ("national", _("National")),
    ]

    summary = models.CharField(
        _("short summary"), max_length=300, help_text=_("One or two sentences, at most 300 characters.")
    )
    plain_summary = models.TextField(
        _("summary in plain language"),
        blank=True,
        help_text=_("Selkokieli / lättläst: short sentences and everyday words."),
    )
    description = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    business_id = models.CharField(
        _("business ID (Y-tunnus)"),
        max_length=9,
        blank=True,
        db_index=True,
        validators=[validate_business_id],
        help_text=_("Seven digits, a hyphen and a check digit, e.g. 0737546-2."),
    )
    register_number = models.CharField(
        _("association register number"),
        max_length=10,
        blank=True,
        db_index=True,
        validators=[register_number_validator],
    )
    home_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("home municipality"),
        null=True,
        on_delete=models.PROTECT,
        related_name="home_associations",
    )
    other_municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("other municipalities where it operates"),
        blank=True,
        related_name="operating_associations",
    )
    level = models.CharField(_("level of operation"), max_length=10, choices=LEVEL_CHOICES, default="local")
    categories = ParentalManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="associations"
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="associations"
    )
    service_languages = models.JSONField(_("languages of service"), default=list, blank=True)

    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    website = models.URLField(_("website"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social media links"), blank=True
    )

    founded_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), validate_founding_year],
    )
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    volunteer_count = models.PositiveIntegerField(_("number of volunteers"), null=True, blank=True)
    how_to_join = RichTextField(
        _("how to join or volunteer"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    activities = StreamField(
        [("activity", ActivityBlock())], verbose_name=_("recurring activities"), blank=True
    )
    last_checked = models.DateField(
        _("information last checked"),
        null=True,
        blank=True,
        help_text=_("When someone from the association last confirmed that this profile is up to date."),
    )

    # The name first, then the word forms of the name (search.morphology), then summaries, then the
    # rest. Taxonomy names are indexed in the page's own language through text_forms.
    search_fields = [
        *page_search_fields(),
        *forms_fields(),
        index.SearchField("summary", boost=3),
        index.SearchField("plain_summary", boost=2),
        index.SearchField("description"),
        index.SearchField("activities"),
        index.SearchField("how_to_join"),
        index.FilterField("home_municipality"),
        # Lists for the search server's filters and facet counts (search.engine.ServerSearch).
        index.FilterField("municipality_codes"),
        index.FilterField("category_slugs"),
        index.FilterField("target_group_slugs"),
        index.FilterField("service_language_codes"),
        index.FilterField("level"),
        index.FilterField("last_checked"),
        index.AutocompleteField("title"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("plain_summary"),
        APIField("description"),
        APIField("business_id"),
        APIField("register_number"),
        APIField("home_municipality", serializer=TaxonomyTermField("code")),
        APIField("other_municipalities", serializer=TaxonomyTermField("code")),
        APIField("level"),
        APIField("categories", serializer=TaxonomyTermField("slug")),
        APIField("target_groups", serializer=TaxonomyTermField("slug")),
        APIField("service_languages"),
        APIField("email"),
        APIField("phone"),
        APIField("website"),
        APIField("social_links"),
        APIField("street_address"),
        APIField("postal_code"),
        APIField("post_office"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("founded_year"),
        APIField("member_count"),
        APIField("volunteer_count"),
        APIField("how_to_join"),
        APIField("activities"),
        APIField("last_checked"),
        TRANSLATIONS_FIELD,
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("plain_summary"),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("home_municipality"),
                FieldPanel("other_municipalities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("level"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("service_languages"),
            ],
            heading=_("Where, what and for whom"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("post_office")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("social_links"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("activities"),
        FieldPanel("how_to_join"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("business_id"), FieldPanel("register_number")]),
                FieldRowPanel(
                    [FieldPanel("founded_year"), FieldPanel("member_count"), FieldPanel("volunteer_count")]
                ),
                FieldPanel("last_checked"),
            ],
            heading=_("Registration and figures"),
        ),
    ]

    # Texts are translated; identifiers, contacts, figures and classifications are shared by both
    # language versions (the Swedish page shows the Swedish names of the same taxonomy terms).
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("plain_summary"),
        TranslatableField("description"),
        TranslatableField("how_to_join"),
        TranslatableField("activities"),
        *(
            SynchronizedField(name)
            for name in (
                "logo",
                "business_id",
                "register_number",
                "home_municipality",
                "other_municipalities",
                "level",
                "categories",
                "target_groups",
                "service_languages",
                "email",
                "phone",
                "website",
                "social_links",
                "street_address",
                "postal_code",
                "post_office",
                "latitude",
                "longitude",
                "founded_year",
                "member_count",
                "volunteer_count",
                "last_checked",
            )
        ),
    ]

    base_form_class = AssociationPageForm
    parent_page_types = ["associations.AssociationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def clean(self):
        super().clean()
        errors = {}
        # The Swedish translation shares the identifiers, so other language versions are not duplicates.
        others = AssociationPage.objects.exclude(translation_key=self.translation_key)
        if self.business_id and others.filter(business_id=self.business_id).exists():
            errors["business_id"] = _("Another association already has this business ID.")
        if self.register_number and others.filter(register_number=self.register_number).exists():
            errors["register_number"] = _("Another association already has this register number.")
        if errors:
            raise ValidationError(errors)

    TERM_RELATIONS = frozenset(["categories", "target_groups", "other_municipalities"])

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or self.TERM_RELATIONS & set(update_fields)):
            index_after_relations(self)
        return result

    @classmethod
    def get_indexed_objects(cls):
        # search_texts reads the locale and the taxonomy terms of every page: load them with the pages.
        return (
            super()
            .get_indexed_objects()
            .select_related("locale", "home_municipality")
            .prefetch_related("categories", "target_groups", "other_municipalities")
        )

    def municipality_codes(self):
        """Where the association works: its home municipality and the others (codes)."""
        codes = {term.code for term in self.other_municipalities.all()}
        if self.home_municipality_id:
            codes.add(self.home_municipality.code)
        return sorted(codes)

    def category_slugs(self):
        return sorted(term.slug for term in self.categories.all())

    def target_group_slugs(self):
        return sorted(term.slug for term in self.target_groups.all())

    def service_language_codes(self):
        return list(self.service_languages or [])

    def search_texts(self):
        """Texts whose Finnish or Swedish word forms are indexed (see home.indexing)."""
        # associations.directory imports these models
        from associations.directory import TaxonomyNames

        names = TaxonomyNames.cached(self.locale)
        terms = [(term, "categories") for term in self.categories.all()]
        terms += [(term, "target_groups") for term in self.target_groups.all()]
        terms += [(term, "municipalities") for term in self.other_municipalities.all()]
        if self.home_municipality_id:
            terms.append((self.home_municipality, "municipalities"))
        return [
            self.summary,
            self.plain_summary,
            strip_tags(self.how_to_join or ""),
            stream_text(self.description),
            stream_text(self.activities),
            *(names.name(term, kind) for term, kind in terms),
        ]

    def get_context(self, request, *args, **kwargs):
        # associations.directory imports these models
        from associations.directory import TaxonomyNames

        context = super().get_context(request, *args, **kwargs)
        names = TaxonomyNames.for_locale(self.locale)
        context.update(
            {
                "home_municipality_name": names.name(self.home_municipality, "municipalities")
                if self.home_municipality
                else "",
                "other_municipality_names": [
                    names.name(term, "municipalities") for term in self.other_municipalities.all()
                ],
                "category_names": [names.name(term, "categories") for term in self.categories.all()],
                "target_group_names": [
                    names.name(term, "target_groups") for term in self.target_groups.all()
                ],
                "service_language_names": [
                    str(label) for code, label in SERVICE_LANGUAGES if code in self.service_languages
                ],
                "json_ld": self.json_ld(request, names),
                "profile_sections": profile_sections(self),
            }
        )
        return context

    def json_ld(self, request, names):
        """schema.org NGO description, escaped for embedding in a script element."""
        return structured_data.association(self, request, names)

    @property
    def openstreetmap_url(self):
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=16/{self.latitude}/{self.longitude}"
        )

    @property
    def is_stale(self):
        """True when nobody has confirmed the information in the last 12 months."""
        if self.last_checked is None:
            return True
        return self.last_checked < timezone.localdate() - datetime.timedelta(days=365)


class OutdatedInfoReport(models.Model):
    """A visitor's note that something on an association's profile is out of date."""

    page = models.ForeignKey(
        AssociationPage, verbose_name=_("association"), on_delete=models.CASCADE, related_name="reports"
    )
    message = models.TextField(_("what is out of date"), max_length=2000)
    reporter_email = models.EmailField(_("reporter's email"), blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("report of outdated information")
        verbose_name_plural = _("reports of outdated information")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page.title}: {self.message[:60]}"
