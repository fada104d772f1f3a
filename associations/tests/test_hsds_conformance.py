"""The HSDS answers against the official HSDS 3.0 schemas: every object of the demo content in both
languages, and every path of the HSDS API reference (openapi.json) requested as it is written there.

The schemas are the Open Referral files in ../shared/standards/hsds-3.0 beside the checkout (JSON Schema
draft 2020-12, CI has them there). Their $refs name the specification's public addresses; a
referencing.Registry maps those addresses to the files, so nothing is fetched. Formats are checked too
(uuid, email, uri and date-time: rfc3986-validator and rfc3339-validator make jsonschema check the last
two).
"""

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import transaction
from django.test import TestCase
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from associations import demo_content as association_demo
from associations.factories import AssociationPageFactory
from associations.models import AssociationPage
from home import demo_content as home_demo
from home.factories import publish

pytestmark = pytest.mark.django_db

STANDARD = Path(settings.BASE_DIR).parent / "shared" / "standards" / "hsds-3.0"
# Where the specification publishes the files: their $refs are relative to (or name) these addresses.
PUBLISHED = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
FORMATS = Draft202012Validator.FORMAT_CHECKER
# The reference's openapi.json names compiled/service.json (a service) for this path, whose description is
# "fully nested service_at_location": the answer is that, as compiled/service_at_location.json describes.
ERRATA = {"/service_at_locations/{id}": PUBLISHED + "compiled/service_at_location.json"}


@pytest.fixture(scope="module")
def registry():
    assert STANDARD.is_dir(), f"The HSDS 3.0 schemas are missing: {STANDARD}"
    # Without these, jsonschema passes any uri and date-time: the packages are in requirements-dev.txt.
    assert {"uri", "date-time", "email", "uuid"} <= set(FORMATS.checkers)
    files = [*STANDARD.glob("*.json"), *STANDARD.glob("compiled/*.json")]
    resources = [
        (
            PUBLISHED + path.relative_to(STANDARD).as_posix(),
            DRAFT202012.create_resource(json.loads(path.read_text())),
        )
        for path in files
    ]
    return Registry().with_resources(resources)


@pytest.fixture(scope="module")
def reference():
    return json.loads((STANDARD / "openapi.json").read_text())


def validator(registry, address):
    return Draft202012Validator({"$ref": address}, registry=registry, format_checker=FORMATS)


def answer_schema(path):
    """The address of the 200 answer's schema of `path` in the reference."""
    if path in ERRATA:
        return ERRATA[path]
    pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1")
    return f"{PUBLISHED}openapi.json#{quote(pointer)}/get/responses/200/content/application~1json/schema"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site's directory (`manage.py load_demo` makes the same), built once for the module in a
    transaction rolled back at its end, and one association with hardly anything filled in."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            directory = association_demo.load(home_demo.load())
            publish(
                AssociationPageFactory(
                    parent=directory,
                    title="Vähätietoinen yhdistys ry",
                    slug="vahatietoinen",
                    service_languages=["other"],
                    activities=[("activity", {"title": "Kokoontuminen", "description": "", "place": ""})],
                )
            )
        yield directory
        transaction.set_rollback(True)


class Problems(list):
    def check(self, schema, instance, where):
        self.extend(f"{where} {error.json_path}: {error.message}" for error in schema.iter_errors(instance))


def every_item(client, path, **parameters):
    """Every item of a list, page by page (and each page checked by `check` when given)."""
    items, page = [], 1
    while True:
        body = client.get(path, {**parameters, "page": page, "per_page": 100}).json()
        items += body["contents"]
        if body["last_page"]:
            return items
        page += 1


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_every_object_of_the_demo_matches_the_official_schemas(client, demo, registry, locale):
    schema = {
        name: validator(registry, PUBLISHED + name)
        for name in (
            "compiled/organization_list.json",
            "compiled/organization.json",
            "compiled/service_list.json",
            "compiled/service.json",
            "compiled/service_at_location_list.json",
            "compiled/service_at_location.json",
            "taxonomy.json",
            "taxonomy_term.json",
        )
    }
    problems = Problems()
    seen = {}
    lists = [
        ("organizations", {}, "compiled/organization_list.json"),
        ("organizations", {"full": "true"}, "compiled/organization.json"),
        ("organizations", {"full_service": "true"}, "compiled/organization.json"),
        ("services", {}, "compiled/service_list.json"),
        ("services", {"minimal": "true"}, "compiled/service_list.json"),
        ("services", {"full": "true"}, "compiled/service.json"),
        ("service_at_locations", {}, "compiled/service_at_location_list.json"),
        ("service_at_locations", {"full": "true"}, "compiled/service_at_location.json"),
        ("taxonomies", {}, "taxonomy.json"),
        ("taxonomy_terms", {}, "taxonomy_term.json"),
    ]
    for name, parameters, item_schema in lists:
        items = every_item(client, f"/api/hsds/{name}", locale=locale, **parameters)
        seen.setdefault(name, [item["id"] for item in items])
        for item in items:
            problems.check(schema[item_schema], item, f"{name}?{parameters} {item['id']}")
    details = [
        ("organizations", {}, "compiled/organization.json"),
        ("organizations", {"full_service": "true"}, "compiled/organization.json"),
        ("services", {}, "compiled/service.json"),
        ("service_at_locations", {}, "compiled/service_at_location.json"),
        ("taxonomies", {}, "taxonomy.json"),
        ("taxonomy_terms", {}, "taxonomy_term.json"),
    ]
    for name, parameters, item_schema in details:
        for item_id in seen[name]:
            response = client.get(f"/api/hsds/{name}/{item_id}", {"locale": locale, **parameters})
            assert response.status_code == 200, (name, item_id)
            problems.check(schema[item_schema], response.json(), f"{name}/{item_id}?{parameters}")
    assert problems == [], "\n".join(problems[:30])

    # The demo really has all of it: both languages, services with schedules, every taxonomy.
    organizations = AssociationPage.objects.live().filter(locale__language_code=locale).count()
    assert len(seen["organizations"]) == organizations > 30
    assert len(seen["services"]) > 50 and len(seen["service_at_locations"]) > 50
    assert len(seen["taxonomies"]) == 3 and len(seen["taxonomy_terms"]) == 19 + 15 + 10


def test_ndjson_lines_match_the_schemas(client, demo, registry):
    response = client.get("/api/hsds/services", {"format": "ndjson", "locale": "sv"})
    assert response.status_code == 200 and response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == client.get("/api/hsds/services", {"locale": "sv"}).json()["total_items"]
    problems = Problems()
    for line in lines:
        problems.check(
            validator(registry, PUBLISHED + "compiled/service_list.json"), json.loads(line), line[:60]
        )
    assert problems == []


def example_values(client):
    """A value of the demo for every parameter and path id the reference names."""
    service = client.get("/api/hsds/services", {"per_page": 1}).json()["contents"][0]
    term = client.get("/api/hsds/taxonomy_terms", {"per_page": 1}).json()["contents"][0]
    at_location = client.get("/api/hsds/service_at_locations", {"per_page": 1}).json()["contents"][0]
    return {
        "ids": {
            "/organizations/{id}": service["organization_id"],
            "/services/{id}": service["id"],
            "/service_at_locations/{id}": at_location["id"],
            "/taxonomies/{id}": term["taxonomy_id"],
            "/taxonomy_terms/{id}": term["id"],
        },
        "parameters": {
            "search": "yhdistys",
            "page": "1",
            "per_page": "5",
            "format": "json",
            "taxonomy_term_id": term["id"],
            "taxonomy_id": term["taxonomy_id"],
            "organization_id": service["organization_id"],
            "modified_after": "2000-01-01T00:00:00Z",
            "minimal": "true",
            "full": "true",
            "full_service": "true",
            "top_only": "true",
            "parent_id": term["id"],
            "postcode": at_location["location"]["addresses"][0]["postal_code"],
        },
    }


def test_each_path_of_the_reference_answers_as_documented(client, demo, registry, reference):
    """Every path of the reference's openapi.json, written as it is there (no trailing slash) under
    /api/hsds, answers 200 with what the reference's schema for it says; so does each of its query
    parameters alone (proximity with a postcode)."""
    values = example_values(client)
    problems = Problems()
    asked = []
    for path, item in reference["paths"].items():
        schema = validator(registry, answer_schema(path))
        address = "/api/hsds" + path.replace("{id}", values["ids"].get(path, ""))
        documented = item["get"].get("parameters", [])
        names = [
            reference["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]]["name"]
            if "$ref" in p
            else p["name"]
            for p in documented
        ]
        variants = [{}] + [{name: values["parameters"][name]} for name in names if name != "proximity"]
        if "proximity" in names:
            variants.append({"postcode": values["parameters"]["postcode"], "proximity": "5000"})
        for parameters in variants:
            response = client.get(address, parameters)
            asked.append((path, tuple(parameters)))
            assert response.status_code == 200, (address, parameters, response.content[:300])
            assert response["Content-Type"] == "application/json"
            problems.check(schema, response.json(), f"{address}?{parameters}")
    assert problems == [], "\n".join(problems[:30])
    assert len({path for path, _ in asked}) == len(reference["paths"]) == 11
    assert ("/services", ("taxonomy_term_id",)) in asked and (
        "/service_at_locations",
        ("postcode", "proximity"),
    ) in asked


def test_root_links_to_the_openapi_document_and_the_profile(client, demo):
    root = client.get("/api/hsds/").json()
    assert root["version"] == "3.0.1"
    document = client.get(root["openapi_url"])
    # application/vnd.oai.openapi+json: OpenAPI's own JSON media type.
    assert document.status_code == 200 and document["Content-Type"].endswith("+json")
    assert "/api/hsds/services/" in json.loads(document.content)["paths"]
    profile = client.get(root["profile"])
    assert profile.status_code == 200 and profile["Content-Type"] == "application/json"
    body = profile.json()
    assert body["languages"]["parameter"] == "locale" and body["languages"]["available"] == ["fi", "sv"]
    assert {item["code"] for item in body["link_types"]} == {
        "home_municipality",
        "service_area",
        "category",
        "audience",
    }
    for endpoint in root["endpoints"].values():
        assert client.get(endpoint).status_code == 200
