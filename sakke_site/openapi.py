"""The OpenAPI 3 description of the public read API (/api/schema/, browsable at /api/docs/).

drf-spectacular generates it from the URL patterns and views. Wagtail's API views build their serializers
per request, so they get a schema class that takes no guesses: every view names its answers with
extend_schema (the serializers in each app's serializers.py), and its query parameters either with
extend_schema or with django-filter FilterSets (`filtersets`, one per action, e.g. associations/filters.py),
whose choices become the enums. The `refusals` hook adds what any operation may answer besides: 400 and
429 (with Retry-After), both {"message": ...}.
"""

import copy

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from home.api import ERROR
from home.filters import MAX_LIMIT

LOCALE = OpenApiParameter(
    "locale", str, enum=["fi", "sv"], description="Language of the content (default fi)."
)
LIMIT = OpenApiParameter(
    "limit",
    {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT},
    description=f"How many items (at most {MAX_LIMIT}).",
)
OFFSET = OpenApiParameter(
    "offset",
    {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
    description="How many items to skip.",
)


class ActionFilterBackend(DjangoFilterBackend):
    """Hands drf-spectacular's django-filter support the FilterSet that a view reads its current action's
    parameters with: `filtersets = {"listing_view": SomeFilterSet, ...}` on the view."""

    def get_filterset_class(self, view, queryset=None):
        return view.filtersets.get(view.action)


# The draft preview answers only with an editor's signed token: not part of the public API.
PRIVATE_PATHS = ("/api/v2/page_preview/",)


def public_api_only(endpoints):
    """Only the public API (/api/v2/ and the HSDS views under /api/hsds/), not the admin's internal API
    nor Wagtail's find redirects."""
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith(("/api/v2/", "/api/hsds/"))
        and not endpoint[0].endswith("/find/")
        and not endpoint[0].startswith(PRIVATE_PATHS)
    ]


# Any text without C0 control characters but tab, line feed and carriage return (ControlCharacterMiddleware).
NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*$"


def current_values(result, generator, request, public):
    """Say on every free-text parameter that control characters are refused: ControlCharacterMiddleware
    answers them with 400 whatever the endpoint, so clients (and schemathesis) know.

    (Enums of today's taxonomy terms and the text lengths come from the views' FilterSets and parameter
    declarations now; the hook keeps its name, which the settings refer to.)"""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
                    schema.setdefault("pattern", NO_CONTROL_CHARACTERS)
    return result


ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}
BAD_REQUEST = {
    "description": (
        "A parameter the operation does not know, or a value the document does not allow: out of its "
        "range, not in its enum, empty where a value is needed, or with control characters."
    ),
    "content": {"application/json": {"schema": ERROR_SCHEMA}},
}
NOT_FOUND = {
    "description": "No such item, or no such locale.",
    "content": {"application/json": {"schema": ERROR_SCHEMA}},
}
TOO_MANY_REQUESTS = {
    "description": "Too many requests from this address (API_RATE_LIMIT); try again after Retry-After.",
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before the next request.",
            "schema": {"type": "integer", "minimum": 0},
        }
    },
    "content": {"application/json": {"schema": ERROR_SCHEMA}},
}


def refusals(result, generator, request, public):
    """Document on every operation what any request may be answered with besides its 200: 400 for a
    parameter or value the document does not allow (the views check them all) and 429 with Retry-After
    when the address has used up the rate limit (sakke_site/throttling.py), both {"message": ...}.

    Parameter schemas lose their `title` (a model field's verbose name that django-filter hands on): two
    parameters with the same title and different enums made client generators (openapi-python-client)
    give both enums one name and skip the operation.

    The public API is anonymous: operations name no security scheme (drf-spectacular lists the session
    cookie, which made generated clients demand an authenticated client for every call)."""
    result.get("components", {}).pop("securitySchemes", None)
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(
        "Error",
        {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]},
    )
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            operation.pop("security", None)
            responses = operation.setdefault("responses", {})
            for status, answer in (("400", BAD_REQUEST), ("404", NOT_FOUND), ("429", TOO_MANY_REQUESTS)):
                if status == "404" and status not in responses:
                    continue  # only where the view says it may not find something
                documented = responses.setdefault(status, copy.deepcopy(answer))
                documented["description"] = documented.get("description") or answer["description"]
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                schema.pop("title", None)
                schema.get("items", {}).pop("title", None)
    return result


class WagtailAPISchema(AutoSchema):
    """Schema for Wagtail API v2 style views: no serializer guessing, operation ids from the view name."""

    # The views' GET actions, so that extend_schema_view can describe the ones a view inherits (Wagtail's
    # pages, images and documents, the taxonomies); the keys are no HTTP method, so lookups by method
    # are unchanged.
    method_mapping = {
        **AutoSchema.method_mapping,
        "wagtail listing": "listing_view",
        "wagtail detail": "detail_view",
    }

    def get_operation_id(self):
        if not hasattr(self.view, "action"):  # a plain DRF view (the HSDS views) names its own operation
            return super().get_operation_id()
        name = self.view.__class__.__name__.removesuffix("APIViewSet").lower()
        return f"{name}_{self.view.action.removesuffix('_view')}"

    def _get_serializer(self):
        return None

    def get_request_serializer(self):
        return None

    def get_response_serializers(self):
        return {200: OpenApiTypes.OBJECT, 400: ERROR, 404: ERROR}

    def get_filter_backends(self):
        # Wagtail's own filter backends take parameters its views document differently; a view of ours
        # with a FilterSet for this action has the action's parameters read from it.
        return [ActionFilterBackend] if self.filterset() else []

    def filterset(self):
        return getattr(self.view, "filtersets", {}).get(getattr(self.view, "action", None))

    def _get_paginator(self):
        return None

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        known = getattr(self.view, "known_query_parameters", frozenset())
        filters = getattr(self.filterset(), "base_filters", {})
        if (
            getattr(self.view, "action", None) == "listing_view"
            and "limit" in known
            and "limit" not in filters
        ):
            parameters += [LIMIT, OFFSET]
        if "locale" in known and all(parameter.name != "locale" for parameter in parameters):
            parameters.append(LOCALE)
        return parameters
