"""Association pages through the Wagtail API v2."""

import pytest

from associations.factories import AssociationPageFactory
from associations.models import Category

pytestmark = pytest.mark.django_db


def test_association_detail_in_api(client, association_index):
    page = AssociationPageFactory(parent=association_index, title="Kuopion Latu ry", business_id="0737546-2")
    page.categories.set([Category.objects.get(slug="liikunta", locale__language_code="fi")])
    page.save_revision().publish()
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["business_id"] == "0737546-2"
    assert data["home_municipality"]["code"] == "297"
    assert [category["slug"] for category in data["categories"]] == ["liikunta"]
    assert data["service_languages"] == ["fi"]


def test_association_listing_with_fields(client, association_index):
    AssociationPageFactory(parent=association_index, title="Kuopion Latu ry")
    response = client.get(
        "/api/v2/pages/", {"type": "associations.AssociationPage", "fields": "summary,home_municipality"}
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["summary"] == "Yhdistys toimii lähellä asukkaita."
