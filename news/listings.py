"""The news and event listings: GET filter forms (shareable URLs, no JavaScript) and their queries.

News filter by tag, category, association and month; events also by upcoming or past. Events are
listed as occurrences from the `EventOccurrence` table, so a weekly group shows each week, and the
filters and the pagination run in SQL.
"""

import datetime
import re

from django import forms
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.images import get_image_model

from associations.directory import TaxonomyNames
from associations.models import AssociationPage
from home.pagination import paginate
from home.parameters import InvalidNumber, whole_number
from home.visibility import public_pages
from news.models import EventOccurrence, EventPage, NewsIndexPage, NewsPage, in_language
from news.recurrence import HELSINKI

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MIN_YEAR, MAX_YEAR = 2000, 2100
LISTING_RENDITION = "fill-480x270"
UPCOMING, PAST, ALL = "upcoming", "past", "all"


def month_range(value):
    """(first moment, first moment of the next month) in Helsinki time for "YYYY-MM"."""
    year, month = map(int, MONTH.match(value).groups())
    start = datetime.datetime(year, month, 1, tzinfo=HELSINKI)
    following = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=HELSINKI)
    return start, following


class AssociationField(forms.ChoiceField):
    """An association page id. The list offers the associations that have items here; any published
    association is accepted, so a profile can link to its own (perhaps empty) listing."""

    def valid_value(self, value):
        try:
            page_id = whole_number(value, "association")
        except InvalidNumber:
            return False
        return public_pages(AssociationPage).filter(pk=page_id).exists()


class ListingFilterForm(forms.Form):
    """The filters both listings share; every value is optional."""

    tag = forms.ChoiceField(label=_("Tag"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    association = AssociationField(label=_("Association"), required=False)
    month = forms.CharField(
        label=_("Month"),
        required=False,
        # No max_length or placeholder: HTML allows neither on a month input; clean_month checks the form.
        help_text=_("Year and month, e.g. 2027-03."),
        widget=forms.TextInput(attrs={"type": "month", "inputmode": "numeric"}),
    )

    def __init__(self, data, listing, items):
        super().__init__(data)
        self.listing = listing
        names = TaxonomyNames.cached(listing.locale)
        self.fields["category"].choices = [("", _("All categories")), *names.category_choices]
        tags = Tag.objects.filter(**{f"{items.tag_relation}__content_object__in": items.pages}).distinct()
        self.fields["tag"].choices = [("", _("All tags")), *tags.order_by("name").values_list("slug", "name")]
        keys = AssociationPage.objects.filter(items.association_q()).values("translation_key")
        associations = public_pages(AssociationPage).filter(locale=listing.locale, translation_key__in=keys)
        self.fields["association"].choices = [
            ("", _("All associations")),
            *associations.order_by("title").values_list("pk", "title"),
        ]

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return ""
        match = MONTH.match(value)
        if not match or not (MIN_YEAR <= int(match[1]) <= MAX_YEAR and 1 <= int(match[2]) <= 12):
            raise forms.ValidationError(_("Give the month as year and month, e.g. 2027-03."), code="invalid")
        return value

    def association_key(self):
        page_id = self.cleaned_data.get("association")
        if not page_id:
            return None
        return AssociationPage.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()

    def filters_used(self):
        return any(self.cleaned_data.get(name) for name in self.fields) if self.is_bound else False


class EventFilterForm(ListingFilterForm):
    when = forms.ChoiceField(
        label=_("Upcoming or past"),
        required=False,
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past")), (ALL, _("All dates"))],
        help_text=_("Without a choice: upcoming ones, or all of the chosen month."),
    )


class NewsItems:
    tag_relation = "news_newspagetag_items"

    def __init__(self, listing):
        self.pages = public_pages(NewsPage).child_of(listing)

    def association_q(self):
        return Q(news_pages__in=self.pages)


class EventItems:
    tag_relation = "news_eventpagetag_items"

    def __init__(self, listing):
        self.pages = public_pages(EventPage).child_of(listing)

    def association_q(self):
        return Q(event_pages__in=self.pages) | Q(organised_events__in=self.pages)


def filter_news(pages, data, key):
    if data.get("tag"):
        pages = pages.filter(tags__slug=data["tag"])
    if data.get("category"):
        pages = pages.filter(category__slug=data["category"])
    if key:
        pages = pages.filter(related_associations__translation_key=key)
    if data.get("month"):
        start, following = month_range(data["month"])
        pages = pages.filter(date__gte=start.date(), date__lt=following.date())
    image_queryset = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
    return (
        pages.distinct()
        .select_related("category")
        .prefetch_related(Prefetch("image", queryset=image_queryset))
        .order_by("-date", "-pk")
    )


def event_occurrences(locale, events, data, key, now=None):
    """The occurrences of `events` matching the filters, in listing order."""
    now = now or timezone.now()
    pages = events
    if data.get("tag"):
        pages = pages.filter(tags__slug=data["tag"])
    if data.get("category"):
        pages = pages.filter(category__slug=data["category"])
    if key:
        pages = pages.filter(
            Q(organiser_association__translation_key=key) | Q(related_associations__translation_key=key)
        )
    rows = EventOccurrence.objects.filter(locale=locale, event__in=pages.values("pk"))
    when = data.get("when") or (ALL if data.get("month") else UPCOMING)
    if data.get("month"):
        start, following = month_range(data["month"])
        rows = rows.filter(start__lt=following, end__gt=start)
    if when == PAST:
        rows = rows.filter(end__lt=now).order_by("-start", "event_id")
    else:
        if when == UPCOMING:
            rows = rows.filter(end__gte=now)
        rows = rows.order_by("start", "event_id")
    return rows.select_related("event", "event__organiser_association", "event__category")


def listing_context(listing, request):
    """Context of a news or event listing page: the filter form, one page of results, feed links."""
    is_news = isinstance(listing, NewsIndexPage)
    items = NewsItems(listing) if is_news else EventItems(listing)
    form_class = ListingFilterForm if is_news else EventFilterForm
    form = form_class(request.GET or None, listing, items)
    valid = not form.is_bound or form.is_valid()
    data = form.cleaned_data if form.is_bound and valid else {}
    key = form.association_key() if data else None
    if is_news:
        results = filter_news(items.pages, data, key) if valid else items.pages.none()
    else:
        results = event_occurrences(listing.locale, items.pages, data, key)
        if not valid:
            results = results.none()
    page = paginate(request, results, listing.RESULTS_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    names = TaxonomyNames.cached(listing.locale)
    articles = [item if is_news else item.event for item in page.object_list]
    organisers = {
        association.translation_key: association
        for association in in_language(
            {
                article.organiser_association
                for article in articles
                if getattr(article, "organiser_association_id", None)
            },
            listing.locale,
        )
    }
    for article in articles:
        article.category_name = names.name(article.category, "categories") if article.category_id else ""
        if not is_news:
            association = article.organiser_association if article.organiser_association_id else None
            shown = organisers.get(association.translation_key) if association else None
            article.organiser_label = shown.title if shown else article.organiser_name
    return {
        "filter_form": form,
        "results": page,
        "filtered": valid and form.is_bound and form.filters_used(),
        "showing_past": (data.get("when") == PAST) if not is_news else False,
        "query_without_page": query.urlencode(),
        "feeds": feed_links(listing, request),
    }


def feed_links(listing, request):
    """(MIME type, title, URL) of the listing's feeds, for <link rel="alternate"> and visible links."""
    base = listing.get_url(request) or ""
    if isinstance(listing, NewsIndexPage):
        return [
            ("application/rss+xml", "RSS", base + listing.reverse_subpage("rss")),
            ("application/atom+xml", "Atom", base + listing.reverse_subpage("atom")),
        ]
    return [("text/calendar", "iCalendar", base + listing.reverse_subpage("ical"))]
