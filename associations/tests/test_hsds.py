"""The directory in Open Referral HSDS 3.0 under /api/hsds/: what each path answers, its filters, its
errors, ndjson, both path forms and the CORS header. (test_hsds_conformance.py checks the answers against
the official schemas.)"""

import datetime
import json
import uuid
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from associations.factories import AssociationIndexPageFactory, AssociationPageFactory
from associations.hsds.objects import TAXONOMIES
from associations.models import AssociationPage, Category, Municipality, TargetGroup
from home.factories import HomePageFactory, publish

pytestmark = pytest.mark.django_db

LISTS = ["organizations", "services", "service_at_locations", "taxonomies", "taxonomy_terms"]


def term(model, **lookup):
    return model.objects.get(locale__language_code="fi", **lookup)


def activity(title, **fields):
    """An activity block as the editor saves it: every field, empty when not filled in."""
    value = {"title": title, "description": "", "weekdays": [], "start_time": None, "end_time": None}
    return ("activity", {**value, "place": "", "target_group": None, **fields})


def translate(page, strings):
    """The page's Swedish translation made as an editor does with wagtail-localize, published."""
    swedish = Locale.objects.get(language_code="sv")
    TranslationCreator(user=None, target_locales=[swedish]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=swedish)
    translation.source.update_from_db()
    po = translation.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, entry.msgstr)
    translation.import_po(po)
    translation.save_target(publish=True)


def build_directory():
    """Three associations: Kuopion Latu (everything filled in, two activities, translated into Swedish),
    Tervon Tanssijat (no contact details, address nor map point) and Iisalmen Omaishoitajat (last
    published in 2020)."""
    finnish = Locale.objects.get(language_code="fi")
    home = HomePageFactory(parent=Page.get_first_root_node(), locale=finnish, slug="etusivu")
    site = Site.objects.get(is_default_site=True)
    welcome, site.root_page = site.root_page, home
    site.save()
    welcome.delete()
    index = AssociationIndexPageFactory(parent=home)
    children = term(TargetGroup, slug="lapset")

    def association(categories, target_groups=(), **fields):
        page = AssociationPageFactory(parent=index, **fields)
        page.categories = categories
        page.target_groups = list(target_groups)
        page.save()
        return publish(page)

    latu = association(
        [term(Category, slug="liikunta")],
        [term(TargetGroup, slug="kaikki")],
        title="Kuopion Latu ry",
        slug="latu",
        summary="Hiihtoa ja retkiä kaikenikäisille.",
        email="latu@example.fi",
        phone="+358 40 123 4567",
        website="https://latu.example.fi/",
        street_address="Kauppakatu 1",
        postal_code="70100",
        post_office="Kuopio",
        latitude=Decimal("62.892500"),
        longitude=Decimal("27.678200"),
        business_id="0737546-2",
        register_number="123456",
        founded_year=1985,
        service_languages=["fi", "sv", "other"],
        activities=[
            activity(
                "Hiihtokoulu",
                description="Perinteistä ja vapaata tekniikkaa.",
                weekdays=["tue", "thu"],
                start_time=datetime.time(18, 0),
                end_time=datetime.time(19, 30),
                place="Väinölänniemi",
                target_group=children,
            ),
            activity("Kuntopiiri"),
        ],
    )
    latu.other_municipalities = [term(Municipality, code="749")]
    latu.save()
    latu = publish(latu)
    tanssi = association(
        [term(Category, slug="kulttuuri")],
        title="Tervon Tanssijat ry",
        slug="tanssi",
        home_municipality=term(Municipality, code="844"),
        activities=[activity("Tanssi-ilta", weekdays=["fri"], place="Seurojentalo")],
    )
    carers = association(
        [term(Category, slug="sosiaali-ja-terveys")],
        [term(TargetGroup, slug="omaishoitajat")],
        title="Iisalmen Omaishoitajat ry",
        slug="omaishoitajat",
        home_municipality=term(Municipality, code="140"),
        street_address="Savonkatu 10",
        postal_code="74100",
        post_office="Iisalmi",
        latitude=Decimal("63.557000"),
        longitude=Decimal("27.190000"),
        activities=[activity("Vertaisryhmä", weekdays=["mon"])],
    )
    old = timezone.make_aware(datetime.datetime(2020, 1, 1))
    AssociationPage.objects.filter(translation_key=carers.translation_key).update(last_published_at=old)
    translate(latu, {"Kuopion Latu ry": "Kuopio Latu rf", "Hiihtokoulu": "Skidskola"})
    return {"latu": latu, "tanssi": tanssi, "carers": carers, "children": children}


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    """The associations, built once for the module in a transaction rolled back at its end; each test
    runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = build_directory()
        yield built
        transaction.set_rollback(True)


def get(client, path, **parameters):
    response = client.get(f"/api/hsds/{path}", parameters)
    assert response.status_code == 200, (path, parameters, response.content[:300])
    return response.json()


def names(body):
    return sorted(item["name"] for item in body["contents"])


def service_ids(page):
    return [str(block.id) for block in page.activities]


def nulls(value, where=""):
    """Where `value` (an answer) has a null."""
    if value is None:
        return [where]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in nulls(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in nulls(item, f"{where}[{index}]")]
    return []


# --- What the paths answer -------------------------------------------------------------------------------


def test_root_names_version_profile_and_paths(client):
    body = get(client, "")
    assert body["version"] == "3.0.1" and body["publisher"]["name"]
    assert body["profile"].endswith("/api/hsds/profile") and body["openapi_url"].endswith(
        "/api/schema/?format=json"
    )
    assert sorted(body["endpoints"]) == sorted(LISTS)


def test_organization_leaves_out_what_it_does_not_have(client, directory):
    latu, tanssi = directory["latu"], directory["tanssi"]
    listed = {item["id"]: item for item in get(client, "organizations")["contents"]}
    pages = (latu, tanssi, directory["carers"])
    assert set(listed) == {str(page.translation_key) for page in pages}
    full = listed[str(latu.translation_key)]
    assert full.pop("legal_status")  # registered association, in the answer's language
    assert full == {
        "id": str(latu.translation_key),
        "name": "Kuopion Latu ry",
        "description": "Hiihtoa ja retkiä kaikenikäisille.",
        "email": "latu@example.fi",
        "website": "https://latu.example.fi/",
        "year_incorporated": 1985,
        "uri": latu.get_full_url(),
    }
    sparse = listed[str(tanssi.translation_key)]
    assert set(sparse) == {"id", "name", "description", "uri"}  # no email, website, year nor legal status

    detail = get(client, f"organizations/{tanssi.translation_key}")
    assert detail["locations"] == [] and detail["phones"] == [] and detail["organization_identifiers"] == []
    assert [service["name"] for service in detail["services"]] == ["Tanssi-ilta"]


def test_organization_detail_nests_everything(client, directory):
    latu = directory["latu"]
    detail = get(client, f"organizations/{latu.translation_key}")
    org_id = str(latu.translation_key)
    identifiers = {item.get("identifier_scheme"): item for item in detail["organization_identifiers"]}
    assert identifiers["FI-PRO"]["identifier"] == "0737546-2"
    assert identifiers[None]["identifier"] == "123456"  # the register number: org-id.guide has no scheme
    assert detail["phones"] == [
        {"id": detail["phones"][0]["id"], "organization_id": org_id, "number": "+358 40 123 4567"}
    ]
    [place] = detail["locations"]
    assert (place["latitude"], place["longitude"]) == (62.8925, 27.6782)
    assert place["addresses"][0] | {"id": None} == {
        "id": None,
        "location_id": place["id"],
        "address_1": "Kauppakatu 1",
        "city": "Kuopio",
        "state_province": place["addresses"][0]["state_province"],
        "postal_code": "70100",
        "country": "FI",
        "address_type": "physical",
    }
    links = {(item["link_type"], item["taxonomy_term"]["code"]) for item in detail["attributes"]}
    assert links == {
        ("home_municipality", "297"),
        ("service_area", "749"),
        ("category", "liikunta"),
        ("audience", "kaikki"),
    }
    assert {item["link_entity"] for item in detail["attributes"]} == {"organization"}
    # Its services: their own fields by default, fully nested with full_service=true.
    assert [service["id"] for service in detail["services"]] == service_ids(latu)
    assert "schedules" not in detail["services"][0] and "organization" not in detail["services"][0]
    full = get(client, f"organizations/{latu.translation_key}", full_service="true")
    assert full["services"][0]["schedules"][0]["byday"] == "TU,TH"
    # The list gives the same with full=true.
    listed = get(client, "organizations", full="true")["contents"]
    assert next(item for item in listed if item["id"] == org_id) == detail


def test_service_is_a_recurring_activity(client, directory):
    latu = directory["latu"]
    school, circuit = service_ids(latu)
    detail = get(client, f"services/{school}")
    assert detail["name"] == "Hiihtokoulu" and detail["status"] == "active"
    assert detail["organization_id"] == str(latu.translation_key) == detail["organization"]["id"]
    assert detail["schedules"] == [
        {
            "id": detail["schedules"][0]["id"],
            "service_id": school,
            "freq": "WEEKLY",
            "byday": "TU,TH",
            "opens_at": "18:00",
            "closes_at": "19:30",
            "description": detail["schedules"][0]["description"],
        }
    ]
    assert detail["schedules"][0]["description"].endswith("18:00–19:30")
    # ISO 639-1 codes; "other languages" has a name and no code.
    assert [item.get("code") for item in detail["languages"]] == ["fi", "sv", None]
    assert all(item["name"] for item in detail["languages"])
    [at_location] = detail["service_at_locations"]
    assert at_location["description"] == "Väinölänniemi" and at_location["location"]["addresses"]
    links = {(item["link_type"], item["taxonomy_term"]["code"]) for item in detail["attributes"]}
    assert ("audience", "lapset") in links and (
        "category",
        "liikunta",
    ) in links  # its own and the association's
    assert {item["link_entity"] for item in detail["attributes"]} == {"service"}
    assert {item["link_id"] for item in detail["attributes"]} == {school}
    # An activity without days or times has no schedule, and no target group of its own.
    other = get(client, f"services/{circuit}")
    assert other["schedules"] == [] and "description" not in other
    assert ("audience", "lapset") not in {
        (i["link_type"], i["taxonomy_term"]["code"]) for i in other["attributes"]
    }


def test_swedish_answers_share_the_ids(client, directory):
    latu = directory["latu"]
    swedish = get(client, "organizations", locale="sv")["contents"]
    assert [(item["id"], item["name"]) for item in swedish] == [(str(latu.translation_key), "Kuopio Latu rf")]
    services = get(client, "services", locale="sv")["contents"]
    assert [item["id"] for item in services] == service_ids(latu)
    assert services[0]["name"] == "Skidskola"
    term_ = get(client, f"taxonomy_terms/{directory['children'].translation_key}", locale="sv")
    assert term_["name"] == "Barn" and term_["language"] == "sv"
    # What has no Swedish version is not there.
    missing = client.get(f"/api/hsds/organizations/{directory['tanssi'].translation_key}", {"locale": "sv"})
    assert missing.status_code == 404 and missing.json()["message"]


def test_service_at_locations(client, directory):
    latu, carers = directory["latu"], directory["carers"]
    body = get(client, "service_at_locations")
    # Tervon Tanssijat has no address nor map point: its service is at no location.
    assert sorted(item["service_id"] for item in body["contents"]) == sorted(
        service_ids(latu) + service_ids(carers)
    )
    first = body["contents"][0]
    assert {"id", "service_id", "location_id", "location", "service"} <= set(first)
    assert first["location"]["id"] == first["location_id"] and first["service"]["id"] == first["service_id"]
    assert "schedules" not in first["service"]  # the service's own fields in the list
    detail = get(client, f"service_at_locations/{first['id']}")
    assert detail["id"] == first["id"] and "schedules" in detail["service"]
    assert "service_at_locations" not in detail["service"]
    full = {item["id"]: item for item in get(client, "service_at_locations", full="true")["contents"]}
    assert full[first["id"]] == detail


def test_taxonomies_and_terms(client, directory):
    taxonomies = get(client, "taxonomies")["contents"]
    assert [item["id"] for item in taxonomies] == [taxonomy.id for taxonomy in TAXONOMIES]
    municipalities = TAXONOMIES[0].id
    assert get(client, f"taxonomies/{municipalities}")["uri"].endswith("/api/v2/municipalities/")
    terms = get(client, "taxonomy_terms", per_page=100)
    assert terms["total_items"] == 19 + 15 + 10
    detail = get(client, f"taxonomy_terms/{directory['children'].translation_key}")
    assert detail["code"] == "lapset" and detail["taxonomy_detail"]["id"] == TAXONOMIES[2].id
    assert detail["term_uri"].endswith("/api/v2/target_groups/lapset/")
    assert client.get(detail["term_uri"]).status_code == 200


def test_no_answer_has_a_null(client, directory):
    latu, tanssi = directory["latu"], directory["tanssi"]
    asked = [(name, {}) for name in LISTS]
    asked += [(name, {"full": "true"}) for name in ("organizations", "services", "service_at_locations")]
    asked += [(f"organizations/{page.translation_key}", {"full_service": "true"}) for page in (latu, tanssi)]
    asked += [(f"services/{service}", {}) for service in service_ids(latu) + service_ids(tanssi)]
    found = []
    for path, parameters in asked:
        found += nulls(get(client, path, **parameters), path)
    assert found == []


# --- Filters ---------------------------------------------------------------------------------------------


def test_service_filters_keep_only_the_matching_rows(client, directory):
    latu, tanssi, carers = directory["latu"], directory["tanssi"], directory["carers"]
    everything = ["Hiihtokoulu", "Kuntopiiri", "Tanssi-ilta", "Vertaisryhmä"]
    assert names(get(client, "services")) == everything
    by = {
        "organization_id": str(tanssi.translation_key),
        "taxonomy_term_id": str(term(Category, slug="liikunta").translation_key),
        "modified_after": "2024-01-01T00:00:00+02:00",
    }
    assert names(get(client, "services", organization_id=by["organization_id"])) == ["Tanssi-ilta"]
    assert names(get(client, "services", taxonomy_term_id=by["taxonomy_term_id"])) == [
        "Hiihtokoulu",
        "Kuntopiiri",
    ]
    # A target group chosen in one activity block only.
    only_school = get(client, "services", taxonomy_term_id=str(directory["children"].translation_key))
    assert names(only_school) == ["Hiihtokoulu"]
    # Iisalmen Omaishoitajat was last published in 2020.
    assert names(get(client, "services", modified_after=by["modified_after"])) == everything[:3]
    assert names(get(client, "services", modified_after="2019-12-31")) == everything
    target_groups = TAXONOMIES[2].id
    assert names(get(client, "services", taxonomy_id=target_groups)) == [
        "Hiihtokoulu",
        "Kuntopiiri",
        "Vertaisryhmä",
    ]
    assert names(get(client, "services", taxonomy_id=str(uuid.uuid4()))) == []
    assert names(get(client, "services", search="hiihtokoulu")) == ["Hiihtokoulu"]
    assert names(get(client, "services", search="Tervon")) == ["Tanssi-ilta"]  # the association's name
    # Filters combine with AND.
    assert names(get(client, "services", organization_id=str(latu.translation_key), search="kuntopiiri")) == [
        "Kuntopiiri"
    ]
    assert names(get(client, "services", **by)) == []
    assert (
        names(
            get(client, "services", organization_id=str(carers.translation_key), modified_after="2024-01-01")
        )
        == []
    )


def test_minimal_and_full_services(client, directory):
    minimal = get(client, "services", minimal="true")
    assert minimal["total_items"] == 4 and minimal["size"] == 4
    assert {frozenset(item) for item in minimal["contents"]} == {
        frozenset({"id", "name", "status", "last_modified"})
    }
    assert get(client, "services", minimal="true", full="true")["contents"] == minimal["contents"]
    full = get(client, "services", full="true")["contents"]
    assert all("schedules" in item and "attributes" in item for item in full)
    assert all("schedules" not in item for item in get(client, "services")["contents"])


def test_service_at_location_filters(client, directory):
    latu, carers = directory["latu"], directory["carers"]

    def services(**parameters):
        return sorted(
            item["service_id"] for item in get(client, "service_at_locations", **parameters)["contents"]
        )

    assert services(postcode="70100") == sorted(service_ids(latu))
    assert services(postcode="70100", proximity="5000") == sorted(service_ids(latu))
    # Iisalmi is about 75 km from Kuopio.
    assert services(postcode="70100", proximity="100000") == sorted(service_ids(latu) + service_ids(carers))
    assert services(postcode="99999") == []
    assert services(organization_id=str(carers.translation_key)) == service_ids(carers)
    assert services(organization_id=str(carers.translation_key), postcode="70100") == []
    assert services(search="hiihtokoulu") == service_ids(latu)[:1]
    for parameters in ({"proximity": "5000"}, {"postcode": "99999", "proximity": "5000"}):
        response = client.get("/api/hsds/service_at_locations", parameters)
        assert response.status_code == 404 and "proximity" in response.json()["message"]


def test_taxonomy_term_filters(client, directory):
    target_groups = TAXONOMIES[2].id
    body = get(client, "taxonomy_terms", taxonomy_id=target_groups, per_page=100)
    assert body["total_items"] == 10 and {item["taxonomy_id"] for item in body["contents"]} == {target_groups}
    assert names(get(client, "taxonomy_terms", search="Kuopio")) == ["Kuopio"]
    assert get(client, "taxonomy_terms", top_only="true")["total_items"] == 44  # a flat taxonomy: all on top
    assert (
        get(client, "taxonomy_terms", parent_id=str(directory["children"].translation_key))["contents"] == []
    )
    assert names(get(client, "taxonomies", search="kunnat")) == ["Kunnat"]


def test_organization_search_uses_the_directory_search(client, directory, search_index):
    page = publish(
        AssociationPageFactory(
            parent=directory["latu"].get_parent(), title="Zorbatanssijat ry", summary="Kreikkalaista tanssia."
        )
    )
    search_index.refresh()
    body = get(client, "organizations", search="zorbatanssijat")
    assert [item["id"] for item in body["contents"]] == [str(page.translation_key)] and body[
        "total_items"
    ] == 1
    assert (
        get(client, "organizations", search="zorbatanssijat", full="true")["contents"][0]["locations"] == []
    )


# --- Pages, formats, path forms, errors ------------------------------------------------------------------


def test_pages(client, directory):
    first = get(client, "services", per_page=3)
    assert (first["total_items"], first["total_pages"], first["size"]) == (4, 2, 3)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = get(client, "services", per_page=3, page=2)
    assert last["last_page"] and last["size"] == 1
    beyond = get(client, "services", per_page=3, page=9)
    assert beyond["empty"] and beyond["contents"] == [] and beyond["page_number"] == 9
    assert get(client, "services", per_page=100)["size"] == 4  # the most a page holds (more is a 400)


def test_ndjson(client, directory):
    response = client.get("/api/hsds/services", {"format": "ndjson"})
    assert response.status_code == 200 and response["Content-Type"] == "application/x-ndjson"
    assert response["Access-Control-Allow-Origin"] == "*"
    lines = b"".join(response.streaming_content).decode().splitlines()
    # The same items as the JSON pages, in their order (by the associations' names).
    listed = get(client, "services")["contents"]
    assert [json.loads(line) for line in lines] == listed
    assert [item["name"] for item in listed] == ["Vertaisryhmä", "Hiihtokoulu", "Kuntopiiri", "Tanssi-ilta"]
    # One page of them with page or per_page; the filters as in JSON.
    paged = client.get("/api/hsds/services", {"format": "ndjson", "per_page": 2, "page": 2})
    assert [json.loads(line) for line in b"".join(paged.streaming_content).decode().splitlines()] == listed[
        2:
    ]
    for name in LISTS:
        listed = client.get(f"/api/hsds/{name}", {"format": "ndjson", "search": "tanssi"})
        assert listed.status_code == 200 and listed["Content-Type"] == "application/x-ndjson", name
        assert all(json.loads(line) for line in b"".join(listed.streaming_content).decode().splitlines())
    assert client.get("/api/hsds/services", {"format": "json"}).json()["total_items"] == 4


def test_every_path_answers_with_and_without_the_slash(client, directory):
    latu = directory["latu"]
    at_location = get(client, "service_at_locations")["contents"][0]["id"]
    paths = [*LISTS, "profile"]
    paths += [
        f"organizations/{latu.translation_key}",
        f"services/{service_ids(latu)[0]}",
        f"service_at_locations/{at_location}",
        f"taxonomies/{TAXONOMIES[0].id}",
        f"taxonomy_terms/{directory['children'].translation_key}",
    ]
    for path in paths:
        without, with_slash = client.get(f"/api/hsds/{path}"), client.get(f"/api/hsds/{path}/")
        assert without.status_code == with_slash.status_code == 200, path
        assert without.json() == with_slash.json(), path
    assert client.get("/api/hsds").json() == client.get("/api/hsds/").json()


def test_answers_may_be_read_from_any_origin(client, directory):
    for path, status in [
        ("", 200),
        ("organizations", 200),
        (f"organizations/{directory['latu'].translation_key}", 200),
        ("services?full=maybe", 400),
        (f"services/{uuid.uuid4()}", 404),
    ]:
        response = client.get(f"/api/hsds/{path}", HTTP_ORIGIN="https://kunta.example.fi")
        assert response.status_code == status and response["Access-Control-Allow-Origin"] == "*", path


def test_cached_answers_may_be_read_from_any_origin_too(client, directory, api_cache):
    first, cached = client.get("/api/hsds/organizations"), client.get("/api/hsds/organizations")
    assert (first["X-Cache"], cached["X-Cache"]) == ("miss", "hit")
    assert cached["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("path", "parameters", "message"),
    [
        ("", {"locale": "de"}, "Unknown locale 'de'"),
        ("profile", {"locale": "en"}, "Unknown locale 'en'"),
        ("organizations", {"locale": "de"}, "Unknown locale"),
        ("taxonomy_terms/{term}", {"locale": "xx"}, "Unknown locale"),
        ("services", {"organisation_id": "x"}, "Unknown query parameters: organisation_id"),
        ("organizations", {"minimal": "true"}, "Unknown query parameters: minimal"),
        ("", {"format": "json"}, "Unknown query parameters: format"),
        ("services/{service}", {"full": "true"}, "Unknown query parameters: full"),
        ("services", {"organization_id": "latu"}, "'organization_id' must be an HSDS id"),
        ("services", {"taxonomy_term_id": "12"}, "'taxonomy_term_id' must be an HSDS id"),
        ("taxonomy_terms", {"parent_id": "x"}, "'parent_id' must be an HSDS id"),
        ("services", {"full": "yes"}, "'full' must be true or false"),
        ("organizations", {"full_service": "1"}, "'full_service' must be true or false"),
        ("services", {"modified_after": "yesterday"}, "'modified_after' must be a date and time"),
        ("services", {"modified_after": "2026-02-30"}, "'modified_after' must be a date and time"),
        ("services", {"page": "0"}, "'page' must be at least 1"),
        ("services", {"per_page": "²"}, "'per_page' must be a whole number"),
        ("services", {"per_page": ""}, "'per_page' cannot be empty"),
        ("services", {"per_page": "101"}, "'per_page'"),
        ("services", {"per_page": "101", "minimal": "true"}, "'per_page'"),
        ("services", {"format": "xml"}, "Unknown format 'xml'"),
        ("service_at_locations", {"postcode": "7010"}, "'postcode' must be a Finnish postcode"),
        ("service_at_locations", {"postcode": "70100", "proximity": "0"}, "'proximity' must be at least 1"),
        ("services", {"search": "x" * 201}, "'search' can be at most 200 characters"),
        ("services", {"search": ["a", "b"]}, "Give each parameter once: search"),
        ("organizations/latu", {}, "is not the id of an organization"),
        ("services/1", {}, "is not the id of a service"),
        ("taxonomies/municipalities", {}, "is not the id of a taxonomy"),
    ],
)
def test_bad_requests_are_400_with_a_message(client, directory, path, parameters, message):
    path = path.format(term=directory["children"].translation_key, service=service_ids(directory["latu"])[0])
    response = client.get(f"/api/hsds/{path}", parameters)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["message"]


@pytest.mark.parametrize(
    "path", ["organizations", "services", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
def test_unknown_ids_are_404_with_a_message(client, directory, path):
    response = client.get(f"/api/hsds/{path}/{uuid.uuid4()}")
    assert response.status_code == 404 and response.json()["message"]


def test_lists_read_a_fixed_number_of_queries(client, directory, django_assert_max_num_queries):
    """The locale, the view restrictions, the pages, their three kinds of terms and the activities' target
    groups (and the page's own services): as many for three associations as for three hundred."""
    paths = ["organizations?full_service=true", "services?full=true", "service_at_locations?full=true"]
    paths += ["taxonomy_terms", f"organizations/{directory['latu'].translation_key}"]
    for path in paths:
        client.get(f"/api/hsds/{path}")  # the taxonomy names and the site's root paths, kept after this
        with django_assert_max_num_queries(8):
            assert client.get(f"/api/hsds/{path}").status_code == 200


def test_the_openapi_document_describes_the_hsds_parameters(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]

    def parameters(path):
        return {item["name"]: item["schema"] for item in paths[path]["get"]["parameters"]}

    services = parameters("/api/hsds/services/")
    assert set(services) == {
        "locale", "search", "page", "per_page", "format", "taxonomy_term_id", "taxonomy_id",
        "organization_id", "modified_after", "minimal", "full",
    }  # fmt: skip
    assert services["full"] == {"type": "boolean"} and services["organization_id"]["format"] == "uuid"
    assert services["format"]["enum"] == ["json", "ndjson"]
    assert "application/x-ndjson" in paths["/api/hsds/services/"]["get"]["responses"]["200"]["content"]
    assert {"postcode", "proximity"} <= set(parameters("/api/hsds/service_at_locations/"))
    assert {"top_only", "parent_id", "taxonomy_id"} <= set(parameters("/api/hsds/taxonomy_terms/"))
    assert "full_service" in parameters("/api/hsds/organizations/{org_id}/")
    for path in (
        "/api/hsds/taxonomies/{taxonomy_id}/",
        "/api/hsds/taxonomy_terms/{term_id}/",
        "/api/hsds/profile/",
    ):
        assert path in paths
