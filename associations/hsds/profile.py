"""This service's HSDS profile (/api/hsds/profile/): how it uses HSDS 3.0, for the people who build on it.

HSDS has no multilingual text, so the profile says first how each language is served. The texts are
API documentation, in English like the OpenAPI document.
"""

from django.conf import settings
from django.urls import reverse

from associations.hsds.objects import HSDS_VERSION, LINK_TYPES, TAXONOMIES

LANGUAGES = (
    "HSDS has no text in several languages, so each answer is in one: ?locale=fi (the default) or "
    "?locale=sv on every path. Ids are the same in both languages: an organization, a service or a "
    "taxonomy term asked for with locale=sv is the Swedish version of the Finnish one with that id. What "
    "has no Swedish version (an association whose page is not translated yet) is left out of the Swedish "
    "answers, and its id answers 404 there. Any other locale is a 400."
)

TRANSLATED_FIELDS = [
    "organization.name",
    "organization.description",
    "organization.legal_status",
    "organization.uri (the page in that language)",
    "organization_identifier.identifier_type",
    "location.name",
    "address.city",
    "address.state_province",
    "service.name",
    "service.description",
    "service.url (the page in that language)",
    "service_at_location.description",
    "schedule.description",
    "language.name",
    "taxonomy.name",
    "taxonomy.description",
    "taxonomy_term.name",
    "taxonomy_term.taxonomy",
    "taxonomy_term.language (fi or sv)",
]

IDENTIFIER_SCHEMES = [
    {
        "code": "FI-PRO",
        "meaning": "The business ID (Y-tunnus) given by the Finnish Patent and Registration Office, as "
        "org-id.guide names the scheme.",
    },
    {
        "code": "(no scheme)",
        "meaning": "The association register number (yhdistysrekisterinumero), which org-id.guide has no "
        "scheme for: identifier_type names it.",
    },
]

CONVENTIONS = [
    (
        "Absent values",
        "A value the directory does not have is left out, never written as null.",
    ),
    (
        "Organizations",
        "An organization is an association of the directory. legal_status is 'registered association' "
        "in the answer's language when it has an association register number; year_incorporated is its "
        "founding year; uri is its page.",
    ),
    (
        "Services",
        "A service is one recurring activity of an association (a weekly group, a club evening, a peer "
        "support meeting). Its status is always active: the directory lists what associations run now. "
        "last_modified is when the association's page, which holds its activities, was last published.",
    ),
    (
        "Schedules",
        "Weekly: freq WEEKLY with byday in RFC 5545 weekdays (MO,TH). opens_at and closes_at are HH:MM in "
        "Helsinki local time (Europe/Helsinki, whose UTC offset changes with daylight saving, so none is "
        "given); description says the same in words in the answer's language.",
    ),
    (
        "Locations",
        "An organization has at most one location: where it meets, with its address (country FI, "
        "state_province the region) and map point when known. Each service is at its organization's "
        "location (a service_at_location), whose description is the activity's own meeting place as the "
        "association wrote it.",
    ),
    (
        "Languages of service",
        "language.code is ISO 639-1 (fi, sv, en). An association that also serves in other languages has "
        "a language named 'other languages' in the answer's language, without a code.",
    ),
    (
        "Taxonomies",
        "Three flat taxonomies kept by the service's coordinators (no term has a parent, so top_only "
        "changes nothing and parent_id finds nothing): municipalities (code: the Statistics Finland "
        "municipality code), categories and target groups (code: the slug the directory's filters use). "
        "term_uri is the term in this service's API v2. An attribute links a term to an organization "
        "(link_entity organization) or a service (link_entity service); a service has its "
        "organization's terms and the target group of the activity itself.",
    ),
    (
        "Lists",
        "Lists are pages in HSDS's envelope: 20 items by default, per_page up to 100 (1000 with "
        "minimal=true, which gives a service's id, name, status and last_modified, HSDS's field for what "
        "the API reference calls modified_date; full is then not looked at). format=ndjson gives every item "
        "of a list without pages, one JSON object a line (application/x-ndjson), or only one page's items "
        "when page or per_page is given. Filters combine with AND. An unknown parameter, "
        'a parameter given twice or a bad value is a 400 with {"message": ...}, never an unfiltered '
        "list. Every path answers with and without a trailing slash.",
    ),
    (
        "Search",
        "search on organizations is the directory's own search (Finnish and Swedish word forms and "
        "compounds, typo tolerance on names), best match first. On services and services at locations "
        "every search word, in one of its forms, must appear in the activity's name, description or "
        "place or in its association's name; on taxonomies and terms, in their names.",
    ),
    (
        "Postcode and proximity",
        "The directory has no service areas: postcode keeps the services at an address with that "
        "postcode; with proximity (metres) instead those whose map point is within that distance of the "
        "postcode's centre, the mean of the map points the directory has in that postcode. proximity "
        "without postcode, or with a postcode where the directory has no map point, is a 404 with a "
        "message: there is nothing to measure from.",
    ),
    (
        "Services at locations by id",
        "/service_at_locations/{id} answers a service_at_location with its location and its service "
        "fully nested, as the path's description says and compiled/service_at_location.json describes "
        "(the reference's openapi.json names compiled/service.json for this path).",
    ),
    (
        "Additions",
        "The root also gives publisher, licence and endpoints (the list paths); openapi_url is this "
        "service's own OpenAPI document, which describes the HSDS paths under /api/hsds/ with the rest "
        "of its API. Answers may be read from any origin (Access-Control-Allow-Origin: *).",
    ),
]


def profile(request):
    """The profile document (HSDSProfileSerializer) with this site's addresses."""
    return {
        "name": f"{settings.WAGTAIL_SITE_NAME}: HSDS profile",
        "hsds_version": HSDS_VERSION,
        "description": "The associations of the directory, their recurring activities and the directory's "
        "taxonomies in Open Referral HSDS 3.0, in Finnish and Swedish.",
        "api_url": request.build_absolute_uri(reverse("hsds_root")),
        "openapi_url": request.build_absolute_uri(reverse("openapi-schema") + "?format=json"),
        "languages": {
            "parameter": "locale",
            "default": "fi",
            "available": ["fi", "sv"],
            "explanation": LANGUAGES,
        },
        "translated_fields": TRANSLATED_FIELDS,
        "link_types": [{"code": code, "meaning": meaning} for code, meaning in LINK_TYPES.items()],
        "identifier_schemes": IDENTIFIER_SCHEMES,
        "taxonomies": [
            {
                "id": taxonomy.id,
                "kind": taxonomy.kind,
                "code": "Statistics Finland municipality code" if taxonomy.key_field == "code" else "slug",
                "url": request.build_absolute_uri(reverse(f"wagtailapi:{taxonomy.kind}:listing")),
            }
            for taxonomy in TAXONOMIES
        ],
        "conventions": [{"topic": topic, "text": text} for topic, text in CONVENTIONS],
    }
