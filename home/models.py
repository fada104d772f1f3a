"""Home page, generic content pages and the site-wide settings editors maintain in the admin."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock, PartnerBlock, SocialLinkBlock
from home.indexing import FormsIndexedMixin, forms_fields, page_search_fields, stream_text
from home.preview import ConsumerPreviewMixin
from home.translation_links import TRANSLATIONS_FIELD, TranslationLinksMixin
from home.validators import phone_validator, postal_code_validator
from home.webhook_targets import TargetRefused, check_target


class PostalAddress(models.Model):
    """A street address with optional map coordinates: where an association meets, where an event is."""

    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        abstract = True


class ContentPage(ConsumerPreviewMixin, TranslationLinksMixin, FormsIndexedMixin, Page):
    """Fields shared by the home page and standard pages: a lead paragraph and a block body."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("A short lead paragraph shown above the content and in search results."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)

    search_fields = [
        *page_search_fields(),
        *forms_fields(),
        index.SearchField("introduction", boost=2),
        index.SearchField("body"),
    ]
    api_fields = [APIField("introduction"), APIField("body"), TRANSLATIONS_FIELD]
    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    # Texts are translated; the layout and chosen images and pages follow the Finnish original.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("introduction"),
        TranslatableField("body"),
        SynchronizedField("show_in_menus"),
    ]

    class Meta:
        abstract = True

    def search_texts(self):
        return [self.introduction, stream_text(self.body)]


class HomePage(ContentPage):
    """The front page of one language version of the site (one per language, linked as translations)."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "associations.AssociationIndexPage",
        "programme.ProgrammePage",
        "news.NewsIndexPage",
        "news.EventIndexPage",
        "stats.StatisticsPage",
        "associations.AssociationSurveyPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(ContentPage):
    """A generic content page: about the project, contact, accessibility statement and the like."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Organisation details shown in the footer, and links that appear on every page."""

    organisation_name_fi = models.CharField(_("organisation name in Finnish"), max_length=200)
    organisation_name_sv = models.CharField(_("organisation name in Swedish"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[postal_code_validator],
    )
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social media links"), blank=True
    )
    partners = StreamField(
        [("partner", PartnerBlock())], verbose_name=_("partner logos in the footer"), blank=True
    )
    newsletter_url = models.URLField(
        _("newsletter subscription address"),
        blank=True,
        help_text=_("Shown in the footer as a link for subscribing to the newsletter."),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The Finnish page; the footer links to its translation in Swedish."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name_fi"), FieldPanel("organisation_name_sv")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("post_office"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("social_links"),
        FieldPanel("partners"),
        FieldPanel("newsletter_url"),
        FieldPanel("accessibility_statement"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def organisation_name(self, language_code):
        """The organisation's name in the given language, falling back to Finnish."""
        if language_code == "sv" and self.organisation_name_sv:
            return self.organisation_name_sv
        return self.organisation_name_fi


def new_webhook_secret():
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A consumer's address that is told when pages are published or unpublished (see home/webhooks.py)."""

    name = models.CharField(_("name"), max_length=100, help_text=_("Whose site this is, e.g. Kuopio city."))
    url = models.URLField(
        _("address"), max_length=500, help_text=_("The consumer's HTTPS address for notifications.")
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_webhook_secret,
        help_text=_("Give this to the consumer: each notification is signed with it (HMAC-SHA256)."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("secret"), FieldPanel("active")]

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        # Refused here with a message next to the field, and checked again at each delivery (a name's
        # addresses can change after it was saved).
        if self.url:
            try:
                check_target(self.url)
            except TargetRefused as refusal:
                raise ValidationError({"url": str(refusal)}) from None


class WebhookDelivery(models.Model):
    """One notification to one endpoint, with its attempts: the delivery log coordinators see."""

    PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
    STATUS_CHOICES = [(PENDING, _("waiting")), (DELIVERED, _("delivered")), (FAILED, _("failed"))]

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    event = models.CharField(_("event"), max_length=50)
    payload = models.TextField(_("message"))
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_status = models.PositiveSmallIntegerField(_("answer status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.endpoint} · {self.event} · {self.get_status_display()}"
