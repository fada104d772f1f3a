"""Forms of the association directory: the public registration and outdated-information forms, and the
admin form for inviting an association's editor."""

import re

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from associations.invitations import INVITATION_LANGUAGES, ORIGINAL_LANGUAGE
from associations.models import (
    AssociationIndexPage,
    AssociationPage,
    Category,
    Municipality,
    OutdatedInfoReport,
)
from associations.ytunnus import normalise_business_id, validate_business_id
from home.public_forms import AccessibleFormMixin, HoneypotMixin, add_draft_for_moderation
from home.text_input import validate_visible_name
from home.validators import phone_validator

SUMMARY_MAX_LENGTH = AssociationPage._meta.get_field("summary").max_length
# " ry" / " rf" / " r.y." / " r.f." mark a registered association
# (rekisteröity yhdistys / registrerad förening).
REGISTERED_SUFFIX = re.compile(r"\s+r\.?\s?[yf]\.?$")


def normalise_association_name(name):
    """The name as compared for duplicates: case-folded, single spaces, without the " ry" / " rf" suffix."""
    name = " ".join((name or "").split()).casefold()
    return REGISTERED_SUFFIX.sub("", name)


def finnish_directory():
    """The live Finnish association directory that new registrations go under, or None."""
    return (
        AssociationIndexPage.objects.live()
        .filter(locale__language_code=ORIGINAL_LANGUAGE)
        .order_by("path")
        .first()
    )


class RegistrationForm(HoneypotMixin, AccessibleFormMixin, forms.Form):
    """ "Register your association": creates a draft profile that a coordinator reviews and publishes."""

    name = forms.CharField(
        label=_("Name of the association"),
        max_length=255,
        validators=[validate_visible_name],
        help_text=_("As in the register of associations, e.g. Kuopion Seudun Omaishoitajat ry."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    business_id = forms.CharField(
        label=_("Business ID (Y-tunnus)"),
        required=False,
        max_length=20,
        help_text=_("Optional. Seven digits, a hyphen and a check digit, e.g. 0737546-2."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
    )
    home_municipality = forms.ChoiceField(label=_("Home municipality"))
    categories = forms.MultipleChoiceField(
        label=_("Fields of activity"),
        required=False,
        help_text=_("Optional. Choose all that fit."),
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_(
            "What the association does and for whom, in one or two sentences (at most 300 characters)."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_(
            "The association's contact address. We also send questions about this registration here."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        validators=[phone_validator],
        help_text=_("Optional, e.g. +358 40 123 4567."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("Optional."),
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        required=False,
        max_length=200,
        validators=[validate_visible_name],
        help_text=_("Optional. Only the coordinators see it; it is not published."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I may give this information on behalf of the association, and it may be published in the "
            "directory once a coordinator has checked it."
        ),
        error_messages={"required": _("Tick the box to confirm that the information may be published.")},
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale or Locale.get_active()
        self.fields["home_municipality"].choices = [
            ("", _("Choose a municipality")),
            *Municipality.objects.filter(locale=self.locale).order_by("name").values_list("code", "name"),
        ]
        self.fields["categories"].choices = list(
            Category.objects.filter(locale=self.locale).order_by("name").values_list("slug", "name")
        )
        self.add_honeypot()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_business_id(self):
        value = normalise_business_id(self.cleaned_data["business_id"])
        if value:
            validate_business_id(value)
        return value

    def clean_summary(self):
        return self.cleaned_data["summary"].strip()

    def find_existing(self):
        """An association page that is already this association (same Y-tunnus, or the same name in the same
        home municipality), preferring the Finnish original; None when there is none."""
        data = self.cleaned_data
        pages = AssociationPage.objects.select_related("locale").order_by("-live", "pk")
        if data["business_id"]:
            match = pages.filter(business_id=data["business_id"]).first()
            if match:
                return match
        wanted = normalise_association_name(data["name"])
        for page in pages.filter(home_municipality__code=data["home_municipality"]).only(
            "title", "live", "locale", "translation_key"
        ):
            if normalise_association_name(page.title) == wanted:
                return page
        return None

    def unique_slug(self, directory):
        base = slugify(self.cleaned_data["name"])[:70].strip("-") or "yhdistys"
        taken = set(directory.get_children().values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def save(self, directory):
        """Create the draft profile under `directory` (the Finnish one) and submit it for moderation.

        Terms chosen in Swedish are stored as their Finnish rows (same code or slug), like the rest of the
        Finnish original.
        """
        data = self.cleaned_data
        locale = directory.locale
        page = AssociationPage(
            title=data["name"],
            slug=self.unique_slug(directory),
            summary=data["summary"],
            business_id=data["business_id"],
            home_municipality=Municipality.objects.get(locale=locale, code=data["home_municipality"]),
            email=data["email"],
            phone=data["phone"],
            website=data["website"],
            live=False,
            locale=locale,
        )
        page.categories = list(Category.objects.filter(locale=locale, slug__in=data["categories"]))
        return add_draft_for_moderation(directory, page)


class ReportOutdatedForm(HoneypotMixin, AccessibleFormMixin, forms.ModelForm):
    """A visitor tells what is out of date on an association's profile."""

    class Meta:
        model = OutdatedInfoReport
        fields = ["message", "reporter_email"]
        labels = {
            "message": _("What is out of date?"),
            "reporter_email": _("Your email"),
        }
        help_texts = {
            "message": _(
                "For example a changed phone number, meeting time or place (at most 2000 characters)."
            ),
            "reporter_email": _("Optional. Only if you want the association to be able to ask you more."),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
            "reporter_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Tell what is out of date."), code="required")
        return message


class InviteEditorForm(forms.Form):
    """Admin form: invite a person to edit one association's profile."""

    LANGUAGE_CHOICES = [("fi", _("Finnish")), ("sv", _("Swedish"))]

    email = forms.EmailField(label=_("Email"), help_text=_("Also the person's username."))
    first_name = forms.CharField(
        label=_("First name"), required=False, max_length=150, validators=[validate_visible_name]
    )
    last_name = forms.CharField(
        label=_("Last name"), required=False, max_length=150, validators=[validate_visible_name]
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[choice for choice in LANGUAGE_CHOICES if choice[0] in INVITATION_LANGUAGES],
        initial=ORIGINAL_LANGUAGE,
    )
