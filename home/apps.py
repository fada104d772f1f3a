from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Home page, generic content pages, shared blocks and site settings."""

    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from home import content_changes, localize_sync, webhooks

        content_changes.register()
        webhooks.register()
        localize_sync.install()
        self.guard_text_input_and_exports()

    @staticmethod
    def guard_text_input_and_exports():
        """Names must be visible (page titles, people's names) and Wagtail's own exports formula-safe."""
        from django.contrib.auth import get_user_model
        from wagtail.models import Page

        # Called from ready(): models and Wagtail's admin are loaded only by then.
        from home.spreadsheets import install_wagtail_export_guard
        from home.text_input import add_model_field_validator, validate_visible_name

        add_model_field_validator(Page, "title", validate_visible_name)
        user_model = get_user_model()
        for name in ("first_name", "last_name"):
            add_model_field_validator(user_model, name, validate_visible_name)
        install_wagtail_export_guard()
