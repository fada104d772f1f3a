"""News and events: listing pages, news items, events and the read-only table of event occurrences.

`NewsIndexPage` and `EventIndexPage` sit under the home page of each language and list their children with
filters, feeds (RSS, Atom, iCalendar) and pagination. An `EventPage` may repeat (news/recurrence.py); its
occurrences are copied to `EventOccurrence` when it is published (news/signal_handlers.py), so listings
filter and page them in SQL. The newsletter's models are in news/models/newsletter.py.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.blocks import DateBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from associations.directory import TaxonomyNames
from associations.models import SERVICE_LANGUAGES, AssociationPage, Category, TargetGroup
from home.admin_forms import LocalisedChoicesPageForm
from home.blocks import BaseStreamBlock, image_api, page_api
from home.indexing import FormsIndexedMixin, forms_fields, page_search_fields, stream_text
from home.models import PostalAddress
from home.preview import ConsumerPreviewMixin
from home.serializers import TaxonomyTermField
from home.translation_links import TRANSLATIONS_FIELD, TranslationLinksMixin
from home.visibility import only_public, public_pages
from news import recurrence, structured_data

PAGE_TEXT_FIELDS = ["title", "slug", "seo_title", "search_description"]


def in_language(associations, locale):
    """The public versions (home.visibility) in `locale` of the given association pages (synchronised
    relations point at the Finnish originals), in their order. A page without a public translation stays as
    it is when it is public itself and is left out otherwise: a public page never names a private one."""
    associations = list(associations)
    if not associations:
        return []
    shown = public_pages(AssociationPage).filter(
        Q(pk__in=[page.pk for page in associations])
        | Q(locale=locale, translation_key__in=[page.translation_key for page in associations])
    )
    public_ids, versions = set(), {}
    for page in shown:
        public_ids.add(page.pk)
        if page.locale_id == locale.pk:
            versions[page.translation_key] = page
    return [
        versions.get(page.translation_key, page)
        for page in associations
        if page.translation_key in versions or page.pk in public_ids
    ]


# --- Listing pages ---------------------------------------------------------------------------------------


class ListingPage(RoutablePageMixin, TranslationLinksMixin, Page):
    """What the news and event listings share: an introduction, GET filters that answer 400 when a value
    is not understood, and pagination."""

    introduction = models.TextField(_("introduction"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    api_fields = [APIField("introduction"), TRANSLATIONS_FIELD]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    translatable_fields = [
        *(TranslatableField(name) for name in PAGE_TEXT_FIELDS),
        TranslatableField("introduction"),
        SynchronizedField("show_in_menus"),
    ]

    parent_page_types = ["home.HomePage"]
    RESULTS_PER_PAGE = 12

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        # news.listings imports these models
        from news.listings import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        response = Page.serve(self, request, *args, **kwargs)
        # Filters that do not validate (a hand-edited URL) are a 400, with the error next to the field.
        form = (getattr(response, "context_data", None) or {}).get("filter_form")
        if form is not None and form.is_bound and not form.is_valid():
            response.status_code = 400
        return response


class NewsIndexPage(ListingPage):
    """The news of one language, newest first, with RSS and Atom feeds."""

    subpage_types = ["news.NewsPage"]
    template = "news/news_index_page.html"

    class Meta:
        verbose_name = _("news listing")
        verbose_name_plural = _("news listings")

    @path("rss/", name="rss")
    def rss_feed(self, request):
        # news.feeds imports these models
        from news.feeds import NewsRssFeed

        return NewsRssFeed()(request, index_page=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        # news.feeds imports these models
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index_page=self)


class EventIndexPage(ListingPage):
    """The events of one language: each occurrence of a repeating event is listed on its own; upcoming
    ones first by default. `ical/` is every event as an iCalendar feed (`?association=<id>` for one
    association's)."""

    subpage_types = ["news.EventPage"]
    template = "news/event_index_page.html"

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")

    @path("ical/", name="ical")
    def ical_feed(self, request):
        # news.feeds imports these models
        from news.feeds import calendar_response

        return calendar_response(request, self)


# --- News ---------------------------------------------------------------------------------------------


class ArticlePage(ConsumerPreviewMixin, TranslationLinksMixin, FormsIndexedMixin, Page):
    """Fields news items and events share: a lead, a block body, a main image with its alt text, a
    category and the associations it is about."""

    lead = models.TextField(
        _("lead"), max_length=600, help_text=_("One or two sentences shown in listings and feeds.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alt text of the main image"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for those who cannot see it. Leave empty only if it is decorative."
        ),
    )
    image_decorative = models.BooleanField(_("the image is decorative"), default=False)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = LocalisedChoicesPageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip() and not self.image_decorative:
            raise ValidationError(
                {"image_alt": _("Describe the image, or mark it as decorative if it adds no information.")}
            )

    def search_texts(self):
        return [self.lead, stream_text(self.body)]

    def main_image(self):
        """The main image for API consumers: renditions and alt text."""
        return image_api(self.image, alt=self.image_alt, decorative=self.image_decorative)

    def association_links(self):
        return [page_api(page) for page in only_public(self.related_associations.all())]

    def category_slug(self):
        return self.category.slug if self.category_id else None


ARTICLE_TRANSLATABLE_FIELDS = [
    *(TranslatableField(name) for name in PAGE_TEXT_FIELDS),
    TranslatableField("lead"),
    TranslatableField("body"),
    TranslatableField("image_alt"),
    SynchronizedField("image"),
    SynchronizedField("image_decorative"),
    SynchronizedField("category"),
    SynchronizedField("related_associations"),
    # Tags are shared by both language versions (the filter URLs use them), like taxonomy slugs.
    SynchronizedField("tagged_items"),
]
IMAGE_PANEL = MultiFieldPanel(
    [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_decorative")],
    heading=_("Main image"),
)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(ArticlePage):
    """A news item (uutinen): publication date, lead, body, main image, tags, category, associations."""

    date = models.DateField(_("publication date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=200, blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    related_associations = ParentalManyToManyField(
        AssociationPage, verbose_name=_("related associations"), blank=True, related_name="news_pages"
    )

    search_fields = [
        *page_search_fields(),
        *forms_fields(),
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("category"),
    ]
    api_fields = [
        APIField("date"),
        APIField("author"),
        APIField("lead"),
        APIField("body"),
        APIField("main_image"),
        APIField("tags"),
        APIField("category", serializer=TaxonomyTermField("slug")),
        APIField("association_links"),
        TRANSLATIONS_FIELD,
    ]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("lead"),
        IMAGE_PANEL,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("tags"),
                FieldPanel("related_associations", widget=forms.SelectMultiple(attrs={"size": 8})),
            ],
            heading=_("Classification"),
        ),
    ]

    translatable_fields = [
        *ARTICLE_TRANSLATABLE_FIELDS,
        SynchronizedField("date"),
        SynchronizedField("author"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = structured_data.news_article(self, request)
        context["associations"] = in_language(self.related_associations.all(), self.locale)
        return context


# --- Events -------------------------------------------------------------------------------------------


class EventPageForm(LocalisedChoicesPageForm):
    """Languages and repeat weekdays as checkboxes (stored as lists of codes); target groups and the
    category only in the page's language."""

    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages of the event")),
        choices=SERVICE_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    repeat_weekdays = forms.MultipleChoiceField(
        label=capfirst(_("on these weekdays")),
        choices=recurrence.WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For weekly repeats. None chosen: the weekday of the first time."),
    )


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey("news.EventPage", on_delete=models.CASCADE, related_name="tagged_items")


class EventPage(RoutablePageMixin, PostalAddress, ArticlePage):
    """An event (tapahtuma): when (Europe/Helsinki), where or online, who organises it, registration and
    price, for whom; it may repeat by a simple rule, and each occurrence is listed."""

    start = models.DateTimeField(_("starts"), help_text=_("The first time, if the event repeats."))
    end = models.DateTimeField(_("ends"), help_text=_("When the first time ends."))
    all_day = models.BooleanField(
        _("all-day event"), default=False, help_text=_("Times of day are not shown.")
    )

    repeat = models.CharField(
        _("repeats"), max_length=20, choices=recurrence.REPEAT_CHOICES, blank=True, default=""
    )
    repeat_weekdays = models.JSONField(_("on these weekdays"), default=list, blank=True)
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("number of times"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(recurrence.MAX_OCCURRENCES)],
        help_text=_("Instead of an end date: how many times in all."),
    )
    exception_dates = StreamField(
        [("date", DateBlock(label=_("Date")))],
        verbose_name=_("dates when it does not take place"),
        blank=True,
    )

    location_name = models.CharField(_("place"), max_length=200, blank=True, help_text=_("E.g. Kylätalo."))
    online_url = models.URLField(
        _("online event address"), blank=True, help_text=_("E.g. a Teams or Zoom link.")
    )

    organiser_association = models.ForeignKey(
        AssociationPage,
        verbose_name=_("organising association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    organiser_name = models.CharField(
        _("other organiser"),
        max_length=200,
        blank=True,
        help_text=_("When the organiser is not in the directory."),
    )
    related_associations = ParentalManyToManyField(
        AssociationPage, verbose_name=_("other associations involved"), blank=True, related_name="event_pages"
    )

    registration_url = models.URLField(_("registration address"), blank=True)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("number of places"), null=True, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.DecimalField(
        _("price (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_info = models.CharField(
        _("more about the price"), max_length=200, blank=True, help_text=_("E.g. members 5 €, others 10 €.")
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, induction loop, accessible toilet, assistants welcome free …"),
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="events"
    )
    languages = models.JSONField(_("languages of the event"), default=list, blank=True)
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("tags"))

    search_fields = [
        *page_search_fields(),
        *forms_fields(),
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.SearchField("location_name"),
        index.SearchField("post_office"),
        index.FilterField("start"),
        index.FilterField("category"),
    ]
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("rrule"),
        APIField("lead"),
        APIField("body"),
        APIField("main_image"),
        APIField("location"),
        APIField("online_url"),
        APIField("organiser"),
        APIField("association_links"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("capacity"),
        APIField("is_free"),
        APIField("price"),
        APIField("price_info"),
        APIField("accessibility"),
        APIField("target_groups", serializer=TaxonomyTermField("slug")),
        APIField("languages"),
        APIField("tags"),
        APIField("category", serializer=TaxonomyTermField("slug")),
        TRANSLATIONS_FIELD,
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldPanel("repeat_weekdays"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                FieldPanel("exception_dates"),
            ],
            heading=_("Repeats"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                FieldPanel("location_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("post_office")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser_association"),
                FieldPanel("organiser_name"),
                FieldPanel("related_associations", widget=forms.SelectMultiple(attrs={"size": 8})),
            ],
            heading=_("Organiser"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("registration_deadline"), FieldPanel("capacity")]),
                FieldPanel("is_free"),
                FieldRowPanel([FieldPanel("price"), FieldPanel("price_info")]),
            ],
            heading=_("Registration and price"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages"),
                FieldPanel("accessibility"),
            ],
            heading=_("For whom"),
        ),
        IMAGE_PANEL,
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("tags")], heading=_("Classification")),
    ]

    translatable_fields = [
        *ARTICLE_TRANSLATABLE_FIELDS,
        TranslatableField("location_name"),
        TranslatableField("organiser_name"),
        TranslatableField("price_info"),
        TranslatableField("accessibility"),
        *(
            SynchronizedField(name)
            for name in (
                "start",
                "end",
                "all_day",
                "repeat",
                "repeat_weekdays",
                "repeat_until",
                "repeat_count",
                "exception_dates",
                "street_address",
                "postal_code",
                "post_office",
                "latitude",
                "longitude",
                "online_url",
                "organiser_association",
                "registration_url",
                "registration_deadline",
                "capacity",
                "is_free",
                "price",
                "target_groups",
                "languages",
            )
        ),
    ]

    base_form_class = EventPageForm
    parent_page_types = ["news.EventIndexPage"]
    subpage_types = []

    class Meta:
        # A context of its own: the webhook field "event" is "händelse" in Swedish, a page is "evenemang".
        verbose_name = pgettext_lazy("page type", "event")
        verbose_name_plural = _("events")

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if self.start and self.end:
            local_start, local_end = self.local_start, timezone.localtime(self.end, recurrence.HELSINKI)
            if (local_end.date() < local_start.date()) if self.all_day else (self.end < self.start):
                errors["end"] = [_("The event cannot end before it starts.")]
        if not self.online_url and not self.location_name.strip():
            message = _("Give the place, the online address, or both.")
            errors["location_name"] = [message]
            errors["online_url"] = [message]
        if self.registration_deadline and self.start and self.registration_deadline > self.local_start.date():
            errors["registration_deadline"] = [
                _("The registration deadline cannot be after the event starts.")
            ]
        if not self.is_free and self.price is None and not self.price_info.strip():
            errors["price"] = [_("Give the price, or mark the event free of charge.")]
        if self.is_free and self.price:
            errors["price"] = [_("A free event has no price; remove it or untick “free of charge”.")]
        if not self.organiser_association_id and not self.organiser_name.strip():
            errors["organiser_name"] = [_("Choose the organising association or write the organiser's name.")]
        errors.update(self.recurrence_errors())
        if errors:
            raise ValidationError(errors)

    def recurrence_errors(self):
        errors = {}
        if not self.repeat:
            for name in ("repeat_until", "repeat_count"):
                if getattr(self, name):
                    errors[name] = [_("Choose how the event repeats, or leave this empty.")]
            if self.repeat_weekdays:
                errors["repeat_weekdays"] = [_("Choose how the event repeats, or leave the weekdays empty.")]
            return errors
        if self.repeat_weekdays and self.repeat not in recurrence.WEEKLY_REPEATS:
            errors["repeat_weekdays"] = [_("Weekdays are chosen only for weekly repeats.")]
        weekly = self.repeat_weekdays and self.repeat in recurrence.WEEKLY_REPEATS
        if (
            weekly
            and self.start
            and recurrence.WEEKDAY_CODES[self.local_start.weekday()] not in self.repeat_weekdays
        ):
            errors["repeat_weekdays"] = [_("The first time must be on one of the chosen weekdays.")]
        if self.repeat_until and self.repeat_count:
            errors["repeat_count"] = [_("Give either the end date or the number of times, not both.")]
        elif not self.repeat_until and not self.repeat_count:
            errors["repeat_until"] = [_("Give the date of the last time, or the number of times.")]
        elif self.repeat_until and self.start:
            first = self.local_start.date()
            if self.repeat_until < first:
                errors["repeat_until"] = [_("The repeats cannot end before the first time.")]
            elif self.repeat_until > first + recurrence.MAX_SPAN:
                errors["repeat_until"] = [
                    _("An event can repeat for at most two years; add a new one after that.")
                ]
        return errors

    # --- when -------------------------------------------------------------------------------------

    @property
    def local_start(self):
        return timezone.localtime(self.start, recurrence.HELSINKI)

    def exceptions(self):
        return sorted({block.value for block in self.exception_dates if block.value})

    def rrule(self):
        """The RFC 5545 recurrence rule of the event, or None when it does not repeat."""
        if not self.repeat or not self.start:
            return None
        return recurrence.build_rule(
            self.repeat,
            self.local_start,
            weekdays=self.repeat_weekdays or (),
            until=self.repeat_until,
            count=self.repeat_count,
            all_day=self.all_day,
        )

    def expand_occurrences(self):
        """[(start, end)] of every occurrence (Helsinki time; at most two years and 200 times)."""
        duration = recurrence.wall_clock_duration(self.start, self.end, self.all_day)
        return recurrence.expand(
            self.local_start.replace(tzinfo=None), duration, self.rrule(), self.exceptions(), self.all_day
        )

    # --- who and where ----------------------------------------------------------------------------

    def organiser(self):
        """The organiser for API consumers: the association's page (if public), or a name."""
        association = next(iter(only_public([self.organiser_association])), None)
        if association is not None:
            return {"name": association.title, "association": page_api(association)}
        return {"name": self.organiser_name, "association": None} if self.organiser_name else None

    def location(self):
        """The place for API consumers (None for an online-only event)."""
        if not self.location_name:
            return None
        return {
            "name": self.location_name,
            "street_address": self.street_address,
            "postal_code": self.postal_code,
            "post_office": self.post_office,
            "latitude": float(self.latitude) if self.latitude is not None else None,
            "longitude": float(self.longitude) if self.longitude is not None else None,
        }

    @property
    def openstreetmap_url(self):
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=16/{self.latitude}/{self.longitude}"
        )

    def language_names(self):
        return [str(label) for code, label in SERVICE_LANGUAGES if code in (self.languages or [])]

    # --- public page -----------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # From the page itself, not the occurrence table, so that previews of drafts show them too.
        now = timezone.now()
        upcoming = [
            EventOccurrence(event=self, start=start, end=end)
            for start, end in self.expand_occurrences()
            if end >= now
        ][:50]
        names = TaxonomyNames.cached(self.locale)
        context.update(
            {
                "upcoming_occurrences": upcoming,
                "next_occurrence": upcoming[0] if upcoming else None,
                "target_group_names": [
                    names.name(term, "target_groups") for term in self.target_groups.all()
                ],
                "category_name": names.name(self.category, "categories") if self.category_id else "",
                "organiser": next(iter(in_language([self.organiser_association], self.locale)), None)
                if self.organiser_association_id
                else None,
                "associations": in_language(self.related_associations.all(), self.locale),
                "json_ld": structured_data.event(self, request, upcoming[0] if upcoming else None, names),
            }
        )
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        # news.feeds imports these models
        from news.feeds import event_calendar_response

        return event_calendar_response(request, self)


class EventOccurrence(models.Model):
    """One occurrence of a live event in its language, copied from the page when it is published.

    Rebuilt on every publish and removed on unpublish (news/signal_handlers.py); `manage.py
    rebuild_event_occurrences` rebuilds them all. Times are stored in UTC, computed in Helsinki time.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrence_rows")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField(help_text="Exclusive: the midnight after the last day of an all-day event.")

    class Meta:
        ordering = ["start", "event_id"]
        indexes = [models.Index(fields=["locale", "start"]), models.Index(fields=["locale", "end"])]

    def __str__(self):
        return f"{self.event_id} @ {self.start.isoformat()}"

    @property
    def local_start(self):
        return timezone.localtime(self.start, recurrence.HELSINKI)

    @property
    def local_end(self):
        return timezone.localtime(self.end, recurrence.HELSINKI)

    @property
    def last_day(self):
        """The last calendar day it takes place on (the end is exclusive for all-day events)."""
        end = self.local_end
        if self.event.all_day or (end.time() == datetime.time(0, 0) and end > self.local_start):
            return (end - datetime.timedelta(seconds=1)).date()
        return end.date()

    @property
    def multi_day(self):
        return self.last_day != self.local_start.date()
