"""The newsletter: issues edited in the admin, subscribers with double opt-in, one delivery row per recipient.

Re-exported by news/models/__init__.py; sending, links and views are in news/newsletter/
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.blocks import RICH_TEXT_FEATURES

LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish"))]


def new_key():
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """A newsletter subscriber. Counts only once the address is confirmed (double opt-in).

    Interests are category slugs and municipality codes (the same in both languages); none means
    everything. `key` is part of every signed link, so a deleted and re-added address gets new links.
    """

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGES, default="fi")
    categories = models.JSONField(_("interests: categories"), default=list, blank=True)
    municipalities = models.JSONField(_("interests: municipalities"), default=list, blank=True)
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]
        indexes = [models.Index(fields=["language", "confirmed_at"])]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def wants(self, issue_categories, issue_municipalities):
        """Whether an issue about these categories and municipalities is for this subscriber."""
        if not self.categories and not self.municipalities:
            return True
        if not issue_categories and not issue_municipalities:
            return True
        return bool(set(self.categories) & set(issue_categories)) or bool(
            set(self.municipalities) & set(issue_municipalities)
        )


class NewsletterIssue(TranslatableMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """One issue of the newsletter in one language; translate it with wagtail-localize for the other."""

    subject = models.CharField(_("subject"), max_length=150)
    introduction = models.TextField(_("introduction"), blank=True, max_length=2000)
    content = StreamField(
        [
            ("news", blocks.PageChooserBlock(page_type="news.NewsPage", label=_("News item"))),
            ("event", blocks.PageChooserBlock(page_type="news.EventPage", label=_("Event"))),
            ("heading", blocks.CharBlock(label=_("Heading"), max_length=120)),
            ("text", blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)),
        ],
        verbose_name=_("content"),
        blank=True,
        help_text=_("Choose news and events and add your own texts, in the order they appear in the email."),
    )
    topic_categories = ParentalManyToManyField(
        "associations.Category",
        blank=True,
        verbose_name=_("categories"),
        help_text=_("Subscribers who chose other categories only do not get this issue. Empty: everyone."),
    )
    topic_municipalities = ParentalManyToManyField(
        "associations.Municipality",
        blank=True,
        verbose_name=_("municipalities"),
        help_text=_(
            "Subscribers who chose other municipalities only do not get this issue. Empty: everyone."
        ),
    )
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True, editable=False)
    send_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )

    panels = [
        FieldPanel("subject"),
        FieldPanel("introduction"),
        FieldPanel("content"),
        MultiFieldPanel(
            [FieldPanel("topic_categories"), FieldPanel("topic_municipalities")],
            heading=_("Who gets it"),
        ),
    ]
    search_fields = [index.SearchField("subject"), index.AutocompleteField("subject")]
    # The texts are translated; the chosen pages become their translations, the topics are shared.
    translatable_fields = [
        TranslatableField("subject"),
        TranslatableField("introduction"),
        TranslatableField("content"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-pk"]

    def __str__(self):
        return self.subject

    def get_preview_template(self, request, mode_name):
        return "news/newsletter/email.html"

    def get_preview_context(self, request, mode_name):
        # news.newsletter.sending imports these models
        from news.newsletter.sending import email_context

        return email_context(
            self, unsubscribe_url="#", preferences_url="#", base_url=request.build_absolute_uri("/")
        )

    def topic_keys(self):
        """(category slugs, municipality codes) of the issue's topics."""
        return (
            sorted({term.slug for term in self.topic_categories.all()}),
            sorted({term.code for term in self.topic_municipalities.all()}),
        )


class NewsletterDelivery(models.Model):
    """One recipient of one issue. The row is claimed (`sending`) before the message goes out and marked
    `sent` after, so a rerun never sends to the same subscriber twice."""

    PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
    STATUSES = [
        (PENDING, _("Waiting")),
        (SENDING, _("Being sent or interrupted")),
        (SENT, _("Sent")),
        (FAILED, _("Failed")),
    ]

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_once")
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self):
        return f"{self.issue} → {self.subscriber}: {self.status}"
