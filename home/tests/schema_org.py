"""A small part of the schema.org vocabulary, enough to check the JSON-LD the site writes: the types it
uses, their parents, the properties each type has (its own; a type has its parents' too), what a
property may hold when it holds an object, and the members of the enumerations it uses.

Taken from the schema.org type pages (https://schema.org/Organization and so on). A property missing here
is not necessarily wrong on schema.org: add it to its type, from the type's page, when the site starts
to write it.
"""

import json

PARENTS = {
    "Thing": None,
    "Organization": "Thing",
    "NGO": "Organization",
    "Person": "Thing",
    "Place": "Thing",
    "AdministrativeArea": "Place",
    "CreativeWork": "Thing",
    "Article": "CreativeWork",
    "NewsArticle": "Article",
    "MediaObject": "CreativeWork",
    "ImageObject": "MediaObject",
    "Event": "Thing",
    "Intangible": "Thing",
    "StructuredValue": "Intangible",
    "ContactPoint": "StructuredValue",
    "PostalAddress": "ContactPoint",
    "GeoCoordinates": "StructuredValue",
    "PropertyValue": "StructuredValue",
    "VirtualLocation": "Intangible",
    "Offer": "Intangible",
    "Audience": "Intangible",
    "Schedule": "Intangible",
    "Language": "Intangible",
}

OWN_PROPERTIES = {
    "Thing": {
        "additionalType",
        "alternateName",
        "description",
        "disambiguatingDescription",
        "identifier",
        "image",
        "mainEntityOfPage",
        "name",
        "potentialAction",
        "sameAs",
        "subjectOf",
        "url",
    },
    "Organization": {
        "address",
        "areaServed",
        "contactPoint",
        "department",
        "email",
        "event",
        "founder",
        "foundingDate",
        "funder",
        "keywords",
        "knowsAbout",
        "knowsLanguage",
        "legalName",
        "location",
        "logo",
        "member",
        "memberOf",
        "nonprofitStatus",
        "numberOfEmployees",
        "parentOrganization",
        "slogan",
        "taxID",
        "telephone",
        "vatID",
    },
    "NGO": set(),
    "Person": {
        "address",
        "affiliation",
        "email",
        "familyName",
        "givenName",
        "jobTitle",
        "knowsLanguage",
        "memberOf",
        "telephone",
        "worksFor",
    },
    "Place": {
        "address",
        "containedInPlace",
        "containsPlace",
        "event",
        "geo",
        "hasMap",
        "isAccessibleForFree",
        "keywords",
        "latitude",
        "logo",
        "longitude",
        "maximumAttendeeCapacity",
        "openingHoursSpecification",
        "photo",
        "publicAccess",
        "telephone",
    },
    "AdministrativeArea": set(),
    "CreativeWork": {
        "about",
        "audience",
        "author",
        "contentLocation",
        "creator",
        "dateCreated",
        "dateModified",
        "datePublished",
        "headline",
        "inLanguage",
        "isAccessibleForFree",
        "isPartOf",
        "keywords",
        "license",
        "mentions",
        "publisher",
        "text",
        "thumbnailUrl",
    },
    "Article": {"articleBody", "articleSection", "speakable", "wordCount"},
    "NewsArticle": {"dateline", "printColumn", "printEdition", "printPage", "printSection"},
    "MediaObject": {"contentUrl", "embedUrl", "encodingFormat", "height", "uploadDate", "width"},
    "ImageObject": {"caption", "embeddedTextCaption", "exifData", "representativeOfPage"},
    "Event": {
        "about",
        "attendee",
        "audience",
        "doorTime",
        "duration",
        "endDate",
        "eventAttendanceMode",
        "eventSchedule",
        "eventStatus",
        "funder",
        "inLanguage",
        "isAccessibleForFree",
        "keywords",
        "location",
        "maximumAttendeeCapacity",
        "maximumPhysicalAttendeeCapacity",
        "maximumVirtualAttendeeCapacity",
        "offers",
        "organizer",
        "performer",
        "previousStartDate",
        "remainingAttendeeCapacity",
        "sponsor",
        "startDate",
        "subEvent",
        "superEvent",
        "typicalAgeRange",
    },
    "Intangible": set(),
    "StructuredValue": set(),
    "ContactPoint": {
        "areaServed",
        "availableLanguage",
        "contactOption",
        "contactType",
        "email",
        "hoursAvailable",
        "telephone",
    },
    "PostalAddress": {
        "addressCountry",
        "addressLocality",
        "addressRegion",
        "postOfficeBoxNumber",
        "postalCode",
        "streetAddress",
    },
    "GeoCoordinates": {"address", "addressCountry", "elevation", "latitude", "longitude", "postalCode"},
    "PropertyValue": {"maxValue", "minValue", "propertyID", "unitCode", "unitText", "value"},
    "VirtualLocation": set(),
    "Offer": {
        "availability",
        "availabilityEnds",
        "availabilityStarts",
        "category",
        "eligibleQuantity",
        "eligibleRegion",
        "inventoryLevel",
        "itemOffered",
        "offeredBy",
        "price",
        "priceCurrency",
        "priceSpecification",
        "priceValidUntil",
        "seller",
        "validFrom",
        "validThrough",
    },
    "Audience": {"audienceType", "geographicArea"},
    "Schedule": {
        "byDay",
        "byMonth",
        "byMonthDay",
        "byMonthWeek",
        "duration",
        "endDate",
        "endTime",
        "exceptDate",
        "repeatCount",
        "repeatFrequency",
        "scheduleTimezone",
        "startDate",
        "startTime",
    },
    "Language": set(),
}

# The types a property may hold when it holds an object (any of their subtypes too). A property that
# is not listed may hold any Thing.
RANGES = {
    "address": {"PostalAddress"},
    "areaServed": {"AdministrativeArea", "Place"},
    "geo": {"GeoCoordinates"},
    "location": {"Place", "PostalAddress", "VirtualLocation"},
    "identifier": {"PropertyValue"},
    "logo": {"ImageObject"},
    "image": {"ImageObject"},
    "author": {"Organization", "Person"},
    "publisher": {"Organization", "Person"},
    "organizer": {"Organization", "Person"},
    "offers": {"Offer"},
    "audience": {"Audience"},
    "eventSchedule": {"Schedule"},
    "knowsLanguage": {"Language"},
    "inLanguage": {"Language"},
}

# Properties whose value is a member of an enumeration, written as its schema.org address.
ENUMERATIONS = {
    "eventStatus": {
        "EventScheduled",
        "EventCancelled",
        "EventPostponed",
        "EventRescheduled",
        "EventMovedOnline",
    },
    "eventAttendanceMode": {
        "OfflineEventAttendanceMode",
        "OnlineEventAttendanceMode",
        "MixedEventAttendanceMode",
    },
    "availability": {
        "InStock",
        "OutOfStock",
        "SoldOut",
        "PreOrder",
        "PreSale",
        "LimitedAvailability",
        "Discontinued",
        "BackOrder",
        "InStoreOnly",
        "OnlineOnly",
        "MadeToOrder",
    },
    "byDay": {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
}

# Properties whose text value is an address; JSON-LD for search engines needs them absolute.
URL_PROPERTIES = {"url", "sameAs", "contentUrl", "thumbnailUrl", "hasMap", "image", "logo"}


def ancestry(kind):
    """The type and its parents, nearest first."""
    while kind is not None:
        yield kind
        kind = PARENTS[kind]


def properties(kind):
    return set().union(*(OWN_PROPERTIES[parent] for parent in ancestry(kind)))


def problems(node, where="$"):
    """What in the JSON-LD `node` is not schema.org as the table above says: unknown types, properties a
    type does not have, objects of a type a property cannot hold, enumeration values that are no
    member, relative addresses."""
    found = []
    if isinstance(node, list):
        for number, item in enumerate(node):
            found += problems(item, f"{where}[{number}]")
        return found
    if not isinstance(node, dict):
        return found
    kind = node.get("@type")
    if kind not in PARENTS:
        return [f"{where}: unknown type {kind!r}"]
    allowed = properties(kind)
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in allowed:
            found.append(f"{where}: {kind} has no property {name!r}")
            continue
        for item in value if isinstance(value, list) else [value]:
            found += _value_problems(name, item, f"{where}.{name}")
    return found


def _value_problems(name, value, where):
    if isinstance(value, dict):
        kind = value.get("@type")
        expected = RANGES.get(name)
        if expected and kind in PARENTS and not expected & set(ancestry(kind)):
            return [f"{where}: {kind} cannot be the value of {name!r} (one of {sorted(expected)})"]
        return problems(value, where)
    if name in ENUMERATIONS:
        member = str(value).removeprefix("https://schema.org/")
        if not str(value).startswith("https://schema.org/") or member not in ENUMERATIONS[name]:
            return [f"{where}: {value!r} is not a member of {name}'s enumeration"]
    if name in URL_PROPERTIES and not str(value).startswith(("https://", "http://")):
        return [f"{where}: {value!r} is not an absolute address"]
    return []


def parse(script_text):
    """The JSON-LD of a <script type="application/ld+json"> element, read with the json module; the
    site escapes <, > and & as \\u escapes, which any JSON reader turns back."""
    data = json.loads(script_text)
    assert data["@context"] == "https://schema.org"
    return data
