"""Admin views for importing associations (registered from wagtail_hooks)."""
