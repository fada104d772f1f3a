"""Whole numbers from query strings and URLs: ASCII digits only, within bounds.

Python accepts more than a visitor or consumer should send: `"²".isdigit()` is true but `int("²")` fails,
`int("٣")` (Arabic-Indic three) is 3, `int("1_000")` is 1000 and a 30-digit number overflows the
database's integers. Every parameter that names a number (ids, offsets, limits, pages, years) is read
with `whole_number`, which refuses all of that with a message the caller turns into a 400 or a 404.
"""

import re

# The largest id of a PostgreSQL `integer` column (Wagtail's page ids and our own AutoFields).
MAX_ID = 2_147_483_647
# The furthest any listing may be paged (?offset=), far beyond any real listing.
MAX_OFFSET = 1_000_000_000
# The longest search text or other free text a query parameter may hold.
MAX_TEXT_LENGTH = 200

DIGITS = re.compile(r"-?[0-9]+")
SHOWN_LENGTH = 40
MAX_DIGITS = 20  # more than a 64-bit integer has


class InvalidNumber(ValueError):
    """A parameter that is not a whole number within its bounds; str() is a message for the client."""


def whole_number(text, name, minimum=0, maximum=MAX_ID):
    """The int written in `text` as ASCII digits (an optional leading minus), between `minimum` and
    `maximum`; InvalidNumber with a message naming parameter `name` for anything else."""
    text = str(text)
    if not DIGITS.fullmatch(text):
        shown = text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"
        raise InvalidNumber(f"'{name}' must be a whole number, not '{shown}'.")
    negative = text.startswith("-")
    digits = text.lstrip("-").lstrip("0") or "0"
    # More digits than any bound has is out of range: no int() of thousands of digits (slow, and past
    # Python's limit a ValueError of its own).
    if len(digits) > MAX_DIGITS:
        number = minimum - 1 if negative else maximum + 1
    else:
        number = -int(digits) if negative else int(digits)
    if number < minimum:
        raise InvalidNumber(
            f"'{name}' cannot be negative." if minimum == 0 else f"'{name}' must be at least {minimum}."
        )
    if number > maximum:
        raise InvalidNumber(f"'{name}' can be at most {maximum}.")
    return number


class IdConverter:
    """A URL path converter for ids: ASCII digits naming a number up to MAX_ID. A longer number does
    not match, so the URL is a 404 instead of reaching the database as an overflowing integer."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        return whole_number(value, "id")  # InvalidNumber is a ValueError: Django treats it as no match

    def to_url(self, value):
        return str(value)
