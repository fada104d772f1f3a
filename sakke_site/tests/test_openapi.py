"""The OpenAPI document describes the public API, and schemathesis finds no 5xx and no answer that breaks it.

schemathesis generates requests from the document (valid and invalid parameters) for every operation and
checks each answer: never a server error, and the status code and body as documented.
"""

import os

import pytest
import schemathesis
import schemathesis.specs.openapi.checks as openapi_checks
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from associations.factories import AssociationPageFactory

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
