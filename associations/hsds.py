"""The directory in Open Referral HSDS 3.0 shape, under /api/hsds/.

- `/api/hsds/`: the HSDS version, the publisher and where the rest is.
- `/api/hsds/organizations/` and `/api/hsds/organizations/<id>`: associations, with their identifiers
  (Y-tunnus and association register number), locations and taxonomy terms.
- `/api/hsds/services/` and `/api/hsds/services/<id>`: the associations' recurring activities, with
  their schedules.
- `/api/hsds/taxonomy_terms/`: municipalities, categories and target groups.

Lists are pages in HSDS's envelope (`total_items`, `total_pages`, `page_number`, `size`, `first_page`,
`last_page`, `empty`, `contents`), chosen with `page` and `per_page`; `locale=fi|sv` picks the language
(fi by default). Ids are UUIDs: an organization's is the translation key its language versions share, a
service's is its activity block's id, and the rest are derived from those, so they stay stable.
"""

import math
import uuid

from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import JsonResponse
from django.urls import path
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, schema
from wagtail.models import Locale

from associations.directory import TaxonomyNames
from associations.models import AssociationPage, Category, Municipality, TargetGroup
from associations.serializers import (
    HSDSOrganizationPageSerializer,
    HSDSOrganizationSerializer,
    HSDSRootSerializer,
    HSDSServicePageSerializer,
    HSDSServiceSerializer,
    HSDSTaxonomyTermPageSerializer,
)
from home.api import ERRORS
from home.parameters import InvalidNumber, whole_number
from home.visibility import public_pages

HSDS_VERSION = "3.0.1"
HSDS_PROFILE = "https://openreferral.org/"
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000
NAMESPACE = uuid.UUID("0e6c2a64-8a52-4b7d-9a62-7f0d2f1b5a10")  # this service's namespace for derived ids
TAXONOMIES = (("municipalities", Municipality), ("categories", Category), ("target_groups", TargetGroup))
WEEKDAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}


class BadRequest(Exception):
    pass


class UnknownLocale(Exception):
    pass


def derived_id(*parts):
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def error(message, status):
    return JsonResponse({"message": message}, status=status)


def json_view(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as problem:
            return error(str(problem), 400)
        except UnknownLocale as problem:
            return error(str(problem), 404)

    wrapped.__name__ = view.__name__
    return wrapped


def _locale(request):
    code = request.GET.get("locale", "fi")
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise UnknownLocale(f"Unknown locale '{code}': use fi or sv.")
    return locale


def _page_parameters(request):
    """?page= (from 1) and ?per_page= (more than MAX_PER_PAGE gives MAX_PER_PAGE), read by
    home.parameters; 400 with a message for anything but whole numbers in range."""
    values = {}
    for name, default in (("page", 1), ("per_page", DEFAULT_PER_PAGE)):
        raw = request.GET.get(name, "")
        if raw == "":
            values[name] = default
            continue
        try:
            values[name] = whole_number(raw, name, minimum=1, maximum=MAX_PAGE)
        except InvalidNumber as error:
            raise BadRequest(str(error)) from None
    return values["page"], min(values["per_page"], MAX_PER_PAGE)


def envelope(items, total, page, per_page):
    pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not items,
        "contents": items,
    }


def associations(locale):
    return (
        public_pages(AssociationPage)
        .filter(locale=locale)
        .select_related("home_municipality", "locale")
        .prefetch_related("categories", "target_groups", "other_municipalities")
        .order_by("title", "pk")
    )


def organization(page, request, names):
    org_id = str(page.translation_key)
    identifiers = []
    if page.business_id:
        identifiers.append(("FI:PRH:YTUNNUS", "Y-tunnus (Finnish business ID)", page.business_id))
    if page.register_number:
        identifiers.append(("FI:PRH:YHDISTYSREKISTERI", "Association register number", page.register_number))
    return {
        "id": org_id,
        "name": page.title,
        "alternate_name": None,
        "description": page.summary,
        "email": page.email or None,
        "website": page.website or None,
        "year_incorporated": page.founded_year,
        "legal_status": "Registered association (rekisteröity yhdistys)",
        "uri": page.get_full_url(request),
        "organization_identifiers": [
            {
                "id": derived_id(org_id, scheme),
                "organization_id": org_id,
                "identifier_scheme": scheme,
                "identifier_type": label,
                "identifier": value,
            }
            for scheme, label, value in identifiers
        ],
        "phones": [{"id": derived_id(org_id, "phone"), "number": page.phone}] if page.phone else [],
        "locations": [location(page, names)] if page.home_municipality_id else [],
        "attributes": attributes(page, org_id, names),
    }


def location(page, names):
    org_id = str(page.translation_key)
    location_id = derived_id(org_id, "location")
    return {
        "id": location_id,
        "location_type": "physical",
        "organization_id": org_id,
        "name": page.title,
        "latitude": float(page.latitude) if page.latitude is not None else None,
        "longitude": float(page.longitude) if page.longitude is not None else None,
        "addresses": [
            {
                "id": derived_id(location_id, "address"),
                "location_id": location_id,
                "address_1": page.street_address or None,
                "city": page.post_office or names.name(page.home_municipality, "municipalities"),
                "region": "Pohjois-Savo",
                "state_province": "Pohjois-Savo",
                "postal_code": page.postal_code or None,
                "country": "FI",
                "address_type": "physical",
            }
        ],
    }


def attributes(page, owner_id, names):
    """The page's taxonomy terms as HSDS attributes linking to /taxonomy_terms/."""
    language = page.locale.language_code
    terms = [("municipalities", page.home_municipality)] if page.home_municipality_id else []
    terms += [("municipalities", term) for term in page.other_municipalities.all()]
    terms += [("categories", term) for term in page.categories.all()]
    terms += [("target_groups", term) for term in page.target_groups.all()]
    return [
        {
            "id": derived_id(owner_id, kind, term.translation_key),
            "link_id": owner_id,
            "link_type": "organization",
            "taxonomy_term_id": str(term.translation_key),
            "taxonomy_term": taxonomy_term(term, kind, names, language),
        }
        for kind, term in terms
    ]


def taxonomy_term(term, kind, names, language):
    return {
        "id": str(term.translation_key),
        "code": getattr(term, "code", None) or getattr(term, "slug", None),
        "name": names.name(term, kind),
        "description": "",
        "taxonomy": {"municipalities": "municipality", "categories": "category"}.get(kind, "target_group"),
        "language": language,
    }


def services_of(page, request, names):
    org_id = str(page.translation_key)
    found = []
    for block in page.activities:
        value = block.value
        service_id = str(block.id)
        weekdays = [WEEKDAYS[day] for day in (value.get("weekdays") or []) if day in WEEKDAYS]
        found.append(
            {
                "id": service_id,
                "organization_id": org_id,
                "name": value.get("title") or page.title,
                "description": value.get("description") or "",
                "url": page.get_full_url(request),
                "email": page.email or None,
                "status": "active",
                "languages": [
                    {"id": derived_id(service_id, code), "code": code} for code in page.service_languages
                ],
                "schedules": [
                    {
                        "id": derived_id(service_id, "schedule"),
                        "service_id": service_id,
                        "freq": "WEEKLY",
                        "byday": ",".join(weekdays) or None,
                        "description": " ".join(
                            str(part) for part in (value.get("time"), value.get("place")) if part
                        ),
                    }
                ],
                "attributes": attributes(page, service_id, names),
            }
        )
    return found


@json_view
def root(request):
    base = request.build_absolute_uri("/api/hsds/")
    answer = {
        "version": HSDS_VERSION,
        "profile": HSDS_PROFILE,
        "openapi_url": request.build_absolute_uri("/api/schema/"),
        "publisher": {"name": settings.WAGTAIL_SITE_NAME, "url": request.build_absolute_uri("/")},
        "licence": "CC BY 4.0",
        "endpoints": {name: f"{base}{name}/" for name in ("organizations", "services", "taxonomy_terms")},
    }
    return JsonResponse(HSDSRootSerializer(answer).data)


@json_view
def organizations(request):
    locale = _locale(request)
    page_number, per_page = _page_parameters(request)
    names = TaxonomyNames.cached(locale)
    queryset = associations(locale)
    total = queryset.count()
    start = (page_number - 1) * per_page
    items = [organization(page, request, names) for page in queryset[start : start + per_page]]
    return JsonResponse(HSDSOrganizationPageSerializer(envelope(items, total, page_number, per_page)).data)


@json_view
def organization_detail(request, org_id):
    locale = _locale(request)
    page = associations(locale).filter(translation_key=_uuid(org_id)).first()
    if page is None:
        return error(f"No organization {org_id} in locale '{locale.language_code}'.", 404)
    return JsonResponse(
        HSDSOrganizationSerializer(organization(page, request, TaxonomyNames.cached(locale))).data
    )


@json_view
def services(request):
    locale = _locale(request)
    page_number, per_page = _page_parameters(request)
    names = TaxonomyNames.cached(locale)
    found = []
    for page in with_activities(associations(locale)):
        found.extend(services_of(page, request, names))
    start = (page_number - 1) * per_page
    answer = envelope(found[start : start + per_page], len(found), page_number, per_page)
    return JsonResponse(HSDSServicePageSerializer(answer).data)


@json_view
def service_detail(request, service_id):
    locale = _locale(request)
    wanted = str(_uuid(service_id))
    names = TaxonomyNames.cached(locale)
    for page in with_activities(associations(locale), containing=wanted):
        for service in services_of(page, request, names):
            if service["id"] == wanted:
                return JsonResponse(HSDSServiceSerializer(service).data)
    return error(f"No service {service_id} in locale '{locale.language_code}'.", 404)


@json_view
def taxonomy_terms(request):
    locale = _locale(request)
    page_number, per_page = _page_parameters(request)
    names = TaxonomyNames.cached(locale)
    terms = [
        taxonomy_term(term, kind, names, locale.language_code)
        for kind, model in (
            ("municipalities", Municipality),
            ("categories", Category),
            ("target_groups", TargetGroup),
        )
        for term in model.objects.filter(locale=locale).order_by("name")
    ]
    start = (page_number - 1) * per_page
    answer = envelope(terms[start : start + per_page], len(terms), page_number, per_page)
    return JsonResponse(HSDSTaxonomyTermPageSerializer(answer).data)


def with_activities(queryset, containing=""):
    """Pages that have recurring activities (optionally one with this block id), found in the JSON text."""
    text = queryset.annotate(activities_text=Cast("activities", TextField()))
    text = text.exclude(activities_text__in=["[]", ""])
    return text.filter(activities_text__contains=containing) if containing else text


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadRequest(f"'{value}' is not an HSDS id (a UUID).") from None


# --- In the OpenAPI document -----------------------------------------------------------------------
# The views answer through DRF (its rate limit and error shape) and are described for drf-spectacular;
# their answers are written by the serializers of associations/serializers.py.

LOCALE_PARAMETER = OpenApiParameter("locale", str, enum=["fi", "sv"], description="Language (default fi).")
PAGE_PARAMETERS = [
    OpenApiParameter(
        "page", {"type": "integer", "minimum": 1, "maximum": 1_000_000}, description="Page number."
    ),
    OpenApiParameter(
        "per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}, description="Items per page."
    ),
]


def documented(view, operation_id, description, answer, parameters=(), exclude=False):
    """`view` as a DRF GET view with its OpenAPI description (`exclude` for an alias of another path)."""
    drf_view = api_view(["GET"])(schema(AutoSchema())(view))
    return extend_schema(
        operation_id=operation_id,
        description=description,
        parameters=[LOCALE_PARAMETER, *parameters],
        responses={200: answer, **ERRORS},
        tags=["hsds"],
        exclude=exclude,
    )(drf_view)


ID_PARAMETER = {"type": "string", "format": "uuid"}
ORGANIZATION_ID = [OpenApiParameter("org_id", ID_PARAMETER, OpenApiParameter.PATH)]
SERVICE_ID = [OpenApiParameter("service_id", ID_PARAMETER, OpenApiParameter.PATH)]
urlpatterns = [
    path(
        "",
        documented(root, "hsds_root", "HSDS version, publisher and the list endpoints.", HSDSRootSerializer),
        name="hsds_root",
    ),
    path(
        "organizations/",
        documented(
            organizations,
            "hsds_organizations",
            "Associations as HSDS organizations.",
            HSDSOrganizationPageSerializer,
            PAGE_PARAMETERS,
        ),
        name="hsds_organizations",
    ),
    path(
        "organizations/<str:org_id>",
        documented(
            organization_detail,
            "hsds_organization",
            "One organization by its id (the same in both languages).",
            HSDSOrganizationSerializer,
            ORGANIZATION_ID,
        ),
        name="hsds_organization",
    ),
    path(
        "organizations/<str:org_id>/",
        documented(
            organization_detail, "hsds_organization_slash", "", HSDSOrganizationSerializer, exclude=True
        ),
    ),
    path(
        "services/",
        documented(
            services,
            "hsds_services",
            "Recurring activities as HSDS services.",
            HSDSServicePageSerializer,
            PAGE_PARAMETERS,
        ),
        name="hsds_services",
    ),
    path(
        "services/<str:service_id>",
        documented(
            service_detail, "hsds_service", "One service by its id.", HSDSServiceSerializer, SERVICE_ID
        ),
        name="hsds_service",
    ),
    path(
        "services/<str:service_id>/",
        documented(service_detail, "hsds_service_slash", "", HSDSServiceSerializer, exclude=True),
    ),
    path(
        "taxonomy_terms/",
        documented(
            taxonomy_terms,
            "hsds_taxonomy_terms",
            "Municipalities, categories and target groups.",
            HSDSTaxonomyTermPageSerializer,
            PAGE_PARAMETERS,
        ),
        name="hsds_taxonomy_terms",
    ),
]
