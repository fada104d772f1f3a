"""The structure of a programme as StreamField blocks: themes, their goals and the goals' actions.

One StreamField holds the whole structure so that editors add, edit and reorder everything in one
form, every change is one page revision, and wagtail-localize keeps the Swedish copy in the same
shape (block ids are shared by both languages; only the texts are translated). Statuses, years and
quarters are not text and always follow the Finnish original.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

MIN_YEAR = 2000
MAX_YEAR = 2100
QUARTERS = [
    ("1", pgettext_lazy("programme", "Q1 (January–March)")),
    ("2", pgettext_lazy("programme", "Q2 (April–June)")),
    ("3", pgettext_lazy("programme", "Q3 (July–September)")),
    ("4", pgettext_lazy("programme", "Q4 (October–December)")),
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
    (PROPOSED, pgettext_lazy("programme", "Proposed")),
    (AGREED, pgettext_lazy("programme", "Agreed")),
    (IN_PROGRESS, pgettext_lazy("programme", "In progress")),
    (DONE, pgettext_lazy("programme", "Done")),
    (POSTPONED, pgettext_lazy("programme", "Postponed")),
    (CANCELLED, pgettext_lazy("programme", "Cancelled")),
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
        help_text=pgettext_lazy("programme", "Leave empty if only the year is known."),
    )


class ProgressUpdateBlock(blocks.StructBlock):
    """One follow-up entry of an action; the list of them is the action's history."""

    date = blocks.DateBlock(label=pgettext_lazy("programme", "Date"))
    text = blocks.TextBlock(label=pgettext_lazy("programme", "What happened"), max_length=2000)
    status = blocks.ChoiceBlock(
        choices=ACTION_STATUSES,
        required=False,
        label=pgettext_lazy("programme", "Status changed to"),
        help_text=pgettext_lazy("programme", "Only if this update changes the action's status."),
    )
    author = UntranslatedCharBlock(label=pgettext_lazy("programme", "Author"), max_length=120, required=False)

    class Meta:
        label = pgettext_lazy("programme", "Progress update")
        icon = "date"


class ActionBlock(blocks.StructBlock):
    """A concrete action with a timetable, responsible parties, indicators and follow-up."""

    title = blocks.CharBlock(label=pgettext_lazy("programme", "Action"), max_length=255)
    description = blocks.RichTextBlock(
        label=pgettext_lazy("programme", "Description"), features=TEXT_FEATURES, required=False
    )
    start_year = _year(pgettext_lazy("programme", "Start year"))
    start_quarter = _quarter(pgettext_lazy("programme", "Start quarter"))
    end_year = _year(pgettext_lazy("programme", "End year"))
    end_quarter = _quarter(pgettext_lazy("programme", "End quarter"))
    status = blocks.ChoiceBlock(
        choices=ACTION_STATUSES, default=PROPOSED, label=pgettext_lazy("programme", "Status")
    )
    responsible_associations = blocks.ListBlock(
        blocks.PageChooserBlock(
            page_type="associations.AssociationPage", label=pgettext_lazy("programme", "Association")
        ),
        label=pgettext_lazy("programme", "Responsible associations"),
        default=[],
        collapsed=False,
    )
    other_responsible = blocks.ListBlock(
        blocks.CharBlock(label=pgettext_lazy("programme", "Organisation"), max_length=200),
        label=pgettext_lazy("programme", "Other responsible organisations"),
        help_text=pgettext_lazy("programme", "For example a municipality or the wellbeing services county."),
        default=[],
    )
    indicators = blocks.ListBlock(
        blocks.CharBlock(label=pgettext_lazy("programme", "Indicator"), max_length=500),
        label=pgettext_lazy("programme", "Indicators"),
        help_text=pgettext_lazy("programme", "How we see that the action succeeded."),
        default=[],
    )
    updates = blocks.ListBlock(
        ProgressUpdateBlock(),
        label=pgettext_lazy("programme", "Progress updates"),
        help_text=pgettext_lazy(
            "programme", "Add a new update rather than editing an old one: together they are the history."
        ),
        default=[],
        collapsed=True,
    )

    class Meta:
        label = pgettext_lazy("programme", "Action")
        icon = "tasks"
        form_classname = "programme-action"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        start = (value["start_year"], int(value["start_quarter"] or 1))
        end = (value["end_year"], int(value["end_quarter"] or 4))
        if end < start:
            errors["end_year"] = ValidationError(
                pgettext_lazy("programme", "The action cannot end before it starts.")
            )
        changes = sorted(
            (update["date"], index, update["status"])
            for index, update in enumerate(value["updates"])
            if update["status"]
        )
        if changes and changes[-1][2] != value["status"]:
            latest = changes[-1]
            errors["status"] = ValidationError(
                pgettext_lazy(
                    "programme",
                    "The latest progress update (%(date)s) changed the status to “%(status)s”. "
                    "Choose the same status here, or add a newer update.",
                ),
                params={"date": latest[0].strftime("%d.%m.%Y"), "status": status_label(latest[2])},
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def status_label(status):
    return str(dict(ACTION_STATUSES).get(status, status))


class GoalBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=pgettext_lazy("programme", "Goal"), max_length=255)
    description = blocks.TextBlock(
        label=pgettext_lazy("programme", "Description"), required=False, max_length=2000
    )
    actions = blocks.ListBlock(
        ActionBlock(), label=pgettext_lazy("programme", "Actions"), default=[], collapsed=True
    )

    class Meta:
        label = pgettext_lazy("programme", "Goal")
        icon = "crosshairs"


class ThemeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=pgettext_lazy("programme", "Theme"), max_length=255)
    introduction = blocks.RichTextBlock(
        label=pgettext_lazy("programme", "Introduction"), features=TEXT_FEATURES, required=False
    )
    goals = blocks.ListBlock(
        GoalBlock(), label=pgettext_lazy("programme", "Goals"), default=[], collapsed=True
    )

    class Meta:
        label = pgettext_lazy("programme", "Theme")
        icon = "folder-open-inverse"


class ProgrammeStreamBlock(blocks.StreamBlock):
    theme = ThemeBlock()

    class Meta:
        collapsed = True
