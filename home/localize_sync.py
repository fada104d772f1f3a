"""A fix for wagtail-localize 1.14: clearing a synchronised many-to-many field reaches the translations.

`wagtail_localize.fields.copy_synchronised_fields` copies a synchronised `ParentalManyToManyField` only
when the source has values (`if values:`), so when an editor removes the last category, target group or
related association from a Finnish page, the Swedish page keeps the old ones after *Sync translated
pages* and keeps showing up under them in the Swedish directory. (Upstream: wagtail/wagtail-localize
issue 820 and pull request 891, open.) After the library's copy, the empty ones are copied too.
`HomeConfig.ready()` installs it; `home/tests/test_localize_sync.py` fails without it.
"""

from modelcluster.fields import ParentalManyToManyField
from wagtail_localize import fields as localize_fields
from wagtail_localize import models as localize_models
from wagtail_localize.fields import get_translatable_fields

_library_copy = localize_fields.copy_synchronised_fields


def copy_synchronised_fields(source, target):
    _library_copy(source, target)
    for translatable_field in get_translatable_fields(source.__class__):
        if not translatable_field.is_synchronized(source):
            continue
        field = translatable_field.get_field(target.__class__)
        if isinstance(field, ParentalManyToManyField) and not getattr(source, field.name).all():
            setattr(target, field.attname, [])


def install():
    """wagtail_localize.models imported the function by name, so it is replaced there."""
    localize_models.copy_synchronised_fields = copy_synchronised_fields
