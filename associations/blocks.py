"""Blocks of the association profile: recurring activities."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

WEEKDAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]


class ActivityBlock(blocks.StructBlock):
    """A recurring activity: a weekly group, a club evening, a peer support meeting."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    weekdays = blocks.MultipleChoiceBlock(label=_("Weekdays"), choices=WEEKDAYS, required=False)
    start_time = blocks.TimeBlock(label=_("Starts at"), required=False)
    end_time = blocks.TimeBlock(label=_("Ends at"), required=False)
    place = blocks.CharBlock(label=_("Place"), required=False, max_length=200)
    target_group = SnippetChooserBlock("associations.TargetGroup", label=_("Target group"), required=False)

    class Meta:
        icon = "date"
        label = _("Recurring activity")
        template = "associations/blocks/activity.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        labels = dict(WEEKDAYS)
        context["weekday_names"] = [str(labels[day]) for day in value.get("weekdays") or [] if day in labels]
        return context

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_time"), value.get("end_time")
        if start and end and end <= start:
            raise StructBlockValidationError(
                block_errors={"end_time": ValidationError(_("The activity must end after it starts."))}
            )
        return value
