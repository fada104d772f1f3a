"""The OpenAPI 3 description of the public read API (/api/schema/, browsable at /api/docs/).

drf-spectacular generates it from the URL patterns and views. Wagtail's API views build their serializers
per request, so they get a schema class that documents each view's query parameters and a JSON object
response instead of guessing serializers; the project's own endpoints describe their answers in detail
with extend_schema (search/api.py).
"""

from django.db import DatabaseError
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers

ERROR = inline_serializer("Error", {"message": serializers.CharField()})
LOCALE = OpenApiParameter(
    "locale", str, enum=["fi", "sv"], description="Language of the content (default fi)."
)
LIMIT = OpenApiParameter(
    "limit", {"type": "integer", "minimum": 0, "maximum": 100}, description="How many items (at most 100)."
)
OFFSET = OpenApiParameter(
    "offset",
    {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
    description="How many items to skip.",
)


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
    """Put today's taxonomy keys into the document as enums, the text length limits, and "no NUL" on text.

    Editors maintain the taxonomies, so the valid municipality codes and category and target group
    slugs are read when the document is generated; any other value is answered with 400.
    """
    from associations.models import Category, Municipality, TargetGroup
    from search.engine import MAX_QUERY_LENGTH

    enums = {"language": ["en", "fi", "other", "sv"]}
    try:
        enums["municipality"] = sorted(set(Municipality.objects.values_list("code", flat=True)))
        enums["category"] = sorted(set(Category.objects.values_list("slug", flat=True)))
        enums["target_group"] = sorted(set(TargetGroup.objects.values_list("slug", flat=True)))
    except DatabaseError:
        pass  # generated without a database (drf-spectacular's system check): no enums for them
    lengths = {"search": 0, "q": 1}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                name, schema = parameter["name"], parameter.get("schema", {})
                if name in enums and schema.get("type") == "array":
                    schema["items"]["enum"] = enums[name]
                elif name in lengths:
                    minimum = 2 if path.endswith("/autocomplete/") else lengths[name]
                    schema.update({"minLength": minimum, "maxLength": MAX_QUERY_LENGTH})
                if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
                    # Any text but control characters, which every endpoint refuses with 400.
                    schema.setdefault("pattern", NO_CONTROL_CHARACTERS)
    return result


class WagtailAPISchema(AutoSchema):
    """Schema for Wagtail API v2 style views: no serializer guessing, operation ids from the view name."""

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
        return []

    def _get_paginator(self):
        return None

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        known = getattr(self.view, "known_query_parameters", frozenset())
        if getattr(self.view, "action", None) == "listing_view" and "limit" in known:
            parameters += [LIMIT, OFFSET]
        if "locale" in known and all(parameter.name != "locale" for parameter in parameters):
            parameters.append(LOCALE)
        return parameters
