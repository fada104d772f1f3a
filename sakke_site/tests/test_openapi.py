"""The OpenAPI document describes the public API, and schemathesis finds no 5xx and no answer that breaks it.

schemathesis generates requests from the document (valid and invalid parameters) for every operation and
checks each answer: never a server error, and the status code and body as documented. Every answer has a
typed schema (the serializers of each app), so the body check compares real answers with their types.
"""

import os

import pytest
import schemathesis
import schemathesis.specs.openapi.checks as openapi_checks
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from wagtail.models import Locale

from associations.factories import AssociationPageFactory
from associations.models import Municipality

pytestmark = pytest.mark.django_db

# Generated requests per operation: a few in every test run; `make fuzz-api` asks for hundreds.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
# The same requests on every run, so CI is repeatable; SCHEMATHESIS_EXPLORE=1 draws new ones.
DERANDOMIZE = os.environ.get("SCHEMATHESIS_EXPLORE") != "1"
# Never a 5xx; status codes, content types and bodies as documented.
CHECKS = [
    not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]


def test_schema_is_served_and_documents_the_endpoints(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    for path in ("/api/v2/associations/", "/api/v2/search/", "/api/v2/municipalities/", "/api/v2/pages/"):
        assert path in document["paths"]
    # Free text parameters say that control characters are refused (400), so clients and schemathesis know.
    news = {p["name"]: p["schema"] for p in document["paths"]["/api/v2/news/"]["get"]["parameters"]}
    assert news["tag"]["pattern"] == "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*$"
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "redoc.standalone.js" in docs.text and "googleapis" not in docs.text  # nothing from elsewhere


def schema(client):
    return client.get("/api/schema/", HTTP_ACCEPT="application/json").json()


def test_schema_is_valid_openapi(client):
    # drf-spectacular's validator checks the document against the OpenAPI 3.0 JSON Schema.
    validate_schema(schema(client))


def test_every_answer_is_typed(client):
    """Each operation's 200 answer names its properties (directly or through a component), never a bare
    JSON object, so consumers and schemathesis know what it holds."""
    document = schema(client)
    untyped = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
            if "$ref" not in answer and "properties" not in answer:
                untyped.append(f"{method.upper()} {path}")
            for status in ("400", "404"):
                error = operation["responses"].get(status, {}).get("content", {}).get("application/json", {})
                assert error.get("schema") == {"$ref": "#/components/schemas/Error"}, (path, status)
    assert untyped == []
    assert len(document["paths"]) >= 25


def test_directory_filters_are_documented_from_the_filterset_with_todays_terms(client):
    municipality = Municipality.objects.create(
        code="999", name="Testikunta", locale=Locale.objects.get(language_code="fi")
    )
    parameters = {
        p["name"]: p["schema"] for p in schema(client)["paths"]["/api/v2/associations/"]["get"]["parameters"]
    }
    assert municipality.code in parameters["municipality"]["items"]["enum"]
    assert "liikunta" in parameters["category"]["items"]["enum"]
    assert parameters["language"]["items"]["enum"] == ["en", "fi", "other", "sv"]
    assert parameters["sort"]["enum"] == ["name", "relevance", "updated"]
    assert parameters["limit"] == {"type": "integer", "minimum": 0, "maximum": 100}
    assert parameters["search"]["maxLength"] == 200
    # The listing accepts the new term at once, and names every unknown value.
    assert client.get("/api/v2/associations/", {"municipality": "999"}).status_code == 200
    unknown = client.get("/api/v2/associations/", {"municipality": ["998", "999", "997"]})
    assert unknown.status_code == 400 and unknown.json()["message"] == "Unknown municipality: 998, 997."


@pytest.fixture
def wsgi_keeps_test_connection():
    """The WSGI handler closes the database connection after each request (the test client does not):
    that would close the test's transaction on PostgreSQL, so it stays open while schemathesis calls."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_api_conforms_to_its_schema(association_index, wsgi_keeps_test_connection):
    page = AssociationPageFactory(parent=association_index, title="Kuopion Latu ry")
    page.save_revision().publish()
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def check(case):
            case.call_and_validate()

        check()
