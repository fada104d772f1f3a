"""The structure of a programme as StreamField blocks: themes, their goals and the goals' actions.

One StreamField holds the whole structure so that editors add, edit and reorder everything in one
form, every change is one page revision, and wagtail-localize keeps the Swedish copy in the same
shape (block ids are shared by both languages; only the texts are translated). Statuses, years and
quarters are not text and always follow the Finnish original.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

MIN_YEAR = 2000
MAX_YEAR = 2100
QUARTERS = [
    ("1", _("Q1 (January–March)")),
    ("2", _("Q2 (April–June)")),
    ("3", _("Q3 (July–September)")),
    ("4", _("Q4 (October–December)")),
]

PROPOSED, AGREED, IN_PROGRESS, DONE, POSTPONED, CANCELLED = (
    "proposed",
    "agreed",
    "in_progress",
    "done",
    "postponed",
    "cancelled",
)
ACTION_STATUSES = [
    (PROPOSED, _("Proposed")),
    (AGREED, _("Agreed")),
    (IN_PROGRESS, _("In progress")),
    (DONE, _("Done")),
    (POSTPONED, _("Postponed")),
    (CANCELLED, _("Cancelled")),
]
TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class UntranslatedCharBlock(blocks.CharBlock):
    """A short text that is the same in every language (a person's name): wagtail-localize skips it."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


def _year(label, required=True):
    return blocks.IntegerBlock(label=label, required=required, min_value=MIN_YEAR, max_value=MAX_YEAR)


def _quarter(label):
    return blocks.ChoiceBlock(
        choices=QUARTERS,
        required=False,
        label=label,
        help_text=_("Leave empty if only the year is known."),
    )


class ProgressUpdateBlock(blocks.StructBlock):
    """One follow-up entry of an action; the list of them is the action's history."""

    date = blocks.DateBlock(label=_("Date"))
    text = blocks.TextBlock(label=_("What happened"), max_length=2000)
    status = blocks.ChoiceBlock(
        choices=ACTION_STATUSES,
        required=False,
        label=_("Status changed to"),
        help_text=_("Only if this update changes the action's status."),
    )
    author = UntranslatedCharBlock(label=_("Author"), max_length=120, required=False)

    class Meta:
        label = _("Progress update")
        icon = "date"


class ActionBlock(blocks.StructBlock):
    """A concrete action with a timetable, responsible parties, indicators and follow-up."""

    title = blocks.CharBlock(label=_("Action"), max_length=255)
    description = blocks.RichTextBlock(label=_("Description"), features=TEXT_FEATURES, required=False)
    start_year = _year(_("Start year"))
    start_quarter = _quarter(_("Start quarter"))
    end_year = _year(_("End year"))
    end_quarter = _quarter(_("End quarter"))
    status = blocks.ChoiceBlock(choices=ACTION_STATUSES, default=PROPOSED, label=_("Status"))
    responsible_associations = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="associations.AssociationPage", label=_("Association")),
        label=_("Responsible associations"),
        default=[],
        collapsed=False,
    )
    other_responsible = blocks.ListBlock(
        blocks.CharBlock(label=_("Organisation"), max_length=200),
        label=_("Other responsible organisations"),
        help_text=_("For example a municipality or the wellbeing services county."),
        default=[],
    )
    indicators = blocks.ListBlock(
        blocks.CharBlock(label=_("Indicator"), max_length=500),
        label=_("Indicators"),
        help_text=_("How we see that the action succeeded."),
        default=[],
    )
    updates = blocks.ListBlock(
        ProgressUpdateBlock(),
        label=_("Progress updates"),
        help_text=_("Add a new update rather than editing an old one: together they are the history."),
        default=[],
        collapsed=True,
    )

    class Meta:
        label = _("Action")
        icon = "tasks"
        form_classname = "programme-action"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        start = (value["start_year"], int(value["start_quarter"] or 1))
        end = (value["end_year"], int(value["end_quarter"] or 4))
        if end < start:
            errors["end_year"] = ValidationError(_("The action cannot end before it starts."))
        changes = sorted(
            (update["date"], index, update["status"])
            for index, update in enumerate(value["updates"])
            if update["status"]
        )
        if changes and changes[-1][2] != value["status"]:
            latest = changes[-1]
            errors["status"] = ValidationError(
                _(
                    "The latest progress update (%(date)s) changed the status to “%(status)s”. "
                    "Choose the same status here, or add a newer update."
                ),
                params={"date": latest[0].strftime("%d.%m.%Y"), "status": status_label(latest[2])},
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def status_label(status):
    return str(dict(ACTION_STATUSES).get(status, status))


class GoalBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Goal"), max_length=255)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=2000)
    actions = blocks.ListBlock(ActionBlock(), label=_("Actions"), default=[], collapsed=True)

    class Meta:
        label = _("Goal")
        icon = "crosshairs"


class ThemeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Theme"), max_length=255)
    introduction = blocks.RichTextBlock(label=_("Introduction"), features=TEXT_FEATURES, required=False)
    goals = blocks.ListBlock(GoalBlock(), label=_("Goals"), default=[], collapsed=True)

    class Meta:
        label = _("Theme")
        icon = "folder-open-inverse"


class ProgrammeStreamBlock(blocks.StreamBlock):
    theme = ThemeBlock()

    class Meta:
        collapsed = True
