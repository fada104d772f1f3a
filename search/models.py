"""Search keeps no models of its own: Wagtail indexes the page models."""
