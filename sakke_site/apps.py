from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SakkeSiteConfig(AppConfig):
    """Settings, URLs, the API router, the site-wide search page, the sitemap and the demo loader."""

    name = "sakke_site"

    def ready(self):
        # Called from ready(): the module imports Wagtail's models, which are loaded only by then.
        from sakke_site.site_address import follow_after_migrate

        # Django sends post_migrate for apps with models only; this app has none, so it follows Wagtail's.
        post_migrate.connect(
            follow_after_migrate,
            sender=self.apps.get_app_config("wagtailcore"),
            dispatch_uid="sakke-site-follow-public-base-url",
        )
