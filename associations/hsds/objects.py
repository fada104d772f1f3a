"""HSDS 3.0 objects made of the directory: organizations, their locations, services and taxonomy terms.

HSDS has no multilingual text: every object is written in one language (`Context.language`, fi or sv)
from the page or term of that language. Ids are the same in both languages: an organization's is the
translation key its language versions share, a service's the id of its activity block (wagtail-localize
keeps it), a term's its translation key, and the rest are derived from those with uuid5.

A value the page does not have is left out, never written as null (HSDS's strings are strings). The
functions write plain dicts; the serializers of associations/serializers.py write them out and describe
them in the OpenAPI document.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from associations.blocks import WEEKDAYS
from associations.directory import TaxonomyNames
from associations.models import SERVICE_LANGUAGES, AssociationPage, Category, Municipality, TargetGroup
from home.visibility import public_pages

HSDS_VERSION = "3.0.1"
NAMESPACE = uuid.UUID("0e6c2a64-8a52-4b7d-9a62-7f0d2f1b5a10")  # this service's namespace for derived ids
# RFC 5545 weekdays of the activity block's weekday choices.
BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
# The region every municipality of the directory is in (address.state_province). One region today; the
# regions app will tell it per municipality.
REGION = _("North Savo")
REGISTERED_ASSOCIATION = _("registered association")


def derived_id(*parts):
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def present(**fields):
    """The fields that have a value: HSDS leaves out what is not known (a string is never null)."""
    return {name: value for name, value in fields.items() if value is not None and value != ""}


# --- Taxonomies ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    """One of the directory's taxonomies as an HSDS taxonomy."""

    kind: str  # TaxonomyNames' attribute and the name of its /api/v2/ endpoint
    model: type
    key_field: str  # the term's code in the taxonomy: the municipality code or the slug
    description: str

    @property
    def id(self):
        return derived_id("taxonomy", self.kind)

    def name(self):
        return capfirst(self.model._meta.verbose_name_plural)


TAXONOMIES = (
    Taxonomy(
        "municipalities",
        Municipality,
        "code",
        _("Municipalities of the region, by their Statistics Finland codes."),
    ),
    Taxonomy(
        "categories",
        Category,
        "slug",
        _("Fields of activity of associations, kept by the service's coordinators."),
    ),
    Taxonomy(
        "target_groups",
        TargetGroup,
        "slug",
        _("Who associations and their activities are for, kept by the service's coordinators."),
    ),
)
TAXONOMY_OF_MODEL = {taxonomy.model: taxonomy for taxonomy in TAXONOMIES}

# What an attribute's taxonomy term says about the organization or service (attribute.link_type).
LINK_TYPES = {
    "home_municipality": "The municipality where the association is based (its home municipality).",
    "service_area": "Another municipality where the association works.",
    "category": "A field of activity of the association.",
    "audience": "Who the association or the activity is for (a target group).",
}


@dataclass
class Context:
    """What every object of one answer shares: the request (for absolute addresses), its language and the
    names of the taxonomy terms in that language."""

    request: object
    locale: object
    names: TaxonomyNames = field(init=False)

    def __post_init__(self):
        self.names = TaxonomyNames.cached(self.locale)

    @property
    def language(self):
        return self.locale.language_code

    def url(self, path):
        return self.request.build_absolute_uri(path)


def taxonomy(item, context):
    with translation.override(context.language):
        return {
            "id": item.id,
            "name": str(item.name()),
            "description": str(item.description),
            "uri": context.url(reverse(f"wagtailapi:{item.kind}:listing")),
        }


def taxonomy_term(term, context, detail=False):
    kind = TAXONOMY_OF_MODEL[type(term)]
    code = getattr(term, kind.key_field)
    answer = {
        "id": str(term.translation_key),
        "code": code,
        "name": context.names.name(term, kind.kind),
        "description": "",
        "taxonomy": taxonomy_name(kind, context),
        "taxonomy_id": kind.id,
        "language": context.language,
        "term_uri": context.url(reverse(f"wagtailapi:{kind.kind}:detail", args=[code])),
    }
    if detail:
        answer["taxonomy_detail"] = taxonomy(kind, context)
    return answer


def taxonomy_name(item, context):
    with translation.override(context.language):
        return str(item.name())


def attributes(owner_id, entity, terms, context):
    """The (link_type, term) pairs as HSDS attributes of the organization or service `owner_id`."""
    return [
        {
            "id": derived_id(owner_id, link_type, term.translation_key),
            "link_id": owner_id,
            "link_type": link_type,
            "link_entity": entity,
            "taxonomy_term_id": str(term.translation_key),
            "taxonomy_term": taxonomy_term(term, context),
        }
        for link_type, term in terms
    ]


def page_terms(page):
    """The page's taxonomy terms with what each says about it (needs the relations prefetched)."""
    terms = [("home_municipality", page.home_municipality)] if page.home_municipality_id else []
    terms += [
        ("service_area", term)
        for term in page.other_municipalities.all()
        if term.pk != page.home_municipality_id
    ]
    terms += [("category", term) for term in page.categories.all()]
    terms += [("audience", term) for term in page.target_groups.all()]
    return terms


# --- Organizations and their locations ----------------------------------------------------------------


def associations(locale):
    """The public associations of `locale`, by name, with what the objects need loaded with them."""
    return (
        public_pages(AssociationPage)
        .filter(locale=locale)
        .select_related("home_municipality", "locale")
        .prefetch_related("categories", "target_groups", "other_municipalities")
        .order_by("title", "pk")
    )


def organization_id(page):
    return str(page.translation_key)


def organization(page, context):
    """The organization's own (one-to-one) fields: what a list item and a service's organization hold."""
    with translation.override(context.language):
        return {
            **present(
                id=organization_id(page),
                name=page.title,
                email=page.email,
                website=page.website,
                year_incorporated=page.founded_year,
                legal_status=capfirst(str(REGISTERED_ASSOCIATION)) if page.register_number else None,
                uri=page.get_full_url(context.request),
            ),
            "description": page.summary or "",
        }


def full_organization(page, context, services=None):
    """The organization with its identifiers, phone, location and taxonomy terms, and `services` (a list
    of service objects) when given."""
    org_id = organization_id(page)
    answer = organization(page, context)
    place = location(page, context)
    answer.update(
        organization_identifiers=identifiers(page, context),
        phones=[{"id": derived_id(org_id, "phone"), "organization_id": org_id, "number": page.phone}]
        if page.phone
        else [],
        locations=[place] if place else [],
        attributes=attributes(org_id, "organization", page_terms(page), context),
    )
    if services is not None:
        answer["services"] = services
    return answer


def identifiers(page, context):
    """The business ID in org-id.guide's scheme FI-PRO (the Finnish Patent and Registration Office) and the
    association register number, which has no scheme there."""
    org_id = organization_id(page)
    fields = AssociationPage._meta
    found = []
    with translation.override(context.language):
        if page.business_id:
            found.append(
                {
                    "id": derived_id(org_id, "FI-PRO"),
                    "organization_id": org_id,
                    "identifier_scheme": "FI-PRO",
                    "identifier_type": capfirst(str(fields.get_field("business_id").verbose_name)),
                    "identifier": page.business_id,
                }
            )
        if page.register_number:
            found.append(
                {
                    "id": derived_id(org_id, "register_number"),
                    "organization_id": org_id,
                    "identifier_type": capfirst(str(fields.get_field("register_number").verbose_name)),
                    "identifier": page.register_number,
                }
            )
    return found


def location_id(page):
    return derived_id(organization_id(page), "location")


def location(page, context):
    """Where the association meets: its address and map point, or None when it has neither."""
    place_id = location_id(page)
    city = page.post_office
    if not city and page.home_municipality_id:
        city = context.names.name(page.home_municipality, "municipalities")
    addresses = []
    if page.street_address and page.postal_code and city:
        with translation.override(context.language):
            addresses.append(
                {
                    "id": derived_id(place_id, "address"),
                    "location_id": place_id,
                    "address_1": page.street_address,
                    "city": city,
                    "state_province": str(REGION),
                    "postal_code": page.postal_code,
                    "country": "FI",
                    "address_type": "physical",
                }
            )
    point = page.latitude is not None and page.longitude is not None
    if not addresses and not point:
        return None
    answer = {
        "id": place_id,
        "location_type": "physical",
        "organization_id": organization_id(page),
        "name": page.title,
    }
    if point:
        answer.update(latitude=float(page.latitude), longitude=float(page.longitude))
    answer["addresses"] = addresses
    return answer


# --- Services: the associations' recurring activities --------------------------------------------------


@dataclass
class Activity:
    """One recurring activity of an association page, read from the block's stored data."""

    page: AssociationPage
    id: str
    title: str
    description: str
    weekdays: list
    starts: str  # HH:MM or ""
    ends: str
    place: str
    target_group: TargetGroup | None

    def text(self):
        """What a text search looks in."""
        return " ".join((self.title, self.description, self.place, self.page.title))

    def terms(self):
        terms = page_terms(self.page)
        if self.target_group is not None and ("audience", self.target_group) not in terms:
            terms.append(("audience", self.target_group))
        return terms


def activities(pages):
    """The Activity of every recurring activity of `pages`, in page order; the target groups chosen in
    the blocks are read in one query."""
    blocks = [(page, block) for page in pages for block in page.activities.raw_data]
    group_ids = {block["value"].get("target_group") for _page, block in blocks} - {None}
    groups = TargetGroup.objects.in_bulk(group_ids) if group_ids else {}
    found = []
    for page, block in blocks:
        value = block["value"]
        found.append(
            Activity(
                page=page,
                id=str(block["id"]),
                title=value.get("title") or page.title,
                description=value.get("description") or "",
                weekdays=[day for day in value.get("weekdays") or [] if day in BYDAY],
                starts=clock(value.get("start_time")),
                ends=clock(value.get("end_time")),
                place=value.get("place") or "",
                target_group=groups.get(value.get("target_group")),
            )
        )
    return found


def clock(value):
    """HH:MM of a stored time ("18:30" or "18:30:00"), or "" for none or anything else."""
    try:
        return datetime.time.fromisoformat(str(value)).strftime("%H:%M") if value else ""
    except ValueError:
        return ""


def modified(page):
    """When the page (and so its activities) last changed, in RFC 3339."""
    if page.last_published_at is None:
        return None
    return page.last_published_at.astimezone(datetime.UTC).isoformat(timespec="seconds")


def service(activity, context, minimal=False, with_organization=True):
    """The service's own (one-to-one) fields and its organization (left out within the organization);
    `minimal` only the id, the name, the status and when it last changed."""
    answer = {"id": activity.id, "name": activity.title, "status": "active"}
    answer.update(present(last_modified=modified(activity.page)))
    if minimal:
        return answer
    page = activity.page
    answer.update(
        present(
            organization_id=organization_id(page),
            description=activity.description,
            url=page.get_full_url(context.request),
            email=page.email,
        )
    )
    if with_organization:
        answer["organization"] = organization(page, context)
    return answer


def full_service(activity, context, with_locations=True, with_organization=True):
    """The service with its phone, schedule, languages, place (`with_locations`) and taxonomy terms."""
    page = activity.page
    answer = service(activity, context, with_organization=with_organization)
    answer.update(
        phones=[{"id": derived_id(activity.id, "phone"), "service_id": activity.id, "number": page.phone}]
        if page.phone
        else [],
        schedules=schedules(activity, context),
        languages=languages(activity, context),
    )
    if with_locations:
        place = location(page, context)
        answer["service_at_locations"] = [service_at_location(activity, place)] if place else []
    answer["attributes"] = attributes(activity.id, "service", activity.terms(), context)
    return answer


def schedules(activity, context):
    """The weekly schedule (RFC 5545 weekdays, local times in Helsinki), or none when the activity has no
    days or times."""
    if not (activity.weekdays or activity.starts or activity.ends):
        return []
    labels = dict(WEEKDAYS)
    with translation.override(context.language):
        days = ", ".join(str(labels[day]) for day in activity.weekdays)
    hours = "–".join(time for time in (activity.starts, activity.ends) if time)
    return [
        present(
            id=derived_id(activity.id, "schedule"),
            service_id=activity.id,
            freq="WEEKLY" if activity.weekdays else None,
            byday=",".join(BYDAY[day] for day in activity.weekdays),
            opens_at=activity.starts,
            closes_at=activity.ends,
            description=" ".join(part for part in (days, hours) if part),
        )
    ]


def languages(activity, context):
    """The languages the association serves in, by ISO 639-1 code; "other languages" has a name and no
    code."""
    labels = dict(SERVICE_LANGUAGES)
    found = []
    with translation.override(context.language):
        for code in activity.page.service_languages:
            if code not in labels:
                continue
            found.append(
                present(
                    id=derived_id(activity.id, "language", code),
                    service_id=activity.id,
                    name=str(labels[code]),
                    code=code if code != "other" else None,
                )
            )
    return found


def service_at_location(activity, place, service_object=None):
    """The service at its association's location; `place` is that location's object."""
    answer = present(
        id=derived_id(activity.id, "at", place["id"]),
        service_id=activity.id,
        location_id=place["id"],
        description=activity.place,
    )
    answer["location"] = place
    if service_object is not None:
        answer["service"] = service_object
    return answer
