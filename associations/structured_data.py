"""schema.org JSON-LD of an association's profile: an NGO, escaped for a <script> element.

An NGO is an Organization: its languages are `knowsLanguage` (BCP 47 tags; "other languages" names
none), and where it is, with coordinates, is a Place under `location` (an Organization has no `geo`).
Every address is absolute.
"""

from home.structured_data import SCHEMA, coordinates, image_url, language_tags, postal_address, script_json


def association(page, request, names):
    """The NGO of `page`, with the municipalities it works in named in the page's language (`names`: an
    associations.directory.TaxonomyNames)."""
    municipalities = [page.home_municipality] if page.home_municipality_id else []
    municipalities += list(page.other_municipalities.all())
    data = {
        "@context": SCHEMA,
        "@type": "NGO",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "areaServed": [
            {"@type": "AdministrativeArea", "name": name}
            for name in filter(None, (names.name(term, "municipalities") for term in municipalities))
        ],
    }
    if languages := language_tags(page.service_languages):
        data["knowsLanguage"] = languages
    if page.business_id:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "Y-tunnus", "value": page.business_id}
    if page.email:
        data["email"] = page.email
    if page.phone:
        data["telephone"] = page.phone
    if page.website:
        data["sameAs"] = [page.website]
    if page.founded_year:
        data["foundingDate"] = str(page.founded_year)
    address, geo = postal_address(page), coordinates(page)
    if address:
        data["address"] = address
    if address or geo:
        place = {"@type": "Place"}
        if address:
            place["address"] = address
        if geo:
            place["geo"] = geo
        data["location"] = place
    if logo := image_url(page.logo, request, "max-400x400"):
        data["logo"] = {"@type": "ImageObject", "url": logo}
    return script_json(data)
