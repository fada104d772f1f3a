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


def test_choices_are_offered_in_the_page_language_only(client, superuser, association_index):
    """Categories, municipalities and target groups exist once per language; a Finnish page's form
    lists only the Finnish ones, and a Swedish one sent anyway is refused next to the field."""
    client.force_login(superuser)
    url = f"/admin/pages/add/associations/associationpage/{association_index.pk}/"
    form = client.get(url).context["form"]
    for name in ("other_municipalities", "categories", "target_groups"):
        languages = {row.locale.language_code for row in form.fields[name].queryset}
        assert languages == {"fi"}, name
    assert form.fields["categories"].queryset.filter(slug="kylatoiminta").exists()

    swedish = Category.objects.get(slug="kylatoiminta", locale__language_code="sv")
    response = client.post(url, form_data(categories=[str(swedish.pk)]))
    assert response.status_code == 200
    assert "categories" in response.context["form"].errors
    assert not AssociationPage.objects.filter(slug="tervon-kylayhdistys").exists()
