"""Admin hooks for inviting editors and following data freshness (registered from wagtail_hooks)."""
