"""The statistics page now belongs to the stats app (stats/migrations/0001 takes over its table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0004_survey_answer_verification"),
        ("stats", "0001_statistics_page_from_associations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="StatisticsPage")]),
    ]
