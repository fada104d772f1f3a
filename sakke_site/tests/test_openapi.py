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


def resolved(document, schema):
    """`schema`, or the component its $ref names."""
    if "$ref" in schema:
        return document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_every_answer_is_typed(client):
    """Each operation's 200 answer names its properties (directly or through a component), never a bare
    JSON object, so consumers, generated clients and schemathesis know what it holds; and every
    operation says it may answer 400 (a value the document does not allow) and 429 (rate limit, with
    Retry-After), both as {"message": ...}."""
    document = schema(client)
    untyped, undocumented = [], []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            name = f"{method.upper()} {path}"
            responses = operation["responses"]
            answer = resolved(document, responses["200"]["content"]["application/json"]["schema"])
            if not answer.get("properties"):
                untyped.append(name)
            for status in ("400", "404", "429"):
                if status == "404" and status not in responses:
                    continue
                error = responses.get(status, {}).get("content", {}).get("application/json", {})
                if error.get("schema") != {"$ref": "#/components/schemas/Error"}:
                    undocumented.append(f"{name} {status}")
            retry_after = responses.get("429", {}).get("headers", {}).get("Retry-After", {})
            if retry_after.get("schema", {}).get("type") != "integer":
                undocumented.append(f"{name} 429 Retry-After")
    assert untyped == []
    assert undocumented == []
    assert document["components"]["schemas"]["Error"]["required"] == ["message"]
    # Anonymous reads: no operation asks for a login, so generated clients take a plain client.
    secured = [path for path, ops in document["paths"].items() if any("security" in o for o in ops.values())]
    assert secured == []
    assert "securitySchemes" not in document["components"]
    assert len(document["paths"]) >= 25


def test_parameters_have_no_titles_for_client_generators_to_clash_on(client):
    """django-filter handed the model fields' verbose names on as parameter titles: the category and
    target group filters were both "Tunniste", and openapi-python-client named both enums after it and
    left the directory listing out of the generated client."""
    titled = [
        f"{path} {parameter['name']}"
        for path, operations in schema(client)["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if "title" in parameter["schema"] or "title" in parameter["schema"].get("items", {})
    ]
    assert titled == []


def test_the_rate_limit_answer_is_as_documented(client, api_rate_limit):
    documented = schema(client)["paths"]["/api/v2/categories/"]["get"]["responses"]["429"]
    answers = [client.get("/api/v2/categories/") for _ in range(4)]  # 3 a minute, the schema's GET too
    assert [answer.status_code for answer in answers][-2:] == [429, 429]
    assert set(documented["headers"]) == {"Retry-After"}
    assert int(answers[-1]["Retry-After"]) > 0
    assert set(answers[-1].json()) == {"message"}


# Values the document does not allow, one of each kind per parameter: each must be refused with 400 and a
# message naming the parameter, not read as if it were left out or capped to the maximum.
REFUSED = [
    ("/api/v2/news/", {"date_to": ""}, "date_to"),
    ("/api/v2/news/", {"date_from": ""}, "date_from"),
    ("/api/v2/events/", {"date_to": ""}, "date_to"),
    ("/api/v2/events/", {"date_from": ""}, "date_from"),
    ("/api/v2/associations/", {"limit": "101"}, "limit"),
    ("/api/v2/news/", {"limit": "101"}, "limit"),
    ("/api/v2/events/", {"limit": "101"}, "limit"),
    ("/api/v2/programmes/", {"limit": "101"}, "limit"),
    ("/api/v2/search/", {"q": "latu", "limit": "101"}, "limit"),
    ("/api/v2/pages/", {"limit": "101"}, "limit"),
    ("/api/v2/images/", {"limit": "101"}, "limit"),
    ("/api/v2/documents/", {"limit": "101"}, "limit"),
    ("/api/v2/associations/", {"limit": ""}, "limit"),
    ("/api/v2/news/", {"offset": ""}, "offset"),
    ("/api/v2/search/", {"q": "latu", "limit": ""}, "limit"),
    ("/api/v2/search/", {"q": "latu", "offset": ""}, "offset"),
    ("/api/v2/pages/", {"offset": ""}, "offset"),
    ("/api/v2/events/", {"association": ""}, "association"),
    ("/api/v2/programmes/", {"year": ""}, "year"),
    ("/api/v2/events/", {"when": ""}, "when"),
    ("/api/v2/events/", {"when": "tomorrow"}, "when"),
    ("/api/v2/associations/", {"sort": ""}, "sort"),
    ("/api/v2/associations/", {"sort": "random"}, "sort"),
    ("/api/v2/associations/", {"category": ""}, "category"),
    ("/api/v2/associations/", {"language": "de"}, "language"),
    ("/api/v2/search/", {"q": "latu", "type": ""}, "type"),
    ("/api/v2/search/", {"q": "latu", "type": "video"}, "type"),
    ("/api/v2/programmes/", {"status": ""}, "status"),
    ("/api/v2/programmes/", {"status": "forgotten"}, "status"),
    ("/api/v2/programmes/", {"programme_status": ""}, "programme_status"),
]


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    REFUSED,
    ids=[
        f"{path.split('/')[3]}-{'&'.join(f'{k}={v}' for k, v in query.items())}" for path, query, _ in REFUSED
    ],
)
def test_a_value_the_document_does_not_allow_is_refused(client, path, query, parameter):
    response = client.get(path, query)
    assert response.status_code == 400, response.content[:300]
    assert set(response.json()) == {"message"}
    assert parameter in response.json()["message"]


def test_left_out_parameters_still_take_their_defaults(client):
    """The refusals above are of empty values, not of the parameters: without them the listings answer."""
    for path in ("/api/v2/news/", "/api/v2/events/", "/api/v2/associations/", "/api/v2/programmes/"):
        assert client.get(path).status_code == 200, path
    assert client.get("/api/v2/news/", {"tag": ""}).status_code == 200  # free text may be empty


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
