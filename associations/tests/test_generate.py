"""Fake associations: generate_rows and the generate_associations command."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from associations.generator import LATITUDE_RANGE, LONGITUDE_RANGE, generate_rows
from associations.importer import COLUMNS, AssociationImporter, rows_from_dicts
from associations.models import AssociationPage, TargetGroup
from associations.ytunnus import validate_business_id


def test_same_seed_gives_the_same_rows():
    assert generate_rows(20, seed=5) == generate_rows(20, seed=5)
    assert generate_rows(20, seed=5) != generate_rows(20, seed=6)


def test_rows_look_like_associations_of_pohjois_savo():
    rows = generate_rows(500, seed=1)

    assert len(rows) == 500
    assert len({(row["name_fi"], row["municipality"]) for row in rows}) == 500
    for row in rows:
        assert set(COLUMNS) <= set(row)
        assert row["name_fi"].endswith(" ry") and row["name_sv"].endswith(" rf")
        if row["business_id"]:
            validate_business_id(row["business_id"])
        assert LATITUDE_RANGE[0] <= float(row["latitude"]) <= LATITUDE_RANGE[1]
        assert LONGITUDE_RANGE[0] <= float(row["longitude"]) <= LONGITUDE_RANGE[1]
        assert 1 <= len(row["activities"]) <= 3
        assert len(row["activities_sv"]) == len(row["activities"])
    assert len({row["municipality"] for row in rows}) > 19  # codes and names, all municipalities
    assert len({row["categories"] for row in rows}) > 10


@pytest.mark.django_db
def test_generated_rows_pass_the_importers_validation(association_index):
    report = AssociationImporter().run(rows_from_dicts(generate_rows(300, seed=2)), dry_run=True)
    assert report.errors == []
    assert report.created == 300


@pytest.mark.django_db
def test_command_creates_bilingual_associations_with_activities(
    association_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_associations", 3, seed=11, stdout=io.StringIO(), stderr=io.StringIO())

    finnish = AssociationPage.objects.filter(locale__language_code="fi", live=True)
    swedish = AssociationPage.objects.filter(locale__language_code="sv", live=True)
    assert finnish.count() == 3 and swedish.count() == 3
    target_groups = set(TargetGroup.objects.filter(locale__language_code="fi").values_list("pk", flat=True))
    for page in finnish:
        assert 1 <= len(page.activities) <= 3
        for activity in page.activities.raw_data:
            value = activity["value"]
            assert activity["type"] == "activity"
            assert value["weekdays"] and value["start_time"] < value["end_time"]
            assert value["target_group"] is None or value["target_group"] in target_groups
        sv = swedish.get(translation_key=page.translation_key)
        assert sv.title.endswith(" rf")
        assert [a["value"]["title"] for a in sv.activities.raw_data] != [
            a["value"]["title"] for a in page.activities.raw_data
        ]

    # The same seed again: the associations are already there and are skipped.
    stdout = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_associations", 3, seed=11, stdout=stdout, stderr=io.StringIO())
    assert AssociationPage.objects.filter(locale__language_code="fi").count() == 3


@pytest.mark.django_db
def test_command_needs_a_positive_count(association_index):
    with pytest.raises(CommandError):
        call_command("generate_associations", 0)
