"""The public "offer a news item or an event" form: a draft page in the coordinators' moderation queue."""

import datetime

from django import forms
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.rich_text import RichText

from associations.models import AssociationPage
from home.public_forms import AccessibleFormMixin, HoneypotMixin, add_draft_for_moderation
from home.text_input import validate_visible_name
from home.validators import postal_code_validator
from home.visibility import public_pages
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from news.recurrence import HELSINKI

NEWS, EVENT = "news", "event"
LEAD_MAX_LENGTH = NewsPage._meta.get_field("lead").max_length
ORIGINAL_LANGUAGE = "fi"


def listing_for(model, locale):
    """The live listing page (`NewsIndexPage` or `EventIndexPage`) of `locale`, else the Finnish one."""
    listings = model.objects.live().select_related("locale").order_by("path")
    return (
        listings.filter(locale=locale).first()
        or listings.filter(locale__language_code=ORIGINAL_LANGUAGE).first()
    )


def date_input(**attrs):
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OfferForm(HoneypotMixin, AccessibleFormMixin, forms.Form):
    """What an association tells about its news item or event; the event fields are needed only for an
    event. A coordinator completes the page (images, tags, repeats) before publishing it."""

    kind = forms.ChoiceField(
        label=_("What are you offering?"),
        choices=[(NEWS, _("A news item")), (EVENT, _("An event"))],
        widget=forms.RadioSelect,
    )
    association = forms.TypedChoiceField(label=_("Association"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=255, validators=[validate_visible_name])
    lead = forms.CharField(
        label=_("Short summary"),
        max_length=LEAD_MAX_LENGTH,
        help_text=_("One or two sentences shown in listings (at most 600 characters)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=10000,
        help_text=_("Optional for events. Separate paragraphs with an empty line."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    start_date = forms.DateField(label=_("Date"), required=False, widget=date_input())
    start_time = forms.TimeField(label=_("Starts at"), required=False, widget=time_input())
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        help_text=_("Only if it lasts several days."),
        widget=date_input(),
    )
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=time_input())
    all_day = forms.BooleanField(label=_("All day"), required=False)
    location_name = forms.CharField(label=_("Place"), required=False, max_length=200)
    street_address = forms.CharField(
        label=_("Street address"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"), required=False, max_length=5, validators=[postal_code_validator]
    )
    post_office = forms.CharField(label=_("Post office"), required=False, max_length=100)
    online_url = forms.URLField(
        label=_("Online event address"), required=False, assume_scheme="https", max_length=200
    )
    registration_url = forms.URLField(
        label=_("Registration address"), required=False, assume_scheme="https", max_length=200
    )
    registration_deadline = forms.DateField(
        label=_("Registration deadline"), required=False, widget=date_input()
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    price_info = forms.CharField(
        label=_("Price"), required=False, max_length=200, help_text=_("E.g. members 5 €, others 10 €.")
    )
    accessibility = forms.CharField(
        label=_("Accessibility"),
        required=False,
        max_length=2000,
        help_text=_("Step-free access, induction loop, accessible toilet …"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        validators=[validate_visible_name],
        help_text=_("Only the coordinators see it."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your email"),
        help_text=_("Only the coordinators see it; they may ask you about the offer."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("The association agrees that this may be published once a coordinator has checked it."),
        error_messages={"required": _("Tick the box to confirm that this may be published.")},
    )

    EVENT_FIELDS = (
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "all_day",
        "location_name",
        "street_address",
        "postal_code",
        "post_office",
        "online_url",
        "registration_url",
        "registration_deadline",
        "is_free",
        "price_info",
        "accessibility",
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale or Locale.get_active()
        self.fields["association"].choices = [
            ("", _("Choose your association")),
            *public_pages(AssociationPage)
            .filter(locale=self.locale)
            .order_by("title")
            .values_list("pk", "title"),
        ]
        self.add_honeypot()

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        data = super().clean()
        if data.get("kind") == NEWS:
            if not data.get("text", "").strip():
                self.add_error("text", _("Write the text of the news item."))
            return data
        if data.get("kind") != EVENT:
            return data
        required = _("This field is required for an event.")
        if not data.get("start_date") and "start_date" not in self.errors:
            self.add_error("start_date", required)
        if not data.get("all_day") and not data.get("start_time") and "start_time" not in self.errors:
            self.add_error("start_time", _("Give the time, or tick “All day”."))
        if not data.get("location_name", "").strip() and not data.get("online_url"):
            message = _("Give the place, the online address, or both.")
            self.add_error("location_name", message)
            if "online_url" not in self.errors:
                self.add_error("online_url", message)
        if not data.get("is_free") and not data.get("price_info", "").strip():
            self.add_error("price_info", _("Give the price, or tick “Free of charge”."))
        start, end = self.event_times(data)
        if start and end and end < start:
            self.add_error(
                "end_time" if data.get("end_time") else "end_date",
                _("The event cannot end before it starts."),
            )
        deadline = data.get("registration_deadline")
        if start and deadline and deadline > start.date():
            self.add_error(
                "registration_deadline", _("The registration deadline cannot be after the event starts.")
            )
        return data

    @staticmethod
    def event_times(data):
        """(start, end) in Helsinki time from the date and time fields; (None, None) when incomplete."""
        day = data.get("start_date")
        if not day:
            return None, None
        all_day = data.get("all_day")
        start_time = data.get("start_time")
        if not all_day and not start_time:
            return None, None
        start_time = datetime.time(0, 0) if all_day else start_time
        end_day = data.get("end_date") or day
        if all_day:
            end_time = datetime.time(23, 59)
        else:
            end_time = data.get("end_time") or (
                (datetime.datetime.combine(day, start_time) + datetime.timedelta(hours=2)).time()
                if end_day == day and start_time < datetime.time(22, 0)
                else start_time
            )
        start = datetime.datetime.combine(day, start_time, HELSINKI)
        end = datetime.datetime.combine(end_day, end_time, HELSINKI)
        return start, end

    # --- creating the draft --------------------------------------------------------------------------

    def association_page(self):
        return AssociationPage.objects.get(pk=self.cleaned_data["association"])

    def listing(self):
        model = NewsIndexPage if self.cleaned_data["kind"] == NEWS else EventIndexPage
        return listing_for(model, self.locale)

    @staticmethod
    def unique_slug(listing, title):
        base = slugify(title)[:70].strip("-") or "sivu"
        taken = set(listing.get_children().values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def body(self):
        paragraphs = [
            part.strip() for part in self.cleaned_data.get("text", "").split("\n\n") if part.strip()
        ]
        if not paragraphs:
            return []
        html = "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)
        return [("paragraph", RichText(html))]

    def build_page(self, listing):
        data = self.cleaned_data
        association = self.association_page()
        common = {
            "title": data["title"],
            "slug": self.unique_slug(listing, data["title"]),
            "lead": data["lead"].strip(),
            "body": self.body(),
            "live": False,
            "locale": listing.locale,
        }
        if data["kind"] == NEWS:
            page = NewsPage(**common, author=association.title)
            page.related_associations = [association]
            return page
        start, end = self.event_times(data)
        return EventPage(
            **common,
            start=start,
            end=end,
            all_day=bool(data.get("all_day")),
            location_name=data.get("location_name", "").strip(),
            street_address=data.get("street_address", ""),
            postal_code=data.get("postal_code", ""),
            post_office=data.get("post_office", ""),
            online_url=data.get("online_url", ""),
            organiser_association=association,
            registration_url=data.get("registration_url", ""),
            registration_deadline=data.get("registration_deadline"),
            is_free=bool(data.get("is_free")),
            price_info="" if data.get("is_free") else data.get("price_info", ""),
            accessibility=data.get("accessibility", ""),
            languages=[listing.locale.language_code],
        )

    def save(self):
        """Create the draft under the listing of the form's language and submit it for moderation.

        Raises ValidationError when the model's own validation disagrees (shown on the form).
        """
        listing = self.listing()
        page = self.build_page(listing)
        page.full_clean(exclude=["path", "depth", "numchild", "url_path", "draft_title", "content_type"])
        return add_draft_for_moderation(listing, page)


def model_errors_to_form(form, error):
    """Put a page's ValidationError on the form: next to the field of the same name, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)
