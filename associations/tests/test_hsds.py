"""The directory in Open Referral HSDS 3.0 shape under /api/hsds/."""

import uuid

import pytest

from associations.generator import generate_rows
from associations.importer import AssociationImporter, rows_from_dicts
from associations.models import AssociationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(association_index, django_capture_on_commit_callbacks, run_worker):
    with django_capture_on_commit_callbacks(execute=True):
        report = AssociationImporter().run(rows_from_dicts(generate_rows(5, seed=21)))
    assert report.created == 5
    run_worker()  # the Swedish translations
    return AssociationPage.objects.filter(locale__language_code="fi").order_by("title")


def test_root_names_version_and_publisher(client):
    body = client.get("/api/hsds/").json()
    assert body["version"].startswith("3.0")
    assert body["publisher"]["name"] and body["endpoints"]["organizations"].endswith(
        "/api/hsds/organizations/"
    )


def test_organizations_with_identifiers_locations_and_terms(client, imported):
    body = client.get("/api/hsds/organizations/", {"per_page": 2}).json()
    assert body["total_items"] == 5 and body["total_pages"] == 3 and body["size"] == 2
    assert body["first_page"] and not body["last_page"]
    first = body["contents"][0]
    page = imported.first()
    assert first["id"] == str(page.translation_key) and first["name"] == page.title
    uuid.UUID(first["id"])
    identifiers = {
        item["identifier_scheme"]: item["identifier"] for item in first["organization_identifiers"]
    }
    if page.business_id:
        assert identifiers["FI:PRH:YTUNNUS"] == page.business_id
    assert first["locations"][0]["addresses"][0]["country"] == "FI"
    taxonomies = {item["taxonomy_term"]["taxonomy"] for item in first["attributes"]}
    assert "municipality" in taxonomies
    detail = client.get(f"/api/hsds/organizations/{first['id']}").json()
    assert detail == first


def test_swedish_organizations_share_ids_and_use_swedish_names(client, imported):
    finnish = client.get("/api/hsds/organizations/", {"locale": "fi"}).json()["contents"]
    swedish = client.get("/api/hsds/organizations/", {"locale": "sv"}).json()["contents"]
    assert swedish and {item["id"] for item in swedish} <= {item["id"] for item in finnish}
    assert all(
        item["attributes"][0]["taxonomy_term"]["language"] == "sv" for item in swedish if item["attributes"]
    )


def test_services_from_recurring_activities(client, imported):
    expected = sum(len(page.activities) for page in imported)
    body = client.get("/api/hsds/services/", {"per_page": 100}).json()
    assert body["total_items"] == expected > 0
    service = body["contents"][0]
    assert service["status"] == "active" and service["schedules"][0]["freq"] == "WEEKLY"
    assert client.get(f"/api/hsds/services/{service['id']}").json()["id"] == service["id"]


def test_taxonomy_terms_and_errors(client):
    terms = client.get("/api/hsds/taxonomy_terms/", {"per_page": 100}).json()
    assert terms["total_items"] == 19 + 15 + 10
    assert client.get("/api/hsds/organizations/", {"page": "0"}).status_code == 400
    assert client.get("/api/hsds/organizations/", {"locale": "de"}).status_code == 404
    assert client.get("/api/hsds/organizations/not-a-uuid").status_code == 400
    missing = client.get(f"/api/hsds/organizations/{uuid.uuid4()}")
    assert missing.status_code == 404 and missing.json()["message"]
