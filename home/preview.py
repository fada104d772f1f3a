"""Previewing a draft in a consuming site (headless preview), configured by HEADLESS_PREVIEW_URL.

When the variable is set, the admin's preview offers a second mode, "On the consuming site": Wagtail
saves the draft under a signed, short-lived token (wagtail-headless-preview) and shows the consumer's
page `HEADLESS_PREVIEW_URL?content_type=<app.model>&token=<token>`; the consumer fetches the draft from
`/api/v2/page_preview/?content_type=…&token=…` in the same JSON as `/api/v2/pages/<id>/`. Without the
variable, preview works as usual on this site only.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin

CONSUMER_MODE = "consumer"


class ConsumerPreviewMixin(HeadlessPreviewMixin):
    @property
    def preview_modes(self):
        modes = list(super().preview_modes)
        if settings.HEADLESS_PREVIEW_URL:
            modes.append((CONSUMER_MODE, _("On the consuming site")))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name == CONSUMER_MODE and settings.HEADLESS_PREVIEW_URL:
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        return Page.serve_preview(self, request, mode_name)
