"""The public association profile: content in a readable order, map link, JSON-LD, validation."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from associations.factories import AssociationPageFactory
from associations.models import Category, Municipality, TargetGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def association(association_index):
    page = AssociationPageFactory(
        parent=association_index,
        title="Siilinjärven Omaishoitajat ry",
        slug="siilinjarven-omaishoitajat",
        summary="Vertaistukea omaishoitajille.",
        plain_summary="Autamme ihmisiä, jotka hoitavat läheistään.",
        business_id="0737546-2",
        email="info@omaishoitajat.example.fi",
        phone="+358 40 111 2222",
        website="https://omaishoitajat.example.fi/",
        street_address="Kasurilantie 1",
        postal_code="71800",
        post_office="Siilinjärvi",
        latitude="63.075000",
        longitude="27.660000",
        founded_year=1995,
        member_count=120,
        home_municipality=Municipality.objects.get(code="749", locale__language_code="fi"),
        service_languages=["fi", "sv"],
        activities=[
            {
                "type": "activity",
                "value": {
                    "title": "Vertaisryhmä",
                    "description": "Keskustelua kahvin äärellä.",
                    "weekdays": ["tue"],
                    "start_time": "18:00",
                    "end_time": "19:30",
                    "place": "Kirjasto",
                    "target_group": TargetGroup.objects.get(
                        slug="omaishoitajat", locale__language_code="fi"
                    ).pk,
                },
            }
        ],
    )
    page.categories.set([Category.objects.get(slug="sosiaali-ja-terveys", locale__language_code="fi")])
    page.save_revision().publish()
    return page


def test_profile_shows_details(client, association):
    response = client.get("/fi/yhdistykset/siilinjarven-omaishoitajat/")
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    for expected in (
        "Siilinjärven Omaishoitajat ry",
        "Vertaistukea omaishoitajille.",
        "Autamme ihmisiä",
        "Vertaisryhmä",
        "18.00",
        "Kirjasto",
        "0737546-2",
        "1995",
        "120",
        "Siilinjärvi",
    ):
        assert expected in text, expected
    assert 'href="mailto:info@omaishoitajat.example.fi"' in response.text
    assert "https://www.openstreetmap.org/?mlat=63.075000&amp;mlon=27.660000" in response.text


def test_profile_json_ld_is_ngo_with_business_id(client, association):
    response = client.get("/fi/yhdistykset/siilinjarven-omaishoitajat/")
    soup = BeautifulSoup(response.content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "NGO"
    assert data["name"] == "Siilinjärven Omaishoitajat ry"
    assert data["identifier"]["value"] == "0737546-2"
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Siilinjärvi"}]
    assert data["knowsLanguage"] == ["fi", "sv"]
    assert data["geo"]["latitude"] == 63.075


def test_json_ld_cannot_break_out_of_script(client, association_index):
    AssociationPageFactory(parent=association_index, slug="xss", title="</script><script>alert(1)</script>")
    response = client.get("/fi/yhdistykset/xss/")
    assert "</script><script>alert(1)" not in response.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("business_id", "0737546-3"),
        ("register_number", "12a"),
        ("latitude", "91"),
        ("longitude", "-181"),
        ("founded_year", 1799),
        ("founded_year", 2999),
        ("postal_code", "7010"),
        ("email", "ei-osoite"),
    ],
)
def test_invalid_values_are_rejected(association, field, value):
    setattr(association, field, value)
    with pytest.raises(ValidationError) as excinfo:
        association.full_clean()
    assert field in excinfo.value.message_dict


def test_business_id_unique_across_associations_but_shared_by_translations(association, association_index):
    other = AssociationPageFactory.build(business_id="0737546-2")
    other.depth, other.path = association.depth, association.path + "9999"
    with pytest.raises(ValidationError) as excinfo:
        other.clean()
    assert "business_id" in excinfo.value.message_dict
    association.clean()  # the association itself (and its translations) is not a duplicate
