"""Taxonomy endpoints: municipalities, categories and target groups in both languages."""

import pytest

pytestmark = pytest.mark.django_db


def test_municipalities_in_finnish_and_swedish(client):
    finnish = client.get("/api/v2/municipalities/", {"locale": "fi"}).json()
    assert finnish["meta"]["total_count"] == 19
    kuopio = next(item for item in finnish["items"] if item["code"] == "297")
    assert kuopio["name"] == "Kuopio" and kuopio["names"] == {"fi": "Kuopio", "sv": "Kuopio"}
    iisalmi = client.get("/api/v2/municipalities/140/", {"locale": "sv"}).json()
    assert iisalmi["name"] == "Idensalmi" and iisalmi["names"]["fi"] == "Iisalmi"


def test_categories_and_target_groups(client):
    categories = client.get("/api/v2/categories/", {"locale": "sv"}).json()["items"]
    sports = next(item for item in categories if item["slug"] == "liikunta")
    assert sports["name"] == "Motion och idrott" and sports["names"]["fi"] == "Liikunta ja urheilu"
    groups = client.get("/api/v2/target_groups/").json()["items"]
    assert {item["slug"] for item in groups} >= {"lapset", "nuoret", "kaikki"}


@pytest.mark.parametrize(
    "path, status",
    [
        ("/api/v2/municipalities/?locale=de", 404),
        ("/api/v2/municipalities/999/", 404),
        ("/api/v2/categories/?colour=red", 400),
        ("/api/v2/target_groups/nobody/", 404),
    ],
)
def test_bad_requests_answer_json(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["message"]


@pytest.mark.parametrize("limit", [10, 100])
def test_association_listing_queries_do_not_grow(
    client, association_index, limit, django_assert_max_num_queries
):
    from associations.factories import AssociationPageFactory
    from associations.models import Category

    sports = Category.objects.get(slug="liikunta", locale__language_code="fi")
    for number in range(limit):
        page = AssociationPageFactory(parent=association_index, title=f"Seura {number:03d} ry")
        page.categories.set([sports])
        page.save()
    client.get("/api/v2/associations/")  # the taxonomy names are loaded once per process
    with django_assert_max_num_queries(11) as captured:
        response = client.get("/api/v2/associations/", {"limit": limit, "category": "liikunta"})
    assert len(response.json()["items"]) == limit
    assert len(captured) == 10  # one of them reads the view restrictions (home.visibility)


def test_anonymous_rate_limit_answers_429_with_a_message(client, api_rate_limit):
    statuses = [client.get("/api/v2/categories/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v2/categories/")
    assert "60" in response.json()["message"]  # DRF's message, in the active language
    assert response["Retry-After"]
