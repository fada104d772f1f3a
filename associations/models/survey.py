"""The annual association survey (yhdistyskysely): a Wagtail form-builder page addressed to associations.

Coordinators build the questions in the admin (any of Wagtail's field types), with an introduction, a last
day for answers and a thank-you text, and translate it with wagtail-localize like any page (labels, help
texts and choices are translated; field types and the answers' keys stay the same in both languages).

Associations answer without logging in. Every answer belongs to one association, chosen in the form or
fixed by a personal link (a signed token, `personal_link_token`). One answer per association per survey
counts: a later answer, in either language, becomes the current one and the earlier one is kept, marked
replaced (`is_current`, `replaced_by`). Only verified answers become current: those given through the
association's personal link or by a logged-in user who may edit the association's page. Anyone else's
answer is kept unverified (`is_verified`) and counts nowhere until a coordinator accepts it. Coordinators
see, accept and export the answers in Wagtail's form submissions view, and choose number questions whose
totals and distributions appear on the statistics page. Number answers are kept between 0 and 99,999.
"""

import logging

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from associations.models.directory import AssociationPage
from home.content_changes import content_changed
from home.public_forms import (
    HONEYPOT_FIELD,
    AccessibleFormMixin,
    HoneypotMixin,
    count_submission,
    is_rate_limited,
    too_many_submissions,
)
from home.visibility import representatives

logger = logging.getLogger(__name__)

TOKEN_SALT = "associations.survey.personal-link"
RATE_LIMIT_SCOPE = "survey"
ASSOCIATION_FIELD = "association"
TOKEN_FIELD = "token"
# Bounds of a number answer: no association counts members, volunteers or events in six figures, and a
# typo or a prank there would swamp the statistics' totals.
NUMBER_ANSWER_MIN = 0
NUMBER_ANSWER_MAX = 99_999


class SurveyFormField(TranslatableMixin, AbstractFormField):
    """One question of an association survey; translated with its page."""

    page = ParentalKey(
        "associations.AssociationSurveyPage", on_delete=models.CASCADE, related_name="form_fields"
    )
    show_in_statistics = models.BooleanField(
        _("show on the statistics page"),
        default=False,
        help_text=_(
            "Only for number questions: the total and distribution of the associations' current answers "
            "appear on the statistics page."
        ),
    )

    panels = [*AbstractFormField.panels, FieldPanel("show_in_statistics")]

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("show_in_statistics"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def clean(self):
        super().clean()
        if self.show_in_statistics and self.field_type != "number":
            raise ValidationError(
                {"show_in_statistics": _("Only number questions can be shown on the statistics page.")}
            )


class SurveySubmission(AbstractFormSubmission):
    """One association's answer to a survey. `survey_key` and `association_key` are the translation keys of
    the survey page and the association, so answers in Finnish and Swedish count as the same survey and the
    same association; of each association's verified answers only the latest is current. An unverified
    answer (no personal link, not an editor of the association) is never current until a coordinator
    accepts it."""

    survey_key = models.UUIDField(_("survey"), db_index=True)
    association_key = models.UUIDField(_("association key"))
    association = models.ForeignKey(
        AssociationPage,
        verbose_name=_("association"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="survey_submissions",
    )
    association_title = models.CharField(_("association name when answered"), max_length=255)
    is_current = models.BooleanField(_("current answer"), default=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced",
    )
    is_verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_(
            "Given through the association's personal link or by an editor of the association, or accepted "
            "by a coordinator. Only verified answers count."
        ),
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["survey_key", "association_key"],
                condition=Q(is_current=True),
                name="one_current_survey_answer_per_association",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(is_verified=True),
                name="current_survey_answer_is_verified",
            ),
        ]

    def __str__(self):
        return f"{self.association_title} ({self.submit_time:%Y-%m-%d %H:%M})"

    def get_data(self):
        return {
            **super().get_data(),
            ASSOCIATION_FIELD: self.association_title,
            "answer_status": str(self.status_label),
        }

    @property
    def status_label(self):
        if not self.is_verified:
            return _("unverified: waits for a coordinator's acceptance")
        return _("current") if self.is_current else _("replaced by a later answer")

    def make_current(self):
        """Save this (verified) answer as its association's current one; the earlier current answer is kept,
        marked replaced by this one. Statistics and the API cache follow at once (the content version
        moves)."""
        for attempt in range(2):
            try:
                with transaction.atomic():
                    earlier = list(
                        SurveySubmission.objects.select_for_update()
                        .filter(
                            survey_key=self.survey_key, association_key=self.association_key, is_current=True
                        )
                        .exclude(pk=self.pk)
                        .values_list("pk", flat=True)
                    )
                    SurveySubmission.objects.filter(pk__in=earlier).update(is_current=False)
                    self.is_verified = True
                    self.is_current = True
                    self.replaced_by = None
                    self.save()
                    SurveySubmission.objects.filter(pk__in=earlier).update(replaced_by=self)
                break
            except IntegrityError:
                # Another answer for the same association was stored at the same moment: replace it.
                if attempt:
                    raise
        transaction.on_commit(content_changed)

    def accept(self, user):
        """A coordinator accepts an unverified answer: it becomes the association's current answer."""
        self.accepted_by = user
        self.accepted_at = timezone.now()
        self.make_current()


def personal_link_token(survey, association):
    """The signed token of a personal link: it fixes the association in `survey`'s form (either language)."""
    return signing.dumps(
        {"s": str(survey.translation_key), "a": str(association.translation_key)}, salt=TOKEN_SALT
    )


class SurveyAnswerFormMixin:
    """What the survey's form adds to the questions: the association (first), the honeypot, and what the
    public form templates need (home.public_forms)."""

    def __init__(self, *args, association=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked_association = association
        if association is not None:
            choices = [(str(association.translation_key), association.title)]
        else:
            choices = [("", _("Choose your association")), *association_choices(self.page.locale)]
        field = forms.ChoiceField(
            label=_("Association"),
            choices=choices,
            # Only an answer through the personal link replaces the earlier one at once (see serve()).
            help_text=_("The association this answer is given for. A later answer replaces an earlier one.")
            if association is not None
            else _("The association this answer is given for."),
        )
        if association is not None:
            field.initial = str(association.translation_key)
            field.disabled = True
        self.fields = {ASSOCIATION_FIELD: field, **self.fields}
        # The form says that every field is required unless marked optional.
        for question in self.fields.values():
            if not question.required:
                question.help_text = f"{_('Optional.')} {question.help_text or ''}".strip()
        self.add_honeypot()

    def answers(self):
        """The answers to the questions, as stored (without the association and the honeypot)."""

        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (ASSOCIATION_FIELD, HONEYPOT_FIELD)
        }


def may_answer_for(user, association_key):
    """Whether `user` (logged in) may edit the page of the association with `association_key` (in any
    language): such a user's answer is verified without a personal link."""
    if user is None or not user.is_authenticated:
        return False
    return any(
        page.permissions_for_user(user).can_edit()
        for page in AssociationPage.objects.filter(translation_key=association_key)
    )


class SurveyFormBuilder(FormBuilder):
    """Wagtail's form builder, with number answers kept within sane bounds (an error next to the field)."""

    def create_number_field(self, field, options):
        return forms.DecimalField(min_value=NUMBER_ANSWER_MIN, max_value=NUMBER_ANSWER_MAX, **options)


def association_choices(locale):
    """(translation key, name) of every published association, named in `locale` where it is published in
    it, in name order."""
    named = dict(
        AssociationPage.objects.live().public().filter(locale=locale).values_list("translation_key", "title")
    )
    for key, title in (
        representatives(AssociationPage)
        .exclude(translation_key__in=list(named))
        .values_list("translation_key", "title")
    ):
        named[key] = title
    return sorted(((str(key), title) for key, title in named.items()), key=lambda item: item[1].casefold())


class AssociationSurveyPage(AbstractForm):
    """Yhdistyskysely: a survey addressed to the associations, built with Wagtail's form builder."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Who the survey is for, what it is used for and how long it takes."),
    )
    deadline = models.DateField(
        _("last day for answers"), help_text=_("Answers are taken until the end of this day (Finnish time).")
    )
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )

    content_panels = [
        *AbstractForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        FieldPanel("deadline"),
        InlinePanel("form_fields", label=_("Questions")),
        MultiFieldPanel([FieldPanel("thank_you_text")], heading=_("After answering")),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("introduction"),
        TranslatableField("thank_you_text"),
        TranslatableField("form_fields"),
        SynchronizedField("deadline"),
    ]

    form_builder = SurveyFormBuilder
    template = "associations/survey/association_survey_page.html"
    landing_page_template = "associations/survey/association_survey_page_landing.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("association survey")
        verbose_name_plural = _("association surveys")

    # --- what Wagtail's form builder asks of the page ------------------------------------------------------

    def get_form_class(self):

        questions = super().get_form_class()
        return type(
            "SurveyAnswerForm", (SurveyAnswerFormMixin, HoneypotMixin, AccessibleFormMixin, questions), {}
        )

    def get_submission_class(self):
        return SurveySubmission

    def get_submissions(self):
        # Both language versions of the survey share their answers.
        return SurveySubmission.objects.filter(survey_key=self.translation_key)

    def get_submissions_list_view_class(self):
        # associations.survey_views imports these models
        from associations.survey_views import SurveySubmissionsListView

        return SurveySubmissionsListView

    def get_data_fields(self):
        submit_time, *questions = super().get_data_fields()
        return [
            submit_time,
            (ASSOCIATION_FIELD, _("Association")),
            ("answer_status", _("Answer")),
            *questions,
        ]

    def process_form_submission(self, form):
        """Store the answer. A verified one (personal link, or an editor of the association) becomes the
        association's current answer, the earlier one kept and marked replaced; any other answer is kept
        unverified, replaces nothing and counts nowhere until a coordinator accepts it."""
        key = form.cleaned_data[ASSOCIATION_FIELD]
        association = self.association_page(key)
        submission = SurveySubmission(
            form_data=form.answers(),
            page=self,
            survey_key=self.translation_key,
            association_key=key,
            association=association,
            association_title=association.title if association else "",
        )
        if form.locked_association is not None or may_answer_for(form.user, key):
            submission.make_current()
        else:
            submission.is_current = False
            submission.is_verified = False
            submission.save()
            logger.info("Unverified survey answer %s stored for association %s", submission.pk, key)
        return submission

    # --- public page ----------------------------------------------------------------------------------

    def association_page(self, key):
        """The association's live page in this survey's language, else its first published version."""
        versions = AssociationPage.objects.live().filter(translation_key=key)
        return versions.filter(locale_id=self.locale_id).first() or versions.order_by("pk").first()

    def is_closed(self):
        return timezone.localdate() > self.deadline

    def association_from_token(self, token):
        """The association a personal link's token fixes, or None (no token, or not one of this survey)."""
        if not token:
            return None
        try:
            data = signing.loads(token, salt=TOKEN_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(data, dict) or data.get("s") != str(self.translation_key):
            return None
        return self.association_page(data.get("a"))

    def personal_link(self, association):
        return f"{self.full_url}?{TOKEN_FIELD}={personal_link_token(self, association)}"

    def personal_links(self):
        """(association page, personal link) of every published association in name order, the page chosen
        as association_page() does; for the admin's CSV download and `manage.py survey_links`."""
        keys = [key for key, _title in association_choices(self.locale)]
        pages = {}
        for page in AssociationPage.objects.live().filter(translation_key__in=keys).order_by("pk"):
            key = str(page.translation_key)
            chosen = pages.get(key)
            if chosen is None or (page.locale_id == self.locale_id and chosen.locale_id != self.locale_id):
                pages[key] = page
        return [(pages[key], self.personal_link(pages[key])) for key in keys if key in pages]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["closed"] = self.is_closed()
        return context

    def serve(self, request, *args, **kwargs):

        token = (request.POST if request.method == "POST" else request.GET).get(TOKEN_FIELD, "")
        association = self.association_from_token(token)
        context = self.get_context(request)
        context.update(
            {"token": token if association else "", "invalid_token": bool(token and not association)}
        )
        if context["closed"]:
            # After the last day nothing is stored; a late answer is told so (410 Gone).
            return TemplateResponse(
                request, self.get_template(request), context, status=410 if request.method == "POST" else 200
            )
        status = 200
        if request.method == "POST":
            if is_rate_limited(request, RATE_LIMIT_SCOPE):
                return too_many_submissions(request)
            form = self.get_form(
                request.POST, request.FILES, page=self, user=request.user, association=association
            )
            if form.honeypot_filled:
                # Not counted: behind one address a bot would use up the real visitors' limit.
                logger.info("Survey honeypot filled; nothing stored")
                return self.render_landing_page(request)
            if form.is_valid():
                count_submission(request, RATE_LIMIT_SCOPE)
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission)
            status = 400
        else:
            form = self.get_form(page=self, user=request.user, association=association)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)
