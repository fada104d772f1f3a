"""The HSDS views: each path of the HSDS 3.0 API reference, with its parameters, as JSON or ndjson.

They answer through DRF (the API's rate limit and {"message": ...} errors) and are described for
drf-spectacular; their answers are written by the serializers of associations/serializers.py. Every
answer allows any origin to read it (public data), and ignores the Accept header and DRF's ?format=:
`format` is HSDS's own parameter here (json or ndjson).
"""

import json
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale

from associations.hsds import objects
from associations.hsds.objects import TAXONOMIES, Context, activities, associations
from associations.hsds.parameters import (
    MINIMAL_PER_PAGE,
    HSDSParameters,
    ListParameters,
    OrganizationListParameters,
    OrganizationParameters,
    ServiceAtLocationListParameters,
    ServiceListParameters,
    TaxonomyTermListParameters,
    openapi_parameters,
)
from associations.hsds.profile import profile
from associations.models import AssociationPage
from associations.search import search_associations
from associations.serializers import (
    HSDSOrganizationPageSerializer,
    HSDSOrganizationSerializer,
    HSDSProfileSerializer,
    HSDSRootSerializer,
    HSDSServiceAtLocationPageSerializer,
    HSDSServiceAtLocationWithServiceSerializer,
    HSDSServicePageSerializer,
    HSDSServiceSerializer,
    HSDSTaxonomyPageSerializer,
    HSDSTaxonomySerializer,
    HSDSTaxonomyTermPageSerializer,
    HSDSTaxonomyTermSerializer,
)
from home.api import ERRORS
from home.visibility import public_pages
from search.engine import in_order
from search.morphology import query_words, word_forms, words

NDJSON = "application/x-ndjson"
NDJSON_CHUNK = 100  # items built at a time for an ndjson answer
LICENCE = "CC BY 4.0"
EARTH_RADIUS = 6_371_000  # metres


class JSONAnswers(BaseContentNegotiation):
    """JSON whatever Accept says, and no ?format= of DRF's: the views read HSDS's own `format`."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class HSDSView(APIView):
    """A GET of one HSDS path: `parameters` reads and checks its query parameters."""

    schema = AutoSchema()
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONAnswers
    parameters = HSDSParameters

    def handle_exception(self, exc):
        # The parameter checks of home.api and home.filters raise Wagtail API's BadRequestError.
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=400)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def read(self, request):
        """(the parameter set, its checked values, the Context of the answer); 400 for bad parameters."""
        checked = self.parameters(request)
        values = checked.values()
        locale = Locale.objects.filter(language_code=values["locale"]).first()
        if locale is None:
            raise BadRequestError(f"Unknown locale '{values['locale']}'.")
        return checked, values, Context(request, locale)


# --- Lists ---------------------------------------------------------------------------------------------


@dataclass
class Listing:
    """What a list holds: how many items, and the HSDS objects of any stretch of them."""

    total: int
    fetch: Callable  # (offset, limit) -> [object]


def of_sequence(items, write):
    """A Listing of a list of things, each written as an HSDS object by `write`."""
    return Listing(len(items), lambda offset, limit: [write(item) for item in items[offset : offset + limit]])


def answer_list(checked, values, listing, serializers, default=None):
    """A page of the listing in HSDS's envelope, or every item as ndjson; `serializers` is (the page's,
    an item's)."""
    page_serializer, item_serializer = serializers
    page, per_page = checked.paging(values, **({} if default is None else {"default": default}))
    offset = (page - 1) * per_page
    if values["format"] == "ndjson":
        stretch = (offset, per_page) if values["paged"] else (0, listing.total)
        return StreamingHttpResponse(ndjson_lines(listing, item_serializer, *stretch), content_type=NDJSON)
    items = listing.fetch(offset, per_page) if offset < listing.total else []
    pages = max(1, math.ceil(listing.total / per_page))
    envelope = {
        "total_items": listing.total,
        "total_pages": pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not items,
        "contents": items,
    }
    return Response(page_serializer(envelope).data)


def ndjson_lines(listing, item_serializer, start, count):
    """The items from `start` on, `count` at most, one JSON object a line, built NDJSON_CHUNK at a time."""
    end = min(listing.total, start + count)
    for offset in range(start, end, NDJSON_CHUNK):
        for item in listing.fetch(offset, min(NDJSON_CHUNK, end - offset)):
            yield json.dumps(item_serializer(item).data, ensure_ascii=False) + "\n"


def text_matcher(text, language):
    """Whether a text has every word of the search `text` in one of its forms (search.morphology: base
    forms and compound parts), or None when the search has no words."""
    wanted = [set(forms) for _word, forms in query_words(text, language)]
    if not wanted:
        return None

    def matches(candidate):
        found = set()
        for word in words(candidate):
            found |= word_forms(word, language)
        return all(options & found for options in wanted)

    return matches


def with_activities(queryset, containing=""):
    """Pages that have recurring activities (optionally one with this block id), found in the JSON text."""
    text = queryset.annotate(activities_text=Cast("activities", TextField()))
    text = text.exclude(activities_text__in=["[]", ""])
    return text.filter(activities_text__contains=containing) if containing else text


def selected_activities(values, context):
    """The activities of the public associations that pass the filters of `values` (services and services
    at locations share them), in the associations' name order."""
    pages = with_activities(associations(context.locale))
    if values["organization_id"] is not None:
        pages = pages.filter(translation_key=values["organization_id"])
    if values["modified_after"] is not None:
        pages = pages.filter(last_published_at__gte=values["modified_after"])
    found = activities(list(pages))
    if values["taxonomy_term_id"] is not None:
        term = values["taxonomy_term_id"]
        found = [item for item in found if any(t.translation_key == term for _link, t in item.terms())]
    if values["taxonomy_id"] is not None:
        kinds = {taxonomy.model for taxonomy in TAXONOMIES if taxonomy.id == str(values["taxonomy_id"])}
        found = [item for item in found if any(type(t) in kinds for _link, t in item.terms())]
    if matches := text_matcher(values["search"], context.language):
        found = [item for item in found if matches(item.text())]
    return found


# --- The paths ----------------------------------------------------------------------------------------

# (the page's serializer, an item's) of each list.
ORGANIZATION_LIST = (HSDSOrganizationPageSerializer, HSDSOrganizationSerializer)
SERVICE_LIST = (HSDSServicePageSerializer, HSDSServiceSerializer)
SERVICE_AT_LOCATION_LIST = (HSDSServiceAtLocationPageSerializer, HSDSServiceAtLocationWithServiceSerializer)
TAXONOMY_LIST = (HSDSTaxonomyPageSerializer, HSDSTaxonomySerializer)
TERM_LIST = (HSDSTaxonomyTermPageSerializer, HSDSTaxonomyTermSerializer)


def described(operation_id, description, answer, parameters, listing=False, path_parameters=()):
    """extend_schema for a view's GET: its parameters, its answer (and ndjson for a list) and errors."""
    responses = {(200, "application/json"): answer, **ERRORS}
    if listing:
        responses[(200, NDJSON)] = OpenApiTypes.STR
    return extend_schema(
        operation_id=operation_id,
        description=description,
        parameters=[*path_parameters, *openapi_parameters(parameters)],
        responses=responses,
        tags=["hsds"],
    )


def path_id(name, what):
    return OpenApiParameter(
        name, {"type": "string", "format": "uuid"}, OpenApiParameter.PATH, description=f"The {what}'s id."
    )


def uuid_or_400(value, what):
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadRequestError(f"'{value[:40]}' is not the id of {what} (a UUID).") from None


class RootView(HSDSView):
    @described(
        "hsds_root",
        "The HSDS version, the profile, the publisher and the paths.",
        HSDSRootSerializer,
        HSDSParameters,
    )
    def get(self, request):
        self.read(request)
        base = request.build_absolute_uri(reverse("hsds_root"))
        answer = {
            "version": objects.HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("hsds_profile")),
            "openapi_url": request.build_absolute_uri(reverse("openapi-schema") + "?format=json"),
            "publisher": {"name": settings.WAGTAIL_SITE_NAME, "url": request.build_absolute_uri("/")},
            "licence": LICENCE,
            "endpoints": {
                name: base + name
                for name in (
                    "organizations",
                    "services",
                    "service_at_locations",
                    "taxonomies",
                    "taxonomy_terms",
                )
            },
        }
        return Response(HSDSRootSerializer(answer).data)


class ProfileView(HSDSView):
    @described(
        "hsds_profile",
        "This service's HSDS profile: languages, ids, codes and the choices HSDS leaves open.",
        HSDSProfileSerializer,
        HSDSParameters,
    )
    def get(self, request):
        self.read(request)
        return Response(HSDSProfileSerializer(profile(request)).data)


class OrganizationsView(HSDSView):
    parameters = OrganizationListParameters

    @described(
        "hsds_organizations",
        "Associations as HSDS organizations: their own fields, or fully nested with full=true.",
        HSDSOrganizationPageSerializer,
        OrganizationListParameters,
        listing=True,
    )
    def get(self, request):
        checked, values, context = self.read(request)
        pages = associations(context.locale)
        nested = values["full"] or values["full_service"]

        def write(chunk):
            if not nested:
                return [objects.organization(page, context) for page in chunk]
            return organizations_with_services(chunk, context, values["full_service"])

        if values["search"]:
            outcome = search_associations(context.locale, values["search"])
            listing = Listing(
                outcome.total, lambda offset, limit: write(in_order(pages, outcome.page_ids(offset, limit)))
            )
        else:
            listing = Listing(
                pages.count(), lambda offset, limit: write(list(pages[offset : offset + limit]))
            )
        return answer_list(checked, values, listing, ORGANIZATION_LIST)


def organizations_with_services(pages, context, full_services):
    """The pages as fully nested organizations, each with its services (fully nested when
    `full_services`, else their own fields)."""
    by_page = {}
    for activity in activities(pages):
        by_page.setdefault(activity.page.pk, []).append(activity)
    answers = []
    for page in pages:
        found = by_page.get(page.pk, [])
        if full_services:
            services = [objects.full_service(item, context, with_organization=False) for item in found]
        else:
            services = [objects.service(item, context, with_organization=False) for item in found]
        answers.append(objects.full_organization(page, context, services))
    return answers


class OrganizationView(HSDSView):
    parameters = OrganizationParameters

    @described(
        "hsds_organization",
        "One organization (the same id in both languages), fully nested, with its services.",
        HSDSOrganizationSerializer,
        OrganizationParameters,
        path_parameters=[path_id("org_id", "organization")],
    )
    def get(self, request, org_id):
        _checked, values, context = self.read(request)
        key = uuid_or_400(org_id, "an organization")
        page = associations(context.locale).filter(translation_key=key).first()
        if page is None:
            raise Http404(f"No organization {key} in locale '{context.language}'.")
        answer = organizations_with_services([page], context, values["full_service"])[0]
        return Response(HSDSOrganizationSerializer(answer).data)


class ServicesView(HSDSView):
    parameters = ServiceListParameters

    @described(
        "hsds_services",
        "The associations' recurring activities as HSDS services: their own fields and organization, only "
        "id, name, status and last_modified with minimal=true, or fully nested with full=true.",
        HSDSServicePageSerializer,
        ServiceListParameters,
        listing=True,
    )
    def get(self, request):
        checked, values, context = self.read(request)
        found = selected_activities(values, context)
        if values["full"] and not values["minimal"]:
            listing = of_sequence(found, lambda item: objects.full_service(item, context))
        else:
            minimal = bool(values["minimal"])
            listing = of_sequence(found, lambda item: objects.service(item, context, minimal=minimal))
        if values["minimal"]:
            return answer_list(checked, values, listing, SERVICE_LIST, MINIMAL_PER_PAGE)
        return answer_list(checked, values, listing, SERVICE_LIST)


def find_activity(context, service_id):
    """The Activity with this id among the public associations of the context's locale, or None."""
    pages = with_activities(associations(context.locale), containing=str(service_id))
    for item in activities(list(pages)):
        if item.id == str(service_id):
            return item
    return None


class ServiceView(HSDSView):
    @described(
        "hsds_service",
        "One service (the same id in both languages), fully nested.",
        HSDSServiceSerializer,
        HSDSParameters,
        path_parameters=[path_id("service_id", "service")],
    )
    def get(self, request, service_id):
        _checked, _values, context = self.read(request)
        key = uuid_or_400(service_id, "a service")
        item = find_activity(context, key)
        if item is None:
            raise Http404(f"No service {key} in locale '{context.language}'.")
        return Response(HSDSServiceSerializer(objects.full_service(item, context)).data)


def located(found, context):
    """(activity, location object) of the activities whose association has a location."""
    places = {}
    pairs = []
    for item in found:
        if item.page.pk not in places:
            places[item.page.pk] = objects.location(item.page, context)
        if places[item.page.pk] is not None:
            pairs.append((item, places[item.page.pk]))
    return pairs


def near(pairs, postcode, proximity, context):
    """The pairs at `postcode`, or within `proximity` metres of its centre: the mean of the map points the
    directory has in that postcode. 404 without a postcode or a map point in it: nothing to measure from
    (a 400 would say the request breaks the document, which cannot say that proximity needs postcode)."""
    if postcode is None:
        raise Http404("proximity is measured from a postcode: add postcode.")
    if proximity is None:
        return [(item, place) for item, place in pairs if item.page.postal_code == postcode]
    points = list(
        associations(context.locale)
        .filter(postal_code=postcode, latitude__isnull=False, longitude__isnull=False)
        .values_list("latitude", "longitude")
    )
    if not points:
        raise Http404(f"No map point is known in postcode {postcode} to measure proximity from.")
    centre = (
        sum(float(lat) for lat, _ in points) / len(points),
        sum(float(lon) for _, lon in points) / len(points),
    )
    return [
        (item, place)
        for item, place in pairs
        if "latitude" in place and distance(centre, (place["latitude"], place["longitude"])) <= proximity
    ]


def distance(first, second):
    """Metres between two (latitude, longitude) points along the earth's surface (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS * math.asin(math.sqrt(a))


class ServiceAtLocationsView(HSDSView):
    parameters = ServiceAtLocationListParameters

    @described(
        "hsds_service_at_locations",
        "Each service at its association's location, with the location and the service's own fields (or "
        "the service fully nested with full=true).",
        HSDSServiceAtLocationPageSerializer,
        ServiceAtLocationListParameters,
        listing=True,
    )
    def get(self, request):
        checked, values, context = self.read(request)
        pairs = located(selected_activities(values, context), context)
        if values["postcode"] is not None or values["proximity"] is not None:
            pairs = near(pairs, values["postcode"], values["proximity"], context)

        def write(pair):
            item, place = pair
            if values["full"]:
                service = objects.full_service(item, context, with_locations=False)
            else:
                service = objects.service(item, context)
            return objects.service_at_location(item, place, service)

        return answer_list(checked, values, of_sequence(pairs, write), SERVICE_AT_LOCATION_LIST)


class ServiceAtLocationView(HSDSView):
    @described(
        "hsds_service_at_location",
        "One service at a location, with the location and the service fully nested.",
        HSDSServiceAtLocationWithServiceSerializer,
        HSDSParameters,
        path_parameters=[path_id("service_at_location_id", "service at location")],
    )
    def get(self, request, service_at_location_id):
        _checked, _values, context = self.read(request)
        key = str(uuid_or_400(service_at_location_id, "a service at a location"))
        # The id is derived from the service's and the location's: found among every page's blocks.
        pages = with_activities(public_pages(AssociationPage).filter(locale=context.locale))
        rows = pages.values_list("pk", "translation_key", "activities_text")
        for pk, translation_key, text in rows:
            place_id = objects.derived_id(translation_key, "location")
            if any(objects.derived_id(block["id"], "at", place_id) == key for block in json.loads(text)):
                page = associations(context.locale).get(pk=pk)
                for item, place in located(activities([page]), context):
                    if objects.derived_id(item.id, "at", place["id"]) == key:
                        service = objects.full_service(item, context, with_locations=False)
                        answer = objects.service_at_location(item, place, service)
                        return Response(HSDSServiceAtLocationWithServiceSerializer(answer).data)
        raise Http404(f"No service at location {key} in locale '{context.language}'.")


class TaxonomiesView(HSDSView):
    parameters = ListParameters

    @described(
        "hsds_taxonomies",
        "The directory's taxonomies: municipalities, categories and target groups.",
        HSDSTaxonomyPageSerializer,
        ListParameters,
        listing=True,
    )
    def get(self, request):
        checked, values, context = self.read(request)
        found = [objects.taxonomy(item, context) for item in TAXONOMIES]
        if matches := text_matcher(values["search"], context.language):
            found = [item for item in found if matches(f"{item['name']} {item['description']}")]
        return answer_list(checked, values, of_sequence(found, lambda item: item), TAXONOMY_LIST)


class TaxonomyView(HSDSView):
    @described(
        "hsds_taxonomy",
        "One taxonomy.",
        HSDSTaxonomySerializer,
        HSDSParameters,
        path_parameters=[path_id("taxonomy_id", "taxonomy")],
    )
    def get(self, request, taxonomy_id):
        _checked, _values, context = self.read(request)
        key = str(uuid_or_400(taxonomy_id, "a taxonomy"))
        for item in TAXONOMIES:
            if item.id == key:
                return Response(HSDSTaxonomySerializer(objects.taxonomy(item, context)).data)
        raise Http404(f"No taxonomy {key}.")


class TaxonomyTermsView(HSDSView):
    parameters = TaxonomyTermListParameters

    @described(
        "hsds_taxonomy_terms",
        "The terms of the taxonomies (the same ids in both languages). The taxonomies are flat: no term "
        "has a parent.",
        HSDSTaxonomyTermPageSerializer,
        TaxonomyTermListParameters,
        listing=True,
    )
    def get(self, request):
        checked, values, context = self.read(request)
        chosen = TAXONOMIES
        if values["taxonomy_id"] is not None:
            chosen = [item for item in TAXONOMIES if item.id == str(values["taxonomy_id"])]
        terms = []
        if values["parent_id"] is None:  # no term has a parent
            for item in chosen:
                terms += item.model.objects.filter(locale=context.locale).order_by("name", "pk")
        if matches := text_matcher(values["search"], context.language):
            terms = [term for term in terms if matches(f"{term.name} {getattr(term, 'code', '')}")]
        listing = of_sequence(terms, lambda term: objects.taxonomy_term(term, context))
        return answer_list(checked, values, listing, TERM_LIST)


class TaxonomyTermView(HSDSView):
    @described(
        "hsds_taxonomy_term",
        "One taxonomy term (the same id in both languages), with its taxonomy.",
        HSDSTaxonomyTermSerializer,
        HSDSParameters,
        path_parameters=[path_id("term_id", "taxonomy term")],
    )
    def get(self, request, term_id):
        _checked, _values, context = self.read(request)
        key = uuid_or_400(term_id, "a taxonomy term")
        for item in TAXONOMIES:
            term = item.model.objects.filter(locale=context.locale, translation_key=key).first()
            if term is not None:
                return Response(
                    HSDSTaxonomyTermSerializer(objects.taxonomy_term(term, context, detail=True)).data
                )
        raise Http404(f"No taxonomy term {key} in locale '{context.language}'.")
