"""The embeddable association list and the admin page that gives its code."""

import pytest

from associations.factories import AssociationPageFactory
from associations.models import Category, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(association_index):
    iisalmi = Municipality.objects.get(code="140", locale__language_code="fi")
    sports = Category.objects.get(slug="liikunta", locale__language_code="fi")
    kuopio_page = AssociationPageFactory(parent=association_index, title="Kuopion Latu ry")
    kuopio_page.categories.set([sports])
    kuopio_page.save_revision().publish()
    AssociationPageFactory(parent=association_index, title="Iisalmen Seura ry", home_municipality=iisalmi)
    return kuopio_page


def test_widget_lists_filtered_associations_and_can_be_framed(client, listed):
    response = client.get("/fi/widget/associations/", {"municipality": "297"})
    assert response.status_code == 200
    text = response.text
    assert "Kuopion Latu ry" in text and "Iisalmen Seura ry" not in text
    assert 'target="_top"' in text and '<html lang="fi">' in text
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "<script" not in text and "http" not in text.split("<body>")[0].replace("http-equiv", "")


def test_widget_category_limit_and_language(client, listed):
    response = client.get("/fi/widget/associations/", {"category": "liikunta", "limit": "1"})
    assert "Kuopion Latu ry" in response.text
    swedish = client.get("/sv/widget/associations/")
    assert swedish.status_code == 200 and '<html lang="sv">' in swedish.text


def test_widget_with_unknown_filter_is_400_with_a_message(client, listed):
    response = client.get("/fi/widget/associations/", {"category": "nope"})
    assert response.status_code == 400
    assert 'role="alert"' in response.text


def test_rest_of_the_site_cannot_be_framed(client, home_page):
    assert client.get("/fi/")["X-Frame-Options"] == "DENY"


def test_admin_gives_the_code_to_copy(admin_client, listed):
    response = admin_client.get("/admin/association-widget/", {"language_code": "sv", "category": "liikunta"})
    assert response.status_code == 200
    code = "&lt;iframe src=&quot;http://testserver/sv/widget/associations/?category=liikunta&quot;"
    assert code in response.text
    assert admin_client.get("/admin/association-widget/", {"category": "nope"}).status_code == 200
