"""The answers of /api/v2/programmes/: programmes with their themes, goals and actions nested.

Each serializer describes an answer in the OpenAPI document and writes it from the values the view
computed (home/serializers.py says how).
"""

from rest_framework import serializers

from home.serializers import (
    ListingMetaSerializer,
    LocaleField,
    OffsetDateTimeField,
    PageLinkSerializer,
    TranslationLinkSerializer,
    choice_component,
    constant,
)
from programme.blocks import ACTION_STATUSES
from programme.models import ProgrammeStatus

ActionStatusField = choice_component("ActionStatus", ACTION_STATUSES)
ProgrammeStatusField = choice_component("ProgrammeStatus", ProgrammeStatus.values)


class ScheduleSerializer(serializers.Serializer):
    """Years with optional quarters; a missing quarter means the whole year."""

    start_year = serializers.IntegerField()
    start_quarter = serializers.IntegerField(allow_null=True, min_value=1, max_value=4)
    end_year = serializers.IntegerField()
    end_quarter = serializers.IntegerField(allow_null=True, min_value=1, max_value=4)
    label = serializers.CharField(help_text="E.g. Q1/2025–2026.")


class ResponsibleSerializer(serializers.Serializer):
    associations = PageLinkSerializer(many=True)
    others = serializers.ListField(
        child=serializers.CharField(), help_text="Other responsible parties by name."
    )


class UpdateSerializer(serializers.Serializer):
    """A follow-up note on an action."""

    date = serializers.DateField()
    text = serializers.CharField()
    status = ActionStatusField(allow_null=True, help_text="The status it reported.")
    author = serializers.CharField()


class ActionSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The same in every language.")
    number = serializers.CharField(help_text="E.g. 1.2.3.")
    title = serializers.CharField()
    description = serializers.CharField(help_text="HTML.")
    schedule = ScheduleSerializer()
    status = ActionStatusField()
    status_label = serializers.CharField(help_text="The status in the programme's language.")
    responsible = ResponsibleSerializer()
    indicators = serializers.ListField(child=serializers.CharField())
    updates = UpdateSerializer(many=True, help_text="Newest first.")


class GoalSerializer(serializers.Serializer):
    id = serializers.CharField()
    number = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    actions = ActionSerializer(many=True)


class ThemeSerializer(serializers.Serializer):
    id = serializers.CharField()
    number = serializers.CharField()
    title = serializers.CharField()
    introduction = serializers.CharField(help_text="HTML.")
    goals = GoalSerializer(many=True)


class ExportUrlsSerializer(serializers.Serializer):
    csv = serializers.URLField(required=False)
    xlsx = serializers.URLField(required=False)


class ProgrammeMetaSerializer(serializers.Serializer):
    type = constant("programme.ProgrammePage")
    html_url = serializers.URLField(allow_null=True)
    timeline_url = serializers.URLField(allow_null=True)
    export_urls = ExportUrlsSerializer(help_text="The actions as files; empty when the page has no address.")
    locale = LocaleField()
    last_published_at = OffsetDateTimeField(allow_null=True)
    matching_actions = serializers.IntegerField(help_text="Actions that match the filters.")


class PeriodSerializer(serializers.Serializer):
    """The first and last year of the programme."""

    start = serializers.IntegerField()
    end = serializers.IntegerField()


class ProgressSerializer(serializers.Serializer):
    """Progress of all the programme's actions, whatever the filters."""

    total = serializers.IntegerField()
    done = serializers.IntegerField()
    share_done = serializers.FloatField(min_value=0, max_value=1)
    by_status = serializers.DictField(child=serializers.IntegerField(), help_text="Actions by status.")


class ProgrammeSerializer(serializers.Serializer):
    """A programme with its themes → goals → actions (only the actions matching the filters)."""

    id = serializers.IntegerField()
    meta = ProgrammeMetaSerializer()
    title = serializers.CharField()
    period = PeriodSerializer()
    status = ProgrammeStatusField()
    approval_date = serializers.DateField(allow_null=True)
    introduction = serializers.CharField(help_text="HTML.")
    progress = ProgressSerializer()
    themes = ThemeSerializer(many=True)
    translations = TranslationLinkSerializer(many=True)


class ProgrammeListingSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = ProgrammeSerializer(many=True)
