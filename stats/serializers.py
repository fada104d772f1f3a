"""The answer of /api/v2/statistics/: the figures of stats/figures.py with stable keys.

The serializer describes the answer in the OpenAPI document and writes it from the cached figures
(home/serializers.py says how). Codes and slugs are the same in every language; names are in the
asked one.
"""

from rest_framework import serializers

from associations.serializers import ServiceLanguageField
from home.serializers import LocaleField, NumberField
from programme.serializers import ActionStatusField


class MunicipalityCountSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class MunicipalityAssociationsSerializer(MunicipalityCountSerializer):
    """Associations whose home municipality it is; an association with several categories is in several
    cells of by_category, so the cells need not add up to the count."""

    by_category = serializers.DictField(child=serializers.IntegerField(), help_text="By category slug.")
    without_category = serializers.IntegerField()


class TermCountSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class LanguageCountSerializer(serializers.Serializer):
    code = ServiceLanguageField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class DecadeCountSerializer(serializers.Serializer):
    decade = serializers.IntegerField(help_text="E.g. 1990 for 1990–1999.")
    count = serializers.IntegerField()


class ReportedTotalSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    associations_reporting = serializers.IntegerField()


class FreshnessSerializer(serializers.Serializer):
    checked_within_12_months = serializers.IntegerField()
    not_checked_within_12_months = serializers.IntegerField()
    share_checked = serializers.FloatField(min_value=0, max_value=1)
    percent_checked = serializers.FloatField(min_value=0, max_value=100)
    checked_since = serializers.DateField()


class AssociationFiguresSerializer(serializers.Serializer):
    """Each association counted once, however many language versions it has."""

    total = serializers.IntegerField()
    by_municipality = MunicipalityAssociationsSerializer(many=True)
    without_municipality = serializers.IntegerField()
    by_category = TermCountSerializer(many=True)
    without_category = serializers.IntegerField()
    by_target_group = TermCountSerializer(many=True)
    without_target_group = serializers.IntegerField()
    by_service_language = LanguageCountSerializer(many=True)
    by_founding_decade = DecadeCountSerializer(many=True)
    founding_year_not_given = serializers.IntegerField()
    members = ReportedTotalSerializer()
    volunteers = ReportedTotalSerializer()
    freshness = FreshnessSerializer()


class StatusCountSerializer(serializers.Serializer):
    status = ActionStatusField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class ThemeCountSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    count = serializers.IntegerField()


class YearCountSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    count = serializers.IntegerField()


class AssociationCountSerializer(serializers.Serializer):
    key = serializers.UUIDField(help_text="The association's translation key.")
    id = serializers.IntegerField(allow_null=True, help_text="Its page; null when it is not shown publicly.")
    title = serializers.CharField()
    count = serializers.IntegerField()


class ProgrammeFiguresSerializer(serializers.Serializer):
    """The actions of the published programmes, each counted once."""

    total = serializers.IntegerField()
    by_status = StatusCountSerializer(many=True)
    by_theme = ThemeCountSerializer(many=True)
    by_year = YearCountSerializer(many=True)
    by_association = AssociationCountSerializer(many=True, help_text="Actions by responsible association.")
    by_municipality = MunicipalityCountSerializer(
        many=True, help_text="Actions with a responsible association at home there."
    )


class QuestionSummarySerializer(serializers.Serializer):
    """A number question of a survey over the current answers; the figures are null without answers."""

    name = serializers.CharField()
    label = serializers.CharField()
    answers = serializers.IntegerField()
    total = NumberField()
    mean = NumberField(allow_null=True)
    min = NumberField(allow_null=True)
    q1 = NumberField(allow_null=True)
    median = NumberField(allow_null=True)
    q3 = NumberField(allow_null=True)
    max = NumberField(allow_null=True)


class SurveyFiguresSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    deadline = serializers.DateField()
    answers = serializers.IntegerField()
    questions = QuestionSummarySerializer(many=True)


class DownloadUrlsSerializer(serializers.Serializer):
    csv = serializers.URLField(required=False)
    xlsx = serializers.URLField(required=False)


class StatisticsMetaSerializer(serializers.Serializer):
    locale = LocaleField()
    computed_at = serializers.DateTimeField(help_text="When the figures were counted.")
    html_url = serializers.URLField(allow_null=True, help_text="The statistics page.")
    download_urls = DownloadUrlsSerializer(help_text="The figures as files; empty without a statistics page.")


class StatisticsSerializer(serializers.Serializer):
    meta = StatisticsMetaSerializer()
    associations = AssociationFiguresSerializer()
    programme = ProgrammeFiguresSerializer()
    surveys = SurveyFiguresSerializer(many=True)
