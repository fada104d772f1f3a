"""The public association profile: content in a readable order, map link, JSON-LD, validation."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from associations.factories import AssociationPageFactory
from associations.models import Category, Municipality, TargetGroup
from home.tests import schema_org

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


def profile_json_ld(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return schema_org.parse(soup.find("script", type="application/ld+json").string)


def test_profile_json_ld_is_ngo_with_business_id(client, association):
    response = client.get("/fi/yhdistykset/siilinjarven-omaishoitajat/")
    data = profile_json_ld(response)
    assert data["@type"] == "NGO"
    assert data["name"] == "Siilinjärven Omaishoitajat ry"
    assert data["url"] == "http://localhost/fi/yhdistykset/siilinjarven-omaishoitajat/"
    assert data["identifier"]["value"] == "0737546-2"
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Siilinjärvi"}]


def test_profile_json_ld_puts_languages_and_coordinates_where_an_organization_has_them(client, association):
    association.service_languages = ["fi", "sv", "other"]
    association.save_revision().publish()
    data = profile_json_ld(client.get("/fi/yhdistykset/siilinjarven-omaishoitajat/"))
    # An Organization has neither inLanguage nor geo: its languages are knowsLanguage (BCP 47 tags; "other
    # languages" is none) and its coordinates belong to the Place it is at.
    assert "inLanguage" not in data and "geo" not in data
    assert data["knowsLanguage"] == ["fi", "sv"]
    address = {
        "@type": "PostalAddress",
        "streetAddress": "Kasurilantie 1",
        "postalCode": "71800",
        "addressLocality": "Siilinjärvi",
        "addressCountry": "FI",
    }
    assert data["location"] == {
        "@type": "Place",
        "address": address,
        "geo": {"@type": "GeoCoordinates", "latitude": 63.075, "longitude": 27.66},
    }
    assert data["address"] == address


def test_profile_json_ld_uses_only_schema_org_properties(client, association):
    data = profile_json_ld(client.get("/fi/yhdistykset/siilinjarven-omaishoitajat/"))
    assert schema_org.problems(data) == []


def test_schema_org_table_finds_a_property_the_type_does_not_have():
    """The check above can fail: what the profile wrote before (inLanguage and geo on an NGO)."""
    old = {"@type": "NGO", "name": "X", "inLanguage": "fi", "geo": {"@type": "GeoCoordinates"}}
    assert schema_org.problems(old) == ["$: NGO has no property 'inLanguage'", "$: NGO has no property 'geo'"]
    assert schema_org.problems({"@type": "Event", "location": {"@type": "Offer"}}) == [
        "$.location: Offer cannot be the value of 'location' (one of ['Place', 'PostalAddress', "
        "'VirtualLocation'])"
    ]
    assert schema_org.problems({"@type": "NGO", "url": "/fi/"}) == [
        "$.url: '/fi/' is not an absolute address"
    ]


def test_profile_without_address_or_coordinates_has_no_location(client, association_index):
    AssociationPageFactory(
        parent=association_index, slug="ilman-osoitetta", street_address="", post_office="", latitude=None
    )
    data = profile_json_ld(client.get("/fi/yhdistykset/ilman-osoitetta/"))
    assert "location" not in data and "address" not in data
    assert schema_org.problems(data) == []


def test_profile_has_a_meta_description_from_its_summary(client, association):
    association.summary = "Vertaistukea <b>omaishoitajille</b> " + "ja heidän läheisilleen " * 10
    association.save_revision().publish()
    soup = BeautifulSoup(client.get("/fi/yhdistykset/siilinjarven-omaishoitajat/").content, "html.parser")
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Vertaistukea omaishoitajille ja heidän")
    assert len(description) == 160 and description.endswith("…")
    association.search_description = "Hakukoneille kirjoitettu kuvaus."
    association.save_revision().publish()
    soup = BeautifulSoup(client.get("/fi/yhdistykset/siilinjarven-omaishoitajat/").content, "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Hakukoneille kirjoitettu kuvaus."


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
