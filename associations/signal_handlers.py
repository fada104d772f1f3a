"""Keeps association editors' rights in step with new language versions of their page."""

from wagtail.signals import page_published

from associations.invitations import ORIGINAL_LANGUAGE, ensure_editor_group, find_editor_group
from associations.models import AssociationPage


def grant_editors_new_translation(sender, instance, **kwargs):
    """When a Swedish version of an association page is published, its editors may edit it too."""
    if instance.locale.language_code == ORIGINAL_LANGUAGE:
        return
    if find_editor_group(instance) is not None:
        ensure_editor_group(instance)


def register():
    page_published.connect(grant_editors_new_translation, sender=AssociationPage)
