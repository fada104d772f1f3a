from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Home page, generic content pages, shared blocks and site settings."""

    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from home import localize_sync, webhooks
        from sakke_site import api_cache

        api_cache.register()
        webhooks.register()
        localize_sync.install()
