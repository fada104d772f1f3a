"""What the schema.org JSON-LD of every content type shares: the escaping for a <script> element, absolute
image addresses, postal addresses and coordinates, and the service itself as the publisher.

The builders are in the apps (associations/structured_data.py, news/structured_data.py); the properties
each type may have are checked by the tests against a table taken from schema.org (home/tests/schema_org.py).
"""

import json

from django.templatetags.static import static
from django.utils.translation import gettext
from wagtail.models import Site

from home.models import SiteSettings

SCHEMA = "https://schema.org"
# The service's mark (the same file as the favicon): a vector image, so it fits any size asked for.
LOGO = "img/favicon.svg"
# Language codes that are BCP 47 tags; "other" (other languages) names none.
BCP47_LANGUAGES = frozenset(["fi", "sv", "en"])


def script_json(data):
    """`data` as JSON that cannot end the <script> element it is written into."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def language_tags(codes):
    """The BCP 47 tags among the service's language codes, in their order."""
    return [code for code in codes or [] if code in BCP47_LANGUAGES]


def image_url(image, request, spec="max-1200x1200"):
    """The absolute address of a rendition of `image`, or None without one (or without its file)."""
    if image is None:
        return None
    try:
        return request.build_absolute_uri(image.get_rendition(spec).url)
    except (OSError, ValueError):  # the original file is missing
        return None


def postal_address(owner):
    """A PostalAddress from a model with home.models.PostalAddress's fields, or None without one."""
    if not (owner.street_address or owner.post_office):
        return None
    return {
        "@type": "PostalAddress",
        "streetAddress": owner.street_address,
        "postalCode": owner.postal_code,
        "addressLocality": owner.post_office,
        "addressCountry": "FI",
    }


def coordinates(owner):
    """GeoCoordinates from a model's latitude and longitude, or None without both."""
    if owner.latitude is None or owner.longitude is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": float(owner.latitude), "longitude": float(owner.longitude)}


def publisher(request):
    """The service as an Organization: its name from the site settings (in the request's language) or the
    service's own name, the home page's address and the logo as an ImageObject."""
    site = Site.find_for_request(request)
    language = getattr(request, "LANGUAGE_CODE", "fi")
    name = SiteSettings.for_site(site).organisation_name(language) if site is not None else ""
    organisation = {
        "@type": "Organization",
        "name": name or gettext("Association information service of Pohjois-Savo"),
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static(LOGO))},
    }
    if site is not None:
        organisation["url"] = site.root_page.localized.get_full_url(request)
    return organisation
