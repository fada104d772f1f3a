"""The regional association programme (yhdistysohjelma): a page per programme period.

`ProgrammePage` holds its themes, goals and actions in one StreamField (programme/blocks.py), so the
whole programme is edited, reordered, revised and translated as one page. `ProgrammeAction` is a
read-only copy of the published actions, one row per action and language, for questions that cross
programmes: which actions an association is responsible for, and statistics.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.indexing import FormsIndexedMixin, forms_fields, page_search_fields
from home.preview import ConsumerPreviewMixin
from home.translation_links import TRANSLATIONS_FIELD, TranslationLinksMixin
from programme.blocks import (
    ACTION_STATUSES,
    MAX_YEAR,
    MIN_YEAR,
    TEXT_FEATURES,
    ProgrammeStreamBlock,
    status_label,
)
from programme.exports import csv_response, xlsx_response
from programme.forms import ProgrammeFilterForm
from programme.structure import Programme, Schedule

# The timeline has a column per quarter; its stylesheet has classes for at most this many years.
MAX_PERIOD_YEARS = 12
TIMELINE_SLUGS = {"fi": "aikajana", "sv": "tidslinje"}


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("programme", "Draft")
    APPROVED = "approved", pgettext_lazy("programme", "Approved")
    ARCHIVED = "archived", pgettext_lazy("programme", "Archived")


class ProgrammePage(RoutablePageMixin, ConsumerPreviewMixin, TranslationLinksMixin, FormsIndexedMixin, Page):
    """One programme period: themes → goals → actions, with a timeline, progress and exports."""

    period_start = models.PositiveSmallIntegerField(
        pgettext_lazy("programme", "first year"),
        help_text=pgettext_lazy("programme", "The first year of the programme period."),
    )
    period_end = models.PositiveSmallIntegerField(
        pgettext_lazy("programme", "last year"),
        help_text=pgettext_lazy("programme", "The last year of the period."),
    )
    status = models.CharField(
        pgettext_lazy("programme", "programme status"),
        max_length=20,
        choices=ProgrammeStatus.choices,
        default=ProgrammeStatus.DRAFT,
    )
    approval_date = models.DateField(pgettext_lazy("programme", "approval date"), null=True, blank=True)
    introduction = RichTextField(
        pgettext_lazy("programme", "introduction"), features=TEXT_FEATURES, blank=True
    )
    themes = StreamField(
        ProgrammeStreamBlock(),
        verbose_name=pgettext_lazy("programme", "themes, goals and actions"),
        blank=True,
        help_text=pgettext_lazy(
            "programme", "Add themes; inside each theme its goals, and inside each goal its actions."
        ),
    )

    search_fields = [
        *page_search_fields(),
        *forms_fields(),
        index.SearchField("introduction", boost=2),
        index.FilterField("status"),
    ]
    api_fields = [
        APIField("period_start"),
        APIField("period_end"),
        APIField("status"),
        APIField("approval_date"),
        APIField("introduction"),
        APIField("themes"),
        TRANSLATIONS_FIELD,
    ]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("approval_date")]),
            ],
            heading=pgettext_lazy("programme", "Period and status"),
        ),
        FieldPanel("introduction"),
        FieldPanel("themes"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("introduction"),
        TranslatableField("themes"),
        SynchronizedField("period_start"),
        SynchronizedField("period_end"),
        SynchronizedField("status"),
        SynchronizedField("approval_date"),
        SynchronizedField("show_in_menus"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = pgettext_lazy("programme", "association programme")
        verbose_name_plural = pgettext_lazy("programme", "association programmes")

    def clean(self):
        super().clean()
        errors = {}
        for name in ("period_start", "period_end"):
            year = getattr(self, name)
            if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
                errors[name] = pgettext_lazy("programme", "Give a year between %(min)s and %(max)s.") % {
                    "min": MIN_YEAR,
                    "max": MAX_YEAR,
                }
        if not errors and self.period_start and self.period_end:
            if self.period_end < self.period_start:
                errors["period_end"] = pgettext_lazy(
                    "programme", "The last year cannot be before the first year."
                )
            elif self.period_end - self.period_start + 1 > MAX_PERIOD_YEARS:
                errors["period_end"] = pgettext_lazy(
                    "programme", "A programme period can be at most %(years)s years."
                ) % {"years": MAX_PERIOD_YEARS}
        if self.status == ProgrammeStatus.APPROVED and not self.approval_date:
            errors["approval_date"] = pgettext_lazy(
                "programme", "An approved programme needs its approval date."
            )
        if errors:
            raise ValidationError(errors)

    # --- search -----------------------------------------------------------------------------------

    def search_texts(self):
        texts = [self.introduction]
        for theme in Programme.from_page(self).themes:
            texts += [theme.title, theme.introduction]
            for goal in theme.goals:
                texts += [goal.title, goal.description]
                for action in goal.actions:
                    texts += [action.title, action.description, *action.indicators, *action.other_responsible]
        return texts

    # --- public pages -------------------------------------------------------------------------------

    def programme(self):
        if not hasattr(self, "_programme"):
            self._programme = Programme.from_page(self)
        return self._programme

    def timeline_url(self):
        return self.url + self.reverse_subpage(f"timeline_{self.locale.language_code}")

    def filter_form(self, request):
        return ProgrammeFilterForm(request.GET or None, programme=self.programme())

    def filtered(self, request):
        """The programme narrowed by the query string's filters, and the form (None if they are invalid)."""
        form = self.filter_form(request)
        if form.is_bound and not form.is_valid():
            return None, form
        return self.programme().filtered(**form.filters()), form

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programme, form = self.filtered(request)
        whole = self.programme()
        context.update(
            {
                "programme": programme if programme is not None else whole.filtered(status="-"),
                "invalid_filters": programme is None,
                "whole": whole,
                "progress": whole.progress(),
                "filter_form": form,
                "filtered": bool(form.is_bound and form.filters_used()),
                "query_string": request.GET.urlencode(),
                "statuses": ACTION_STATUSES,
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Filters that do not validate (a hand-edited URL) are a 400, with the form showing why.
        if (getattr(response, "context_data", None) or {}).get("invalid_filters"):
            response.status_code = 400
        return response

    @path("aikajana/", name="timeline_fi")
    def timeline_fi(self, request):
        return self.timeline_view(request, "fi")

    @path("tidslinje/", name="timeline_sv")
    def timeline_sv(self, request):
        return self.timeline_view(request, "sv")

    def timeline_view(self, request, language):
        """The actions on a year/quarter grid, with the same filters as the programme page."""
        if self.locale.language_code != language:
            raise Http404
        context = self.get_context(request)
        context.update({"timeline": context["programme"].timeline(), "timeline_page": True})
        return TemplateResponse(request, "programme/programme_timeline.html", context)

    @re_path(r"^export/(?P<extension>csv|xlsx)/$", name="export")
    def export_view(self, request, extension):
        programme, form = self.filtered(request)
        if programme is None:
            errors = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items())
            return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
        respond = csv_response if extension == "csv" else xlsx_response
        return respond(programme, f"{self.slug}-{self.locale.language_code}.{extension}")


class ProgrammeAction(models.Model):
    """A published programme action in one language, copied from the live page for cross-programme queries.

    Rebuilt whenever a programme page is published and removed when it is unpublished or deleted
    (programme/signal_handlers.py); `manage.py rebuild_programme_actions` rebuilds every programme.
    """

    programme = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="action_rows")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    action_id = models.CharField(
        max_length=64, help_text="The StreamField block id, the same in every language."
    )
    number = models.CharField(max_length=20)
    position = models.PositiveIntegerField()
    theme_id = models.CharField(max_length=64)
    theme_title = models.CharField(max_length=255)
    goal_id = models.CharField(max_length=64)
    goal_title = models.CharField(max_length=255)
    title = models.CharField(max_length=255)
    status = models.CharField(max_length=20, choices=ACTION_STATUSES)
    start_year = models.PositiveSmallIntegerField()
    start_quarter = models.PositiveSmallIntegerField(null=True)
    end_year = models.PositiveSmallIntegerField()
    end_quarter = models.PositiveSmallIntegerField(null=True)

    class Meta:
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "action_id"], name="programme_action_once_per_page")
        ]
        indexes = [models.Index(fields=["locale", "status"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def schedule(self):
        return Schedule(self.start_year, self.start_quarter, self.end_year, self.end_quarter)

    def get_status_display_label(self):
        return status_label(self.status)


class ProgrammeActionParty(models.Model):
    """A responsible association of a `ProgrammeAction`, by the translation key its pages share."""

    action = models.ForeignKey(ProgrammeAction, on_delete=models.CASCADE, related_name="parties")
    association_key = models.UUIDField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "association_key"], name="programme_party_once_per_action"
            )
        ]

    def __str__(self):
        return f"{self.action}: {self.association_key}"
