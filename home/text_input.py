"""Text as people and files hand it to the service: without control characters, and names one can see.

C0 control characters (U+0000 to U+001F) other than tab, line feed and carriage return are never typed on
purpose, yet one of them in a title made the news feeds and the admin's XLSX exports answer 500: XML 1.0
cannot hold them, and PostgreSQL text cannot hold NUL. They are stripped wherever text comes in (every
POST by `sakke_site.middleware.ControlCharacterMiddleware`, the importer's row reader) and once more where
text goes out as XML (feeds, spreadsheets), for data stored before.

Names are refused, with a message next to the field, when they have nothing visible (only spaces or
zero-width characters) or carry bidirectional overrides or isolates, which make a name read differently
from what it is ("Trojan Source").
"""

import json
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The same set as openpyxl's ILLEGAL_CHARACTERS_RE (home/tests/test_text_input.py checks it).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Left-to-right/right-to-left embeddings and overrides (U+202A to U+202E) and isolates (U+2066 to U+2069).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Unicode categories that draw nothing: controls, formats (zero-width space, joiners, BOM), separators,
# unassigned code points.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Zs", "Zl", "Zp"})
# Letters and marks that render as blank space although Unicode calls them something else.
BLANK_LOOKING = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0" + "".join(map(chr, range(0xFE00, 0xFE10)))
)


def has_control_characters(value):
    """Whether `value` (text) holds a C0 control character other than tab, line feed or carriage return."""
    return bool(CONTROL_CHARACTERS.search(value))


def clean_text(value):
    """`value` without C0 control characters other than tab, line feed and carriage return.

    Anything that is not a str (None, numbers, dates) is returned as it is.
    """
    if isinstance(value, str) and has_control_characters(value):
        return CONTROL_CHARACTERS.sub("", value)
    return value


# How JSON writes the control characters clean_text removes: \u0001 …, and \b and \f (JSON.stringify's own).
JSON_CONTROL_ESCAPES = ("\\u00", "\\b", "\\f")


def clean_submitted_text(value):
    """A submitted form value without control characters, also where the value is JSON.

    Wagtail's rich text editor and other admin widgets post JSON, in which a control character arrives as
    an escape (`\\u0001`) that only means one once parsed; such values are parsed, cleaned and written
    back. Anything else is cleaned as text.
    """
    value = clean_text(value)
    if any(escape in value for escape in JSON_CONTROL_ESCAPES) and value.lstrip()[:1] in ("{", "["):
        try:
            data = json.loads(value)
        except (ValueError, RecursionError):
            return value
        cleaned = _clean_json(data)
        if cleaned != data:
            return json.dumps(cleaned, ensure_ascii=False)
    return value


def _clean_json(data):
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, list):
        return [_clean_json(item) for item in data]
    if isinstance(data, dict):
        return {clean_text(key): _clean_json(item) for key, item in data.items()}
    return data


def is_invisible(character):
    return unicodedata.category(character) in INVISIBLE_CATEGORIES or character in BLANK_LOOKING


def validate_visible_name(value):
    """Refuse a name that has no visible character, or that carries bidirectional control characters."""
    if not isinstance(value, str) or not value:
        return
    if BIDI_CONTROLS.search(value):
        raise ValidationError(
            _(
                "The name has hidden characters that change the direction of the text. "
                "Type it again without them."
            ),
            code="bidi_control",
        )
    if all(is_invisible(character) for character in value):
        raise ValidationError(
            _("The name has no visible letters or numbers. Type the name with visible characters."),
            code="invisible_name",
        )


def add_model_field_validator(model, field_name, validator):
    """Run `validator` on a field of a model defined elsewhere (Wagtail's page title, Django's user names).

    Model validation runs these in every model form (the error is shown next to the field), the importer
    (`clean_fields`) and Wagtail's `Page.save()`. The validator is added to the field's validator list, not
    its definition, so no migration follows.
    """
    validators = model._meta.get_field(field_name).validators
    if validator not in validators:
        validators.append(validator)
