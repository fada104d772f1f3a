"""Public forms of the newsletter: subscribe, and change preferences from a link."""

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.directory import TaxonomyNames
from home.public_forms import AccessibleFormMixin, HoneypotMixin
from news.models.newsletter import LANGUAGES


def interest_choices(locale):
    """Categories and municipalities in the visitor's language: (slug or code, name)."""
    names = TaxonomyNames.cached(locale)
    return names.category_choices, names.municipality_choices


class PreferencesForm(AccessibleFormMixin, forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=LANGUAGES, widget=forms.RadioSelect
    )
    categories = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get every issue."),
    )
    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get every issue."),
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        categories, municipalities = interest_choices(locale)
        self.fields["categories"].choices = categories
        self.fields["municipalities"].choices = municipalities


class SubscribeForm(HoneypotMixin, PreferencesForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    consent = forms.BooleanField(
        label=_(
            "I want to receive the newsletter. I can unsubscribe at any time from a link in every email."
        ),
        error_messages={"required": _("Tick the box to show you want the newsletter.")},
    )
    field_order = ["email", "language", "categories", "municipalities", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
