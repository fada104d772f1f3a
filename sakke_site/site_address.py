"""The default Wagtail Site follows PUBLIC_BASE_URL, so every page address is the one visitors use.

Wagtail builds a page's absolute address (Page.full_url: the sitemap, feeds, the API's html_url, JSON-LD)
from the hostname and port of the Site the page belongs to. A fresh database has Wagtail's localhost:80,
which is wrong wherever the site is served. After each `migrate` (and after `load_demo`) the default Site
takes the host and port of PUBLIC_BASE_URL. Only the default Site is touched, and only when the setting is
given: installations with several sites, or a Site edited by hand, keep theirs when it is unset.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from wagtail.models import Site

from home.content_changes import content_changed

logger = logging.getLogger(__name__)


def host_and_port(base_url):
    """(hostname, port) of an address checked by the settings (sakke_site/settings/base.py)."""
    parts = urlsplit(base_url)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def follow_public_base_url(site_model=Site, using=DEFAULT_DB_ALIAS):
    """Give the default Site the host and port of PUBLIC_BASE_URL. Returns the Site when it changed.

    `site_model` is the migration state's model when called from post_migrate. Idempotent: a Site that
    already has the address is not saved again.
    """
    if not settings.PUBLIC_BASE_URL:
        return None
    hostname, port = host_and_port(settings.PUBLIC_BASE_URL)
    sites = site_model.objects.using(using)
    site = sites.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return None
    other = sites.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
    if other is not None:
        # Another site already answers at that address; taking it would break that site.
        logger.warning(
            "PUBLIC_BASE_URL is %s, but the site %r already has that address: the default site keeps %s:%s.",
            settings.PUBLIC_BASE_URL,
            other.site_name or other.pk,
            site.hostname,
            site.port,
        )
        return None
    old = f"{site.hostname}:{site.port}"
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    # A migration-state model sends no signal Wagtail listens to: forget the cached site root paths here,
    # and every cached API answer that carries the old addresses.
    Site.clear_site_root_paths_cache()
    content_changed()
    logger.info("The default site moved from %s to %s (PUBLIC_BASE_URL).", old, f"{hostname}:{port}")
    return site


def follow_after_migrate(sender, apps, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver (sakke_site/apps.py), run once per `migrate` with Wagtail's migration state."""
    try:
        site_model = apps.get_model("wagtailcore", "Site")
    except LookupError:  # migrated back below Wagtail's first migration
        return
    follow_public_base_url(site_model, using=using)
