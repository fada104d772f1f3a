"""Editors create and edit association profiles in the admin; bad input comes back with field errors."""

import pytest

from associations.models import AssociationPage, Category, Municipality

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Tervon Kyläyhdistys ry",
        "slug": "tervon-kylayhdistys",
        "summary": "Kylän yhteinen ääni.",
        "plain_summary": "",
        "description-count": "0",
        "home_municipality": str(Municipality.objects.get(code="844", locale__language_code="fi").pk),
        "level": "local",
        "categories": [str(Category.objects.get(slug="kylatoiminta", locale__language_code="fi").pk)],
        "service_languages": ["fi", "sv"],
        "social_links-count": "0",
        "activities-count": "0",
        "business_id": "0737546-2",
        "founded_year": "1987",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_association(client, superuser, association_index):
    client.force_login(superuser)
    url = f"/admin/pages/add/associations/associationpage/{association_index.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(**{"action-publish": "action-publish"}))
    assert response.status_code == 302, response.content[:2000]
    page = AssociationPage.objects.get(slug="tervon-kylayhdistys")
    assert page.live
    assert page.service_languages == ["fi", "sv"]
    assert [category.slug for category in page.categories.all()] == ["kylatoiminta"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("business_id", "0737546-3", "Y-tunnuksen"),
        ("business_id", "1234567", "seitsemän numeroa"),
        ("founded_year", "2999", "tulevaisuudessa"),
        ("latitude", "95", ""),
        ("summary", "x" * 301, ""),
    ],
)
def test_bad_input_shows_field_error_and_keeps_input(
    client, superuser, association_index, field, value, message
):
    from django.utils import translation

    client.force_login(superuser)
    url = f"/admin/pages/add/associations/associationpage/{association_index.pk}/"
    with translation.override("fi"):
        response = client.post(url, form_data(**{field: value}), HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 200
    assert "Tervon Kyläyhdistys ry" in response.text  # what the editor typed is kept
    assert "error-message" in response.text
    assert not AssociationPage.objects.filter(slug="tervon-kylayhdistys").exists()
    if message:
        assert message in response.text
