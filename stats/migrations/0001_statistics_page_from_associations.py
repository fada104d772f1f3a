"""The statistics page moves from the associations app to this one, with its pages and history.

Only Django's idea of which app owns the model changes: the table is renamed, and the content type row
(which every statistics page, its revisions and its translation sources point to by id) gets the new app
label, so existing pages keep working and nothing is copied.
"""

import django.db.models.deletion
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models

import home.translation_links


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    page = apps.get_model("wagtailcore", "Page")
    # A server of the new code that answered before this migration ran has already added an empty row under
    # the new label (ContentType.objects.get_for_model does that); the old row, which the pages point to,
    # takes its place. A row that pages point to is never removed.
    early = content_type.objects.filter(app_label="stats", model="statisticspage")
    if content_type.objects.filter(app_label="associations", model="statisticspage").exists():
        if page.objects.filter(content_type__in=early).exists():
            raise RuntimeError(
                "Both associations.statisticspage and stats.statisticspage have pages: merge them by hand."
            )
        early.delete()
    content_type.objects.filter(app_label="associations", model="statisticspage").update(app_label="stats")


def move_content_type_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="stats", model="statisticspage").update(app_label="associations")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("associations", "0004_survey_answer_verification"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StatisticsPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "introduction",
                            models.TextField(
                                blank=True,
                                help_text="What the figures are for and where they come from, in a few sentences.",
                                max_length=1000,
                                verbose_name="introduction",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "statistics page",
                        "verbose_name_plural": "statistics pages",
                        "db_table": "associations_statisticspage",
                    },
                    bases=(
                        wagtail.contrib.routable_page.models.RoutablePageMixin,
                        home.translation_links.TranslationLinksMixin,
                        "wagtailcore.page",
                        models.Model,
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.AlterModelTable(name="statisticspage", table=None),
    ]
